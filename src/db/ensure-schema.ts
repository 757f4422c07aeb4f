import type { IndexSpecification } from "mongodb";
import type { Database } from "./connection.js";

/** Commands that change the schema; none may be sent once Pandu is serving. */
export const DDL_COMMANDS = new Set([
  "create",
  "createIndexes",
  "drop",
  "dropDatabase",
  "dropIndexes",
  "renameCollection",
  "collMod",
]);

const keyOf = (key: Record<string, unknown>): string =>
  Object.entries(key)
    .map(([k, v]) => `${k}_${v}`)
    .join("_");

/**
 * Creates every collection and index that is missing, and nothing else. Runs before the app serves:
 * an instance restarting next to busy ones sends no DDL at all when the schema is already there.
 * Returns what it created.
 */
export async function ensureSchema(database: Database): Promise<string[]> {
  const db = database.connection.db;
  if (!db) throw new Error("ensureSchema needs an open connection");
  const created: string[] = [];
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));

  for (const model of Object.values(database.models)) {
    const name = model.collection.collectionName;
    if (!existing.has(name)) {
      await db.createCollection(name);
      created.push(name);
    }
    const have = new Set((await db.collection(name).indexes()).map((i) => keyOf(i.key)));
    for (const [fields, options] of model.schema.indexes()) {
      const key = fields as Record<string, 1 | -1>;
      if (have.has(keyOf(key))) continue;
      await db
        .collection(name)
        .createIndex(key as IndexSpecification, { unique: options.unique === true, name: keyOf(key) });
      created.push(`${name}.${keyOf(key)}`);
    }
  }
  return created;
}
