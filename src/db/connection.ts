import mongoose, { type Connection } from "mongoose";
import { createModels, type Models } from "./models/index.js";

/** An open database: its models, and a way to close it. */
export interface Database {
  connection: Connection;
  models: Models;
  dbName: string;
  /** True when the server answers a ping within `timeoutMs` (readiness checks). */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  uri: string;
  /** Overrides the database named in the URI (tests give each file its own). */
  dbName?: string;
  /** Used when the URI names no database. */
  defaultDbName?: string;
  poolSize: number;
  serverSelectionTimeoutMs?: number;
  /** Called with every command name the driver sends (tests count round-trips and DDL with it). */
  onCommand?: (commandName: string, dbName: string) => void;
}

/** The database named in a mongodb:// URI's path, if any. */
export function dbNameFromUri(uri: string): string | undefined {
  const m = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

/** Opens a connection with Pandu's settings: no automatic DDL, a bounded pool, a bounded wait. */
export async function connectDatabase(opts: ConnectOptions): Promise<Database> {
  const dbName = opts.dbName ?? dbNameFromUri(opts.uri) ?? opts.defaultDbName ?? "pandu";
  const connection = mongoose.createConnection(opts.uri, {
    dbName,
    // Collections and indexes are created by ensureSchema before serving, never lazily: FerretDB on
    // PostgreSQL deadlocks when DDL meets many in-flight requests.
    autoIndex: false,
    autoCreate: false,
    maxPoolSize: opts.poolSize,
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMs ?? 10_000,
    monitorCommands: opts.onCommand !== undefined,
  });
  if (opts.onCommand) {
    const onCommand = opts.onCommand;
    connection.getClient().on("commandStarted", (e) => onCommand(e.commandName, e.databaseName));
  }
  // Queries wait for the connection instead of failing, but never longer than server selection.
  connection.set("bufferTimeoutMS", opts.serverSelectionTimeoutMs ?? 10_000);
  await connection.asPromise();
  return {
    connection,
    models: createModels(connection),
    dbName,
    async ping(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      // The driver would wait for server selection (10 s) before failing; a probe must answer sooner.
      const late = new Promise<boolean>((ok) => {
        timer = setTimeout(() => ok(false), timeoutMs);
      });
      const answered = connection
        .getClient()
        .db(dbName)
        .command({ ping: 1 })
        .then(
          (r) => r.ok === 1,
          () => false,
        );
      try {
        return await Promise.race([answered, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => connection.close(),
  };
}
