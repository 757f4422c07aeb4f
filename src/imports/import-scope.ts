import { type Actor, mayAct, type UnitRef } from "../domain/scope.js";
import type { ImportProblem } from "./course-csv.js";

/**
 * Which rows of an import reach outside the importing admin's scope. An admin grant covers its
 * unit's subtree; a bootstrap admin (ADMIN_IDS, or the operator's command line) covers everything.
 * What belongs to no single subtree (an instansi itself, a jabatan shared by every instansi, the
 * course catalog, teknis competencies) is for bootstrap admins only. Pure: units come in with
 * their ancestor paths.
 */

const inScope = (actor: Actor, unit: UnitRef) => mayAct(actor, "admin", unit);

/**
 * Units: an instansi (a row without a parent) only for bootstrap admins; a unit already stored
 * must be in scope where it is, and its new parent must be in scope too, so no unit can be moved
 * into or out of someone else's tree.
 */
export function unitRowsOutOfScope(
  actor: Actor,
  rows: readonly { row: number; _id: string; parentId: string | null; path: readonly string[] }[],
  existing: ReadonlyMap<string, UnitRef>,
): ImportProblem[] {
  if (actor.bootstrapAdmin) return [];
  const problems: ImportProblem[] = [];
  for (const r of rows) {
    if (!r.parentId) {
      problems.push({ row: r.row, column: "parent", key: "import-scope-instansi", args: { unit: r._id } });
      continue;
    }
    const before = existing.get(r._id);
    const parent: UnitRef = { _id: r.parentId, path: r.path.slice(0, -1) };
    if ((before && !inScope(actor, before)) || !inScope(actor, parent))
      problems.push({ row: r.row, column: "id", key: "import-scope-unit", args: { unit: r._id } });
  }
  return problems;
}

/**
 * People: the unit a row puts someone in must be in scope, and so must the unit the person is in
 * now, so an admin cannot pull someone out of another tree by naming their NIP.
 */
export function peopleRowsOutOfScope(
  actor: Actor,
  rows: readonly { row: number; nip: string; target: UnitRef; current?: UnitRef }[],
): ImportProblem[] {
  if (actor.bootstrapAdmin) return [];
  const problems: ImportProblem[] = [];
  for (const r of rows) {
    if (!inScope(actor, r.target))
      problems.push({ row: r.row, column: "unit", key: "import-scope-unit", args: { unit: r.target._id } });
    else if (r.current && !inScope(actor, r.current))
      problems.push({ row: r.row, column: "nip", key: "import-scope-person" });
  }
  return problems;
}

/**
 * Jabatan: one of an instansi needs an admin grant on the whole instansi (its SKJ apply to all of
 * it); one shared by every instansi, or replacing one that was, only bootstrap admins.
 */
export function jabatanRowsOutOfScope(
  actor: Actor,
  rows: readonly { row: number; _id: string; instansiId?: string }[],
  existing: ReadonlyMap<string, { instansiId?: string }>,
): ImportProblem[] {
  if (actor.bootstrapAdmin) return [];
  const problems: ImportProblem[] = [];
  const holdsInstansi = (id: string | undefined) => id !== undefined && inScope(actor, { _id: id, path: [] });
  for (const r of rows) {
    const before = existing.get(r._id);
    // The jabatan as stored decides first: a shared one stays shared whatever the row says.
    const blocking = before && !holdsInstansi(before.instansiId) ? before.instansiId : r.instansiId;
    if (!holdsInstansi(r.instansiId) || (before && !holdsInstansi(before.instansiId)))
      problems.push({
        row: r.row,
        column: "instansi",
        key: blocking ? "import-scope-instansi" : "import-scope-shared",
        args: { unit: blocking ?? "" },
      });
  }
  return problems;
}
