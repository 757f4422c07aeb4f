import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { OPERATOR } from "../../../src/domain/scope.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Each status kepegawaian follows its own JP rule (flows/content/jp-rules.yaml): a PNS a minimum
 * of 20 JP per calendar year, a PPPK a ceiling of 24 JP per contract year, a CPNS the PNS rule
 * with its own basis. What each person sees, records and is counted as follows that rule.
 */
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-06-15T02:00:00Z");
const { cmd, text, all } = chatDriver(() => app);

const who = (n: number): IncomingIdentity => ({ id: `telegram:${900 + n}`, channel: "telegram" });
const pns = who(1);
const pppk = who(2);
const cpns = who(3);
const supervisor = who(4);
const ids: Record<string, string> = {};

const PEOPLE = [
  "NIP;Nama;Unit Kerja;Status",
  "198503012010011007;Sari Wulandari;jambi.bappeda;PNS",
  "199001152025211003;Wayan Suarta;jambi.bappeda;PPPK",
  "199807202025061002;Dika Pratama;jambi.bappeda;CPNS",
].join("\n");

async function register(key: string, nip: string, identity: IncomingIdentity) {
  const id = (await ctx.repos.nipClaims.ownerOf(nip))!;
  await ctx.repos.people.update(id, { onboardedAt: clock, timeZone: "Asia/Jakarta" });
  await ctx.repos.identities.bind({ id: identity.id, channel: "telegram", personId: id, now: clock });
  ids[key] = id;
}

/** Records a self-reported activity through /selesai, as a person would. */
async function selfReport(who: IncomingIdentity, method: string, title: string, date: string) {
  await cmd(who, "selesai");
  await text(who, "1");
  await text(who, method);
  await text(who, title);
  await text(who, date);
  await text(who, "Teknis");
  return all(await text(who, "lewati"));
}

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  expect(await app.orgImport.people(PEOPLE, OPERATOR)).toMatchObject({ ok: true, created: 3 });
  await register("pns", "198503012010011007", pns);
  await register("pppk", "199001152025211003", pppk);
  await register("cpns", "199807202025061002", cpns);
  // The PPPK's current contract began on 1 April 2026.
  await ctx.repos.people.update(ids.pppk!, { contractStart: "2026-04-01" });
  const boss = await ctx.repos.people.create({
    name: "Kepala Bappeda",
    timeZone: "Asia/Jakarta",
    unitId: "jambi.bappeda",
    instansiId: "jambi",
    onboardedAt: clock,
    roles: [
      { role: "supervisor", unitId: "jambi.bappeda", grantedAt: clock },
      { role: "koordinator", unitId: "jambi.bappeda", grantedAt: clock },
    ],
  });
  await ctx.repos.identities.bind({ id: supervisor.id, channel: "telegram", personId: boss._id, now: clock });
});

