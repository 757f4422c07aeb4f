import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * A course is offered only to people who may take it: the status, tier and years of service it
 * asks for, and how one gets in (Daftar, Ajukan to a coordinator, or by nomination).
 */
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-12-04T02:00:00Z");
const { cmd, press, text, all } = chatDriver(() => app);

const who = (n: number): IncomingIdentity => ({ id: `telegram:${700 + n}`, channel: "telegram" });
const senior = who(1); // PNS, TMT 2016, Kepala Seksi (pengawas)
const cpns = who(2); // CPNS, TMT 2025
const coordJambi = who(3);
const coordMataram = who(4);
const ids: Record<string, string> = {};

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota,status,tiers,admission,min_service_years,contact",
  "latsar-2027,Pelatihan Dasar CPNS Golongan III,BPSDM Provinsi Jambi,pelatihan-dasar,204,M.1:1-3,offline,jambi,Kota Jambi,,2027-03-01 08:00,2027-04-30 16:00,WIB,40,CPNS,,daftar,,",
  "pkp-2027,Pelatihan Kepemimpinan Pengawas,BPSDM Provinsi Jambi,pelatihan-struktural,190,M.1:2-4,offline,jambi,Kota Jambi,,2027-02-08 08:00,2027-04-16 16:00,WIB,30,PNS,pengawas,penunjukan,,BKPSDM Provinsi Jambi",
  "proyek-2027,Manajemen Proyek Pemerintah,Pusdiklat Kemendagri,pelatihan-teknis,32,M.1:2-4,online,,,https://pusdiklat.example.go.id/proyek,2027-03-02 08:00,2027-03-05 16:00,WIB,1,PNS,,ajukan,2,",
].join("\n");

const labels = (out: Outbound[]) => out.flatMap((o) => (o.choices ?? []).flat()).map((c) => c.label);
const data = (out: Outbound[]) => out.flatMap((o) => (o.choices ?? []).flat()).map((c) => c.data);

async function person(key: string, nip: string, identity: IncomingIdentity, extra: object) {
  const p = await ctx.repos.people.create({
    name: key,
    nip,
    timeZone: "Asia/Jakarta",
    regionId: "jambi",
    instansiId: "jambi",
    unitId: "jambi.bappeda",
    onboardedAt: clock,
    ...extra,
  });
  await ctx.repos.identities.bind({ id: identity.id, channel: "telegram", personId: p._id, now: clock });
  // Integritas (M.1) below standard, so every course above addresses a gap.
  await app.recordAssessment({
    personId: p._id,
    assessed: { "M.1": 1 },
    required: { "M.1": 3 },
    statements: 4,
    completedAt: clock,
  });
  ids[key] = p._id;
}

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  expect(await app.importCourses(CATALOG)).toMatchObject({ ok: true });
  await person("Senior", "198503012016031007", senior, { employment: "PNS", tier: "pengawas" });
  await person("Calon", "199807202025061002", cpns, { employment: "CPNS", tier: "pelaksana" });
  for (const [identity, unitId] of [
    [coordJambi, "jambi"],
    [coordMataram, "mataram"],
  ] as const) {
    const c = await ctx.repos.people.create({
      name: `Koordinator ${unitId}`,
      timeZone: "Asia/Jakarta",
      unitId,
      instansiId: unitId,
      onboardedAt: clock,
      roles: [{ role: "koordinator", unitId, grantedAt: clock }],
    });
    await ctx.repos.identities.bind({ id: identity.id, channel: "telegram", personId: c._id, now: clock });
  }
});

const told = async (personId: string, purpose: string) =>
  (await ctx.db.models.Delivery.find({ personId, purpose }).lean().exec()) as { message: { text: string } }[];

