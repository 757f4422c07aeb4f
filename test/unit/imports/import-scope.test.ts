import { describe, expect, it } from "vitest";
import { type Actor, OPERATOR } from "../../../src/domain/scope.js";
import {
  jabatanRowsOutOfScope,
  peopleRowsOutOfScope,
  unitRowsOutOfScope,
} from "../../../src/imports/import-scope.js";

const dinkesAdmin: Actor = { grants: [{ role: "admin", unitId: "jambi.dinkes" }] };
const jambiAdmin: Actor = { grants: [{ role: "admin", unitId: "jambi" }] };
const jambiCoordinator: Actor = { grants: [{ role: "koordinator", unitId: "jambi" }] };
const unit = (id: string) => ({
  _id: id,
  path: id
    .split(".")
    .slice(0, -1)
    .map((_, i, a) => a.slice(0, i + 1).join(".")),
});

describe("units an admin may import", () => {
  const existing = new Map([
    ["dki.bappeda", unit("dki.bappeda")],
    ["jambi.dinkes.p2p", unit("jambi.dinkes.p2p")],
  ]);

  it("lets them add and rename units under their grant", () => {
    const rows = [
      { row: 2, _id: "jambi.dinkes.farmasi", parentId: "jambi.dinkes", path: ["jambi", "jambi.dinkes"] },
      { row: 3, _id: "jambi.dinkes.p2p", parentId: "jambi.dinkes", path: ["jambi", "jambi.dinkes"] },
    ];
    expect(unitRowsOutOfScope(dinkesAdmin, rows, existing)).toEqual([]);
  });

  it("refuses moving a unit of another tree in, moving one of theirs out, and any instansi", () => {
    const rows = [
      { row: 2, _id: "dki.bappeda", parentId: "jambi.dinkes", path: ["jambi", "jambi.dinkes"] },
      { row: 3, _id: "jambi.dinkes.p2p", parentId: "jambi", path: ["jambi"] },
      { row: 4, _id: "banten", parentId: null, path: [] },
    ];
    expect(unitRowsOutOfScope(dinkesAdmin, rows, existing).map((p) => `${p.row}:${p.key}`)).toEqual([
      "2:import-scope-unit",
      "3:import-scope-unit",
      "4:import-scope-instansi",
    ]);
    expect(unitRowsOutOfScope(OPERATOR, rows, existing)).toEqual([]);
  });

  it("does not count another role's grant", () => {
    const rows = [{ row: 2, _id: "jambi.x", parentId: "jambi", path: ["jambi"] }];
    expect(unitRowsOutOfScope(jambiCoordinator, rows, existing)).toHaveLength(1);
  });
});

describe("people an admin may import", () => {
  it("checks where a person goes and where they are now", () => {
    const rows = [
      { row: 2, nip: "a", target: unit("jambi.dinkes.p2p") },
      { row: 3, nip: "b", target: unit("jambi.dinkes.p2p"), current: unit("dki.bkd") },
      { row: 4, nip: "c", target: unit("jambi.bappeda"), current: unit("jambi.dinkes.p2p") },
    ];
    expect(peopleRowsOutOfScope(dinkesAdmin, rows).map((p) => `${p.row}:${p.column}:${p.key}`)).toEqual([
      "3:nip:import-scope-person",
      "4:unit:import-scope-unit",
    ]);
    expect(peopleRowsOutOfScope(jambiAdmin, rows).map((p) => p.row)).toEqual([3]);
  });
});

describe("jabatan an admin may import", () => {
  const existing = new Map([
    ["shared", {}],
    ["dki-only", { instansiId: "dki" }],
  ]);

  it("needs a grant on the whole instansi, and only bootstrap admins touch shared jabatan", () => {
    const rows = [
      { row: 2, _id: "new-jambi", instansiId: "jambi" },
      { row: 3, _id: "shared", instansiId: "jambi" },
      { row: 4, _id: "dki-only", instansiId: "jambi" },
      { row: 5, _id: "new-shared" },
    ];
    expect(jabatanRowsOutOfScope(jambiAdmin, rows, existing).map((p) => `${p.row}:${p.key}`)).toEqual([
      "3:import-scope-shared",
      "4:import-scope-instansi",
      "5:import-scope-shared",
    ]);
    expect(jabatanRowsOutOfScope(dinkesAdmin, rows, existing)).toHaveLength(4);
    expect(jabatanRowsOutOfScope(OPERATOR, rows, existing)).toEqual([]);
  });
});
