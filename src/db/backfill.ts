import type { Database } from "./connection.js";
import type { Assessment, AuditEntry, Broadcast, Delivery, Person } from "./models/index.js";
import { dueKeyOf } from "./repositories/deliveries.js";
import { monthOf } from "./repositories/months.js";

/** Ids per value, written in batches of this many. */
const BATCH = 500;

/** Sets `field` to each group's value on the documents of that group, a batch of ids at a time. */
async function setByGroups(
  update: (ids: string[], value: unknown) => Promise<unknown>,
  groups: Map<string, { value: unknown; ids: string[] }>,
): Promise<number> {
  let n = 0;
  for (const { value, ids } of groups.values()) {
    for (let i = 0; i < ids.length; i += BATCH) {
      await update(ids.slice(i, i + BATCH), value);
      n += Math.min(BATCH, ids.length - i);
    }
  }
  return n;
}

/**
 * Fills the index fields that later versions added to existing documents, each once: when
 * ensureSchema has just created that field's index (`created` lists it). The whole-collection
 * reads here run at start-up, before serving, never on a person's message. Returns what it filled.
 */
export async function backfillIndexedFields(
  database: Database,
  created: readonly string[],
): Promise<string[]> {
  const m = database.models;
  const done: string[] = [];
  const has = (index: string) => created.includes(index);

  if (has("people.hasRoles_1")) {
    const staff = await m.Person.find({}, { roles: 1 }).lean<Pick<Person, "_id" | "roles">[]>().exec();
    const ids = staff.filter((p) => (p.roles ?? []).length > 0).map((p) => p._id);
    const n = await setByGroups(
      (batch) => m.Person.updateMany({ _id: { $in: batch } }, { $set: { hasRoles: true } }).exec(),
      new Map([["true", { value: true, ids }]]),
    );
    done.push(`people.hasRoles: ${n}`);
  }

  if (has("assessments.confirmedBy_1")) {
    const all = await m.Assessment.find({}, { results: 1 })
      .lean<Pick<Assessment, "_id" | "results">[]>()
      .exec();
    let n = 0;
    for (const a of all) {
      const by = [...new Set(a.results.flatMap((r) => (r.confirmation ? [r.confirmation.byPersonId] : [])))];
      if (by.length === 0) continue;
      await m.Assessment.updateOne({ _id: a._id }, { $set: { confirmedBy: by } }).exec();
      n++;
    }
    done.push(`assessments.confirmedBy: ${n}`);
  }

  const byMonth = (docs: { _id: string; at: Date }[]) => {
    const groups = new Map<string, { value: unknown; ids: string[] }>();
    for (const d of docs) {
      const month = monthOf(d.at);
      const g = groups.get(month) ?? { value: month, ids: [] };
      g.ids.push(d._id);
      groups.set(month, g);
    }
    return groups;
  };
  if (has("audit_log.month_1")) {
    const entries = await m.AuditEntry.find({}, { at: 1 }).lean<Pick<AuditEntry, "_id" | "at">[]>().exec();
    const n = await setByGroups(
      (batch, month) => m.AuditEntry.updateMany({ _id: { $in: batch } }, { $set: { month } }).exec(),
      byMonth(entries),
    );
    done.push(`audit_log.month: ${n}`);
  }
  if (has("broadcasts.month_1")) {
    const list = await m.Broadcast.find({}, { createdAt: 1 })
      .lean<Pick<Broadcast, "_id" | "createdAt">[]>()
      .exec();
    const n = await setByGroups(
      (batch, month) => m.Broadcast.updateMany({ _id: { $in: batch } }, { $set: { month } }).exec(),
      byMonth(list.map((b) => ({ _id: b._id, at: b.createdAt }))),
    );
    done.push(`broadcasts.month: ${n}`);
  }
  if (has("deliveries.dueKey_1_dueAt_1")) {
    // The outbox as an older version left it: keyed now, so the dispatcher finds every delivery.
    const now = new Date();
    const waiting = await m.Delivery.find({}, { channel: 1, dueAt: 1, dueKey: 1 })
      .lean<Pick<Delivery, "_id" | "channel" | "dueAt" | "dueKey">[]>()
      .exec();
    const groups = new Map<string, { value: unknown; ids: string[] }>();
    for (const d of waiting) {
      if (d.dueKey) continue;
      const key = dueKeyOf(d.channel, d.dueAt, now);
      const g = groups.get(key) ?? { value: key, ids: [] };
      g.ids.push(d._id);
      groups.set(key, g);
    }
    const n = await setByGroups(
      (batch, dueKey) => m.Delivery.updateMany({ _id: { $in: batch } }, { $set: { dueKey } }).exec(),
      groups,
    );
    done.push(`deliveries.dueKey: ${n}`);
  }
  return done;
}
