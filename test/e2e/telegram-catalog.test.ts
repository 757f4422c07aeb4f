import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppProcess, startApp } from "../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";
import { type SentMessage, TelegramEmulator, textFits } from "../support/telegram-emulator.js";

const TOKEN = "123456:TEST-token-for-the-emulator_0007";
const ADMIN = 7009;
const PNS = 7001;
const CPNS = 7002;
const dbName = `e2e_tgk_${randomBytes(4).toString("hex")}`;
let tg: TelegramEmulator;
let cwd: string;
let app: AppProcess | undefined;

const CODES = ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"];
const METHODS = ["e-learning", "seminar", "bimtek", "pelatihan-teknis", "coaching"];
const pad = (n: number) => String(n).padStart(3, "0");

/** A hundred online courses of one provider, some self-paced, the rest with a session in 2027. */
const generated = Array.from({ length: 100 }, (_, i) => {
  const method = METHODS[i % METHODS.length]!;
  const month = String((i % 12) + 1).padStart(2, "0");
  const day = String((i % 27) + 1).padStart(2, "0");
  const when = method === "e-learning" ? ",," : `2027-${month}-${day} 09:00,2027-${month}-${day} 15:00,WIB`;
  return `percontohan-${pad(i)},Kelas Percontohan ${pad(i)},Balai Diklat Percontohan,${method},8,${CODES[i % CODES.length]}:1-3,online,,,https://diklat.example.id/${i},${when},${method === "e-learning" ? "" : "100"},`;
});
const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota,status",
  ...generated,
  "arsip-dinamis,Manajemen Arsip Dinamis,ANRI,e-learning,6,M.4:1-2,online,,,https://anri.example.id/arsip,,,,,",
  "orientasi-cpns,Orientasi Nilai Dasar CPNS Angkatan Uji,BPSDM Provinsi Jambi,pelatihan-dasar,40,SK.1:1-2,offline,jambi,Kota Jambi,,2027-02-01 08:00,2027-02-05 16:00,WIB,40,CPNS",
].join("\n");

beforeAll(async () => {
  tg = new TelegramEmulator({ token: TOKEN });
  await tg.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-tgk-"));
  app = startApp(
    {
      MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      PORT: "0",
      LOG_LEVEL: "info",
      ADMIN_IDS: `telegram:${ADMIN}`,
      // The test turns seventeen pages as fast as each arrives, faster than any person taps.
      RATE_LIMIT_UPDATES: "1000",
    },
    cwd,
  );
  await app.waitForStderr(/\/healthz/);
});
afterAll(async () => {
  app?.child.kill("SIGTERM");
  await app?.exited();
  await tg.stop();
  await dropDatabase(inject("mongoUri"), dbName);
  await rm(cwd, { recursive: true, force: true });
});

const matches = (m: SentMessage, text: string | RegExp) =>
  textFits([m.text, ...m.buttons.flat().map((b) => b.text)].join("\n"), text);
const act = (chat: number, action: () => void, text: string | RegExp): Promise<SentMessage> =>
  tg.nextMessage(chat, action, (m) => matches(m, text), 15_000, `a message matching ${text}`);
const say = (chat: number, text: string, expected: string | RegExp) =>
  act(chat, () => tg.sendText(chat, text), expected);
const buttonData = (m: SentMessage, label: string) => {
  const b = m.buttons.flat().find((x) => x.text.includes(label));
  if (!b) throw new Error(`no button ${label} in ${JSON.stringify(m.buttons)}`);
  return b.callback_data;
};
/** Presses a button of a message that answers by editing itself, and waits for the edit. */
async function turn(chat: number, m: SentMessage, data: string, expected: string): Promise<SentMessage> {
  const edits = m.edits;
  tg.press(chat, m.message_id, data);
  return tg.waitFor(
    () => {
      const now = tg.messages.get(m.message_id);
      return now && now.edits > edits && now.text.includes(expected) ? { ...now } : undefined;
    },
    15_000,
    `page message edited to show ${expected}`,
  );
}
/** The numbered course titles on a page ("7. Kelas Percontohan 006"). */
const titles = (m: SentMessage) => m.text.split("\n").filter((l) => /^\d+\. /.test(l));

/** The TMT CPNS (YYYYMM) `months` before this month: the app runs on the real clock. */
const tmtMonthsAgo = (months: number): string => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};

/** Registers in Pemerintah Provinsi Jambi by typing; `stillCpns` answers the CPNS question if asked. */
async function register(u: number, name: string, nip: string, stillCpns?: boolean) {
  await say(u, "/start", "Apakah Anda setuju?");
  await say(u, "ya", "nama lengkap");
  await say(u, name, "Berapa NIP Anda?");
  await say(u, nip, "kode aktivasi");
  if (stillCpns === undefined) await say(u, "tidak", "instansi");
  else {
    await say(u, "tidak", "masih CPNS");
    await say(u, stillCpns ? "ya" : "tidak", "instansi");
  }
  for (const [answer, next] of [
    ["Pemerintah Provinsi Jambi", "unit kerja"],
    ["Dinas Kesehatan › Bidang Pelayanan Kesehatan", "jabatan"],
    ["Kepala Seksi", "WIB"],
    ["ya", "Bahasa"],
    ["Bahasa Indonesia", "Cara belajar"],
    ["1,2", "Pendaftaran selesai"],
  ] as const)
    await say(u, answer, next);
}

