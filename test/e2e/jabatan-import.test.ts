import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import type { IncomingIdentity } from "../../src/conversation/router.js";
import { connectDatabase, type Database } from "../../src/db/connection.js";
import { loadTranslations } from "../../src/i18n/i18n.js";
import { LOCALES_DIR, REPO_ROOT } from "../../src/paths.js";
import { LAUNCHER } from "../support/app-process.js";
import { chatDriver } from "../support/chat-driver.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";

/**
 * An agency's first day: its own units, teknis competencies, jabatan with SKJ and people, imported
 * from files as a spreadsheet in Indonesia saves them (Indonesian headers, semicolons); then two
 * employees register and see their results measured against the standard their jabatan has.
 */

const run = promisify(execFile);
const dbName = `e2e_jabatan_${randomBytes(4).toString("hex")}`;
const translator = loadTranslations(LOCALES_DIR);
let dir: string;
let database: Database;
let app: App;
const { cmd, text, all, onboard } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });

const UNITS = [
  "Kode;Nama;Induk;Wilayah",
  "sumbawa;Pemerintah Kabupaten Sumbawa;;nusa-tenggara-barat",
  "sumbawa.bappeda;Badan Perencanaan Pembangunan Daerah;sumbawa;",
].join("\r\n");

const TEKNIS = [
  "Kode;Nama;Deskripsi;Level 1;Level 2;Level 3;Level 4;Level 5",
  "T.SBW.1;Pengelolaan Data Desa;Menghimpun dan memakai data desa untuk perencanaan daerah;" +
    "Mencatat data desa sesuai format;Memeriksa kelengkapan data desa;Mengolah data desa menjadi bahan perencanaan;" +
    "Merancang sistem data desa kabupaten;Menetapkan kebijakan data desa",
].join("\r\n");

const SKJ_HEADER =
  "Kode Jabatan;Nama Jabatan;Jenis Jabatan;Jenjang;Rumpun;Instansi;SKJ;M.1 Integritas;M.2 Kerja Sama;" +
  "M.3 Komunikasi;M.4 Orientasi pada Hasil;M.5 Pelayanan Publik;M.6 Pengembangan Diri dan Orang Lain;" +
  "M.7 Mengelola Perubahan;M.8 Pengambilan Keputusan;SK.1 Perekat Bangsa;Kompetensi Teknis";
const JABATAN = [
  SKJ_HEADER,
  // Ahli Muda defaults to level 2 everywhere: this SKJ asks more, so its levels show in /hasil.
  'JF-AK-MUDA;Analis Kebijakan Ahli Muda;Fungsional;Ahli Muda;Analis Kebijakan;sumbawa;Perbup Sumbawa No. 7 Tahun 2026;4;3;4;3;3;3;3;3;3;"T.AK.1:4; T.SBW.1:2"',
  // No levels: this jabatan is measured against the tier defaults, and says so.
  "PELAKSANA-UMUM;Pengadministrasi Umum;Pelaksana;Pelaksana;;;;;;;;;;;;;",
].join("\r\n");

// Lalu is PPPK (digit 13 of his NIP is 2), with the start of his current contract.
const LALU = "199001012021211004";
const PEOPLE = [
  "NIP;Nama;Unit Kerja;Kode Jabatan;Status Kepegawaian;Mulai Kontrak",
  "198203142008012005;Sri Wahyuni;sumbawa.bappeda;JF-AK-MUDA;PNS;",
  `${LALU};Lalu Hamzan;sumbawa.bappeda;pelaksana-umum;PPPK;01/03/2025`,
].join("\r\n");

async function importFile(kind: string, content: string) {
  const file = join(dir, `${kind}-${randomBytes(3).toString("hex")}.csv`);
  await writeFile(file, content);
  // A people import writes the activation codes it issued: into the test's own folder.
  const codes = kind === "people" ? [join(dir, `codes-${randomBytes(3).toString("hex")}.csv`)] : [];
  return run(process.execPath, [LAUNCHER, "src/cli/import.ts", kind, file, ...codes], {
    cwd: REPO_ROOT,
    env: { ...process.env, MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName), LOG_LEVEL: "warn" },
  }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

/** Takes the whole self-assessment answering "Sangat sesuai" throughout; returns the intro and the result. */
async function assessAll(who: IncomingIdentity) {
  const intro = all(await cmd(who, "asesmen"));
  let out = all(await text(who, "ya"));
  for (let guard = 0; guard < 80 && !out.includes("📊"); guard++) out = all(await text(who, "4"));
  return { intro, result: out };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pandu-jabatan-"));
});
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
  await dropDatabase(inject("mongoUri"), dbName);
});

