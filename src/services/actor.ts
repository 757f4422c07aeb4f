import type { Person } from "../db/models/index.js";
import type { Actor, StaffRole } from "../domain/scope.js";

/** The actor behind a conversation: their grants, and whether ADMIN_IDS names this identity. */
export function actorOf(person: Person | null, bootstrapAdmin: boolean): Actor {
  return {
    grants: (person?.roles ?? []).map((r) => ({ role: r.role as StaffRole, unitId: r.unitId })),
    bootstrapAdmin,
  };
}
