import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppProcess, startApp } from "../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";
import { type SentMessage, TelegramEmulator, textFits } from "../support/telegram-emulator.js";

const TOKEN = "123456:SECRET-token-that-must-never-be-logged";
const NAME = "Rahmawati Siregar";
const NIP = "198503142010012007";
const SECRET_TEXT = "pesan pribadi kucing oranye";
const dbName = `e2e_logs_${randomBytes(4).toString("hex")}`;
let tg: TelegramEmulator;
let cwd: string;
let app: AppProcess;

const reply = (chat: number, text: string, expected: string | RegExp): Promise<SentMessage> =>
  tg.nextMessage(
    chat,
    () => tg.sendText(chat, text),
    (m) => textFits(m.text, expected),
    20_000,
    `a reply matching ${expected}`,
  );

beforeAll(async () => {
  tg = new TelegramEmulator();
  await tg.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-logs-"));
  app = startApp(
    {
      MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      PORT: "0",
      // The most talkative level: whatever is logged at all is logged here.
      LOG_LEVEL: "trace",
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

describe("logs", () => {
  it("never hold a NIP, a name, a token or what people wrote, even at trace level and on failures", async () => {
    const u = 9301;
    await reply(u, "/start", "Apakah Anda setuju?");
    await reply(u, "ya", "nama lengkap");
    await reply(u, NAME, "Berapa NIP Anda?");
    await reply(u, NIP, "instansi");
    // Free text where none is expected, and a failing send (its error is logged).
    await reply(u, SECRET_TEXT, /.+/);
    tg.failing.add("sendMessage");
    tg.sendText(u, `${SECRET_TEXT} lagi`);
    await tg.waitFor(
      () => /handling|failed|not sent|error/i.test(app.stderr()) || undefined,
      20_000,
      "a logged failure",
    );
    tg.failing.delete("sendMessage");
    await reply(u, "/bantuan", "/asesmen");

    const logs = app.stderr() + app.stdout();
    expect(logs.length).toBeGreaterThan(1_000);
    for (const secret of [
      NIP,
      "19850314 2010",
      NAME,
      "Siregar",
      TOKEN,
      "SECRET-token",
      SECRET_TEXT,
      "kucing oranye",
    ]) {
      expect(logs.includes(secret), `logs contain ${secret}`).toBe(false);
    }
  }, 120_000);
});
