import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import { createAssessmentRecorder } from "../../../src/features/assessment/assessment-record.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/*
 * Issue 17, "Language": each defect walked once through the real app and database, Indonesian
 * first (Sri, admin of Provinsi Jambi) and English second (Ellen, atasan of one small unit).
 */

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-11-24T02:00:00Z");
const { cmd, text, press, send, all, onboard } = chatDriver(() => app);
const SRI: IncomingIdentity = { id: "telegram:1", channel: "telegram" };
const ELLEN: IncomingIdentity = { id: "telegram:2", channel: "telegram" };
let sriId = "";

const buttons = (out: Outbound[]) => out.flatMap((o) => (o.choices ?? []).flat());
const progressLine = (out: Outbound[]) => /Pertanyaan \d+ dari \d+/.exec(all(out))?.[0];
const csvOf = (out: Outbound) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(out.media!.bytes);

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota",
  "komunikasi-daring,Komunikasi Efektif di Kantor,LAN RI,e-learning,6,M.3:1-2,online,,,https://lan.example.id/komunikasi,,,,",
  "komunikasi-ntb,Komunikasi Publik (NTB),BPSDM Provinsi NTB,pelatihan-manajerial,24,M.3:2-3,offline,nusa-tenggara-barat,,,2027-06-07 08:00,2027-06-09 16:00,WITA,20",
].join("\n");

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    surveyHashKey: "k".repeat(40),
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  // Sri registers through the real flow and likes "Pelatihan jarak jauh" and coaching (3rd and 4th).
  await onboard(SRI, "Sri Wahyuni", "198203142008012005", { modes: "3,4" });
  sriId = (await ctx.repos.identities.get(SRI.id))!.personId;
  // Admin of her province, so she holds every staff role there (/peran, /ekspor, /survei hasil).
  await ctx.repos.people.setRoles(sriId, [{ role: "admin", unitId: "jambi", grantedAt: clock }]);
  app.conversations.invalidate(SRI.id);
  // Ellen reads English and is the atasan of a unit where she works alone.
  const ellen = await ctx.repos.people.create({
    name: "Ellen",
    timeZone: "Asia/Jakarta",
    locale: "en",
    instansiId: "jambi",
    unitId: "jambi.dinkes.p2p",
    regionId: "jambi",
    tier: "pengawas",
    learningModes: ["e-learning"],
    onboardedAt: clock,
    roles: [{ role: "supervisor", unitId: "jambi.dinkes.p2p", grantedAt: clock }],
  });
  await ctx.repos.identities.bind({ id: ELLEN.id, channel: "telegram", personId: ellen._id, now: clock });
  expect(await app.importCourses(CATALOG)).toMatchObject({ ok: true, created: 2 });
});

