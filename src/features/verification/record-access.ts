import type { Completion, OrgUnit, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { type Actor, mayAct } from "../../domain/scope.js";
import type { Conversation } from "../../engine/types.js";
import { actorOf } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";

/**
 * A reported record as button data carries it: the person and the tail of `<person>|self|<tail>`.
 * Only self-reported records ever wait for a koordinator, and the whole id (with `|`) would not
 * pass as a button argument.
 */
export function recordArgs(c: Pick<Completion, "_id" | "personId">): [string, string] {
  return [c.personId, c._id.slice(`${c.personId}|self|`.length)];
}

/** The record id a pair of button arguments names (which may name nothing: they are hostile input). */
export function recordIdOf(personId: string, tail: string): string {
  return `${personId}|self|${tail}`;
}

/** What a koordinator may do with a record now, or why not. */
export type RecordAccess =
  | { kind: "ok"; me: Person | null; record: Completion; person: Person; unit: OrgUnit | null }
  | { kind: "unknown" }
  | { kind: "out-of-scope" }
  | { kind: "own"; record: Completion };

/**
 * Looks a record up for a koordinator's action and checks, at that moment, that the record exists
 * and that its person is inside the actor's koordinator scope (read afresh, so a role revoked a
 * moment ago no longer reaches), and that it is not the actor's own. A refusal for scope or for
 * one's own record is written to the audit log under `action`.
 */
export function createRecordAccess(deps: {
  repos: Pick<Repositories, "completions" | "people" | "orgUnits" | "audit">;
  now: () => Date;
}) {
  const audit = createAuditLog(deps);

  /** True when `actor` may act as koordinator on the person (their current unit decides). */
  async function reaches(actor: Actor, person: Person): Promise<{ ok: boolean; unit: OrgUnit | null }> {
    const unit = person.unitId ? await deps.repos.orgUnits.get(person.unitId) : null;
    // A person in no unit is in nobody's subtree: only a bootstrap admin reaches them.
    const ok = unit ? mayAct(actor, "koordinator", unit) : Boolean(actor.bootstrapAdmin);
    return { ok, unit };
  }

  return {
    reaches,
    /** The record `recordId` names, if `conv`'s person may act on it as koordinator now. */
    async check(
      conv: Conversation,
      bootstrapAdmin: boolean,
      recordId: string,
      action: string,
    ): Promise<RecordAccess> {
      const [me, record] = await Promise.all([
        conv.profile.personId ? deps.repos.people.get(conv.profile.personId) : null,
        deps.repos.completions.get(recordId),
      ]);
      const person = record ? await deps.repos.people.get(record.personId) : null;
      if (!record || !person) return { kind: "unknown" };
      const { ok, unit } = await reaches(actorOf(me, bootstrapAdmin), person);
      const target = { kind: "person", id: person._id };
      const scope = unit ? { scopeUnitId: unit._id } : {};
      if (!ok) {
        await audit(conv, me, action, "refused", { target, ...scope, details: { reason: "out-of-scope" } });
        return { kind: "out-of-scope" };
      }
      // Verifying is someone else's judgement of what a person reported: never one's own.
      if (me && me._id === person._id) {
        await audit(conv, me, action, "refused", { target, ...scope, details: { reason: "own-record" } });
        return { kind: "own", record };
      }
      return { kind: "ok", me, record, person, unit };
    },
  };
}
export type RecordAccessCheck = ReturnType<typeof createRecordAccess>;
