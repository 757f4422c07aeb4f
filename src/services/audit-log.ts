import type { Person } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Conversation } from "../engine/types.js";

/** What a staff action was about, beyond who did it. */
export interface AuditTarget {
  target?: { kind: string; id: string };
  scopeUnitId?: string;
  details?: Record<string, unknown>;
}

/** Writes audit entries for the person acting in a conversation (who, what, outcome, scope, when). */
export function createAuditLog(deps: { repos: Pick<Repositories, "audit">; now: () => Date }) {
  return async function audit(
    conv: Conversation,
    me: Person | null,
    action: string,
    outcome: "ok" | "refused",
    extra: AuditTarget = {},
  ): Promise<void> {
    await deps.repos.audit.append({
      at: deps.now(),
      ...(me ? { actorPersonId: me._id } : {}),
      actorIdentityId: conv.identityId,
      action,
      outcome,
      ...(extra.target ? { targetKind: extra.target.kind, targetId: extra.target.id } : {}),
      ...(extra.scopeUnitId ? { scopeUnitId: extra.scopeUnitId } : {}),
      ...(extra.details ? { details: extra.details } : {}),
    });
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
