import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureEmbeddedBinary } from "../../../src/db/embedded/build.js";
import { type EmbeddedDb, type EmbeddedStorage, startEmbeddedDb } from "../../../src/db/embedded/launch.js";
import { EMBEDDED_CACHE_DIR } from "../../../src/paths.js";

const { MongoClient, ObjectId, Long, Double, Int32, BSON } = mongoose.mongo;
type Db = mongoose.mongo.Db;
type Doc = mongoose.mongo.Document;
/** Plain documents: the driver's Filter type insists on ObjectId `_id`s, and these have any type. */
type Filter = mongoose.mongo.Document;

/**
 * The patched FerretDB (src/db/embedded/ferretdb-v1.24.2.patch, what the suite runs) against the
 * stock FerretDB v1.24.2 on the same storage: the same tricky documents, the same indexes, and
 * every filter shape the patch pushes down (and some it leaves alone) through every command that
 * reads with a filter must give identical results. The patch may only make SQL return a superset
 * that FerretDB filters again, so any difference is a bug in it.
 */
const dbKind = inject("dbKind");

const oid1 = new ObjectId("65a1b2c3d4e5f60718293a4b");
const oid2 = new ObjectId("65a1b2c3d4e5f60718293a4c");
const date1 = new Date("2026-01-02T03:04:05.678Z");
const quoted = "quote \" and \\ backslash ' apostrophe";
const unicode = "unicode é ü 日本 🙂 \u2028 <>& tab\t newline\n";

/** Documents with every type and shape the pushed equality has to get right. */
const DOCS: Doc[] = [
  { _id: "a", code: 1, __v: 0, s: "plain", n: new Int32(1), tags: ["x", "y"], b: true, d: date1, k: "g1" },
  { _id: "b", code: 2, __v: 1, s: quoted, n: Long.fromNumber(1), tags: "x", b: false, k: "g1" },
  { _id: "c", code: 3, s: unicode, n: new Double(1), tags: [], b: new Int32(1), k: "g2" },
  { _id: oid1, code: 4, s: oid2.toHexString(), n: new Double(-0), tags: [{ x: 1 }, { x: 2 }], k: "g2" },
  { _id: new Int32(7), code: 5, s: oid2, n: new Int32(0), tags: [new Int32(1), new Int32(2), new Int32(3)] },
  {
    _id: Long.fromNumber(8),
    code: 6,
    s: null,
    n: new Double(1.5),
    tags: [null],
    nested: { s: "plain", n: 1 },
  },
  { _id: new Double(9.5), code: 7, n: Long.fromString("9007199254740993"), tags: ["plain", new Int32(1)] },
  { _id: "big-double", code: 8, n: new Double(2 ** 60), s: "[bracket", tags: ["[x"] },
  { _id: "big-long", code: 9, n: Long.fromBigInt(2n ** 60n), s: "", tags: "[x" },
  { _id: "safe", code: 10, n: Long.fromString("9007199254740991"), s: "true", b: "true" },
  { _id: "safe-double", code: 11, n: new Double(9007199254740991), d: Long.fromNumber(date1.getTime()) },
  { _id: "2^53", code: 12, n: new Double(2 ** 53), d: new Date(0) },
  { _id: "neg", code: 13, n: new Int32(-5), s: "plain", d: new Int32(0), k: "g1" },
  { _id: "neg-double", code: 14, n: new Double(-5), s: "Plain", tags: { x: 1 } },
  { _id: "tiny", code: 15, n: new Double(1e-7), s: { a: 1 }, tags: ["a", "plain"] },
  { _id: "frac", code: 16, n: new Double(0.1 + 0.2), s: "plain ", b: null },
  { _id: "str-num", code: 17, n: "1", s: "1", tags: ["1"], k: "g2" },
  { _id: { x: 1 }, code: 18, n: true, s: "plain", nested: { s: "other" } },
  { _id: oid1.toHexString().replace(/b$/, "c"), code: 19, n: new Double(1), s: "plain", __v: 0 },
  { _id: "bool-arr", code: 20, b: [true, false], n: [new Int32(1), new Double(2.5)], d: [date1] },
];

