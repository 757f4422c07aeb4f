import type { Broadcast, Person } from "../../db/models/index.js";
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
        if (bootstrapAdmin) return list;
        const units = new Map((await deps.repos.orgUnits.all()).map((u) => [u._id, u]));
        return list.filter(
          (b) =>
            (me && b.createdBy === me._id) ||
            (admin &&
              b.scopeRoots !== undefined &&
              b.scopeRoots.length > 0 &&
              b.scopeRoots.every((r) => {
                const unit = units.get(r);
                return unit !== undefined && mayAct(acting, "admin", unit);
              })),
        );
      },
    };
  };
}
export type ActorOf = ReturnType<typeof createBroadcastActor>;
