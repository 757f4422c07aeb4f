import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { connectDatabase, type Database } from "../../src/db/connection.js";
import { ensureSchema } from "../../src/db/ensure-schema.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";

/** A test file's own database (so files run in parallel), dropped after the file. */
export interface TestDatabase {
  db: Database;
  repos: Repositories;
  /** Every command name the driver sent, in order (for round-trip and DDL assertions). */
  commands: string[];
}

/** Registers hooks that open a fresh database with Pandu's schema for this test file. */
export function useTestDatabase(): TestDatabase {
  const ctx = { commands: [] as string[] } as TestDatabase;
  beforeAll(async () => {
    const dbName = `t_${randomBytes(6).toString("hex")}`;
    ctx.db = await connectDatabase({
      uri: inject("mongoUri"),
      dbName,
      poolSize: 5,
      onCommand: (name) => ctx.commands.push(name),
    });
    await ensureSchema(ctx.db);
    ctx.repos = createRepositories(ctx.db.models);
  });
  afterAll(async () => {
    if (!ctx.db) return;
    await ctx.db.connection.dropDatabase();
    await ctx.db.close();
  });
  return ctx;
}

/** The same server URI naming another database (keeps host list and options). */
export function uriWithDatabase(uri: string, dbName: string): string {
  const [base, query] = uri.split("?", 2) as [string, string | undefined];
  const host = /^(mongodb(?:\+srv)?:\/\/[^/]+)/.exec(base)?.[1] ?? base;
  return `${host}/${dbName}${query ? `?${query}` : ""}`;
}

/** Drops a database a real app process used during a test. */
export async function dropDatabase(uri: string, dbName: string): Promise<void> {
  const db = await connectDatabase({ uri, dbName, poolSize: 2 });
  await db.connection.dropDatabase();
  await db.close();
}