/** The patch pushes an `$in` of at most this many values (maxInValues in the patch); longer ones scan. */
const IN_CAP = 1000;
/** `n` strings that match no document, to pad an `$in` list to the cap. */
const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler-${i}`);

/** Filters: `[label, filter]`; the label names the shape in a failure message. */
const FILTERS: [string, Filter][] = [
  ["_id string", { _id: "a" }],
  ["_id ObjectId", { _id: oid1 }],
  ["_id hex string of an ObjectId", { _id: oid1.toHexString() }],
  ["_id with __v (mongoose)", { _id: "a", __v: 0 }],
  ["_id with __v that differs", { _id: "a", __v: 1 }],
  ["_id $eq", { _id: { $eq: "b" } }],
  ["_id int32", { _id: new Int32(7) }],
  ["_id int64 equal to an int32", { _id: Long.fromNumber(7) }],
  ["_id double equal to an int32", { _id: new Double(7) }],
  ["_id int32 equal to an int64", { _id: new Int32(8) }],
  ["_id double", { _id: new Double(9.5) }],
  ["_id subdocument", { _id: { x: 1 } }],
  ["_id missing", { _id: "zzz" }],
  ["_id $in mixed types", { _id: { $in: ["a", new Int32(7), oid1] } }],
  ["_id $in strings", { _id: { $in: ["a", "b", "big-long"] } }],
  ["_id $in one string", { _id: { $in: ["c"] } }],
  ["_id $in ObjectIds", { _id: { $in: [oid1, oid2] } }],
  ["_id $in ObjectId and its hex string", { _id: { $in: [oid1.toHexString(), oid1] } }],
  ["_id $in with duplicates", { _id: { $in: ["a", "a", oid1, oid1, "b"] } }],
  ["_id $in with a value that matches nothing", { _id: { $in: ["zzz", "b"] } }],
  ["_id $in matching nothing", { _id: { $in: ["zzz", "yyy"] } }],
  ["_id $in empty (not pushed)", { _id: { $in: [] } }],
  ["_id $in with null (not pushed)", { _id: { $in: ["a", null] } }],
  ["_id $in with a regex (not pushed)", { _id: { $in: ["a", /^bi/] } }],
  ["_id $in with a subdocument (not pushed)", { _id: { $in: ["a", { x: 1 }] } }],
  ["_id $in numbers of other types", { _id: { $in: [Long.fromNumber(7), new Double(8), new Int32(9)] } }],
  ["_id $in with __v (mongoose)", { _id: { $in: ["a", "b", "c"] }, __v: 0 }],
  ["_id $in at the cap", { _id: { $in: [...filler(IN_CAP - 2), "a", oid1] } }],
  ["_id $in over the cap (not pushed)", { _id: { $in: [...filler(IN_CAP - 1), "a", oid1] } }],
  ["_id $in with another operator (not pushed)", { _id: { $in: ["a", "b"], $ne: "b" } }],
  ["indexed string", { s: "plain" }],
  ["indexed string with quotes and backslashes", { s: quoted }],
  ["indexed string with unicode", { s: unicode }],
  ["indexed string starting with [", { s: "[bracket" }],
  ["indexed empty string", { s: "" }],
  ["indexed hex string (an ObjectId elsewhere)", { s: oid2.toHexString() }],
  ["indexed ObjectId (a hex string elsewhere)", { s: oid2 }],
  ["indexed string 'true'", { s: "true" }],
  ["indexed null (not pushed)", { s: null }],
  ["indexed $eq", { s: { $eq: "plain" } }],
  ["indexed int32 1 (int64 and double too)", { n: new Int32(1) }],
  ["indexed int64 1", { n: Long.fromNumber(1) }],
  ["indexed double 1.0", { n: new Double(1) }],
  ["indexed int32 0 (matches -0)", { n: new Int32(0) }],
  ["indexed double -0", { n: new Double(-0) }],
  ["indexed double 1.5", { n: new Double(1.5) }],
  ["indexed double 0.1+0.2", { n: new Double(0.1 + 0.2) }],
  ["indexed double 1e-7", { n: new Double(1e-7) }],
  ["indexed int32 -5 (double -5 too)", { n: new Int32(-5) }],
  ["indexed 2^53-1 as int64", { n: Long.fromString("9007199254740991") }],
  ["indexed 2^53-1 as double", { n: new Double(9007199254740991) }],
  ["indexed 2^53+1 as int64 (not pushed)", { n: Long.fromString("9007199254740993") }],
  ["indexed 2^53 as double (not pushed)", { n: new Double(2 ** 53) }],
  ["indexed 2^60 as double (not pushed)", { n: new Double(2 ** 60) }],
  ["indexed 2^60 as int64 (not pushed)", { n: Long.fromBigInt(2n ** 60n) }],
  ["indexed number 2.5 inside an array", { n: new Double(2.5) }],
  ["indexed string '1' (not the number)", { n: "1" }],
  ["indexed boolean true", { b: true }],
  ["indexed boolean false", { b: false }],
  ["indexed int 1 (not true)", { b: new Int32(1) }],
  ["indexed date", { d: date1 }],
  ["indexed date 0 (an int 0 elsewhere)", { d: new Date(0) }],
  ["array field, scalar element", { tags: "x" }],
  ["array field, number element", { tags: new Int32(1) }],
  ["array field, string element starting with [", { tags: "[x" }],
  ["array field, null (not pushed)", { tags: null }],
  ["array field, $eq", { tags: { $eq: "plain" } }],
  ["array field, whole array (not pushed)", { tags: ["x", "y"] }],
  ["array field, subdocument (not pushed)", { tags: { x: 1 } }],
  ["unique index", { code: new Int32(5) }],
  ["compound index, leading field", { k: "g1" }],
  ["compound index, both fields", { k: "g1", n: new Int32(1) }],
  ["two indexed fields", { s: "plain", n: new Int32(-5) }],
  ["indexed and unindexed field", { s: "plain", __v: 0 }],
  ["unindexed field only", { __v: 0 }],
  ["dotted path", { "nested.s": "plain" }],
  ["dotted path and indexed field", { "nested.s": "plain", n: new Double(1.5) }],
  ["indexed $in strings", { s: { $in: ["plain", "[bracket"] } }],
  ["indexed $in quoted, unicode, empty", { s: { $in: [quoted, unicode, ""] } }],
  ["indexed $in ObjectId and hex string", { s: { $in: [oid2, oid2.toHexString()] } }],
  ["indexed $in with null (not pushed)", { s: { $in: ["plain", null] } }],
  ["indexed $in with a regex (not pushed)", { s: { $in: ["true", /^pl/] } }],
  ["indexed $in int32 0 (matches -0)", { n: { $in: [new Int32(0)] } }],
  ["indexed $in double -0 and 1.5", { n: { $in: [new Double(-0), new Double(1.5)] } }],
  [
    "indexed $in 1 as int32, int64, double",
    { n: { $in: [new Int32(1), Long.fromNumber(1), new Double(1)] } },
  ],
  [
    "indexed $in -5, 2.5 (in an array), 1e-7",
    { n: { $in: [Long.fromNumber(-5), new Double(2.5), new Double(1e-7)] } },
  ],
  [
    "indexed $in 2^53-1 as int64 and double",
    { n: { $in: [Long.fromString("9007199254740991"), new Double(9007199254740991)] } },
  ],
  [
    "indexed $in with 2^53+1 (not pushed)",
    { n: { $in: [new Int32(1), Long.fromString("9007199254740993")] } },
  ],
  ["indexed $in with 2^60 double (not pushed)", { n: { $in: [new Int32(1), new Double(2 ** 60)] } }],
  ["indexed $in number and string '1'", { n: { $in: [new Int32(-5), "1"] } }],
  ["indexed $in booleans", { b: { $in: [true, false] } }],
  ["indexed $in int 1 (not true)", { b: { $in: [new Int32(1), "true"] } }],
  ["indexed $in dates", { d: { $in: [date1, new Date(0)] } }],
  ["array field $in scalars", { tags: { $in: ["x", "y"] } }],
  ["array field $in numbers and [", { tags: { $in: [new Int32(2), "[x"] } }],
  ["array field $in with null (not pushed)", { tags: { $in: ["x", null] } }],
  ["array field $in with an array (not pushed)", { tags: { $in: [["x", "y"], "plain"] } }],
  ["array field $in with a subdocument (not pushed)", { tags: { $in: [{ x: 1 }, "a"] } }],
  ["unique index $in", { code: { $in: [new Int32(5), Long.fromNumber(1), new Double(99)] } }],
  ["compound index $in on the leading field", { k: { $in: ["g1", "g2"] } }],
  ["indexed $in and a range", { s: { $in: ["plain", "Plain"] }, code: { $gt: 1 } }],
  ["indexed $in and an unindexed field", { n: { $in: [new Int32(1), new Int32(0)] }, __v: 0 }],
  ["indexed $in and $eq on another indexed field", { s: { $in: ["plain", "1"] }, n: { $eq: new Int32(-5) } }],
  [
    "indexed $eq and $in on another indexed field",
    { n: new Double(1), s: { $in: [quoted, unicode, "plain"] } },
  ],
  ["indexed $in and _id $eq", { s: { $in: ["plain", "Plain"] }, _id: "neg" }],
  ["_id $in and indexed $eq", { s: "plain", _id: { $in: ["a", "neg", "b"] } }],
  ["_id $in and unique $eq", { _id: { $in: ["a", "b", "c"] }, code: new Int32(2) }],
  ["unique $in and indexed $eq", { code: { $in: [new Int32(1), new Int32(13)] }, s: "plain" }],
  [
    "two indexed $in",
    { s: { $in: ["plain", "true"] }, n: { $in: [new Int32(1), new Int32(-5), new Int32(9)] } },
  ],
  ["indexed $in not pushable and indexed $eq", { s: { $in: ["plain", null] }, n: new Int32(1) }],
  ["$or", { $or: [{ s: "plain" }, { n: new Double(1.5) }] }],
  ["$and with an indexed equality", { $and: [{ s: "plain" }, { code: { $gt: 1 } }] }],
  ["range", { n: { $gt: 0, $lt: 2 } }],
  ["$eq with another operator", { n: { $eq: new Int32(1), $gte: new Int32(0) } }],
  ["$ne", { s: { $ne: "plain" } }],
  ["$exists", { tags: { $exists: false } }],
  ["regex", { s: /^pl/ }],
  ["indexed equality and $comment", { s: "plain", $comment: "hello" }],
];

const INDEXES: mongoose.mongo.IndexDescription[] = [
  { key: { s: 1 } },
  { key: { n: 1 } },
  { key: { tags: 1 } },
  { key: { b: 1 } },
  { key: { d: -1 } },
  { key: { code: 1 }, unique: true },
  { key: { k: 1, n: -1 } },
];

/** Canonical extended JSON keeps int32, int64, double and -0 apart. */
const ejson = (v: unknown) => BSON.EJSON.stringify(v, { relaxed: false });

/** What one server answers for a filter through every command that reads with one. */
async function observeReads(db: Db, filter: Filter): Promise<Record<string, string>> {
  const docs = db.collection("docs");
  const count = await db.command({ count: "docs", query: filter });
  return {
    find: ejson(await docs.find(filter).sort({ _id: 1 }).toArray()),
    findOne: ejson(await docs.findOne(filter, { sort: { _id: 1 } })),
    countDocuments: String(await docs.countDocuments(filter)),
    count: ejson(count.n),
    aggregate: ejson(await docs.aggregate([{ $match: filter }, { $sort: { _id: 1 } }]).toArray()),
    distinct: ejson((await docs.distinct("code", filter)).map(Number).sort((x, y) => x - y)),
  };
}

/** What one server answers for writes with a filter (documents restored afterwards). */
async function observeWrites(db: Db, filter: Filter, i: number): Promise<Record<string, string>> {
  const upd = db.collection("upd");
  const many = await upd.updateMany(filter, { $push: { hits: i } } as Doc);
  // Which document updateOne picks is unspecified (it follows the plan), so only counts compare,
  // and the update must change whichever it picks: a $set could land on a document an earlier
  // filter already marked on one server and an unmarked one on the other.
  const one = await upd.updateOne(filter, { $inc: { touched: 1 } });
  const fam = await upd.findOneAndUpdate(
    filter,
    { $inc: { fam: 1 } },
    { sort: { _id: 1 }, returnDocument: "after" },
  );

  const del = db.collection("del");
  const deleted = await del.deleteMany(filter);
  const left = await del
    .find({}, { projection: { _id: 1 } })
    .sort({ _id: 1 })
    .toArray();
  const deletedOne = await del.deleteOne(filter);
  await restore(db);
  return {
    updateMany: `${many.matchedCount}/${many.modifiedCount}`,
    updateOne: `${one.matchedCount}/${one.modifiedCount}`,
    // updateOne's marks may differ (see above), so they stay out of what is compared; FerretDB
    // has no projection on findAndModify, so they are dropped here.
    findAndModify: ejson(fam && { ...fam, touched: undefined }),
    deleteMany: String(deleted.deletedCount),
    left: ejson(left),
    deleteOne: String(deletedOne.deletedCount),
  };
}

/** The commands whose answers differ between the two servers, for one filter. */
function differences(label: string, patched: Record<string, string>, stock: Record<string, string>) {
  return Object.keys(stock)
    .filter((command) => patched[command] !== stock[command])
    .map((command) => ({ label, command, patched: patched[command], stock: stock[command] }));
}

/** Puts back the documents a delete removed from `del`. */
async function restore(db: Db): Promise<void> {
  const del = db.collection("del");
  const present = new Set(
    (await del.find({}, { projection: { _id: 1 } }).toArray()).map((d) => ejson(d._id)),
  );
  const missing = DOCS.filter((d) => !present.has(ejson(d._id)));
  if (missing.length > 0) await del.insertMany(missing.map((d) => ({ ...d })));
}

/** Creates the collections and indexes of one side through its own connection. */
async function seed(db: Db): Promise<void> {
  for (const name of ["docs", "upd", "del"]) {
    const c = db.collection(name);
    await c.createIndexes(INDEXES);
    await c.insertMany(DOCS.map((d) => ({ ...d })));
  }
}

describe.skipIf(dbKind === "mongodb-uri")(
  "the patched FerretDB answers as stock FerretDB v1.24.2 (skipped with MONGODB_URI: MongoDB needs no patch)",
  () => {
    const suffix = randomBytes(4).toString("hex");
    let stockServer: EmbeddedDb | undefined;
    let stockDir: string | undefined;
    let patchedClient: mongoose.mongo.MongoClient;
    let stockClient: mongoose.mongo.MongoClient;
    let patched: Db;
    let stock: Db;

    beforeAll(async () => {
      // Built once (a few minutes without Go's build cache), then cached under data/cache by hash.
      const binary = await ensureEmbeddedBinary(EMBEDDED_CACHE_DIR, undefined, { variant: "stock" });
      let storage: EmbeddedStorage;
      if (dbKind === "ferretdb-postgresql") {
        const url = process.env.FERRETDB_POSTGRESQL_URL?.trim();
        if (!url) throw new Error("dbKind is ferretdb-postgresql but FERRETDB_POSTGRESQL_URL is not set");
        // Same PostgreSQL database, another Mongo database name (a schema): the two servers do not
        // see each other's new collections, so each side creates its own.
        storage = { handler: "postgresql", url };
      } else {
        stockDir = await mkdtemp(join(tmpdir(), "pandu-stock-ferretdb-"));
        storage = { handler: "sqlite", dataDir: stockDir };
      }
      stockServer = await startEmbeddedDb(binary, storage);
      // promoteValues: false keeps Int32, Long and Double apart in what is compared.
      patchedClient = await new MongoClient(inject("mongoUri"), { promoteValues: false }).connect();
      stockClient = await new MongoClient(stockServer.uri, { promoteValues: false }).connect();
      patched = patchedClient.db(`fp_${suffix}_patched`);
      stock = stockClient.db(`fp_${suffix}_stock`);
      await seed(patched);
      await seed(stock);
    }, 900_000);

    afterAll(async () => {
      await patched?.dropDatabase().catch(() => {});
      await stock?.dropDatabase().catch(() => {});
      await patchedClient?.close();
      await stockClient?.close();
      await stockServer?.stop();
      if (stockDir) await rm(stockDir, { recursive: true, force: true });
    });

    it("has enough filter shapes, most of them matching something", async () => {
      expect(FILTERS.length).toBeGreaterThanOrEqual(34);
      let matching = 0;
      for (const [, filter] of FILTERS)
        if ((await patched.collection("docs").countDocuments(filter)) > 0) matching++;
      expect(matching).toBeGreaterThan(FILTERS.length * 0.75);
    });

    it("reads: find, findOne, countDocuments, count, aggregate $match and distinct give the same", async () => {
      const diffs = [];
      for (const [label, filter] of FILTERS) {
        diffs.push(
          ...differences(label, await observeReads(patched, filter), await observeReads(stock, filter)),
        );
      }
      expect(diffs).toEqual([]);
    });

    it("writes: updateMany, updateOne, findAndModify, deleteMany and deleteOne give the same", async () => {
      const diffs = [];
      for (const [i, [label, filter]] of FILTERS.entries()) {
        diffs.push(
          ...differences(
            label,
            await observeWrites(patched, filter, i),
            await observeWrites(stock, filter, i),
          ),
        );
      }
      expect(diffs).toEqual([]);
      // Every updateMany left the same marks on the same documents.
      const all = (db: Db) =>
        db
          .collection("upd")
          .find({}, { projection: { touched: 0 } })
          .sort({ _id: 1 })
          .toArray();
      expect(ejson(await all(patched))).toBe(ejson(await all(stock)));
    });

    it("serves pushed equalities from an index (explain), where stock scans", async () => {
      // Enough documents that PostgreSQL's planner prefers an index to reading the table.
      const rows: Doc[] = Array.from({ length: 3000 }, (_, i) => ({
        _id: `p${i}`,
        s: `v${i % 500}`,
        n: i,
        __v: 0,
      }));
      for (const db of [patched, stock]) {
        const plan = db.collection("plan");
        await plan.createIndex({ s: 1 });
        await plan.insertMany(rows.map((r) => ({ ...r })));
      }
      const shapes: Filter[] = [
        { _id: "p5" },
        { _id: "p5", __v: 0 },
        { _id: { $eq: "p5" } },
        { s: "v3" },
        { s: { $eq: "v3" }, n: 3 },
        { n: 3, s: "v3" },
        { _id: { $in: ["p5", "p6", "p2999"] } },
        { _id: { $in: ["p5", "p5"] }, __v: 0 },
        { _id: { $in: ["p5"] } },
        { s: { $in: ["v3", "v4"] } },
        { s: { $in: ["v3", "v4"] }, n: { $gt: 3 } },
      ];
      const planOf = async (db: Db, filter: Filter) => {
        const res = await db.command({ explain: { find: "plan", filter } });
        return { pushdown: res.filterPushdown as boolean, plan: JSON.stringify(res.queryPlanner) };
      };
      // SQLite: "SEARCH … USING INDEX" (both terms of the array OR too), never "SCAN <table>";
      // PostgreSQL: "Index Scan" or "Bitmap Index Scan", never "Seq Scan".
      const scans = /detail=SCAN |Seq Scan/;
      for (const filter of shapes) {
        const p = await planOf(patched, filter);
        expect({
          filter,
          ...p,
          usesIndex: /USING INDEX|Index Scan/.test(p.plan),
          scans: scans.test(p.plan),
        }).toMatchObject({ pushdown: true, usesIndex: true, scans: false });
        const s = await planOf(stock, filter);
        expect({ filter, scans: scans.test(s.plan) }).toEqual({ filter, scans: true });
      }
      // An equality on a field without an index is not pushed into SQL by the patch on SQLite.
      const unindexed = await planOf(patched, { n: 3 });
      expect(scans.test(unindexed.plan)).toBe(true);

      // Of an equality and an $in, the one expected to read fewer rows is searched: _id, then
      // unique, equalities before $in. Index names: SQLite "plan_<hash>__id_", PostgreSQL
      // "plan_<hash>__id__<hash>_idx"; "…_s_1" and "…_s___<hash>_idx" for s.
      const index = (plan: string) => (/__id_/.test(plan) ? "_id" : /_s_/.test(plan) ? "s" : "none");
      const choices: [Filter, string][] = [
        [{ s: "v3", _id: { $in: ["p3", "p503"] } }, "_id"],
        [{ s: { $in: ["v3", "v4"] }, _id: "p3" }, "_id"],
        [{ _id: { $in: ["p3", "p4", "p5"] }, s: { $in: ["v3"] } }, "_id"],
        [{ n: { $in: [3, 4] }, s: "v3" }, "s"],
      ];
      for (const [filter, expected] of choices) {
        const p = await planOf(patched, filter);
        expect({ filter, index: index(p.plan), scans: scans.test(p.plan) }).toEqual({
          filter,
          index: expected,
          scans: false,
        });
      }

      // Not pushed: an empty list, a null (it also matches a missing field), a list over the cap.
      const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
      for (const filter of [
        { _id: { $in: [] } },
        { _id: { $in: ["p5", null] } },
        { s: { $in: ["v3", /^v4$/] } },
        { _id: { $in: ids(IN_CAP + 1) } },
      ]) {
        const p = await planOf(patched, filter);
        expect({
          filter: JSON.stringify(filter).slice(0, 80),
          ...p,
          scans: scans.test(p.plan),
        }).toMatchObject({
          pushdown: false,
          scans: true,
        });
      }
      // At the cap it is pushed (whether PostgreSQL then reads a third of this small table through
      // the index is its own choice).
      expect((await planOf(patched, { _id: { $in: ids(IN_CAP) } })).pushdown).toBe(true);
    });
  },
);
