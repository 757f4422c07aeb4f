import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import mongoose from "mongoose";
import { type EmbeddedVariant, ensureEmbeddedBinary } from "../../src/db/embedded/build.js";
import { type EmbeddedStorage, startEmbeddedDb } from "../../src/db/embedded/launch.js";
import { EMBEDDED_CACHE_DIR } from "../../src/paths.js";
import { medianMs, progress } from "./report.js";

const { MongoClient } = mongoose.mongo;

export interface FindIdResult {
  docs: number;
  /** Median ms of one findOne({_id}). */
  find_one_id_ms: number;
  /** Median ms of one updateOne({_id}, {$set}). */
  update_one_id_ms: number;
  /** Median ms of one findOne on a top-level field with a createIndex index. */
  find_one_indexed_ms: number;
  /** Median ms of one find({_id: {$in: 100 ids}}) (100 documents). */
  find_id_in_100_ms: number;
  /** Median ms of one find on the indexed field with {$in: 20 values} (20 documents). */
  find_indexed_in_20_ms: number;
}

/**
 * Times the lookups every message makes (a document by `_id`, an update by `_id`, a person by an
 * indexed field, a batch by `_id` or by an indexed field with `$in`) on `docs` documents shaped like
 * Pandu's people, one request at a time, in a database of its own that is dropped afterwards.
 */
export async function measureFindId(opts: {
  uri: string;
  docs?: number;
  samples?: number;
}): Promise<FindIdResult> {
  const docs = opts.docs ?? 50_000;
  const samples = opts.samples ?? 21;
  const client = await new MongoClient(opts.uri, { maxPoolSize: 4 }).connect();
  const db = client.db(`bench_find_id_${randomBytes(4).toString("hex")}`);
  try {
    const people = db.collection<{ _id: string; nip: string; unitId: string; name: string; __v: number }>(
      "people",
    );
    await people.createIndex({ nip: 1 });
    await people.createIndex({ unitId: 1 });
    const nip = (i: number) => `19${String(i).padStart(16, "0")}`;
    for (let from = 0; from < docs; from += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, docs - from) }, (_, j) => ({
        _id: `p${from + j}`,
        nip: nip(from + j),
        unitId: `u${(from + j) % 200}`,
        name: `Pegawai ${from + j}`,
        __v: 0,
      }));
      await people.insertMany(batch, { ordered: false });
    }
    // Spread over the collection, the same ids for every measure; one warm-up first.
    const pick = (i: number) => Math.floor(((i + 0.5) / samples) * docs);
    // n documents spread over the collection, from the i-th pick on.
    const spread = (i: number, n: number) =>
      Array.from({ length: n }, (_, k) => (pick(i) + Math.floor((k * docs) / n)) % docs);
    await people.findOne({ _id: `p${pick(0)}` });
    return {
      docs,
      find_one_id_ms: await medianMs(samples, (i) => people.findOne({ _id: `p${pick(i)}` })),
      update_one_id_ms: await medianMs(samples, (i) =>
        people.updateOne({ _id: `p${pick(i)}` }, { $set: { name: `Pegawai ${i}` } }),
      ),
      find_one_indexed_ms: await medianMs(samples, (i) => people.findOne({ nip: nip(pick(i)) })),
      find_id_in_100_ms: await medianMs(samples, async (i) => {
        const found = await people.find({ _id: { $in: spread(i, 100).map((j) => `p${j}`) } }).toArray();
        if (found.length !== 100) throw new Error(`$in of 100 ids found ${found.length}`);
      }),
      find_indexed_in_20_ms: await medianMs(samples, async (i) => {
        const found = await people.find({ nip: { $in: spread(i, 20).map(nip) } }).toArray();
        if (found.length !== 20) throw new Error(`$in of 20 NIPs found ${found.length}`);
      }),
    };
  } finally {
    await db.dropDatabase().catch(() => {});
    await client.close();
  }
}

/** Starts one embedded build on a storage, measures it, and stops it. */
async function measureEmbedded(variant: EmbeddedVariant, storage: EmbeddedStorage, docs: number) {
  const binary = await ensureEmbeddedBinary(
    EMBEDDED_CACHE_DIR,
    () => progress(`building the ${variant} FerretDB`),
    {
      variant,
    },
  );
  const server = await startEmbeddedDb(binary, storage);
  try {
    return await measureFindId({ uri: server.uri, docs });
  } finally {
    await server.stop();
  }
}

/**
 * Standalone: `node --import tsx test/bench/find-id.ts` compares the stock and the patched
 * FerretDB on SQLite, and on PostgreSQL too when FERRETDB_POSTGRESQL_URL is set (BENCH_FIND_DOCS
 * sets the size, default 50,000); with MONGODB_URI it measures only that server.
 */
async function main(): Promise<void> {
  const docs = Number(process.env.BENCH_FIND_DOCS ?? 50_000);
  const rows: [string, FindIdResult][] = [];
  if (process.env.MONGODB_URI) {
    progress(`find-id: MONGODB_URI, ${docs} documents`);
    rows.push(["MONGODB_URI", await measureFindId({ uri: process.env.MONGODB_URI, docs })]);
  } else {
    const storages: [string, () => Promise<{ storage: EmbeddedStorage; cleanup: () => Promise<void> }>][] = [
      [
        "sqlite",
        async () => {
          const dir = await mkdtemp(join(tmpdir(), "pandu-find-id-"));
          return {
            storage: { handler: "sqlite", dataDir: dir },
            cleanup: () => rm(dir, { recursive: true, force: true }),
          };
        },
      ],
    ];
    const pg = process.env.FERRETDB_POSTGRESQL_URL?.trim();
    if (pg)
      storages.push([
        "postgresql",
        async () => ({ storage: { handler: "postgresql", url: pg }, cleanup: async () => {} }),
      ]);
    for (const [name, open] of storages) {
      for (const variant of ["stock", "patched"] as const) {
        progress(`find-id: ${variant} FerretDB on ${name}, ${docs} documents`);
        const { storage, cleanup } = await open();
        try {
          rows.push([`${name} ${variant}`, await measureEmbedded(variant, storage, docs)]);
        } finally {
          await cleanup();
        }
      }
    }
  }
  const columns: [string, keyof FindIdResult][] = [
    ["findOne _id", "find_one_id_ms"],
    ["updateOne _id", "update_one_id_ms"],
    ["findOne indexed", "find_one_indexed_ms"],
    ["find _id $in 100", "find_id_in_100_ms"],
    ["find indexed $in 20", "find_indexed_in_20_ms"],
  ];
  process.stdout.write(`\n${"median ms".padEnd(20)} ${columns.map(([title]) => title).join("  ")}\n`);
  for (const [what, r] of rows) {
    const cells = columns.map(([title, key]) => String(r[key]).padStart(title.length));
    process.stdout.write(`${what.padEnd(20)} ${cells.join("  ")}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`find-id failed: ${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
}
