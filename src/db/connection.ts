import mongoose, { type Connection } from "mongoose";
import { createModels, type Models } from "./models/index.js";

/** An open database: its models, and a way to close it. */
export interface Database {
  connection: Connection;
  models: Models;
  dbName: string;
  close(): Promise<void>;
  /** True when the server answers a ping within `timeoutMs` (readiness). */
  ping(timeoutMs?: number): Promise<boolean>;
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

/**
 * How long a query waits for an unreachable database before failing: the person who wrote hears
 * "try again in a moment" after this, and a start-up against a wrong address ends after it.
 */
const DEFAULT_WAIT_MS = 5_000;

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
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMs ?? DEFAULT_WAIT_MS,
    monitorCommands: opts.onCommand !== undefined,
  });
  if (opts.onCommand) {
    const onCommand = opts.onCommand;
    connection.getClient().on("commandStarted", (e) => onCommand(e.commandName, e.databaseName));
  }
  // Queries wait for the connection instead of failing, but never longer than server selection.
  connection.set("bufferTimeoutMS", opts.serverSelectionTimeoutMs ?? DEFAULT_WAIT_MS);
  await connection.asPromise();
  return {
    connection,
    models: createModels(connection),
    dbName,
    close: () => connection.close(),
    async ping(timeoutMs = 2_000): Promise<boolean> {
      const db = connection.db;
      if (!db || connection.readyState !== 1) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((done) => {
        timer = setTimeout(() => done(false), timeoutMs);
      });
      try {
        return await Promise.race([
          db.command({ ping: 1 }).then(
            () => true,
            () => false,
          ),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * A database whose models exist but that never connects: for building the app to inspect it
 * (flows:check) without a server. Every query fails at once instead of waiting for a connection.
 */
export function unconnectedDatabase(dbName = "pandu"): Database {
  const connection = mongoose.createConnection();
  // Set before the models are bound, so none buffers a query or plans DDL for a connection to come.
  Object.assign(connection.config, { bufferCommands: false, autoIndex: false, autoCreate: false });
  return {
    connection,
    models: createModels(connection),
    dbName,
    close: () => connection.close(),
    ping: async () => false,
  };
}
