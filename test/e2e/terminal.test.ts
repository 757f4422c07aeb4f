import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startApp } from "../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";

let cwd: string;
const dbName = `e2e_term_${randomBytes(4).toString("hex")}`;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "pandu-term-"));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
  await dropDatabase(inject("mongoUri"), dbName);
});

/** Runs `npm start`'s entry point with a script on stdin and returns what it printed. */
async function script(lines: string[]) {
  const app = startApp({ MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName), PORT: "0" }, cwd);
  app.child.stdin.end(`${lines.join("\n")}\n`);
  const result = await app.exited(120_000);
  return { ...result, out: app.stdout(), err: app.stderr() };
}

describe("the terminal chat with piped stdin", () => {
  it("completes onboarding line by line and exits 0 at the end of input", async () => {
    const run = await script([
      "/start",
      "ya",
      "Budi Santoso",
      "12345",
      "198501012010011002",
      "2", // no activation code: registered "belum terverifikasi"
      "3", // Pemerintah Provinsi Jambi (instansi sorted by name)
      "kompetensi",
      "1",
      "perencana",
      "1", // Perencana Ahli Muda; the province follows the instansi (Jambi), so the zone comes next
      "ya",
      "1", // Bahasa Indonesia
      "1,2",
    ]);
    expect(run.killedByTest).toBe(false);
    expect(run.code).toBe(0);
    expect(run.out).toContain("Apakah Anda setuju?");
    expect(run.out).toContain("  1) Ya");
    expect(run.out).toMatch(/18 (angka|digit)/);
    expect(run.out).toContain("✅ Pemerintah Provinsi Jambi");
    expect(run.out).toContain("Bidang Pengembangan Kompetensi Aparatur");
    expect(run.out).toContain("WIB");
    expect(run.out).toContain("Pendaftaran selesai");
  });

  it("remembers the person on the next run, answers commands, and explains unknown ones", async () => {
    const run = await script([
      "/start",
      "/menu",
      "/profil",
      "/asesmen",
      "/entahlah",
      "halo",
      "/bahasa",
      "2",
      "/bantuan",
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("Selamat datang kembali");
    expect(run.out).toContain("/entahlah");
    expect(run.out).toContain("English");
    expect(run.out).toContain("/asesmen");
  });
});
