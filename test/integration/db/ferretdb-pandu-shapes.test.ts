import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { createTelegramSender } from "../../../src/channels/telegram/sender.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { connectDatabase, type Database } from "../../../src/db/connection.js";
import { ensureEmbeddedBinary } from "../../../src/db/embedded/build.js";
import { type EmbeddedDb, type EmbeddedStorage, startEmbeddedDb } from "../../../src/db/embedded/launch.js";
import { ensureSchema } from "../../../src/db/ensure-schema.js";
import { CHANNELS } from "../../../src/db/models/identity.js";
import { type LoggedQuery, listenToQueries } from "../../../src/db/query-log.js";
import { createDispatcher } from "../../../src/delivery/dispatcher.js";
import { createOldestDue } from "../../../src/delivery/due-reader.js";
import { createRateLimiter } from "../../../src/delivery/rate-limiter.js";
import { createSlotLease } from "../../../src/delivery/slot-lease.js";
import type { IncomingFile, Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { EMBEDDED_CACHE_DIR, LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { standardOf } from "../../support/assessment-runs.js";
import { chatDriver } from "../../support/chat-driver.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";

const { BSON } = mongoose.mongo;
type Doc = mongoose.mongo.Document;

/**
 * The patched FerretDB against stock FerretDB v1.24.2 on every filter Pandu itself sends: a
 * realistic journey through the real app (onboarding in two instansi, assessments, the catalog,
 * enrolment, a verified certificate, mentoring, a confirmed level, reports, a broadcast, roles, the
 * audit log, /dataku and /hapusdata, every scheduled job and the dispatcher) runs on this file's
 * own patched server, and every filter it sent is recorded, from the driver's command events and
 * from the query log. Then the same storage is read by a stock server and by the patched one again,
 * one after the other, with each distinct (collection, filter) as a find sorted by `_id` and a
 * countDocuments: the answers must be identical. The patch may only let SQL return a superset that
 * FerretDB filters again, so any difference is a bug in it. ferretdb-patch.test.ts does the same
 * for hand-written documents and filters.
 */
const dbKind = inject("dbKind");
const translator = loadTranslations(LOCALES_DIR);

/**
 * Below these the journey has silently shrunk: it records about 640 distinct filters (the
 * dispatcher's clock makes the count vary a little) in 108 shapes.
 */
const MIN_FILTERS = 300;
const MIN_SHAPES = 90;

// ---------------------------------------------------------------------------------------------
// Recording

/** One distinct filter Pandu sent to one collection, and what sent it (for a failure message). */
interface Recorded {
  collection: string;
  /** A BSON round trip of the filter: what went over the wire, dates and number types included. */
  filter: Doc;
  ops: Set<string>;
  origins: Set<string>;
  sources: Set<"driver" | "query-log">;
}

/** Canonical extended JSON keeps int32, int64, double, dates and ObjectIds apart. */
const ejson = (v: unknown) => BSON.EJSON.stringify(v, { relaxed: false });

/**
 * A copy of `filter` as the driver puts it on the wire (undefined becomes null, as with the
 * driver's default `ignoreUndefined: false`), that serialises to the same bytes again and that
 * nothing in the app can change afterwards.
 */
const snapshot = (filter: Doc): Doc =>
  BSON.deserialize(BSON.serialize(filter, { ignoreUndefined: false }), { promoteValues: false });

/** The filter's structure without its values: how many shapes the filters come in. */
const shapeOf = (collection: string, filter: Doc) =>
  `${collection} ${JSON.stringify(BSON.EJSON.serialize(filter, { relaxed: false }), (_k, v) =>
    v !== null && typeof v === "object" ? v : typeof v,
  )}`;

/** The filter each command reading or writing with one carries, and its collection. */
function filtersOf(name: string, command: Doc): { collection: string; op: string; filter: Doc }[] {
  const collection = command[name] as string;
  switch (name) {
    case "find":
      return [{ collection, op: name, filter: command.filter ?? {} }];
    case "count":
    case "distinct":
    case "findAndModify":
      return [{ collection, op: name, filter: command.query ?? {} }];
    case "aggregate": {
      const first = (command.pipeline as Doc[])[0];
      return [{ collection, op: name, filter: first?.$match ?? {} }];
    }
    case "update":
      return (command.updates as Doc[]).map((u) => ({ collection, op: name, filter: u.q ?? {} }));
    case "delete":
      return (command.deletes as Doc[]).map((d) => ({ collection, op: name, filter: d.q ?? {} }));
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// The journey's people and data

const clockStart = new Date("2026-11-24T02:00:00Z"); // Tuesday 09.00 WIB
let clock = clockStart;
let app: App;
const { cmd, text, press, send, all, onboard, takeAssessment } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
/** A bootstrap admin (ADMIN_IDS), who grants the first roles with /peran. */
const ROOT = tg(1);
const SRI = { who: tg(11), name: "Sri Wahyuni", nip: "198203142008012005" };
const BUDI = { who: tg(12), name: "Budi Hartono", nip: "199001012015031004" };
const RINA = { who: tg(13), name: "Rina Marlina", nip: "198104102006042003" };
const ATASAN = { who: tg(14), name: "Atasan Yankes", nip: "198503012010011007" };
const LALU = { who: tg(21), name: "Lalu Ahmad", nip: "197911232005011004" };
const MADE = { who: tg(22), name: "Made Aryasa", nip: "198703152010011003" };
const MATARAM = { instansi: "Pemerintah Kota Mataram", unit: "Kecamatan Ampenan" };
const UNIT = "jambi.dinkes.yankes";

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota,status,admission,contact",
  "komunikasi,Pelatihan Komunikasi Efektif,BPSDM Provinsi Jambi,e-learning,8,M.3:1-3,online,,,,2026-11-30 09:00,2026-11-30 16:00,WIB,40,,,",
  "komunikasi-jambi,Komunikasi Publik yang Efektif,BPSDM Provinsi Jambi,pelatihan-manajerial,24,M.3:1-3,offline,jambi,Kota Jambi,,2027-03-08 08:00,2027-03-10 16:00,WIB,25,,,",
  "arsip,Manajemen Arsip Dinamis,ANRI,e-learning,6,M.4:1-2,online,,,https://anri.example.id,,,,,,,",
  "pengadaan,Bimtek Pengadaan Barang dan Jasa,LKPP,bimtek,30,M.8:2-3,online,,,,2027-04-05 08:00,2027-04-07 16:00,WIB,50,,ajukan,Bidang PKAP BKPSDM",
].join("\n");

const certificatePdf: IncomingFile = {
  kind: "document",
  channel: "telegram",
  fileId: "BQCertElearning",
  mime: "application/pdf",
  name: "sertifikat-elearning.pdf",
  size: 90_000,
};

const buttons = (out: Outbound[]) => out.flatMap((o) => (o.choices ?? []).flat());
const buttonOf = (out: Outbound[], label: string) => {
  const b = buttons(out).find((x) => x.label.includes(label));
  if (!b) throw new Error(`no button "${label}" in ${JSON.stringify(buttons(out).map((x) => x.label))}`);
  return b.data;
};
const personOf = async (who: IncomingIdentity) => (await app.repos.identities.get(who.id))!.personId;

/** Runs a Telegram dispatcher against an emulator until nothing in the outbox is due. */
async function deliverDue(emulator: TelegramEmulator) {
  // The dispatcher paces sends by its clock, which must move: the journey's time, running on.
  const startedAt = Date.now();
  const now = () => new Date(clock.getTime() + Date.now() - startedAt);
  const sender = createTelegramSender({
    token: "123456:TEST-token-for-the-emulator_0008",
    apiRoot: emulator.apiRoot,
    limits: { perSecond: 200, perChatMs: 10 },
  });
  const dispatcher = createDispatcher({
    repos: app.repos,
    sender,
    limiter: createRateLimiter(sender.limits),
    lease: createSlotLease({
      leases: app.repos.leases,
      name: "sender:shapes",
      holder: "t",
      slotMs: 60_000,
      now: () => now().getTime(),
    }),
    now,
    takeoverGraceMs: 0,
    idleMs: 30,
    backoff: () => 20,
  });
  dispatcher.start();
  try {
    const until = Date.now() + 10_000;
    const oldestDue = createOldestDue({ deliveries: app.repos.deliveries, channels: CHANNELS });
    while ((await oldestDue(clock)) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  } finally {
    await dispatcher.stop();
  }
}

describe.skipIf(dbKind === "mongodb-uri")(
  "every filter Pandu sends gets the same answer from patched and stock FerretDB v1.24.2 (skipped with MONGODB_URI: MongoDB needs no patch)",
  () => {
    const dbName = `ps_${randomBytes(6).toString("hex")}`;
    let storage: EmbeddedStorage;
    let dataDir: string | undefined;
    let patchedBinary: string;
    let stockBinary: string;
    /** The one server running on the storage at any time (never two). */
    let server: EmbeddedDb | undefined;
    let database: Database | undefined;
    let emulator: TelegramEmulator | undefined;
    const recorded = new Map<string, Recorded>();
    /** The query log's filters, kept as references: mongoose casts them in place after its hook. */
    const logged: LoggedQuery[] = [];
    let recording = true;
    let stopLogging: (() => void) | undefined;

    const record = (
      source: "driver" | "query-log",
      collection: string,
      op: string,
      filter: Doc,
      origin?: string,
    ) => {
      const copy = snapshot(filter);
      const key = `${collection} ${ejson(copy)}`;
      let r = recorded.get(key);
      if (!r) {
        r = { collection, filter: copy, ops: new Set(), origins: new Set(), sources: new Set() };
        recorded.set(key, r);
      }
      r.ops.add(op);
      r.sources.add(source);
      if (origin) r.origins.add(origin);
    };

    beforeAll(async () => {
      // Built once each (a few minutes without Go's build cache), then cached under data/cache by hash.
      patchedBinary = await ensureEmbeddedBinary(EMBEDDED_CACHE_DIR);
      stockBinary = await ensureEmbeddedBinary(EMBEDDED_CACHE_DIR, undefined, { variant: "stock" });
      if (dbKind === "ferretdb-postgresql") {
        const url = process.env.FERRETDB_POSTGRESQL_URL?.trim();
        if (!url) throw new Error("dbKind is ferretdb-postgresql but FERRETDB_POSTGRESQL_URL is not set");
        // The suite's server uses the same PostgreSQL database; this file's Mongo database name (a
        // schema there) is its own.
        storage = { handler: "postgresql", url };
      } else {
        dataDir = await mkdtemp(join(tmpdir(), "pandu-shapes-ferretdb-"));
        storage = { handler: "sqlite", dataDir };
      }
      server = await startEmbeddedDb(patchedBinary, storage);
      // onCommand turns the driver's command monitoring on; the full commands are read below.
      database = await connectDatabase({ uri: server.uri, dbName, poolSize: 5, onCommand: () => {} });
      await ensureSchema(database);
      database.connection.getClient().on("commandStarted", (e) => {
        if (!recording || e.databaseName !== dbName) return;
        for (const f of filtersOf(e.commandName, e.command)) record("driver", f.collection, f.op, f.filter);
      });
      stopLogging = listenToQueries((q) => {
        if (recording) logged.push(q);
      });
      emulator = new TelegramEmulator();
      await emulator.start();
      app = createApp({
        database,
        translate: translator.t.bind(translator),
        now: () => clock,
        adminIds: [ROOT.id],
        surveyHashKey: "k".repeat(40),
      });
    }, 900_000);

    afterAll(async () => {
      recording = false;
      stopLogging?.();
      await emulator?.stop();
      // Whichever server runs last holds the data: drop this file's database there.
      if (database) await database.close().catch(() => {});
      if (server) {
        const db = await connectDatabase({ uri: server.uri, dbName, poolSize: 2 }).catch(() => undefined);
        await db?.connection.dropDatabase().catch(() => {});
        await db?.close();
        await server.stop();
      }
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it("keeps several query listeners, and removing one leaves the others", async () => {
      const seenA: string[] = [];
      const seenB: string[] = [];
      const stopA = listenToQueries((q) => seenA.push(q.collection));
      const stopB = listenToQueries((q) => seenB.push(q.collection));
      await app.repos.people.get("nobody");
      stopA();
      await app.repos.identities.get("telegram:0");
      stopB();
      expect(seenA).toEqual(["people"]);
      expect(seenB).toEqual(["people", "identities"]);
      // This file's recorder, registered earlier, saw both.
      expect(logged.map((q) => q.collection)).toEqual(expect.arrayContaining(["people", "identities"]));
    });

    it("drives a journey through the app: two instansi, every role, every scheduled job", async () => {
      await seedDemoIfEmpty(app.repos, app.seedFile);
      expect((await app.importCourses(CATALOG)).ok).toBe(true);

      // Registration through the chat, in Jambi and in Kota Mataram.
      for (const p of [SRI, BUDI, RINA, ATASAN]) await onboard(p.who, p.name, p.nip);
      for (const p of [LALU, MADE]) await onboard(p.who, p.name, p.nip, MATARAM);
      const ids: Record<string, string> = {};
      for (const [key, p] of Object.entries({ SRI, BUDI, RINA, ATASAN, LALU, MADE }))
        ids[key] = await personOf(p.who);
      // Colleagues at the standard, so Bidang Pelayanan Kesehatan's summary is shown in full.
      for (const name of ["Citra Dewi", "Dodi Saputra", "Eka Putri"]) {
        const p = await app.repos.people.create({
          name,
          timeZone: "Asia/Jakarta",
          instansiId: "jambi",
          unitId: UNIT,
          onboardedAt: clock,
        });
        await app.summaries.touch(p._id);
        await app.recordAssessment({
          personId: p._id,
          assessed: standardOf(2),
          required: standardOf(2),
          statements: 36,
          completedAt: clock,
        });
      }

      // Roles granted by the bootstrap admin, then used.
      for (const [p, role, unit] of [
        [RINA, "koordinator", "jambi"],
        [ATASAN, "supervisor", UNIT],
        [LALU, "admin", "mataram"],
      ] as const)
        expect(all(await cmd(ROOT, "peran", `beri ${p.nip} ${role} ${unit}`))).toContain("kini memegang");

      // Assessments through the chat, results and recommendations.
      expect(all(await takeAssessment(SRI.who, { "M.3": 3 }))).toContain("Hasil asesmen");
      expect(all(await takeAssessment(BUDI.who, { "M.3": 1, "M.4": 1 }))).toContain("Hasil asesmen");
      expect(all(await takeAssessment(MADE.who, {}))).toContain("Hasil asesmen");
      for (const p of [SRI, BUDI, MADE]) {
        expect(all(await cmd(p.who, "hasil"))).toContain("level");
        await cmd(p.who, "rekomendasi");
      }

      // Mentoring: Sri offers, Budi asks from his recommendation, Sri accepts.
      await cmd(SRI.who, "mentor");
      await press(SRI.who, "mnt|on");
      const card = (await cmd(BUDI.who, "rekomendasi")).find((o) => o.text.includes("Mentoring Komunikasi"));
      expect(card, "Budi is offered a mentor for Komunikasi").toBeDefined();
      await press(BUDI.who, buttons([card!])[0]!.data);
      const inbox = await cmd(SRI.who, "mentor");
      expect(all(await press(SRI.who, buttonOf(inbox, "Terima")))).toContain("Anda menjadi mentor");
      await cmd(BUDI.who, "mentor");

      // His atasan confirms Budi's Komunikasi at the level he gave himself.
      const budi = (await app.repos.people.get(ids.BUDI!))!;
      const confirmed = await app.confirmLevel({
        assessmentId: budi.status.lastAssessmentId!,
        competency: "M.3",
        level: 1,
        byPersonId: ids.ATASAN!,
        actorIdentityId: ATASAN.who.id,
      });
      expect(confirmed.kind).toBe("confirmed");

      // The catalog: a search, an enrolment, a request for a place, /pelatihan.
      await cmd(BUDI.who, "katalog");
      const found = await cmd(BUDI.who, "katalog", "komunikasi");
      const asked = await press(BUDI.who, buttonOf(found, "1. Daftar"));
      expect(all(await press(BUDI.who, buttonOf(asked, "Ya")))).toContain("terdaftar");
      const request = await cmd(BUDI.who, "katalog", "pengadaan");
      expect(all(await press(BUDI.who, buttonOf(request, "1. Ajukan")))).toContain("Pengajuan Anda");
      expect(all(await cmd(BUDI.who, "pelatihan"))).toContain("Pelatihan Komunikasi Efektif");

      // A training outside the catalog with a certificate, verified by the koordinator.
      expect(all(await cmd(SRI.who, "selesai"))).toContain("pelatihan di luar katalog");
      for (const answer of [
        "2",
        "3",
        "E-learning",
        "E-learning Manajemen ASN",
        "2026-11-10",
        "20",
        "Manajerial",
      ])
        await text(SRI.who, answer);
      await send(SRI.who, { kind: "file", file: certificatePdf });
      await text(SRI.who, "SERT/EL/2026/0042");
      expect(all(await text(SRI.who, "10-11-2026"))).toContain("Menunggu verifikasi koordinator");
      const waiting = await cmd(RINA.who, "verifikasi");
      expect(all(await press(RINA.who, buttonOf(waiting, "Verifikasi")))).toContain("Diverifikasi");
      expect(all(await cmd(SRI.who, "pelatihan"))).toContain("E-learning Manajemen ASN");

      // Reports for the atasan.
      await app.summaries.settle();
      expect(all(await cmd(ATASAN.who, "ringkasan"))).toContain("pegawai");
      expect((await cmd(ATASAN.who, "ekspor")).some((o) => o.media)).toBe(true);
      await cmd(ATASAN.who, "survei", "hasil");

      // A broadcast to one unit by the koordinator, delivered, then /siaran.
      await cmd(RINA.who, "umumkan");
      let said = await text(RINA.who, "Rapat koordinasi besok pukul 09.00.");
      if (/foto atau berkas/.test(all(said))) said = await text(RINA.who, "lewati");
      for (const answer of [
        "Unit tertentu (satu atau beberapa)",
        "Bidang Pelayanan Kesehatan",
        "Selesai memilih",
      ])
        said = await text(RINA.who, answer);
      expect(all(said)).toContain("Minta penerima menjawab");
      expect(all(await text(RINA.who, 'Tombol "Sudah dibaca"'))).toContain("diterima");
      await text(RINA.who, "Kirim sekarang");
      expect(all(await text(RINA.who, "ya"))).toContain("dikirim ke");
      await deliverDue(emulator!);
      const siaran = await cmd(RINA.who, "siaran");
      expect(all(siaran)).toContain("Terkirim");
      await press(RINA.who, buttonOf(siaran, "belum menjawab"));

      // The coordinator's weekly work: session rosters, who has not acted yet, the digest.
      const sessions = await cmd(RINA.who, "peserta");
      const firstSession = buttons(sessions)[0]?.data;
      if (firstSession) await press(RINA.who, firstSession);
      const belum = await cmd(RINA.who, "belum");
      await press(RINA.who, buttonOf(belum, "Belum asesmen"));
      await cmd(RINA.who, "rekap");
      // The atasan's own staff: Budi names them and agrees to be seen.
      await app.repos.people.update(ids.BUDI!, {
        atasanNip: ATASAN.nip,
        atasanConsent: { allowed: true, at: clock },
      });
      expect(all(await cmd(ATASAN.who, "tim"))).toContain("Budi");

      // The admin of Kota Mataram: a role in scope, the audit log.
      expect(all(await cmd(LALU.who, "peran", `beri ${MADE.nip} koordinator mataram.ampenan`))).toContain(
        "kini memegang",
      );
      await cmd(LALU.who, "peran");
      expect(all(await cmd(LALU.who, "audit"))).toContain("role.grant");
      await cmd(LALU.who, "audit", "role.grant");

      // Settings people change.
      await cmd(MADE.who, "pengingat");
      await cmd(MADE.who, "profil");
      await cmd(MADE.who, "batal");
      await cmd(SRI.who, "tautkan");

      // Every scheduled job once, at the journey's time and a week later (reminders, surveys,
      // summaries, retention), then what they queued is delivered.
      for (const at of [clock, new Date(clockStart.getTime() + 7 * 86_400_000)]) {
        clock = at;
        for (const job of app.jobs) await job.run(clock);
        await app.summaries.fold();
        await app.summaries.rebuild();
        await deliverDue(emulator!);
      }

      // Privacy: the person's own data, then erasure.
      expect((await cmd(MADE.who, "dataku")).some((o) => o.media)).toBe(true);
      const [ask] = await cmd(MADE.who, "hapusdata");
      expect(all(await press(MADE.who, ask!.choices![0]![0]!.data))).toContain("sudah dihapus");
      for (const job of app.jobs.filter((j) => j.name === "housekeeping" || j.name === "summaries"))
        await job.run(clock);

      // The journey got where it should.
      expect(await app.repos.assessments.listForPerson(ids.SRI!)).not.toEqual([]);
      expect(await app.repos.assessments.listForPerson(ids.BUDI!)).not.toEqual([]);
      expect(
        (await app.repos.completions.listForPerson(ids.SRI!)).map((c) => `${c.title}:${c.state}`),
      ).toContain("E-learning Manajemen ASN:verified");
      expect(await app.repos.people.get(ids.MADE!)).toBeNull();
      expect(emulator!.messages.size).toBeGreaterThan(0);
    }, 240_000);

    it("answers every recorded filter the same on stock and on patched FerretDB, on the same storage", async () => {
      recording = false;
      for (const q of logged) record("query-log", q.collection, q.op, q.filter, q.origin);
      await database!.close();
      database = undefined;
      await server!.stop();
      server = undefined;

      const filters = [...recorded.entries()];
      /** Every filter as a find sorted by _id and a countDocuments, on the server at `binary`. */
      const replay = async (binary: string) => {
        server = await startEmbeddedDb(binary, storage);
        const db = await connectDatabase({ uri: server.uri, dbName, poolSize: 2 });
        const answers = new Map<string, string>();
        let indexed = 0;
        try {
          for (const [key, r] of filters) {
            const c = db.connection.db!.collection(r.collection);
            let answer: string;
            try {
              // promoteValues: false keeps Int32, Long and Double apart in what is compared.
              const docs = await c.find(r.filter, { promoteValues: false }).sort({ _id: 1 }).toArray();
              answer = `${await c.countDocuments(r.filter)} ${ejson(docs)}`;
            } catch (err) {
              answer = `error ${(err as Error).message}`;
            }
            answers.set(key, answer);
            // What the server's SQL reads: an index search, or the whole table.
            const plan = await db.connection
              .db!.command({ explain: { find: r.collection, filter: r.filter } })
              .catch(() => undefined);
            if (/USING INDEX|Index Scan/.test(JSON.stringify(plan?.queryPlanner))) indexed++;
          }
        } finally {
          await db.close();
        }
        return { answers, indexed };
      };
      const startedAt = Date.now();
      const { answers: stock, indexed: stockIndexed } = await replay(stockBinary);
      await server!.stop();
      server = undefined;
      const { answers: patched, indexed: patchedIndexed } = await replay(patchedBinary);

      const differences = filters
        .filter(([key]) => stock.get(key) !== patched.get(key))
        .map(([key, r]) => ({
          collection: r.collection,
          filter: ejson(r.filter),
          ops: [...r.ops].join(","),
          origins: [...r.origins].join(","),
          stock: stock.get(key),
          patched: patched.get(key),
        }));
      const shapes = new Set(filters.map(([, r]) => shapeOf(r.collection, r.filter)));
      const collections = new Set(filters.map(([, r]) => r.collection));
      const matching = [...stock.values()].filter(
        (a) => !a.startsWith("0 ") && !a.startsWith("error"),
      ).length;
      const errors = [...stock.values()].filter((a) => a.startsWith("error")).length;
      const bySource = (s: "driver" | "query-log") => filters.filter(([, r]) => r.sources.has(s)).length;
      const withDates = filters.filter(([, r]) => ejson(r.filter).includes('"$date"')).length;
      console.log(
        `ferretdb-pandu-shapes (${dbKind}): ${filters.length} distinct filters in ${shapes.size} shapes on ` +
          `${collections.size} collections (${bySource("driver")} from the driver's commands, ` +
          `${bySource("query-log")} from the query log, ${withDates} with dates), ${matching} matching documents, ` +
          `${errors} errors; read through an index by stock ${stockIndexed}, by patched ${patchedIndexed}; ` +
          `replayed on stock and patched in ${Date.now() - startedAt} ms; ${differences.length} differences`,
      );
      expect(differences, "filters that stock and patched FerretDB answer differently").toEqual([]);
      expect(filters.length, "distinct filters recorded from the journey").toBeGreaterThanOrEqual(
        MIN_FILTERS,
      );
      expect(shapes.size, "distinct filter shapes recorded from the journey").toBeGreaterThanOrEqual(
        MIN_SHAPES,
      );
      expect(errors, "filters that fail to replay").toBe(0);
      // Dates went over the wire as dates and came back as dates (the outbox, leases, reminders).
      expect(withDates, "filters with a date").toBeGreaterThan(0);
      // The comparison exercised the patch: on SQLite stock never searches an index and the patched
      // server does for most of these filters. (PostgreSQL's planner may prefer reading a table this
      // small once it has statistics, so there the numbers are only reported.)
      if (dbKind === "ferretdb-sqlite")
        expect(patchedIndexed, "filters the patched server reads through an index").toBeGreaterThan(
          filters.length / 2,
        );
    }, 300_000);
  },
);
