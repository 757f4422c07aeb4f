import { afterAll } from "vitest";
import { listenToQueries } from "../../src/db/query-log.js";
import { describeQuery, isHotOrigin, storageRuleBreak } from "../support/storage-rules.js";

/**
 * In every test file: each query made while answering a message or sending one is held to the
 * storage rules (by `_id` or an indexed top-level field on collections that grow), and the file
 * fails at its end listing the ones that break them, with the path that made them.
 */
const broken = new Map<string, string>();
const stopListening = listenToQueries((q) => {
  if (!isHotOrigin(q.origin)) return;
  const why = storageRuleBreak(q);
  if (why)
    broken.set(`${q.origin}|${q.collection}|${q.op}|${shapeOf(q.filter)}`, `${describeQuery(q)}: ${why}`);
});

/** The filter's structure without its values, so one query made a thousand times is listed once. */
function shapeOf(filter: unknown): string {
  return JSON.stringify(filter, (_k, v) =>
    v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) ? v : typeof v,
  );
}

afterAll(() => {
  // Files share a worker's modules (isolate: false), so this file's listener must not outlive it.
  stopListening();
  if (broken.size === 0) return;
  throw new Error(
    `Queries on a per-message path that read more than an index allows (see the Storage rules):\n${[...broken.values()].join("\n")}`,
  );
});
