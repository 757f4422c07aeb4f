import type { MongooseQueryMiddleware, Query, Schema } from "mongoose";
import { queryOrigin, setQueryOriginLabelling } from "./query-origin.js";

/** One query as the application issued it: which collection, which operation, which filter, from where. */
export interface LoggedQuery {
  collection: string;
  op: string;
  filter: Record<string, unknown>;
  /** Set when the query ran inside withQueryOrigin. */
  origin?: string;
  /** The first field of each of the collection's indexes (always `_id`): what an index can serve. */
  indexed: string[];
}

type Listener = (q: LoggedQuery) => void;
// Several at once: the storage-rules setup listens in every test file, and a test may record too.
const listeners = new Set<Listener>();

/**
 * Sends every query the models make to `l` (beside any other listener) until the returned function
 * is called, which removes `l` only. Tests use it to hold per-message paths to the storage rules
 * and to record the filters Pandu sends; with no listener the hooks cost one check.
 */
export function listenToQueries(l: Listener): () => void {
  // A wrapper, so the same function registered twice is two listeners, each removed by its own call.
  const entry: Listener = (q) => l(q);
  listeners.add(entry);
  setQueryOriginLabelling(true);
  return () => {
    listeners.delete(entry);
    setQueryOriginLabelling(listeners.size > 0);
  };
}

function report(q: LoggedQuery): void {
  for (const l of listeners) l(q);
}

const FILTERED_OPS: MongooseQueryMiddleware[] = [
  "find",
  "findOne",
  "countDocuments",
  "distinct",
  "updateOne",
  "updateMany",
  "replaceOne",
  "deleteOne",
  "deleteMany",
  "findOneAndUpdate",
  "findOneAndDelete",
  "findOneAndReplace",
];

/** Schema plugin reporting each query's filter (and an aggregation's first $match) to the listeners. */
export function queryLogPlugin(schema: Schema): void {
  schema.pre(FILTERED_OPS, function (this: Query<unknown, unknown>) {
    if (listeners.size === 0) return;
    report({
      collection: this.model.collection.collectionName,
      op: (this as unknown as { op?: string }).op ?? "query",
      filter: this.getFilter() as Record<string, unknown>,
      indexed: indexedFields(this.model.schema),
      ...originField(),
    });
  });
  schema.pre("aggregate", function () {
    if (listeners.size === 0) return;
    const first = this.pipeline()[0] as { $match?: Record<string, unknown> } | undefined;
    report({
      collection: this.model().collection.collectionName,
      op: "aggregate",
      filter: first?.$match ?? {},
      indexed: indexedFields(this.model().schema),
      ...originField(),
    });
  });
}

/**
 * Reports a query sent through the driver directly (`Model.collection`), which the schema hooks do
 * not see: a hot path that skips mongoose's documents is held to the same storage rules.
 */
export function reportDirectQuery(
  model: { collection: { collectionName: string }; schema: Schema },
  op: string,
  filter: Record<string, unknown>,
): void {
  if (listeners.size === 0) return;
  report({
    collection: model.collection.collectionName,
    op,
    filter,
    indexed: indexedFields(model.schema),
    ...originField(),
  });
}

function indexedFields(schema: Schema): string[] {
  return ["_id", ...schema.indexes().map(([fields]) => Object.keys(fields)[0]!)];
}

function originField(): { origin?: string } {
  const o = queryOrigin();
  return o ? { origin: o } : {};
}