describe("JP rules per status kepegawaian", () => {
  it("shows a PNS the minimum of the calendar year with what is left", async () => {
    const saved = await selfReport(
      pns,
      "patok banding — 10 JP",
      "Patok banding ke Kota Surabaya",
      "2026-05-20",
    );
    expect(saved).toContain("10 / 20 JP (2026)");
    expect(saved).toContain("Kurang 10 JP lagi");
    const view = all(await cmd(pns, "pelatihan"));
    expect(view).toContain("10 / 20 JP (2026)");
    expect(view).toContain("PP 11/2017");
  });

  it("shows a PPPK the ceiling of the contract year, what is still allowed, and warns past it", async () => {
    // Before the contract began: it belongs to the previous contract year.
    await selfReport(pppk, "patok banding — 10 JP", "Patok banding sebelum kontrak baru", "2026-03-20");
    const first = await selfReport(
      pppk,
      "Magang atau praktik kerja — 20 JP",
      "Magang di BPSDM",
      "2026-05-02",
    );
    expect(first).toContain("20 JP dari batas 24 JP (tahun kontrak 1 April 2026 – 31 Maret 2027)");
    // Near the ceiling, the person hears what is left, never a target to reach.
    expect(first).toContain("Masih diperbolehkan 4 JP lagi");
    expect(first).not.toContain("Kurang");
    const view = all(await cmd(pppk, "pelatihan"));
    expect(view).toContain("20 JP dari batas 24 JP");
    expect(view).toContain("PP 49/2018");
    expect(view).toContain("belum dicocokkan dengan naskah resmi");
    expect(view).toContain("Selesai dalam tahun kontrak 1 April 2026 – 31 Maret 2027:");
    const over = await selfReport(
      pppk,
      "patok banding — 10 JP",
      "Patok banding ke Kota Mataram",
      "2026-06-01",
    );
    expect(over).toContain("30 JP dari batas 24 JP");
    expect(over).toContain("melebihi batas 24 JP sebanyak 6 JP");
    // No "20 JP reached" celebration for a ceiling.
    expect(over).not.toContain("Selamat");
    expect(await ctx.repos.achievements.listForPerson(ids.pppk!)).toEqual([]);
  });

  it("warns a PPPK before enrolling in a course that would go past the ceiling", async () => {
    await app.importCourses(
      [
        "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota",
        "el-sakip,E-learning Penyusunan SAKIP,BPSDM Provinsi Jambi,e-learning,8,M.4:1-3,online,,,https://lms.example.go.id/sakip,,,,",
      ].join("\n"),
    );
    await app.recordAssessment({
      personId: ids.pppk!,
      assessed: { "M.4": 1 },
      required: { "M.4": 3 },
      statements: 4,
      completedAt: clock,
    });
    const said = all(await cmd(pppk, "rekomendasi"));
    expect(said).toContain("E-learning Penyusunan SAKIP");
    expect(said).toContain("melebihi sisa batas JP Anda (0 dari 24 JP per tahun kontrak)");
  });

  it("gives a CPNS recognised from the import the minimum with its own basis", async () => {
    expect((await ctx.repos.people.get(ids.cpns!))!.employment).toBe("CPNS");
    const view = all(await cmd(cpns, "pelatihan"));
    expect(view).toContain("0 / 20 JP (2026)");
    expect(view).toContain("Pelatihan dasar (Latsar) CPNS");
  });

  it("puts nobody under a ceiling in the 'behind on JP' audience of an announcement", async () => {
    await cmd(supervisor, "umumkan");
    await text(supervisor, "Ayo lengkapi JP Anda: e-learning baru sudah dibuka.");
    await text(supervisor, "lewati");
    await text(supervisor, "Yang JP-nya tertinggal dari minimal tahunan (PPPK tidak termasuk)");
    const preview = all(await text(supervisor, "Tidak perlu dijawab"));
    // 15 June: the even pace is 20 × 166/365 ≈ 9,1 JP. Sari (10 JP) is on pace; Wayan (PPPK, 30 JP)
    // is under a ceiling; Dika (CPNS) and the supervisor (status unknown: the PNS rule) are behind.
    expect(preview).toMatch(/diterima 2 orang/);
    await cmd(supervisor, "batal");
  });

  it("exports each person's status, rule and JP in the rule's own period", async () => {
    const out = await cmd(supervisor, "ekspor");
    const file = out.find((o) => o.media)!.media!;
    const rows = parse(new TextDecoder().decode(file.bytes), {
      bom: true,
      columns: true,
      // The supervisor writes in Indonesian: ";" between fields, as Indonesian spreadsheets expect.
      delimiter: ";",
    }) as Record<string, string>[];
    const byName = new Map(rows.map((r) => [r.nama, r]));
    expect(byName.get("Sari Wulandari")).toMatchObject({
      status_kepegawaian: "PNS",
      aturan_jp: "minimal 20 JP / tahun kalender",
      jp_periode_aturan: "10",
    });
    expect(byName.get("Wayan Suarta")).toMatchObject({
      status_kepegawaian: "PPPK",
      aturan_jp: "maksimal 24 JP / tahun kontrak",
      jp_tahun_ini: "40",
      jp_periode_aturan: "30",
    });
  });

  it("still counts the right period a year later", async () => {
    clock = new Date("2027-04-02T02:00:00Z");
    const view = all(await cmd(pppk, "pelatihan"));
    expect(view).toContain("0 JP dari batas 24 JP (tahun kontrak 1 April 2027 – 31 Maret 2028)");
  });
});
