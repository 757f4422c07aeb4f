import { describe, expect, it } from "vitest";
import {
  covers,
  holdsRole,
  mayAct,
  READER_ROLES,
  scopeRoots,
  supervisorsOf,
  type UnitRef,
} from "../../../src/domain/scope.js";

// Kota Mataram → Sekretariat Daerah → Bagian Organisasi; and the BKPSDM beside it.
const mataram: UnitRef = { _id: "mataram", path: [] };
const setda: UnitRef = { _id: "mataram.setda", path: ["mataram"] };
const organisasi: UnitRef = { _id: "mataram.setda.org", path: ["mataram", "mataram.setda"] };
const bkpsdm: UnitRef = { _id: "mataram.bkpsdm", path: ["mataram"] };
const jambi: UnitRef = { _id: "jambi", path: [] };

describe("roles cover a unit and its subtree", () => {
  it("reaches the unit and everything below it, never beside or above", () => {
    expect(covers("mataram.setda", setda)).toBe(true);
    expect(covers("mataram.setda", organisasi)).toBe(true);
    expect(covers("mataram.setda", bkpsdm)).toBe(false);
    expect(covers("mataram.setda", mataram)).toBe(false);
  });

  it("lets an admin grant act as every role in its subtree, and a bootstrap admin everywhere", () => {
    const koordinator = { grants: [{ role: "koordinator" as const, unitId: "mataram.bkpsdm" }] };
    expect(mayAct(koordinator, "koordinator", bkpsdm)).toBe(true);
    expect(mayAct(koordinator, "supervisor", bkpsdm)).toBe(false);
    expect(mayAct(koordinator, "koordinator", setda)).toBe(false);
    const admin = { grants: [{ role: "admin" as const, unitId: "mataram" }] };
    expect(mayAct(admin, "supervisor", organisasi)).toBe(true);
    expect(mayAct(admin, "koordinator", jambi)).toBe(false);
    expect(mayAct({ grants: [], bootstrapAdmin: true }, "admin", jambi)).toBe(true);
    expect(holdsRole(koordinator, "supervisor")).toBe(false);
    expect(holdsRole(admin, "supervisor")).toBe(true);
    expect(scopeRoots(admin, "koordinator")).toEqual(["mataram"]);
    expect(scopeRoots({ grants: [], bootstrapAdmin: true }, "koordinator")).toBeUndefined();
  });
});

describe("who reads a unit's figures", () => {
  it("joins the units of every reading role, so a coordinator reads where they coordinate", () => {
    const both = {
      grants: [
        { role: "koordinator" as const, unitId: "mataram.bkpsdm" },
        { role: "supervisor" as const, unitId: "mataram.setda" },
        { role: "supervisor" as const, unitId: "mataram.bkpsdm" },
      ],
    };
    expect(scopeRoots(both, READER_ROLES)).toEqual(["mataram.bkpsdm", "mataram.setda"]);
    expect(scopeRoots({ grants: [{ role: "koordinator" as const, unitId: "jambi" }] }, READER_ROLES)).toEqual(
      ["jambi"],
    );
    expect(scopeRoots({ grants: [{ role: "admin" as const, unitId: "jambi" }] }, "supervisor")).toEqual([
      "jambi",
    ]);
  });
});

describe("a person's supervisors", () => {
  const holders = [
    { personId: "kabag", grants: [{ role: "supervisor" as const, unitId: "mataram.setda.org" }] },
    { personId: "sekda", grants: [{ role: "supervisor" as const, unitId: "mataram.setda" }] },
    { personId: "kepala-bkpsdm", grants: [{ role: "koordinator" as const, unitId: "mataram.bkpsdm" }] },
  ];

  it("are the supervisors of the nearest unit that has any, at or above the person's unit", () => {
    expect(supervisorsOf({ _id: "staf", unit: organisasi }, holders)).toEqual(["kabag"]);
    // The kabag's own supervisor is one level up, not themself.
    expect(supervisorsOf({ _id: "kabag", unit: organisasi }, holders)).toEqual(["sekda"]);
    // Nobody supervises the BKPSDM or anything above it.
    expect(supervisorsOf({ _id: "staf-bkpsdm", unit: bkpsdm }, holders)).toEqual([]);
  });
});
