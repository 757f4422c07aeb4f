import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppProcess, startApp } from "../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";
import { type SentMessage, TelegramEmulator, textFits } from "../support/telegram-emulator.js";

const TOKEN = "123456:TEST-token-for-the-emulator_0001";
const NIP = "198501012010011002";

let tg: TelegramEmulator;
let cwd: string;
let app: AppProcess | undefined;
const dbName = `e2e_tg_${randomBytes(4).toString("hex")}`;

const env = () => ({
  MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
  TELEGRAM_BOT_TOKEN: TOKEN,
  TELEGRAM_API_ROOT: tg.apiRoot,
  PORT: "0",
  LOG_LEVEL: "info",
  ADMIN_IDS: "telegram:5009",
});

async function boot() {
  app = startApp(env(), cwd);
  await app.waitForStderr(/\/healthz/);
}
async function shutdown() {
  app?.child.kill("SIGTERM");
  await app?.exited();
  app = undefined;
}

beforeAll(async () => {
  tg = new TelegramEmulator({ token: TOKEN });
  await tg.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-tg-"));
});
afterAll(async () => {
  await shutdown();
  await tg.stop();
  await dropDatabase(inject("mongoUri"), dbName);
  await rm(cwd, { recursive: true, force: true });
});

const matches = (m: SentMessage, text: string | RegExp) =>
  textFits([m.text, ...m.buttons.flat().map((b) => b.text)].join("\n"), text);

/** Does something as the person, then waits for a NEW bot message in the chat matching `text`. */
const act = (chat: number, action: () => void, text: string | RegExp): Promise<SentMessage> =>
  tg.nextMessage(chat, action, (m) => matches(m, text), 15_000, `a new message matching ${text}`);
const say = (chat: number, text: string, expected: string | RegExp) =>
  act(chat, () => tg.sendText(chat, text), expected);
const click = (chat: number, m: SentMessage, label: string, expected: string | RegExp) =>
  act(chat, () => tg.press(chat, m.message_id, button(m, label)), expected);

const button = (m: SentMessage, label: string) => {
  const b = m.buttons.flat().find((x) => x.text.includes(label));
  if (!b) throw new Error(`no button ${label} in ${JSON.stringify(m.buttons)}`);
  return b.callback_data;
};

