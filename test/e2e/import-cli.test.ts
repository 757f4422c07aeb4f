import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase } from "../../src/db/connection.js";
import { REPO_ROOT } from "../../src/paths.js";
import { LAUNCHER } from "../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";

const run = promisify(execFile);
const dbName = `e2e_import_${randomBytes(4).toString("hex")}`;
let dir: string;

const HEADER = "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota";
const GOOD = [
  HEADER,
  "literasi-digital,Literasi Digital ASN,ASN Unggul,e-learning,6,M.3:1-2,online,,,https://asn.example.id/ld,,,,",
  "pkp-jambi,Pelatihan Kepemimpinan Pengawas,BPSDM Provinsi Jambi,pelatihan-struktural,190,M.2:2-3,offline,jambi,Kota Jambi,,2027-02-08 08:00,2027-02-19 16:00,WIB,30",
].join("\n");

async function importFile(content: string, kind = "courses", ...extra: string[]) {
  const file = join(dir, `k${randomBytes(3).toString("hex")}.csv`);
  await writeFile(file, content);
  return run(process.execPath, [LAUNCHER, "src/cli/import.ts", kind, file, ...extra], {
    cwd: REPO_ROOT,
    env: { ...process.env, MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName), LOG_LEVEL: "warn" },
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      out: e.stdout + e.stderr,
      err: e.stderr,
    }),
  );
}

async function courseCount(): Promise<number> {
  const db = await connectDatabase({ uri: inject("mongoUri"), dbName, poolSize: 2 });
  try {
    return await db.models.Course.countDocuments();
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pandu-import-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await dropDatabase(inject("mongoUri"), dbName);
});

// Each test starts `npm run import` as a real process (a second or two each, more on a busy machine).
describe("npm run import -- courses FILE", { timeout: 120_000 }, () => {
  it("refuses a bad file naming each problem, imports a good one, and re-imports it without change", async () => {
    const bad = await importFile(GOOD.replace("e-learning", "ngobrol").replace(",30", ",tiga puluh"));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("Baris 2, kolom method");
    expect(bad.out).toContain("Baris 3, kolom quota");
    expect(await courseCount()).toBe(0);

    const good = await importFile(GOOD);
    expect(good.code).toBe(0);
    expect(good.out).toContain("Impor selesai: 2 pelatihan baru, 0 diperbarui, 0 tidak berubah.");
    const again = await importFile(GOOD);
    expect(again.out).toContain("0 pelatihan baru, 0 diperbarui, 2 tidak berubah.");
    expect(await courseCount()).toBe(2);
  });

  it("imports the org tree and then people the same way", async () => {
    const units = await importFile(
      [
        "id,name,parent,region",
        "sumbawa,Pemerintah Kabupaten Sumbawa,,nusa-tenggara-barat",
        "sumbawa.bkpsdm,BKPSDM,sumbawa,",
      ].join("\n"),
      "units",
    );
    expect(units.out).toContain("Impor selesai: 2 unit baru");
    const codes = join(dir, "kode.csv");
    const people = await importFile(
      ["nip,name,unit", "198203142008012005,Sri Wahyuni,sumbawa.bkpsdm"].join("\n"),
      "people",
      codes,
    );
    expect(people.code).toBe(0);
    expect(people.out).toContain("Impor selesai: 1 pegawai baru");
    // Sri's activation code, to hand out, in a file only the operator can read.
    expect(people.out).toContain(`1 kode aktivasi baru ditulis ke ${codes}`);
    expect((await stat(codes)).mode & 0o777).toBe(0o600);
    // In the default language, Indonesian: a byte order mark and ";" between fields, for Excel.
    expect(await readFile(codes, "utf8")).toMatch(
      /^\uFEFFunit_kerja;nip;nama;kode_aktivasi\nBKPSDM;198203142008012005;Sri Wahyuni;[A-Z2-9]{5}-[A-Z2-9]{5}\n$/,
    );

    // The imports left marks for the unit summaries (the person, and a rebuild for the new units);
    // the rebuild command takes them in.
    const summaries = (action: string) =>
      run(process.execPath, [LAUNCHER, "src/cli/summaries.ts", action], {
        cwd: REPO_ROOT,
        env: { ...process.env, MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName), LOG_LEVEL: "warn" },
      });
    expect((await summaries("status")).stdout).toContain("belum masuk ringkasan unit: 2");
    const rebuilt = await summaries("rebuild");
    expect(rebuilt.stdout).toMatch(
      /Selesai dalam [\d.]+ detik: 1 orang, 0 catatan tahunan, 1 unit; 4 dokumen diperbaiki/,
    );
    expect((await summaries("status")).stdout).toContain("belum masuk ringkasan unit: 0");
  });

  it("reports the progress of a file of more than 1,000 rows on stderr, at least every 1,000 rows", async () => {
    const rows = ["id,name,parent"];
    for (let i = 1; i <= 1500; i++) rows.push(`sumbawa.u${i},Unit ${i},sumbawa`);
    const units = await importFile(rows.join("\n"), "units");
    expect(units.out).toContain("Impor selesai: 1.500 unit baru");
    const counts = [...units.err.matchAll(/([\d.]+) dari 1\.500 baris/g)].map((m) =>
      Number(m[1]!.replace(/\./g, "")),
    );
    expect(counts).toEqual([0, 1000, 1500]);
  });

  it("explains its usage", async () => {
    const r = await run(process.execPath, [LAUNCHER, "src/cli/import.ts"], { cwd: REPO_ROOT }).catch(
      (e) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("npm run import -- courses|units|people");
  });
});
