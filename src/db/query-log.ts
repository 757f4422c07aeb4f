import type { MongooseQueryMiddleware, Query, Schema } from "mongoose";
import { queryOrigin } from "./query-origin.js";

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
let listener: Listener | undefined;

/**
 * Sends every query the models make to `l` until the returned function is called. Tests use it
 * to hold per-message paths to the storage rules; with no listener the hooks cost one check.
 */
export function listenToQueries(l: Listener): () => void {
  listener = l;
  return () => {
    if (listener === l) listener = undefined;
  };
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

/** Schema plugin reporting each query's filter (and an aggregation's first $match) to the listener. */
export function queryLogPlugin(schema: Schema): void {
  schema.pre(FILTERED_OPS, function (this: Query<unknown, unknown>) {
    if (!listener) return;
    listener({
      collection: this.model.collection.collectionName,
      op: (this as unknown as { op?: string }).op ?? "query",
      filter: this.getFilter() as Record<string, unknown>,
      indexed: indexedFields(this.model.schema),
      ...originField(),
    });
  });
  schema.pre("aggregate", function () {
    if (!listener) return;
    const first = this.pipeline()[0] as { $match?: Record<string, unknown> } | undefined;
    listener({
      collection: this.model().collection.collectionName,
      op: "aggregate",
      filter: first?.$match ?? {},
      indexed: indexedFields(this.model().schema),
      ...originField(),
    });
  });
}

function indexedFields(schema: Schema): string[] {
  return ["_id", ...schema.indexes().map(([fields]) => Object.keys(fields)[0]!)];
}

function originField(): { origin?: string } {
  const o = queryOrigin();
  return o ? { origin: o } : {};
}