describe("onboarding on Telegram (real app, Bot API emulator)", () => {
  it("sets command menus, and still starts when setMyCommands fails", async () => {
    tg.failing.add("setMyCommands");
    await boot();
    await tg.waitFor(() => tg.count("setMyCommands") > 0 || undefined);
    tg.failing.delete("setMyCommands");
    // It keeps serving: a message gets its answer.
    await say(4999, "/bantuan", "/asesmen");
    // A bootstrap admin's own chat gets a menu with the admin commands; everyone else's has none.
    const adminMenu = await tg.waitFor(() =>
      tg.calls.find(
        (c) => c.method === "setMyCommands" && (c.body.scope as { chat_id?: number })?.chat_id === 5009,
      ),
    );
    const names = (adminMenu.body.commands as { command: string }[]).map((c) => c.command);
    expect(names).toContain("peran");
    expect(names).toContain("asesmen");
    expect(names).not.toContain("ringkasan");
    // Everyone's menu is for private chats: groups get no personal commands.
    const general = tg.calls.find(
      (c) =>
        c.method === "setMyCommands" && (c.body.scope as { type?: string })?.type === "all_private_chats",
    )!;
    expect((general.body.commands as { command: string }[]).map((c) => c.command)).not.toContain("peran");
    expect(await say(5009, "/bantuan", "/peran")).toBeTruthy();
  });

  it("registers a person: consent, name, a wrong NIP, a back step, a restart mid-flow, unit, jabatan, zone, language, modes", async () => {
    const u = 5001;
    let m = await say(u, "/start", "Apakah Anda setuju?");
    const consentId = m.message_id;
    m = await click(u, m, "Ya", "nama lengkap");
    // The answered question is edited to show the answer, and loses its buttons.
    expect(tg.messages.get(consentId)!.text).toContain("✅ Ya");
    expect(tg.messages.get(consentId)!.buttons).toEqual([]);

    await say(u, "Siti Rahmawati, S.E.", "Berapa NIP Anda?");
    await say(u, "19850101 2010 0110 0", "NIP terdiri dari 18 angka, sedangkan yang Anda kirim 17 angka");
    m = await tg.waitFor(() => (tg.last(u)?.text.includes("Berapa NIP Anda?") ? tg.last(u) : undefined));
    await click(u, m, "Kembali", "nama lengkap");
    await say(u, "Siti Rahmawati", "Terima kasih, Siti Rahmawati");

    // Restart the app in the middle of the conversation: the run lives in the database.
    await shutdown();
    await boot();
    m = await say(u, NIP, "kode aktivasi");
    // No activation code: registered "belum terverifikasi", choosing the unit herself.
    m = await click(u, m, "Tidak", "instansi");
    m = await click(u, m, "Kota Mataram", "unit kerja");
    m = await click(u, m, "Kecamatan Ampenan", "jabatan");
    m = await say(u, "perencana", "Perencana Ahli Muda");
    // The province follows the instansi (Kota Mataram, Nusa Tenggara Barat): not asked.
    m = await click(u, m, "Perencana Ahli Muda", "WITA");
    expect(tg.chat(u).some((x) => x.text.includes("Di provinsi mana"))).toBe(false);
    m = await click(u, m, "Ya", "Bahasa");
    m = await click(u, m, "Bahasa Indonesia", "Cara belajar");
    const modes = m.message_id;
    tg.press(u, modes, button(m, "E-learning"));
    m = await tg.waitFor(() => {
      const x = tg.messages.get(modes);
      return x?.buttons.flat().some((b) => b.text.startsWith("✅")) ? x : undefined;
    });
    await click(u, m, "Selesai", "belum terverifikasi");
  });

  it("asks for an activation code whatever the NIP, and refuses a wrong one without saying whose NIP it is", async () => {
    const u = 5002;
    await say(u, "/start", "Apakah Anda setuju?");
    await say(u, "ya", "nama lengkap");
    await say(u, "Budi Santoso", "Berapa NIP Anda?");
    const m = await say(u, NIP, "kode aktivasi");
    await click(u, m, "Ya", "Ketik kode aktivasi");
    await say(u, "ABCDE-FGH23", "tidak cocok");
    await tg.waitFor(() => tg.last(u)?.text.includes("kode aktivasi Pandu") || undefined);
  });

  it("answers a sticker with what is expected, and a double press once", async () => {
    const u = 5002;
    await act(u, () => tg.sendSticker(u), "stiker");
    // Still at the activation question the previous test left: no code this time.
    const m = await say(u, "tidak", "instansi");
    const data = button(m, "Provinsi Jambi");
    const before = tg.chat(u).length;
    const answered = tg.count("answerCallbackQuery");
    tg.press(u, m.message_id, data);
    tg.press(u, m.message_id, data);
    // Every press is answered (the spinner stops), but the answer is recorded once.
    await tg.waitFor(() => tg.count("answerCallbackQuery") >= answered + 2 || undefined);
    await tg.waitFor(
      () =>
        tg
          .chat(u)
          .slice(before)
          .some((x) => x.text.includes("tidak berlaku")) || undefined,
    );
    const asked = tg
      .chat(u)
      .slice(before)
      .filter((x) => x.text.startsWith("Pertanyaan") && x.text.includes("Pilih unit kerja"));
    expect(asked).toHaveLength(1);
  });

  it("answers commands in a group only with an invitation to a private chat", async () => {
    const group = -100123;
    await act(group, () => tg.sendText(6001, "/start", { chatId: group, group: true }), "obrolan pribadi");
    const seen = tg.chat(group).length;
    tg.sendText(6001, "halo semua", { chatId: group, group: true });
    await say(6001, "/bantuan", "/asesmen");
    expect(tg.chat(group).length).toBe(seen);
  });

  it("refuses a button pressed by another person", async () => {
    const m = tg.last(5002)!;
    await act(5002, () => tg.press(5002, m.message_id, m.buttons[0]![0]!.callback_data, 7777), "orang lain");
  });
});

/** The TMT CPNS (YYYYMM) `months` before this month: the app runs on the real clock. */
const tmtMonthsAgo = (months: number): string => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};
const CPNS_QUESTION = "masih CPNS";
const CONTRACT_QUESTION = "kontrak kerja Anda";

/** Registers by typing, from /start to the NIP; resolves with the first message after the NIP. */
async function upToNip(u: number, name: string, nip: string, next: string | RegExp): Promise<SentMessage> {
  await say(u, "/start", "Apakah Anda setuju?");
  await say(u, "ya", "nama lengkap");
  await say(u, name, "Berapa NIP Anda?");
  await say(u, nip, "kode aktivasi");
  return say(u, "tidak", next);
}

