import type { Broadcast, OrgUnit, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { type Actor, mayAct, scopeRoots } from "../../domain/scope.js";
import type { Conversation } from "../../engine/types.js";
import { actingPerson } from "../../services/actor.js";

/** Who is acting on broadcasts, read afresh for every message and every press. */
export interface BroadcastActor {
  me: Person | null;
  actor: Actor;
  /** The coordinator's unit roots now (undefined: everything, a bootstrap admin). */
  roots: string[] | undefined;
  /** Admins see broadcasts of others too (those inside their scope); a coordinator their own. */
  owner: string | undefined;
  /**
   * The broadcasts of those listed that this person may see and act on: their own, and for an
   * admin those whose whole audience lay inside the admin's scope (a bootstrap admin: all).
   */
  visible(list: Broadcast[]): Promise<Broadcast[]>;
}

/**
 * The broadcasts of `list` that a person may see and act on: their own, and for an admin those
 * whose whole audience lay inside the admin's scope (a bootstrap admin: all). `units` is the org
 * tree. Shared with the non-responder lists, which show who has not answered a broadcast.
 */
export function visibleBroadcasts(
  list: readonly Broadcast[],
  who: { me: Person | null; actor: Actor; bootstrapAdmin: boolean },
  units: readonly OrgUnit[],
): Broadcast[] {
  if (who.bootstrapAdmin) return [...list];
  const admin = who.me?.roles.some((r) => r.role === "admin") ?? false;
  const byId = new Map(units.map((u) => [u._id, u]));
  return list.filter(
    (b) =>
      (who.me && b.createdBy === who.me._id) ||
      (admin &&
        b.scopeRoots !== undefined &&
        b.scopeRoots.length > 0 &&
        b.scopeRoots.every((r) => {
          const unit = byId.get(r);
          return unit !== undefined && mayAct(who.actor, "admin", unit);
        })),
  );
}

/** Resolves the person behind a conversation as the broadcast screens check them. */
export function createBroadcastActor(deps: {
  repos: Pick<Repositories, "people" | "orgUnits">;
  adminIds?: readonly string[];
}) {
  return async function actor(conv: Conversation): Promise<BroadcastActor> {
    const bootstrapAdmin = deps.adminIds?.includes(conv.identityId) ?? false;
    const { me, actor: acting } = await actingPerson(deps.repos, conv, bootstrapAdmin);
    const admin = bootstrapAdmin || (me?.roles.some((r) => r.role === "admin") ?? false);
    return {
      me,
      actor: acting,
      roots: scopeRoots(acting, "koordinator"),
      owner: admin ? undefined : me?._id,
      async visible(list) {
        return visibleBroadcasts(
          list,
          { me, actor: acting, bootstrapAdmin },
          await deps.repos.orgUnits.all(),
        );
      },
    };
  };
}
export type ActorOf = ReturnType<typeof createBroadcastActor>;
