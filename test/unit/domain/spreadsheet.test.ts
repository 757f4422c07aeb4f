import { describe, expect, it } from "vitest";
import { neutralizeCell } from "../../../src/domain/spreadsheet.js";

describe("cells in exports", () => {
  it("turns anything a spreadsheet would run as a formula into plain text, and leaves the rest", () => {
    for (const bad of ["=1+1", "+62 812", "-2+3", "@SUM(A1)", "\t=x", "\r=x"])
      expect(neutralizeCell(bad)).toBe(`'${bad}`);
    for (const good of ["Sri Wahyuni", "198203142008012005", "2026-11-25", "", "a=b"])
      expect(neutralizeCell(good)).toBe(good);
  });
});