describe("/katalog on Telegram (real app, Bot API emulator)", () => {
  it("takes an imported catalog of 102 courses, and two people register", async () => {
    await say(ADMIN, "/impor", "Kirim satu berkas CSV");
    await act(
      ADMIN,
      () => tg.sendDocument(ADMIN, "katalog.csv", "text/csv", Buffer.from(CATALOG)),
      "Impor selesai: 102 pelatihan baru",
    );
    // TMT CPNS January 2010: a PNS for more than ten years, by the NIP alone.
    await register(PNS, "Rudi Hartono", "198703152010011003");
    await register(CPNS, "Rina Kartika", `19980101${tmtMonthsAgo(6)}2001`, true);
  });

  it("finds a course by a word of its title", async () => {
    const m = await say(PNS, "/katalog arsip", "ditemukan");
    expect(m.text.split("\n")[0]).toBe('1 pelatihan ditemukan untuk kata "arsip"');
    expect(titles(m)).toEqual(["1. Manajemen Arsip Dinamis"]);
    expect(m.text).toContain("ANRI · E-learning · 6 JP");
    expect(m.text).toContain("📅 Belajar mandiri, bisa dimulai kapan saja · Daring");
    const detail = await act(
      PNS,
      () => tg.press(PNS, m.message_id, buttonData(m, "1. Detail")),
      "Penyelenggara",
    );
    expect(detail.text).toContain("📘 Manajemen Arsip Dinamis");
  });

  it("finds courses by competency code and by method", async () => {
    // Of the hundred, every ninth from the seventh teaches M.7 (soonest session first); every fifth
    // is e-learning, self-paced, by title.
    const byCode = await say(PNS, "/katalog M.7 percontohan", "ditemukan");
    expect(byCode.text.split("\n")[0]).toBe(
      '11 pelatihan ditemukan untuk Mengelola Perubahan (M.7) · kata "percontohan"',
    );
    expect(titles(byCode).slice(0, 2)).toEqual(["1. Kelas Percontohan 096", "2. Kelas Percontohan 024"]);
    const byMethod = await say(PNS, "/katalog e-learning percontohan", "ditemukan");
    expect(byMethod.text.split("\n")[0]).toBe('20 pelatihan ditemukan untuk E-learning · kata "percontohan"');
    expect(byMethod.text).toContain("Halaman 1 dari 4");
    expect(titles(byMethod)).toEqual([
      "1. Kelas Percontohan 000",
      "2. Kelas Percontohan 005",
      "3. Kelas Percontohan 010",
      "4. Kelas Percontohan 015",
      "5. Kelas Percontohan 020",
      "6. Kelas Percontohan 025",
    ]);
    // The code alone reaches the sample catalog too, and the arsip course.
    const codeOnly = await say(PNS, "/katalog m.4", "ditemukan");
    expect(codeOnly.text).toMatch(/^\d+ pelatihan ditemukan untuk Orientasi pada Hasil \(M\.4\)/);
  });

  it("pages through 100 results to the last page, and says so past it", async () => {
    let m = await say(PNS, "/katalog percontohan", "ditemukan");
    expect(m.text.split("\n")[0]).toBe('100 pelatihan ditemukan untuk kata "percontohan"');
    expect(m.text).toContain("Halaman 1 dari 17");
    expect(m.buttons.flat().map((b) => b.text)).not.toContain("◀ Sebelumnya");
    const seen = [...titles(m)];
    for (let page = 2; page <= 17; page++) {
      m = await turn(PNS, m, buttonData(m, "Berikutnya"), `Halaman ${page} dari 17`);
      seen.push(...titles(m));
    }
    expect(seen).toHaveLength(100);
    expect(seen.map((t) => Number(t.split(".")[0]))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(new Set(seen.map((t) => t.replace(/^\d+\. /, ""))).size).toBe(100);
    // Scheduled courses first, the self-paced e-learning ones last.
    expect(m.text).toContain("Belajar mandiri");
    expect(m.buttons.flat().map((b) => b.text)).not.toContain("Berikutnya ▶");
    m = await turn(PNS, m, buttonData(m, "Sebelumnya"), "Halaman 16 dari 17");
    const past = await turn(PNS, m, "kat|p|18|percontohan", "Halaman 18 tidak ada");
    expect(past.text).toBe("Halaman 18 tidak ada: hasil pencarian ini hanya 17 halaman.");
  });

  it("never shows a CPNS-only course to a PNS of ten years, and shows it to a CPNS", async () => {
    for (const search of ["/katalog orientasi", "/katalog jambi pelatihan dasar"]) {
      const m = await say(PNS, search, /ditemukan|Tidak ada pelatihan/);
      expect(m.text, search).not.toContain("Orientasi Nilai Dasar CPNS");
    }
    const none = await say(PNS, "/katalog orientasi", "Tidak ada pelatihan");
    expect(none.buttons.flat().map((b) => b.text)).toContain("📚 Lihat semua pelatihan");
    const found = await say(CPNS, "/katalog orientasi", "ditemukan");
    expect(titles(found)).toEqual(["1. Orientasi Nilai Dasar CPNS Angkatan Uji"]);
    // In the CPNS's own province, open admission, an upcoming session: Daftar.
    expect(found.buttons.flat().map((b) => b.text)).toEqual(["1. Daftar", "1. Detail"]);
    const ask = await act(
      CPNS,
      () => tg.press(CPNS, found.message_id, buttonData(found, "1. Daftar")),
      "Daftar ke",
    );
    expect(ask.text).toContain("Orientasi Nilai Dasar CPNS Angkatan Uji");
  });
});