describe("who may take a course", () => {
  it("never recommends a CPNS-only course to a PNS appointed ten years ago, and refuses a forged Daftar", async () => {
    const recs = all(await cmd(senior, "rekomendasi"));
    expect(recs).not.toContain("Pelatihan Dasar CPNS");
    const latsar = (await app.courseCatalog.get("latsar-2027"))!;
    const forged = all(await press(senior, `crs|e|${shortKey(latsar.sessions[0]!.id)}`));
    expect(forged).toContain("tidak untuk status kepegawaian Anda");
    expect(await ctx.repos.enrollments.listForPerson(ids.Senior!)).toEqual([]);
  });

  it("recommends it to a CPNS, who may enrol", async () => {
    const out = await cmd(cpns, "rekomendasi");
    expect(all(out)).toContain("Pelatihan Dasar CPNS");
    const latsar = (await app.courseCatalog.get("latsar-2027"))!;
    const key = shortKey(latsar.sessions[0]!.id);
    expect(data(out)).toContain(`crs|e|${key}`);
    await press(cpns, `crs|e|${key}`);
    expect(all(await press(cpns, `crs|y|${key}`))).toContain("Anda terdaftar");
  });

  it("shows a course by nomination with whom to ask and no Daftar", async () => {
    const out = await cmd(senior, "rekomendasi");
    const text = all(out);
    expect(text).toContain("Pelatihan Kepemimpinan Pengawas");
    expect(text).toContain("BKPSDM Provinsi Jambi");
    const pkp = (await app.courseCatalog.get("pkp-2027"))!;
    expect(data(out)).not.toContain(`crs|e|${shortKey(pkp.sessions[0]!.id)}`);
    // Pressing an old or forged Daftar for it enrols nobody.
    expect(all(await press(senior, `crs|e|${shortKey(pkp.sessions[0]!.id)}`))).toContain("ditunjuk");
    // A pelaksana does not even see it.
    expect(all(await cmd(cpns, "rekomendasi"))).not.toContain("Pelatihan Kepemimpinan Pengawas");
  });

  it("offers Ajukan for a course by request, and a second tap does not file twice", async () => {
    const out = await cmd(senior, "rekomendasi");
    expect(labels(out).some((l) => /^\d+\. Ajukan$/.test(l))).toBe(true);
    const proyek = (await app.courseCatalog.get("proyek-2027"))!;
    const key = shortKey(proyek.sessions[0]!.id);
    expect(all(await press(senior, `crs|r|${key}`))).toContain("sudah diteruskan ke koordinator");
    expect(all(await press(senior, `crs|r|${key}`))).toContain("masih menunggu keputusan");
    // A Daftar pressed for it files the request rather than enrolling.
    expect(all(await press(senior, `crs|e|${key}`))).toContain("masih menunggu keputusan");
    expect(await ctx.repos.enrollments.listForPerson(ids.Senior!)).toEqual([]);
  });

  it("puts the request in the /verifikasi queue of a koordinator in scope only, who approves it", async () => {
    expect(all(await cmd(coordMataram, "verifikasi"))).not.toContain("Manajemen Proyek Pemerintah");
    const queue = await cmd(coordJambi, "verifikasi");
    expect(all(queue)).toContain(
      'Senior (Badan Perencanaan Pembangunan Daerah) mengajukan diri untuk "Manajemen Proyek Pemerintah"',
    );
    const approve = data(queue).find((d) => d.startsWith("prq|a|"))!;
    // The out-of-scope koordinator pressing the same (copied) button is refused and audited.
    expect(all(await press(coordMataram, approve))).toContain("bukan dari pegawai dalam cakupan Anda");
    expect((await ctx.repos.audit.list({ action: "place-request.decide" })).map((e) => e.outcome)).toContain(
      "refused",
    );
    expect(await ctx.repos.enrollments.listForPerson(ids.Senior!)).toEqual([]);
    expect(all(await press(coordJambi, approve))).toContain("Senior kini terdaftar");
    const [place] = await ctx.repos.enrollments.listForPerson(ids.Senior!);
    expect(place!.courseId).toBe("proyek-2027");
    expect((await told(ids.Senior!, "place-request.approved"))[0]!.message.text).toContain("disetujui");
    // A second press decides nothing more.
    expect(all(await press(coordJambi, approve))).toContain("sudah diputuskan");
  });

  it("declines a request with the reason the koordinator types, and tells the person", async () => {
    // The CPNS may not take the course (PNS only), so ask as another senior PNS.
    const other = who(5);
    await person("Rekan", "198601012016031004", other, { employment: "PNS", tier: "pengawas" });
    const proyek = (await app.courseCatalog.get("proyek-2027"))!;
    await press(other, `crs|r|${shortKey(proyek.sessions[0]!.id)}`);
    const decline = data(await cmd(coordJambi, "verifikasi")).find((d) => d.startsWith("prq|d|"))!;
    expect(all(await press(coordJambi, decline))).toContain("Mengapa pengajuan ini ditolak?");
    expect(all(await text(coordJambi, "Ok"))).toContain("5");
    expect(all(await text(coordJambi, "Anggaran triwulan ini sudah habis"))).toContain(
      "Rekan sudah diberi tahu",
    );
    expect((await told(ids.Rekan!, "place-request.declined"))[0]!.message.text).toContain(
      "Anggaran triwulan ini sudah habis",
    );
  });
});
