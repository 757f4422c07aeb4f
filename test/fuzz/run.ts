import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStorage } from "../../src/db/open-storage.js";
import { runFuzz } from "./fuzz.js";

/**
 * `npm run fuzz`: 10,000 random inputs (FUZZ_INPUTS) with a random seed, or FUZZ_SEED to replay
 * one; every input also goes through the actor check (actor-check.ts). Uses MONGODB_URI when set,
 * else the embedded FerretDB on SQLite in a temp directory.
 */
async function main(): Promise<number> {
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const inputs = Number(process.env.FUZZ_INPUTS ?? 10_000);
  const dir = mkdtempSync(join(tmpdir(), "pandu-fuzz-"));
  const storage = process.env.MONGODB_URI
    ? { kind: "mongodb" as const, uri: process.env.MONGODB_URI }
    : { kind: "embedded-sqlite" as const, dataDir: dir };
  const opened = await openStorage({
    storage,
    poolSize: 5,
    dbName: `pandu_fuzz_${Date.now().toString(36)}`,
    // The actor check learns from command monitoring which collections each input wrote.
    onCommand: () => {},
  });
  process.stdout.write(`fuzz: seed ${seed}, ${inputs} inputs (replay with FUZZ_SEED=${seed})\n`);
  const started = Date.now();
  try {
    const result = await runFuzz({
      database: opened.database,
      seed,
      inputs,
      onProgress: (n) =>
        process.stdout.write(`fuzz: ${n} inputs, ${Math.round((Date.now() - started) / 1000)} s\n`),
    });
    process.stdout.write(
      `fuzz: ${result.replies} replies; inputs by kind ${JSON.stringify(result.byKind)}\n`,
    );
    process.stdout.write(
      `fuzz: ${result.actorViolations} actor violations (another person's data changed or shown out of scope); ${Math.round((Date.now() - started) / 1000)} s\n`,
    );
    for (const f of result.failures) process.stdout.write(`FAIL ${JSON.stringify(f)}\n`);
    if (result.failures.length > 0) {
      process.stdout.write(`fuzz: ${result.failures.length} failures; replay with FUZZ_SEED=${seed}\n`);
      return 1;
    }
    process.stdout.write("fuzz: no failures\n");
    return 0;
  } finally {
    await opened.database.connection.dropDatabase().catch(() => {});
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`fuzz failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
