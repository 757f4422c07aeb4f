import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppProcess, startServingApp, stopApp } from "../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";
import { TelegramEmulator } from "../support/telegram-emulator.js";

const SECRET = "webhook-secret-0123456789";
const dbName = `e2e_tgwh_${randomBytes(4).toString("hex")}`;
let tg: TelegramEmulator;
let app: AppProcess;
let cwd: string;
let base: string;

beforeAll(async () => {
  tg = new TelegramEmulator({ token: "123456:TEST-token-for-the-emulator_0002" });
  await tg.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-tgwh-"));
  ({ app, base } = await startServingApp(
    {
      MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
      TELEGRAM_BOT_TOKEN: "123456:TEST-token-for-the-emulator_0002",
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_WEBHOOK_URL: "https://pandu.example.go.id/telegram/webhook",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    },
    cwd,
  ));
});
afterAll(async () => {
  await stopApp(app);
  await tg.stop();
  await dropDatabase(inject("mongoUri"), dbName);
  await rm(cwd, { recursive: true, force: true });
});

const update = (id: number, text: string) => ({
  update_id: id,
  message: {
    message_id: id,
    date: Math.floor(Date.now() / 1000),
    chat: { id: 42, type: "private", first_name: "Ani" },
    from: { id: 42, is_bot: false, first_name: "Ani", language_code: "id" },
    text,
    ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.length }] } : {}),
  },
});
const post = (body: unknown, secret?: string) =>
  fetch(`${base}/telegram/webhook`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}),
    },
    body: JSON.stringify(body),
  });

describe("Telegram webhook mode", () => {
  it("registers the webhook with its secret", async () => {
    await tg.waitFor(() => tg.calls.find((c) => c.method === "setWebhook"));
    expect(tg.calls.find((c) => c.method === "setWebhook")?.body).toMatchObject({
      url: "https://pandu.example.go.id/telegram/webhook",
      secret_token: SECRET,
    });
  });

  it("refuses updates without the right secret", async () => {
    expect((await post(update(1, "/start"))).status).toBe(401);
    expect((await post(update(1, "/start"), "wrong-secret-0000000000")).status).toBe(401);
    expect(tg.chat(42)).toEqual([]);
  });

  it("answers a genuine update, and a repeated delivery of it only once", async () => {
    expect((await post(update(2, "/start"), SECRET)).status).toBe(200);
    await tg.waitFor(() => tg.last(42)?.text.includes("Apakah Anda setuju?") || undefined);
    expect((await post(update(3, "ya"), SECRET)).status).toBe(200);
    await tg.waitFor(() => tg.last(42)?.text.includes("nama lengkap") || undefined);
    expect((await post(update(4, "Ani Lestari"), SECRET)).status).toBe(200);
    await tg.waitFor(() => tg.last(42)?.text.includes("Berapa NIP") || undefined);
    // Telegram sends the same update again (it did not see our answer in time).
    expect((await post(update(4, "Ani Lestari"), SECRET)).status).toBe(200);
    expect((await post(update(5, "/bantuan"), SECRET)).status).toBe(200);
    await tg.waitFor(() => tg.last(42)?.text.includes("/asesmen") || undefined);
    const texts = tg.chat(42).map((m) => m.text);
    expect(texts.filter((t) => t.includes("Berapa NIP"))).toHaveLength(1);
    expect(texts.some((t) => t.includes("NIP terdiri dari 18 angka"))).toBe(false);
  });
});
