import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import { createAssessmentRecorder } from "../../../src/features/assessment/assessment-record.js";
import { describeCourseImport } from "../../../src/features/imports/course-import.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const t = translator.t.bind(translator);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-11-24T02:00:00Z");
const { cmd, press, all } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });

const HEADER = "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota";
const CATALOG = [
  HEADER,
  'komunikasi-publik,Komunikasi Publik yang Efektif,BPSDM Provinsi Jambi,pelatihan-manajerial,24,"M.3:2-3; M.2:2",offline,jambi,"Kampus BPSDM, Kota Jambi",,2027-01-11 08:00,2027-01-13 16:00,WIB,10',
  "coaching-atasan,Coaching untuk Atasan Langsung,LAN RI,coaching,8,M.6:1-2,online,,,https://lan.example.id/coaching,2027-01-20 09:00,2027-01-20 12:00,WIB,30",
  "etika-asn,Etika dan Integritas ASN,ASN Unggul,e-learning,4,M.1:1-2,online,,,https://asn.example.id/etika,,,,",
  "komunikasi-ntb,Komunikasi Publik (NTB),BPSDM Provinsi NTB,pelatihan-manajerial,24,M.3:2-3,offline,nusa-tenggara-barat,Mataram,,2027-01-04 08:00,2027-01-06 16:00,WITA,20",
].join("\n");

/** A registered person made directly in storage, reachable as telegram:<n>. */
async function person(n: number, over: Record<string, unknown> = {}) {
  const p = await ctx.repos.people.create({
    name: `Pegawai ${n}`,
    timeZone: "Asia/Jakarta",
    regionId: "jambi",
    instansiId: "jambi",
    unitId: "jambi.dinkes",
    tier: "pengawas",
    learningModes: ["klasikal"],
    onboardedAt: clock,
    ...over,
  });
  await ctx.repos.identities.bind({ id: `telegram:${n}`, channel: "telegram", personId: p._id, now: clock });
  return p;
}

const buttons = (out: Outbound[]) => out.flatMap((o) => (o.choices ?? []).flat());

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: t, now: () => clock });
});

describe("the sample catalog", () => {
  it("is loaded into an empty database once, and never over existing courses", async () => {
    const { seedCoursesIfEmpty } = await import("../../../src/services/course-seed.js");
    expect(await seedCoursesIfEmpty(app.courseCatalog, app.repos.courses.count, app.courseSeedFile)).toBe(
      true,
    );
    expect(await ctx.repos.courses.count()).toBeGreaterThanOrEqual(20);
    expect(await seedCoursesIfEmpty(app.courseCatalog, app.repos.courses.count, app.courseSeedFile)).toBe(
      false,
    );
    await ctx.db.models.Course.deleteMany({});
    app.courseCatalog.invalidate();
  });
});

describe("importing the course catalog from CSV", () => {
  it("imports nothing from a file with mistakes and names every row and column at fault", async () => {
    const bad = CATALOG.replace(",24,", ",dua puluh,").replace("WITA,20", "WITA,0");
    const result = await app.importCourses(bad);
    const message = describeCourseImport(result, "id", t);
    expect(message).toContain("Berkas tidak diimpor karena ada 2 masalah");
    expect(message).toContain("Baris 2, kolom jp: isinya tidak sah");
    expect(message).toContain("Baris 5, kolom quota: terlalu kecil");
    expect(await ctx.repos.courses.count()).toBe(0);
  });

  it("imports a good file, and importing it again changes nothing", async () => {
    const first = await app.importCourses(CATALOG);
    expect(describeCourseImport(first, "id", t)).toBe(
      "Impor selesai: 4 pelatihan baru, 0 diperbarui, 0 tidak berubah.",
    );
    const before = await ctx.repos.courses.all();
    clock = new Date(clock.getTime() + 60_000);
    const again = await app.importCourses(CATALOG);
    expect(describeCourseImport(again, "id", t)).toBe(
      "Impor selesai: 0 pelatihan baru, 0 diperbarui, 4 tidak berubah.",
    );
    expect(await ctx.repos.courses.all()).toEqual(before);
    const changed = await app.importCourses(CATALOG.replace("WIB,30", "WIB,40"));
    expect(changed.ok && changed.updated).toBe(1);
  });
});

