import type { IndexDescription } from "mongodb";
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

  // One command per collection: a fresh database (a new installation, every test file) needs 45
  // collections and 76 indexes, and a command per index plus a listing per collection took twice as long.
  for (const model of Object.values(database.models)) {
    const name = model.collection.collectionName;
    const isNew = !existing.has(name);
    const have = isNew
      ? new Set<string>()
      : new Set((await db.collection(name).indexes()).map((i) => keyOf(i.key)));
    const missing: { key: Record<string, 1 | -1>; name: string; unique: boolean }[] = [];
    for (const [fields, options] of model.schema.indexes()) {
      const key = fields as Record<string, 1 | -1>;
      if (!have.has(keyOf(key))) missing.push({ key, name: keyOf(key), unique: options.unique === true });
    }
    if (isNew) created.push(name);
    if (missing.length > 0) {
      // createIndexes creates the collection too when it is new.
      await db.collection(name).createIndexes(missing as IndexDescription[]);
      created.push(...missing.map((index) => `${name}.${index.name}`));
    } else if (isNew) {
      await db.createCollection(name);
    }
  }
  return created;
}
