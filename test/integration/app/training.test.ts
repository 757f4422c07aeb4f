import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { IncomingFile } from "../../../src/engine/types.js";
import { createAssessmentRecorder } from "../../../src/features/assessment/assessment-record.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-12-01T02:00:00Z");
const { cmd, text, press, send, all } = chatDriver(() => app);
const me: IncomingIdentity = { id: "telegram:7", channel: "telegram" };
let personId: string;

const photo: IncomingFile = {
  kind: "photo",
  channel: "telegram",
  fileId: "AgPhoto1",
  mime: "image/jpeg",
  size: 84_000,
};
const pdf: IncomingFile = {
  kind: "document",
  channel: "telegram",
  fileId: "BQPdf1",
  mime: "application/pdf",
  name: "sertifikat-coaching.pdf",
  size: 120_000,
};

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota",
  "bimtek-sakip,Bimtek Penyusunan SAKIP,BPSDM Provinsi Jambi,bimtek,24,M.4:2-3,offline,jambi,Kota Jambi,,2026-12-08 08:00,2026-12-10 16:00,WIB,40",
].join("\n");

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await app.importCourses(CATALOG);
  const p = await ctx.repos.people.create({
    name: "Nur Aini",
    timeZone: "Asia/Jayapura",
    regionId: "jambi",
    tier: "pengawas",
    unitId: "jambi.bappeda",
    instansiId: "jambi",
    onboardedAt: clock,
  });
  personId = p._id;
  await ctx.repos.identities.bind({ id: me.id, channel: "telegram", personId, now: clock });
});

describe("recording completed training and JP", () => {
  it("records a self-reported coaching with a PDF certificate at the configured 2 JP, in its own year", async () => {
    await cmd(me, "selesai");
    // Only "another activity" is open: nothing enrolled has started yet.
    expect(all(await text(me, "1"))).toContain("Kegiatan apa?");
    const methods = all(await text(me, "coaching — 2 JP"));
    expect(methods).toContain("nama atau topik");
    await text(me, "Coaching penyusunan SKP");
    await text(me, "2026-11-20");
    await text(me, "Manajerial");
    const afterPdf = all(await send(me, { kind: "file", file: pdf }));
    expect(afterPdf).toContain("nomor sertifikat");
    await text(me, "lewati");
    const saved = all(await text(me, "lewati"));
    expect(saved).toContain('Tercatat: "Coaching penyusunan SKP", 2 JP');
    expect(saved).toContain("Sertifikat Anda tersimpan");
    expect(saved).toContain("2 / 20 JP (2026)");
    const [c] = await ctx.repos.completions.listForPerson(personId);
    expect(c!.certificate).toMatchObject({
      kind: "pdf",
      fileId: "BQPdf1",
      filename: "sertifikat-coaching.pdf",
    });
    expect(c!.year).toBe(2026);
  });

  it("asks for a photo or PDF when the certificate step gets text", async () => {
    await cmd(me, "selesai");
    await text(me, "1");
    await text(me, "patok banding — 10 JP");
    await text(me, "Patok banding pelayanan ke Kota Surabaya");
    await text(me, "2026-11-21");
    await text(me, "Teknis");
    expect(all(await text(me, "sertifikatnya ketinggalan"))).toContain("kirim foto atau berkas PDF");
    const saved = all(await text(me, "lewati"));
    expect(saved).toContain("10 JP");
    expect(saved).toContain("12 / 20 JP (2026)");
  });

  it("completes an attended course with a photo certificate, congratulates at 20 JP once, and counts per year", async () => {
    const session = "bimtek-sakip@202612080800";
    expect(all(await press(me, `crs|y|${shortKey(session)}`))).toContain("Anda terdaftar");
    clock = new Date("2027-01-05T02:00:00Z");
    const ask = await cmd(me, "selesai");
    expect(ask.flatMap((o) => (o.choices ?? []).flat()).map((b) => b.label)).toEqual([
      "Bimtek Penyusunan SAKIP (Selasa, 8 Desember 2026)",
      "Kegiatan lain (coaching, mentoring, e-learning…)",
      "Pelatihan di luar katalog, dengan sertifikat (bimtek, seminar, e-learning…)",
    ]);
    await text(me, "1");
    await send(me, { kind: "file", file: photo });
    await text(me, "800/123/BPSDM/2026");
    const saved = await text(me, "10-12-2026");
    const said = all(saved);
    expect(said).toContain('Tercatat: "Bimtek Penyusunan SAKIP", 24 JP');
    // The session ended on 10 December 2026 in Jambi (WIB), which is still 2026 in Papua (WIT).
    expect(said).toContain("36 / 20 JP (2026)");
    expect(said).toContain("Selamat! Anda sudah mencapai 20 JP pengembangan kompetensi tahun 2026");
    expect((await ctx.repos.achievements.listForPerson(personId)).map((a) => a._id)).toEqual([
      `${personId}|jp|2026`,
    ]);
    const view = all(await cmd(me, "pelatihan"));
    expect(view).toContain("0 / 20 JP (2027)");
    expect(view).toContain("Ditambah 3 pelatihan dari tahun-tahun sebelumnya");
  });

  it("exports completed trainings with the fields of a SIASN course record", async () => {
    const out = await cmd(me, "pelatihan", "ekspor");
    const file = out.find((o) => o.media)!.media!;
    expect(file.kind).toBe("document");
    expect(file.filename).toBe("riwayat-pelatihan-siasn.csv");
    const rows = parse(new TextDecoder().decode(file.bytes), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(
      rows.map((r) => [r.nama_kursus, r.jumlah_jp, r.tahun, r.jenis_kompetensi, r.jenis_pelatihan]),
    ).toEqual([
      ["Coaching penyusunan SKP", "2", "2026", "manajerial", "nonklasikal"],
      ["Patok banding pelayanan ke Kota Surabaya", "10", "2026", "teknis", "nonklasikal"],
      ["Bimtek Penyusunan SAKIP", "24", "2026", "manajerial", "klasikal"],
    ]);
    expect(rows[2]).toMatchObject({
      nomor_sertifikat: "800/123/BPSDM/2026",
      tanggal_sertifikat: "2026-12-10",
    });
  });
});

describe("recognition when a gap closes", () => {
  it("congratulates once for each competency that reached the standard in a reassessment", async () => {
    const record = createAssessmentRecorder({ repos: ctx.repos });
    const required = { "M.3": 2, "M.6": 3 } as const;
    await record({ personId, assessed: { "M.3": 1, "M.6": 1 }, required, statements: 6, completedAt: clock });
    clock = new Date("2027-05-01T02:00:00Z");
    const second = await record({
      personId,
      assessed: { "M.3": 2, "M.6": 2 },
      required,
      statements: 6,
      completedAt: clock,
    });
    expect(second.closedGaps).toEqual(["M.3"]);
    const kinds = (await ctx.repos.achievements.listForPerson(personId)).map(
      (a) => `${a.kind}:${a.competency ?? a.year}`,
    );
    expect(kinds.sort()).toEqual(["gap-closed:M.3", "jp-goal:2026"]);
  });
});