describe("an agency's own jabatan and SKJ", () => {
  it("refuses a bad SKJ file naming every cell, and saves nothing", async () => {
    expect((await importFile("units", UNITS)).code).toBe(0);
    const bad = await importFile(
      "jabatan",
      [
        SKJ_HEADER,
        "JF-AK-MUDA;Analis Kebijakan Ahli Muda;Struktural;Ahli Muda;;;;7;3;4;3;3;3;3;3;;T.XX.9:2",
        "PELAKSANA-UMUM;Pengadministrasi Umum;Pelaksana;Kepala Suku;;;;;;;;;;;;;",
      ].join("\r\n"),
    );
    expect(bad.code).toBe(1);
    for (const where of [
      "Baris 2, kolom kind",
      "Baris 2, kolom M.1",
      "Baris 2, kolom SK.1",
      "Baris 2, kolom teknis",
      "Baris 3, kolom tier",
    ])
      expect(bad.out).toContain(where);
    // A people file naming a jabatan that is not there yet is refused with the code it gave.
    const early = await importFile("people", PEOPLE);
    expect(early.code).toBe(1);
    expect(early.out).toContain('kode jabatan "JF-AK-MUDA" belum ada di Pandu');
  }, 120_000);

  it("imports teknis competencies, jabatan with SKJ and people with their status; a re-import writes nothing", async () => {
    const teknis = await importFile("teknis", TEKNIS);
    expect(teknis.out).toContain("Impor selesai: 1 kompetensi teknis baru, 0 diperbarui, 0 tidak berubah.");
    const jabatan = await importFile("jabatan", JABATAN);
    expect(jabatan.code).toBe(0);
    expect(jabatan.out).toContain("Impor selesai: 2 jabatan baru, 0 diperbarui, 0 tidak berubah.");
    expect((await importFile("jabatan", JABATAN)).out).toContain(
      "0 jabatan baru, 0 diperbarui, 2 tidak berubah.",
    );
    expect((await importFile("teknis", TEKNIS)).out).toContain(
      "0 kompetensi teknis baru, 0 diperbarui, 1 tidak berubah.",
    );
    const people = await importFile("people", PEOPLE);
    expect(people.code).toBe(0);
    expect(people.out).toContain("Impor selesai: 2 pegawai baru");
    expect((await importFile("people", PEOPLE)).out).toContain(
      "0 pegawai baru, 0 diperbarui, 2 tidak berubah.",
    );

    database = await connectDatabase({ uri: inject("mongoUri"), dbName, poolSize: 5 });
    app = createApp({
      database,
      translate: translator.t.bind(translator),
      renderChart: () => {
        throw new Error("no chart in this test");
      },
    });
    expect(await app.repos.jabatan.get("jf-ak-muda")).toMatchObject({
      name: "Analis Kebijakan Ahli Muda",
      tier: "fungsional-ahli-muda",
      kind: "fungsional",
      family: "analis-kebijakan",
      instansiId: "sumbawa",
      standardSource: "skj",
      standardRef: "Perbup Sumbawa No. 7 Tahun 2026",
    });
    expect(await app.repos.jabatan.get("pelaksana-umum")).toMatchObject({
      standardSource: "default",
      standard: [],
    });
    const lalu = await app.repos.people.get((await app.repos.nipClaims.ownerOf(LALU))!);
    expect(lalu).toMatchObject({
      jabatanId: "pelaksana-umum",
      tier: "pelaksana",
      employment: "PPPK",
      employmentSource: "import",
      contractStart: "2025-03-01",
    });
  }, 180_000);

  it("measures a registered employee against the imported SKJ, and one without an SKJ against labelled defaults", async () => {
    const org = { instansi: "Pemerintah Kabupaten Sumbawa", unit: "Badan Perencanaan Pembangunan Daerah" };
    await onboard(tg(11), "Sri Wahyuni", "198203142008012005", {
      ...org,
      jabatan: "Analis Kebijakan Ahli Muda",
      region: "Nusa Tenggara Barat",
    });
    const sriId = (await app.repos.nipClaims.ownerOf("198203142008012005"))!;
    expect((await app.repos.identities.get("telegram:11"))!.personId).toBe(sriId);
    expect(await app.repos.people.get(sriId)).toMatchObject({ jabatanId: "jf-ak-muda", employment: "PNS" });

    // Nine standard competencies and the SKJ's teknis one the instrument has statements for.
    const sri = await assessAll(tg(11));
    expect(sri.intro).toContain("untuk 10 kompetensi");
    const hasil = all(await cmd(tg(11), "hasil"));
    expect(hasil).toMatch(/Integritas: level \d \(standar jabatan 4\)/);
    expect(hasil).toMatch(/Kerja Sama: level \d \(standar jabatan 3\)/);
    expect(hasil).toMatch(/Analisis Kebijakan dan Penyusunan Rekomendasi: level \d \(standar jabatan 4\)/);
    expect(hasil).toContain(
      "Standar Kompetensi Jabatan Analis Kebijakan Ahli Muda (Perbup Sumbawa No. 7 Tahun 2026)",
    );
    expect(hasil).not.toContain("bawaan");
    expect(sri.result).not.toContain("bawaan");

    // The import gave his status and contract start, so registering asks neither.
    const laluSaid = await onboard(tg(12), "Lalu Hamzan", LALU, {
      ...org,
      jabatan: "Pengadministrasi Umum",
      region: "Nusa Tenggara Barat",
    });
    expect(laluSaid).not.toContain("kontrak kerja Anda");
    expect(await app.repos.people.get((await app.repos.nipClaims.ownerOf(LALU))!)).toMatchObject({
      employment: "PPPK",
      contractStart: "2025-03-01",
    });
    const lalu = await assessAll(tg(12));
    expect(lalu.intro).toContain("untuk 9 kompetensi");
    const lain = all(await cmd(tg(12), "hasil"));
    expect(lain).toMatch(/Integritas: level \d \(standar jabatan 1\)/);
    expect(lain).toContain("standar bawaan Pandu menurut jenjang jabatan, bukan SKJ resmi instansi Anda");
    expect(lain).not.toContain("Standar Kompetensi Jabatan Pengadministrasi Umum");
  }, 60_000);
});
