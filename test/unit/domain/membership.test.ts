import { describe, expect, it } from "vitest";
import { officialUnitOf, unitChoice, unitIsSelfDeclared } from "../../../src/domain/membership.js";

describe("unit membership", () => {
  it("is self-declared only for a person marked unverified", () => {
    expect(unitIsSelfDeclared({ unverified: true })).toBe(true);
    expect(unitIsSelfDeclared({ unverified: false })).toBe(false);
    expect(unitIsSelfDeclared({})).toBe(false);
  });

  it("saves a self-declared unit, and turns a verified person's new unit into a request", () => {
    expect(unitChoice({ unverified: true, unitId: "a" }, "b")).toBe("save");
    expect(unitChoice({ unverified: true, unitId: "a" }, "a")).toBe("save");
    expect(unitChoice({ unitId: "a" }, "b")).toBe("request");
    expect(unitChoice({}, "b")).toBe("request");
    expect(unitChoice({ unitId: "a" }, "a")).toBe("same");
  });

  it("gives an unverified person no official unit: their declared one counts nowhere", () => {
    expect(officialUnitOf({ unitId: "a" })).toBe("a");
    expect(officialUnitOf({ unitId: "a", unverified: true })).toBeUndefined();
    expect(officialUnitOf({})).toBeUndefined();
  });
});