describe("the language of issue 17", () => {
  it("1. names each SKM unsur as PermenPANRB 14/2017 does, over a question of its own", async () => {
    const skm = app.content.surveys.find((s) => s.id === "skm-triwulan")!;
    await app.surveys.invite(skm, (await ctx.repos.people.get(sriId))!, "2026-11-24", clock);
    const key = shortKey(`skm-triwulan:2026-11-24:${sriId}`);
    const shown: string[] = [];
    let out = await press(SRI, `srv|o|${key}`);
    for (let i = 0; i < skm.items.length; i++) {
      // Progress line, blank line, then the unsur's name above its question.
      shown.push(all(out).split("\n")[2]!);
      if (i < skm.items.length - 1) out = await press(SRI, `srv|a|${key}|${i}|3`);
    }
    expect(shown).toEqual([
      "Persyaratan",
      "Sistem, Mekanisme, dan Prosedur",
      "Waktu Penyelesaian",
      "Biaya/Tarif",
      "Produk Spesifikasi Jenis Pelayanan",
      "Kompetensi Pelaksana",
      "Perilaku Pelaksana",
      "Penanganan Pengaduan, Saran dan Masukan",
      "Sarana dan Prasarana",
    ]);
    expect(skm.items.map((i) => i.text.id).join("\n")).not.toMatch(/pelayanan layanan/i);
  });

  it("2. says kesenjangan kompetensi, never gap, down to the export's CSV header", async () => {
    const [out] = await cmd(SRI, "ekspor");
    const header = csvOf(out!).split("\n")[0]!;
    expect(header).toContain("jumlah_kesenjangan_kompetensi");
    expect(`${out!.text}\n${header}`).not.toMatch(/gap/i);
  });

  it("3. calls the supervisor role atasan on buttons and in texts", async () => {
    const list = await press(SRI, "per|g|0");
    const roles = await press(SRI, buttons(list).find((b) => b.label === "Ellen")!.data);
    expect(buttons(roles).map((b) => b.label)).toEqual(["koordinator", "atasan", "admin", "✖ Batal"]);
    expect(all(roles)).toContain("Peran yang sudah dipegang: atasan — Bidang Pencegahan");
  });

  const record = () => createAssessmentRecorder({ repos: ctx.repos });
  const required = { "M.1": 2, "M.3": 2, "M.5": 2 } as const;

  it("5. explains the numbers in brackets on /hasil only once there is an earlier result", async () => {
    await record()({
      personId: sriId,
      assessed: { "M.1": 1, "M.3": 1, "M.5": 2 },
      required,
      statements: 7,
      completedAt: clock,
    });
    const first = all(await cmd(SRI, "hasil"));
    clock = new Date("2027-03-04T02:00:00Z");
    await record()({
      personId: sriId,
      assessed: { "M.1": 2, "M.3": 1, "M.5": 2 },
      required,
      statements: 7,
      completedAt: clock,
    });
    const second = all(await cmd(SRI, "hasil"));
    expect([first.includes("Angka dalam kurung"), second.includes("Angka dalam kurung")]).toEqual([
      false,
      true,
    ]);
  });

  it("4. gives the reason for a recommendation in levels, not a score", async () => {
    const out = all(await cmd(SRI, "rekomendasi"));
    expect(out).toContain("Level Komunikasi Anda 1, sedangkan standar jabatan Anda 2.");
    expect(out).not.toMatch(/skor/i);
  });

  it("6. writes a flow title in lower case inside a sentence", async () => {
    await cmd(SRI, "profil");
    expect(all(await cmd(SRI, "batal"))).toContain("Baik, profil dibatalkan.");
  });

  it("7. counts in English with the right plural, and separates the export's fields with commas", async () => {
    const [out] = await cmd(ELLEN, "ekspor");
    expect(out!.text).toContain("📄 1 employee in your scope");
    // An English spreadsheet splits a CSV on ",", an Indonesian one on ";" (test 2's export).
    expect(csvOf(out!).split("\n")[0]).toMatch(/^\uFEFFnip,nama,unit,/);
    const [sri] = await cmd(SRI, "ekspor");
    expect(csvOf(sri!).split("\n")[0]).toMatch(/^\uFEFFnip;nama;unit;/);
  });

  it("8. shows labels on /profil, not the codes stored", async () => {
    const out = all(await cmd(SRI, "profil"));
    await cmd(SRI, "batal");
    expect(out).toContain("Cara belajar: Pelatihan jarak jauh, Coaching dan mentoring");
  });

  it("9. shows instansi names in /survei hasil, not their codes", async () => {
    for (let i = 0; i < 5; i++) {
      await ctx.repos.surveys.respond({
        _id: `lang-${i}`,
        surveyId: "skm-triwulan",
        occurrence: "2026-10-05",
        answers: [3, 3, 3, 3, 3, 3, 3, 3, 3],
        instansiId: "jambi",
        answeredOn: "2026-10-05",
      });
    }
    const out = all(await cmd(SRI, "survei", "hasil"));
    expect(out).toContain("Pemerintah Provinsi Jambi: 5 responden, indeks 75,00");
  });

  it("10. keeps the /profil counter the same on every round of the edit loop", async () => {
    const first = await cmd(SRI, "profil");
    const name = await text(SRI, "Nama");
    const again = await text(SRI, "Sri Wahyuni");
    await cmd(SRI, "batal");
    expect([first, name, again].map(progressLine)).toEqual([
      "Pertanyaan 1 dari 2",
      "Pertanyaan 2 dari 2",
      "Pertanyaan 1 dari 2",
    ]);
  });

  it("11. brings the options back when typed words find nothing", async () => {
    await cmd(SRI, "profil");
    // The instansi list, not the province: Sri's province follows her instansi and is not asked.
    await text(SRI, "Instansi dan unit kerja");
    const out = await text(SRI, "zzzz");
    await cmd(SRI, "batal");
    expect(all(out)).toContain('Tidak ada pilihan yang cocok dengan "zzzz"');
    expect(buttons(out).filter((b) => !b.nav)).toHaveLength((await app.repos.orgUnits.roots()).length);
  });

  it("12. names a message kind it cannot read in the person's language", async () => {
    await cmd(ELLEN, "profil");
    const english = all(await send(ELLEN, { kind: "unsupported", what: "sticker" }));
    await cmd(ELLEN, "batal");
    await cmd(SRI, "profil");
    const indonesian = all(await send(SRI, { kind: "unsupported", what: "sticker" }));
    await cmd(SRI, "batal");
    expect([english.split("\n")[0], indonesian.split("\n")[0]]).toEqual([
      "Sorry, I cannot read a sticker here yet.",
      "Maaf, stiker belum bisa saya baca di sini.",
    ]);
  });
});

describe("more of the same kind", () => {
  it("names a course's province, not its code", async () => {
    const out = all(await press(SRI, `crs|d|${shortKey("komunikasi-ntb")}`));
    expect(out).toContain("Tempat: Nusa Tenggara Barat");
  });

  it("names people in /audit, not their ids", async () => {
    const out = all(await cmd(SRI, "audit", "export.people"));
    expect(out).toContain("export.people · berhasil · Sri Wahyuni");
    expect(out).not.toContain(sriId);
  });

  it("names the roles to be erased on /hapusdata by their names", async () => {
    const out = all(await cmd(ELLEN, "hapusdata"));
    expect(out).toContain("You also hold the role supervisor (");
    await ctx.repos.people.setRoles(sriId, [
      { role: "admin", unitId: "jambi", grantedAt: clock },
      { role: "supervisor", unitId: "jambi.dinkes", grantedAt: clock },
    ]);
    app.conversations.invalidate(SRI.id);
    expect(all(await cmd(SRI, "hapusdata"))).toContain(
      "admin (Pemerintah Provinsi Jambi), atasan (Dinas Kesehatan)",
    );
  });
});
