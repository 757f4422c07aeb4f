import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadDomainContent } from "../../src/content/load.js";
import { FLOWS_DIR } from "../../src/paths.js";
import { type AppProcess, startApp } from "../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";
import { type SentMessage, TelegramEmulator, textFits } from "../support/telegram-emulator.js";

const TOKEN = "123456:TEST-token-for-the-emulator_0002";
const ADMIN = 6009;
const ASN = 6001;
const dbName = `e2e_tgt_${randomBytes(4).toString("hex")}`;
let tg: TelegramEmulator;
let cwd: string;
let app: AppProcess | undefined;

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota",
  'komunikasi-publik,Komunikasi Publik yang Efektif,BPSDM Provinsi Jambi,pelatihan-manajerial,24,"M.3:1-3; M.2:2",offline,jambi,"Kampus BPSDM, Kota Jambi",,2027-03-08 08:00,2027-03-10 16:00,WIB,25',
  "coaching-atasan,Coaching untuk Atasan Langsung,LAN RI,coaching,8,M.6:1-3,online,,,https://lan.example.id/coaching,2027-03-20 09:00,2027-03-20 12:00,WIB,30",
].join("\n");

beforeAll(async () => {
  tg = new TelegramEmulator({ token: TOKEN });
  await tg.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-tgt-"));
  app = startApp(
    {
      MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      PORT: "0",
      LOG_LEVEL: "info",
      ADMIN_IDS: `telegram:${ADMIN}`,
      // This test answers up to 45 statements the moment each arrives, faster than any person taps.
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
const button = (m: SentMessage, label: string) => {
  const b = m.buttons.flat().find((x) => x.text.includes(label));
  if (!b) throw new Error(`no button ${label} in ${JSON.stringify(m.buttons)}`);
  return b.callback_data;
};
const click = (chat: number, m: SentMessage, label: string, expected: string | RegExp) =>
  act(chat, () => tg.press(chat, m.message_id, button(m, label)), expected);

describe("assessment, recommendations and training on Telegram (real app, Bot API emulator)", () => {
  it("lets an admin import the course catalog by sending a CSV, before registering as an ASN", async () => {
    await say(ADMIN, "/impor", "Kirim satu berkas CSV");
    await act(
      ADMIN,
      () => tg.sendDocument(ADMIN, "katalog.csv", "text/csv", Buffer.from(CATALOG)),
      "Impor selesai: 2 pelatihan baru",
    );
  });

  it("refuses /impor to an ASN; takes a whole assessment by buttons and sends the result text, then the chart picture", async () => {
    await say(ASN, "/start", "Apakah Anda setuju?");
    for (const [answer, next] of [
      ["ya", "nama lengkap"],
      ["Rudi Hartono", "NIP"],
      ["198703152010011003", "kode aktivasi"],
      ["tidak", "instansi"],
      ["Pemerintah Provinsi Jambi", "unit kerja"],
      ["Dinas Kesehatan › Bidang Pelayanan Kesehatan", "jabatan"],
      // The province follows the instansi (Jambi): not asked.
      ["Kepala Seksi", "WIB"],
      ["ya", "Bahasa"],
      ["Bahasa Indonesia", "Cara belajar"],
      ["1,2", "Pendaftaran selesai"],
    ] as const) {
      await say(ASN, answer, next);
    }

    const content = loadDomainContent(FLOWS_DIR);
    const levelOf = new Map<string, { code: string; level: number }>();
    for (const c of content.allCompetencies)
      for (const level of [1, 2, 3, 4, 5] as const)
        for (let i = 0; i < content.instrument.count(c.code, level); i++)
          levelOf.set(content.instrument.statement(c.code, level, i)!.id, { code: c.code, level });

    await say(ASN, "/impor", "hanya untuk petugas");
    let m = await say(ASN, "/asesmen", "Mulai sekarang?");
    m = await click(ASN, m, "Ya", "Kompetensi 1 dari 9");
    let statements = 0;
    for (;;) {
      const found = levelOf.get(m.text.split("\n\n").at(-1)!);
      if (!found) break;
      statements++;
      // Holds every level up to 2, and Komunikasi only level 1.
      const holds = found.level <= (found.code === "M.3" ? 1 : 2);
      m = await click(ASN, m, holds ? "Sangat sesuai" : "Tidak sesuai", /Kompetensi \d dari 9|Hasil asesmen/);
      expect(statements).toBeLessThanOrEqual(45);
    }
    expect(m.text).toContain("🔸 Komunikasi: level 1 (standar jabatan 2)");
    const photo = await tg.waitFor(() => tg.chat(ASN).find((x) => x.kind === "photo"));
    expect(photo.text).toContain("Grafik hasil asesmen");
    expect(tg.chat(ASN).indexOf(photo)).toBeGreaterThan(tg.chat(ASN).indexOf(m));
  });

  it("still gives the result as text when the picture cannot be sent", async () => {
    const photos = tg.chat(ASN).filter((x) => x.kind === "photo").length;
    tg.failing.add("sendPhoto");
    try {
      await say(ASN, "/hasil", "Asesmen diambil pada");
    } finally {
      tg.failing.delete("sendPhoto");
    }
    expect(tg.chat(ASN).filter((x) => x.kind === "photo")).toHaveLength(photos);
  });

  it("recommends a course with its reason and enrols by buttons", async () => {
    // The sample catalog (loaded at start) and the imported one both offer courses; pick ours.
    const list = await say(ASN, "/rekomendasi", "Komunikasi Publik yang Efektif");
    expect(list.text).toContain("Level Komunikasi Anda 1, sedangkan standar jabatan Anda 2");
    // One numbered list: the buttons of course N are labelled "N. …".
    const n = /(\d+)\. Komunikasi Publik yang Efektif/.exec(list.text)![1];
    const ask = await click(ASN, list, `${n}. Daftar`, "Daftar ke");
    expect(ask.text).toContain("Senin, 8 Maret 2027 pukul 08.00 WIB");
    // The confirmation replaces the question, so its buttons cannot be pressed twice.
    tg.press(ASN, ask.message_id, button(ask, "Ya, daftar"));
    const done = await tg.waitFor(() =>
      tg.messages.get(ask.message_id)?.text.includes("Anda terdaftar")
        ? tg.messages.get(ask.message_id)
        : undefined,
    );
    expect(done.buttons).toEqual([]);
    await say(ASN, "/pelatihan", "Komunikasi Publik yang Efektif");
  });

  it("records a coaching session with a certificate photo sent from the phone", async () => {
    let m = await say(ASN, "/selesai", "Pelatihan mana");
    m = await click(ASN, m, "Kegiatan lain", "Kegiatan apa?");
    m = await click(ASN, m, "Coaching — 2 JP", "nama atau topik");
    await say(ASN, "Coaching penyusunan rencana aksi", "Kapan");
    m = await say(ASN, "03-11-2026", "jenis apa");
    await click(ASN, m, "Manajerial", "sertifikat");
    await act(ASN, () => tg.sendPhoto(ASN, Buffer.from("fake-jpeg-bytes")), "nomor sertifikat");
    await say(ASN, "SERT/2026/077", "Tanggal sertifikatnya");
    const saved = await say(ASN, "03-11-2026", "Tercatat");
    expect(saved.text).toContain("2 JP");
    expect(saved.text).toContain("Sertifikat Anda tersimpan");
  });
});