/** Registers by typing as someone HR imported, up to and including their activation code. */
async function upToNipWithCode(u: number, name: string, nip: string, code: string, next: string | RegExp) {
  await say(u, "/start", "Apakah Anda setuju?");
  await say(u, "ya", "nama lengkap");
  await say(u, name, "Berapa NIP Anda?");
  await say(u, nip, "kode aktivasi");
  await say(u, "ya", "Ketik kode aktivasi");
  return say(u, code, next);
}

/** Finishes registering in Kota Mataram by typing, from the instansi question on. */
async function finishInMataram(u: number) {
  await say(u, "Pemerintah Kota Mataram", "unit kerja");
  await say(u, "Kecamatan Ampenan", "jabatan");
  await say(u, "Camat Ampenan", "WITA");
  await say(u, "ya", "Bahasa");
  await say(u, "Bahasa Indonesia", "Cara belajar");
  await say(u, "1,2", "Pendaftaran selesai");
}

const asked = (u: number, text: string) => tg.chat(u).some((m) => m.text.includes(text));

describe("status kepegawaian at registration on Telegram", () => {
  it("registers a PPPK NIP as PPPK and asks when the contract began, explaining each wrong answer", async () => {
    const u = 5101;
    // Digit 13 is 2: a PPPK NIP, appointed in 2022.
    await upToNip(u, "Ayu Lestari", "199505052022212003", CONTRACT_QUESTION);
    expect(asked(u, CPNS_QUESTION)).toBe(false);
    const again = () => tg.waitFor(() => tg.last(u)?.text.includes(CONTRACT_QUESTION) || undefined);
    await say(u, "13/2025", "Bulan dan tahunnya belum terbaca");
    await again();
    await say(u, "12/2099", "Bulan itu belum tiba");
    await again();
    await say(u, "01/2021", "Anda diangkat pada tahun 2022");
    await again();
    await say(u, "3/2025", "instansi");
    await finishInMataram(u);
    const profile = await say(u, "/profil", "Status kepegawaian: PPPK");
    expect(profile.text).toContain("Mulai kontrak: 1 Maret 2025");
  });

  it("asks someone whose TMT CPNS is six months old whether they are still CPNS, and stores CPNS on yes", async () => {
    const u = 5102;
    await upToNip(u, "Rina Kartika", `19980101${tmtMonthsAgo(6)}2001`, CPNS_QUESTION);
    await say(u, "ya", "instansi");
    await finishInMataram(u);
    const profile = await say(u, "/profil", "Status kepegawaian: CPNS");
    expect(profile.text).not.toContain("Mulai kontrak");
  });

  it("stores PNS for an old TMT CPNS without asking", async () => {
    const u = 5103;
    await upToNip(u, "Hendra Gunawan", "197805122003121002", "instansi");
    await finishInMataram(u);
    expect(asked(u, CPNS_QUESTION)).toBe(false);
    expect(asked(u, CONTRACT_QUESTION)).toBe(false);
    const profile = await say(u, "/profil", "Status kepegawaian: PNS");
    expect(profile.text).not.toContain("Mulai kontrak");
  });

  it("keeps the status an admin imported and asks nothing, even for a recent TMT", async () => {
    const nip = `19990202${tmtMonthsAgo(3)}2004`;
    await say(5009, "/impor", "Kirim satu berkas CSV");
    const csv = `NIP;Nama;Unit Kerja;Status Kepegawaian\n${nip};Dewi Anggraini;mataram.ampenan;CPNS\n`;
    await act(
      5009,
      () => tg.sendDocument(5009, "pegawai.csv", "text/csv", Buffer.from(csv)),
      "Impor selesai: 1 pegawai baru",
    );
    // The import answers with the new activation codes as a CSV document, one row per person.
    const sheet = await tg.waitFor(() =>
      tg.chat(5009).find((m) => m.upload?.filename.startsWith("kode-aktivasi")),
    );
    const row = sheet.upload!.text.split("\n").find((line) => line.includes(nip))!;
    const code = row.split(";").at(-1)!.trim();
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const u = 5104;
    await upToNipWithCode(u, "Dewi Anggraini", nip, code, "jabatan");
    expect(asked(u, CPNS_QUESTION)).toBe(false);
    // HR's unit stands: neither the instansi nor the unit is asked.
    expect(asked(u, "Di instansi mana")).toBe(false);
    await say(u, "Camat Ampenan", "WITA");
    await say(u, "ya", "Bahasa");
    await say(u, "Bahasa Indonesia", "Cara belajar");
    await say(u, "1,2", "Pendaftaran selesai");
    await say(u, "/profil", "Status kepegawaian: CPNS");
  });
});
