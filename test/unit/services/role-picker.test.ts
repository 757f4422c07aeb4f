import { describe, expect, it } from "vitest";
import { pageOf, parsePickerData, searchText } from "../../../src/features/roles/role-picker.js";

describe("role picker button data", () => {
  it("parses only the shapes the picker issues", () => {
    expect(parsePickerData("per|g|2|budi santoso")).toEqual({
      kind: "list",
      verb: "beri",
      page: 2,
      filter: "budi santoso",
    });
    expect(parsePickerData("per|gy|pabc123|s|AbC-_12345")).toEqual({
      kind: "grant",
      personId: "pabc123",
      role: "supervisor",
      unitKey: "AbC-_12345",
    });
    expect(parsePickerData("per|rc|pabc|k|AAAAAAAAAA")).toMatchObject({ kind: "confirm-revoke" });
    for (const bad of [
      "per|g|-1",
      "per|g|1|Budi",
      "per|gp|P1",
      "per|gp|p1|extra",
      "per|gy|p1|x|AAAAAAAAAA",
      "per|gy|p1|k|AAAA",
      `per|g|0|${"a".repeat(21)}`,
      "per|gp|p1\n",
    ])
      expect(parsePickerData(bad), bad).toBeUndefined();
  });

  it("folds typed text to lower-case ASCII words", () => {
    expect(searchText("  Dédi  O'Neil, S.Kom ")).toBe("dedi o neil s kom");
  });

  it("pages 8 at a time and clamps a page that is gone", () => {
    const items = Array.from({ length: 17 }, (_, i) => i);
    expect(pageOf(items, 2)).toEqual({ items: [16], page: 2, pages: 3, clamped: false });
    expect(pageOf(items, 9)).toMatchObject({ page: 2, clamped: true });
    expect(pageOf([], 0)).toEqual({ items: [], page: 0, pages: 1, clamped: false });
  });
});
