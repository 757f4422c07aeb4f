import type { LoggedQuery } from "../../src/db/query-log.js";

/**
 * Collections that stay small whatever the number of people (the catalog, the org tree, per-unit
 * totals, queues drained as they go): a whole read of them is cheap, on any path.
 */
export const BOUNDED_COLLECTIONS = new Set([
  "courses",
  "org_units",
  "jabatan",
  "teknis_competencies",
  "unit_totals",
  "unit_headcounts",
  "tree_totals",
  "tree_headcounts",
  "summary_marks",
  "delivery_claims",
  // Not "deliveries": the outbox also holds what is dated for later (a month of reminders), so the
  // dispatcher reads it by due key and the chat paths by purpose or person, like any other.
  "leases",
  // One token per set held in memory (the catalog, each instansi's mentors).
  "change_stamps",
  // Erasures under way only: each is removed when it finishes.
  "erasure_requests",
]);

/** Whether work labelled `origin` answers a person (a message, a button, a report) or sends one. */
export function isHotOrigin(origin: string | undefined): boolean {
  return origin !== undefined && (origin.startsWith("chat:") || origin === "dispatch");
}

const isOperator = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Date) &&
  Object.keys(v).some((k) => k.startsWith("$"));

/** A value the patched FerretDB sends to its index (see the README's patch section). */
const pushable = (v: unknown): boolean =>
  typeof v === "string" ||
  typeof v === "boolean" ||
  v instanceof Date ||
  (typeof v === "number" && Number.isFinite(v) && Math.abs(v) < 2 ** 53) ||
  (typeof v === "object" && v !== null && (v as { _bsontype?: string })._bsontype === "ObjectId");

/** The longest `$in` list the patched FerretDB sends to its index. */
const MAX_IN = 1_000;

/**
 * An equality an index can serve: a plain value, `{$eq: value}` or an `$in` list of 1 to 1,000
 * such values (the patched FerretDB probes the index once per value).
 */
function servedEquality(value: unknown): boolean {
  if (!isOperator(value)) return pushable(value);
  const ops = Object.keys(value);
  if (ops.length !== 1) return false;
  if (ops[0] === "$eq") return pushable(value.$eq);
  const list = value.$in;
  return (
    ops[0] === "$in" &&
    Array.isArray(list) &&
    list.length >= 1 &&
    list.length <= MAX_IN &&
    list.every(pushable)
  );
}

/**
 * Why a query breaks the storage rules on a per-message path, or undefined when it keeps them:
 * a collection that grows with people or time is read by `_id` or an indexed top-level field.
 */
export function storageRuleBreak(q: LoggedQuery): string | undefined {
  if (BOUNDED_COLLECTIONS.has(q.collection)) return undefined;
  const keys = Object.keys(q.filter);
  const served = keys.some(
    (k) => !k.startsWith("$") && !k.includes(".") && q.indexed.includes(k) && servedEquality(q.filter[k]),
  );
  if (served) return undefined;
  if (keys.length === 0) return "reads the whole collection";
  if (keys.some((k) => k.startsWith("$")))
    return `top-level ${keys.filter((k) => k.startsWith("$")).join(", ")}`;
  if (keys.some((k) => k.includes("."))) return "dotted path without an indexed equality";
  return `no indexed equality (indexes: ${q.indexed.join(", ")})`;
}

/** One line naming a query for a failure message. */
export function describeQuery(q: LoggedQuery): string {
  return `${q.origin} ${q.collection}.${q.op}(${JSON.stringify(q.filter, (_k, v) => (typeof v === "string" && v.length > 40 ? `${v.slice(0, 37)}…` : v))})`;
}