describe("/rekomendasi", () => {
  it("asks for an assessment first, then lists courses with a plain reason and three buttons", async () => {
    const p = await person(1);
    expect(all(await cmd(tg(1), "rekomendasi"))).toContain("Ketik /asesmen");
    await createAssessmentRecorder({ repos: ctx.repos })({
      personId: p._id,
      assessed: { "M.1": 2, "M.3": 1, "M.6": 1 },
      required: { "M.1": 2, "M.3": 2, "M.6": 2 },
      statements: 9,
      completedAt: clock,
    });
    const out = await cmd(tg(1), "rekomendasi");
    // One message: the intro, then the numbered courses, each with its row of buttons.
    expect(out).toHaveLength(1);
    const list = out[0]!.text;
    expect(list).toContain("2 pelatihan");
    expect(list).toContain("1. Komunikasi Publik yang Efektif");
    expect(list).toContain("Level Komunikasi Anda 1, sedangkan standar jabatan Anda 2.");
    expect(list).toContain("Senin, 11 Januari 2027 pukul 08.00 WIB");
    expect(
      list.indexOf("Level Pengembangan Diri dan Orang Lain Anda 1, sedangkan standar jabatan Anda 2."),
    ).toBeGreaterThan(list.indexOf("1. Komunikasi Publik yang Efektif"));
    expect(all(out)).not.toContain("NTB"); // another province's classroom course
    expect(all(out)).not.toContain("Etika"); // Integritas already meets the standard
    expect(out[0]!.choices![0]!.map((b) => b.label)).toEqual(["1. Daftar", "1. Detail", "1. Lain kali"]);
    expect(out[0]!.choices![1]![0]!.label).toMatch(/^2\. /);
    const detail = all(await press(tg(1), out[0]!.choices![0]![1]!.data));
    expect(detail).toContain("Penyelenggara: BPSDM Provinsi Jambi");
    expect(detail).toContain("Komunikasi (level 2–3)");
  });
});

describe("enrolment", () => {
  const session = "komunikasi-publik@202701110800";
  const enrolData = `crs|y|${shortKey(session)}`;

  it("asks, confirms in the person's own zone, shows it in /pelatihan, and cancels before the start", async () => {
    await person(2, { timeZone: "Asia/Makassar" });
    const ask = await press(tg(2), `crs|e|${shortKey(session)}`);
    expect(all(ask)).toContain('Daftar ke "Komunikasi Publik yang Efektif"?');
    // The session is in WIB; this person lives in WITA.
    expect(all(ask)).toContain("Senin, 11 Januari 2027 pukul 09.00 WITA");
    const done = all(await press(tg(2), enrolData));
    expect(done).toContain("Anda terdaftar");
    expect(all(await press(tg(2), enrolData))).toContain("sudah terdaftar");
    const view = await cmd(tg(2), "pelatihan");
    expect(all(view)).toContain("Komunikasi Publik yang Efektif — Senin, 11 Januari 2027 pukul 09.00 WITA");
    const cancel = buttons(view).find((b) => b.label.startsWith("Batalkan"))!;
    expect(all(await press(tg(2), cancel.data))).toContain("Batalkan pendaftaran");
    expect(all(await press(tg(2), cancel.data.replace("|c|", "|x|")))).toContain("dibatalkan");
    expect(await ctx.repos.enrollments.countForSession(session)).toBe(0);
  });

  it("lets exactly 10 of 50 people who enrol at once into a session of 10 in", async () => {
    for (let n = 100; n < 150; n++) await person(n);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => press(tg(100 + i), enrolData).then(all)),
    );
    expect(replies.filter((r) => r.includes("Anda terdaftar"))).toHaveLength(10);
    expect(replies.filter((r) => r.includes("sudah penuh"))).toHaveLength(40);
    expect(await ctx.repos.enrollments.countForSession(session)).toBe(10);
    const seats = (await ctx.db.models.Enrollment.find({ sessionId: session }).lean())
      .map((e) => e.seat)
      .sort();
    expect(new Set(seats).size).toBe(10);
  });

  it("gives a cancelled seat to the next person, and refuses to cancel once it has started", async () => {
    const holder = (await ctx.db.models.Enrollment.findOne({ sessionId: session }).lean())!;
    const holderN = Number((await ctx.repos.identities.listForPerson(holder.personId))[0]!._id.split(":")[1]);
    await press(tg(holderN), `crs|x|${shortKey(session)}`);
    const late = await person(300);
    expect(all(await press(tg(300), enrolData))).toContain("Anda terdaftar");
    expect(await ctx.repos.enrollments.get(session, late._id)).not.toBeNull();
    await person(301);
    clock = new Date("2027-01-11T02:00:00Z");
    expect(all(await press(tg(300), `crs|x|${shortKey(session)}`))).toContain("sudah dimulai");
    expect(all(await press(tg(301), enrolData))).toContain("sudah dimulai");
  });
});

describe("two course imports at once", () => {
  it("keeps one copy of each course when two admins import new courses at the same moment", async () => {
    const renamed = CATALOG.replace(/^(komunikasi|coaching|etika)/gm, "baru-$1");
    const quota50 = renamed.replace("WIB,30", "WIB,50");
    const [a, b] = await Promise.all([app.importCourses(renamed), app.importCourses(quota50)]);
    expect(a.ok && b.ok).toBe(true);
    const stored = (await ctx.repos.courses.all()).filter((c) => c._id.startsWith("baru-"));
    expect(stored.map((c) => c._id).sort()).toEqual([
      "baru-coaching-atasan",
      "baru-etika-asn",
      "baru-komunikasi-ntb",
      "baru-komunikasi-publik",
    ]);
    // Whichever import wrote last, the course holds one of the two versions whole.
    const coaching = stored.find((c) => c._id === "baru-coaching-atasan")!;
    expect([30, 50]).toContain(coaching.sessions[0]!.quota);
  });
});
