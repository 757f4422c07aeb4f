/**
 * Roles and scopes: every non-asn role is granted for an org unit and covers its subtree; an admin
 * covers everything an admin grant reaches, and a bootstrap admin (ADMIN_IDS) covers the whole tree.
 * Pure: units come in with their ancestor paths.
 */

export const STAFF_ROLES = ["koordinator", "supervisor", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface Grant {
  role: StaffRole;
  unitId: string;
}

/** A unit as scope rules need it: its id and its ancestors from the root down. */
export interface UnitRef {
  _id: string;
  path: readonly string[];
}

/** The person acting: their grants, and whether they are a bootstrap admin. */
export interface Actor {
  grants: readonly Grant[];
  bootstrapAdmin?: boolean;
}

/** The operator at the command line (`npm run import`): trusted with the whole tree. */
export const OPERATOR: Actor = { grants: [], bootstrapAdmin: true };

/** True when a grant on `grantUnitId` reaches `unit` (the unit itself or anything below it). */
export function covers(grantUnitId: string, unit: UnitRef): boolean {
  return unit._id === grantUnitId || unit.path.includes(grantUnitId);
}

/**
 * True when `actor` may act as `role` on `unit`. An admin grant also counts as every other role
 * in its subtree (admins can do what they grant).
 */
export function mayAct(actor: Actor, role: StaffRole, unit: UnitRef): boolean {
  if (actor.bootstrapAdmin) return true;
  return actor.grants.some((g) => (g.role === role || g.role === "admin") && covers(g.unitId, unit));
}

/** True when `actor` holds `role` (or admin) anywhere: the command is theirs, scope decides the rest. */
export function holdsRole(actor: Actor, role: StaffRole): boolean {
  return Boolean(actor.bootstrapAdmin) || actor.grants.some((g) => g.role === role || g.role === "admin");
}

/**
 * The roles that may read a unit's figures (/ringkasan, /ekspor): a coordinator needs to see the
 * units they organise training for as much as the supervisor who leads them.
 */
export const READER_ROLES: readonly StaffRole[] = ["koordinator", "supervisor"];

/**
 * The units where `actor` may act as `role` (or as any of several roles): the roots of their
 * reach (undefined = everything).
 */
export function scopeRoots(actor: Actor, role: StaffRole | readonly StaffRole[]): string[] | undefined {
  if (actor.bootstrapAdmin) return undefined;
  const roles: readonly StaffRole[] = typeof role === "string" ? [role] : role;
  const roots = actor.grants.filter((g) => roles.includes(g.role) || g.role === "admin").map((g) => g.unitId);
  return [...new Set(roots)].sort();
}

/**
 * A person's supervisors: the holders of the supervisor role on the nearest unit at or above the
 * person's own unit that has any (the person never supervises themself).
 */
export function supervisorsOf(
  person: { _id: string; unit: UnitRef },
  holders: readonly { personId: string; grants: readonly Grant[] }[],
): string[] {
  const chain = [person.unit._id, ...[...person.unit.path].reverse()];
  for (const unitId of chain) {
    const here = holders
      .filter((h) => h.personId !== person._id)
      .filter((h) => h.grants.some((g) => g.role === "supervisor" && g.unitId === unitId))
      .map((h) => h.personId);
    if (here.length > 0) return [...new Set(here)].sort();
  }
  return [];
}
