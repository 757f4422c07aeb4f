import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ensureEmbeddedBinary, GoMissingError } from "../../src/db/embedded/build.js";
import { type EmbeddedDb, startEmbeddedDb } from "../../src/db/embedded/launch.js";
import { compiledApp } from "../../src/launch/compile.mjs";
import { EMBEDDED_CACHE_DIR } from "../../src/paths.js";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    dbKind: string;
  }
}

/**
 * One database server for the whole run: MONGODB_URI when set, else the embedded FerretDB (on
 * PostgreSQL when FERRETDB_POSTGRESQL_URL is set, else SQLite in a temp directory).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The app processes the end-to-end tests start run compiled, as `npm start` does: compiled here
  // once, so they do not all compile at the same moment.
  await compiledApp();
  const external = process.env.MONGODB_URI?.trim();
  if (external) {
    project.provide("mongoUri", external);
    project.provide("dbKind", "mongodb-uri");
    console.log(`Tests use the database at MONGODB_URI (${external.replace(/\/\/[^@/]*@/, "//***@")}).`);
    return async () => {};
  }
  let binary: string;
  try {
    binary = await ensureEmbeddedBinary(EMBEDDED_CACHE_DIR, () =>
      console.log("Building the embedded database (first run, about a minute)…"),
    );
  } catch (err) {
    if (err instanceof GoMissingError) {
      throw new Error("Tests need a database: install Go (for the embedded FerretDB) or set MONGODB_URI.");
    }
    throw err;
  }
  // The database server spends much of the suite's CPU collecting garbage; a test run can trade
  // memory for that (Go's default is 100).
  process.env.GOGC ??= "400";
  const pg = process.env.FERRETDB_POSTGRESQL_URL?.trim();
  const dir = await mkdtemp(join(tmpdir(), "pandu-test-db-"));
  const db: EmbeddedDb = await startEmbeddedDb(
    binary,
    // The suite's database is thrown away, so its commits need not reach the disk.
    pg ? { handler: "postgresql", url: pg } : { handler: "sqlite", dataDir: dir, durable: false },
  );
  project.provide("mongoUri", db.uri);
  project.provide("dbKind", pg ? "ferretdb-postgresql" : "ferretdb-sqlite");
  console.log(
    `Tests use the embedded FerretDB (${binary.split("/").at(-1)}) on ${pg ? "PostgreSQL storage" : "SQLite storage"}.`,
  );
  return async () => {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
