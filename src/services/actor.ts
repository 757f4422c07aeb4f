import type { Person } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Actor, StaffRole } from "../domain/scope.js";
import type { Conversation } from "../engine/types.js";

/** The actor behind a conversation: their grants, and whether ADMIN_IDS names this identity. */
export function actorOf(person: Person | null, bootstrapAdmin: boolean): Actor {
  return {
    grants: (person?.roles ?? []).map((r) => ({ role: r.role as StaffRole, unitId: r.unitId })),
    bootstrapAdmin,
  };
}

/**
 * The person acting in `conv`, read from the database now (not the profile the router caches), and
 * their actor: what every staff action checks its scope against.
 */
export async function actingPerson(
  repos: Pick<Repositories, "people">,
  conv: Conversation,
  bootstrapAdmin: boolean,
): Promise<{ me: Person | null; actor: Actor }> {
  const me = conv.profile.personId ? await repos.people.get(conv.profile.personId) : null;
  return { me, actor: actorOf(me, bootstrapAdmin) };
}
