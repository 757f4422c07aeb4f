import { join, resolve } from "node:path";
import type { StorageConfig } from "../config/config.js";
import { EMBEDDED_CACHE_DIR } from "../paths.js";
import { backfillIndexedFields } from "./backfill.js";
import { connectDatabase, type Database } from "./connection.js";
import { ensureEmbeddedBinary } from "./embedded/build.js";
import { type EmbeddedDb, startEmbeddedDb } from "./embedded/launch.js";
import { ensureSchema } from "./ensure-schema.js";

/** An open, schema-ready database, plus the embedded server behind it when there is one. */
export interface Storage {
  database: Database;
  embedded?: EmbeddedDb;
  /** Collections and indexes created at this start. */
  created: string[];
  close(): Promise<void>;
}

export interface OpenStorageOptions {
  storage: StorageConfig;
  poolSize: number;
  /** Overrides the database name (benchmarks use their own). */
  dbName?: string;
  serverSelectionTimeoutMs?: number;
  /** Told before the embedded server is built (first run takes about a minute). */
  onBuild?: () => void;
  onCommand?: (commandName: string, dbName: string) => void;
  /** The unpatched embedded FerretDB, for before-and-after measurements (benchmarks only). */
  variant?: "patched" | "stock";
}

/** Where the embedded server keeps its SQLite files under DATA_DIR. */
export function embeddedSqliteDir(dataDir: string): string {
  return resolve(join(dataDir, "ferretdb"));
}

/**
 * Starts the embedded FerretDB if needed, connects, and creates the schema: after this resolves
 * no DDL is ever sent.
 */
export async function openStorage(opts: OpenStorageOptions): Promise<Storage> {
  let embedded: EmbeddedDb | undefined;
  let uri: string;
  if (opts.storage.kind === "mongodb") {
    uri = opts.storage.uri;
  } else {
    const binary = await ensureEmbeddedBinary(EMBEDDED_CACHE_DIR, opts.onBuild, {
      variant: opts.variant ?? "patched",
    });
    embedded = await startEmbeddedDb(
      binary,
      opts.storage.kind === "embedded-postgresql"
        ? { handler: "postgresql", url: opts.storage.postgresqlUrl }
        : { handler: "sqlite", dataDir: embeddedSqliteDir(opts.storage.dataDir) },
    );
    uri = embedded.uri;
  }
  try {
    const database = await connectDatabase({
      uri,
      dbName: opts.dbName,
      poolSize: opts.poolSize,
      serverSelectionTimeoutMs: opts.serverSelectionTimeoutMs,
      onCommand: opts.onCommand,
    });
    const created = await ensureSchema(database);
    // Fields added for indexes are filled in older documents before serving.
    created.push(...(await backfillIndexedFields(database, created)).map((d) => `backfill ${d}`));
    return {
      database,
      embedded,
      created,
      async close() {
        await database.close();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
