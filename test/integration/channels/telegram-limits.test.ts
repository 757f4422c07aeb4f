import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelOutbox } from "../../../src/channels/channel.js";
import { createTelegramBot } from "../../../src/channels/telegram/bot.js";
import { MAX_CAPTION, MAX_TEXT } from "../../../src/channels/telegram/render.js";
import { createTelegramSender } from "../../../src/channels/telegram/sender.js";
import { createDispatcher } from "../../../src/delivery/dispatcher.js";
import { createOutbox } from "../../../src/delivery/outbox.js";
import { createRateLimiter } from "../../../src/delivery/rate-limiter.js";
import { createSlotLease } from "../../../src/delivery/slot-lease.js";
import { createLogger } from "../../../src/logging/logger.js";
import { useTestDatabase } from "../../support/database.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";
import { waitFor } from "../../support/waiters.js";

// Each Bot API limit, refused by the emulator as Telegram refuses it, and kept by Pandu's sends.
// Elsewhere: Pandu's button data stays within 64 bytes for every flow input (test/fuzz/fuzz.ts,
// "button data over 64 bytes"), and a long outbox text is split at paragraphs, never cut
// (test/integration/delivery/dispatcher.test.ts, "sends a text over Telegram's 4,096 characters").

const ctx = useTestDatabase();
const TOKEN = "123456:TEST-token-for-the-emulator_0030";
let tg: TelegramEmulator;

beforeAll(async () => {
  tg = new TelegramEmulator({ token: TOKEN });
  await tg.start();
});
afterAll(async () => {
  await tg.stop();
});

/** Calls the emulated Bot API as any client would: `/bot<token>/<method>` with a JSON body. */
async function call(method: string, body: Record<string, unknown>, token = TOKEN) {
  const res = await fetch(`${tg.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const button = (data: string) => ({ inline_keyboard: [[{ text: "Pilih", callback_data: data }]] });

describe("the Telegram emulator refuses what the Bot API refuses", () => {
  it("a wrong token (401), an unknown method (404), bad button data, empty and over-long texts and captions", async () => {
    expect(await call("sendMessage", { chat_id: 1, text: "hai" }, "123456:wrong")).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    expect(await call("sendMessagee", { chat_id: 1, text: "hai" })).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found" },
    });
    // 64 bytes is the limit in UTF-8 bytes, not characters: 32 two-byte letters fit, 33 do not.
    expect(
      (await call("sendMessage", { chat_id: 1, text: "a", reply_markup: button("é".repeat(32)) })).status,
    ).toBe(200);
    const tooLong = await call("sendMessage", {
      chat_id: 1,
      text: "a",
      reply_markup: button("é".repeat(33)),
    });
    expect(tooLong).toMatchObject({ status: 400, body: { description: "Bad Request: BUTTON_DATA_INVALID" } });
    const sent = await call("sendMessage", { chat_id: 1, text: "a" });
    const id = (sent.body.result as { message_id: number }).message_id;
    expect(
      await call("editMessageText", {
        chat_id: 1,
        message_id: id,
        text: "b",
        reply_markup: button("x".repeat(65)),
      }),
    ).toMatchObject({ status: 400, body: { description: "Bad Request: BUTTON_DATA_INVALID" } });
    expect(await call("sendMessage", { chat_id: 1, text: "" })).toMatchObject({ status: 400 });
    expect(await call("sendMessage", { chat_id: 1, text: "x".repeat(MAX_TEXT + 1) })).toMatchObject({
      status: 400,
      body: { description: "Bad Request: message is too long" },
    });
    expect(
      await call("sendPhoto", { chat_id: 1, photo: "AgAC", caption: "x".repeat(MAX_CAPTION + 1) }),
    ).toMatchObject({ status: 400, body: { description: "Bad Request: message caption is too long" } });
    expect(await call("editMessageText", { chat_id: 2, message_id: id, text: "c" })).toMatchObject({
      status: 400,
      body: { description: "Bad Request: message to edit not found" },
    });
    expect(await call("editMessageText", { chat_id: 1, message_id: id, text: "a" })).toMatchObject({
      status: 400,
      body: { description: expect.stringContaining("message is not modified") },
    });
  });

  it("answers a flood with the wait it needs in retry_after, not always 1 second", async () => {
    tg.limits = { perSecond: 30, perChatMs: 3_000 };
    try {
      expect((await call("sendMessage", { chat_id: 7, text: "satu" })).status).toBe(200);
      const refused = await call("sendMessage", { chat_id: 7, text: "dua" });
      expect(refused.status).toBe(429);
      // A per-chat gap of 3 s: the wait rounds up to 3 (or 2 if a second already passed).
      expect((refused.body.parameters as { retry_after: number }).retry_after).toBeGreaterThanOrEqual(2);
      tg.retryAfter = () => 17;
      const configured = await call("sendMessage", { chat_id: 7, text: "tiga" });
      expect(configured.body).toMatchObject({ error_code: 429, parameters: { retry_after: 17 } });
    } finally {
      tg.limits = undefined;
    }
  });
});

describe("Pandu keeps within the Bot API's limits", () => {
  it("waits out the retry_after Telegram gives, whatever it is, before sending again", async () => {
    await ctx.repos.identities.bind({
      id: "telegram:41",
      channel: "telegram",
      personId: "p41",
      now: new Date(),
    });
    const at = new Date("2026-12-05T08:00:00Z");
    await createOutbox({ repos: ctx.repos, now: () => at }).schedule({
      purpose: "banjir",
      occurrence: "o1",
      personId: "p41",
      message: { text: "Pengingat pelatihan" },
      dueAt: new Date(at.getTime() - 1000),
    });
    // The chat just had a message, and Telegram asks for 11 s.
    tg.limits = { perSecond: 30, perChatMs: 60_000 };
    tg.retryAfter = () => 11;
    const sender = createTelegramSender({ token: TOKEN, apiRoot: tg.apiRoot });
    try {
      expect(await sender.send("41", { text: "sebelumnya" })).toEqual({ kind: "sent" });
      const dispatcher = createDispatcher({
        repos: ctx.repos,
        sender,
        limiter: createRateLimiter(sender.limits),
        lease: createSlotLease({
          leases: ctx.repos.leases,
          name: "sender:telegram",
          holder: "a",
          slotMs: 2_000,
          now: () => at.getTime(),
        }),
        // A frozen clock: the retry is never due, so what is checked is when it was put.
        now: () => at,
        idleMs: 50,
      });
      dispatcher.start();
      const waiting = await waitFor(
        async () => {
          const d = await ctx.db.models.Delivery.findOne({ purpose: "banjir" }).lean().exec();
          return d?.lastError ? d : undefined;
        },
        10_000,
        50,
      );
      await dispatcher.stop();
      expect(waiting.lastError).toContain("429");
      expect(waiting.dueAt.getTime() - at.getTime()).toBe(11_000);
    } finally {
      tg.limits = undefined;
    }
  });

  it("holds a reply back until a second after Pandu's own message in the chat, instead of being refused", async () => {
    // One bot's budget, as the Telegram channel wires it: the outbox and the replies share it.
    const sender = createTelegramSender({ token: TOKEN, apiRoot: tg.apiRoot });
    const { takeTurn } = channelOutbox({ repos: ctx.repos, leaseSeconds: 5, sendLeaseSeconds: 60 }, sender);
    const bot = createTelegramBot({
      token: TOKEN,
      apiRoot: tg.apiRoot,
      handle: async () => [],
      groupText: () => "",
      errorText: () => "",
      logger: createLogger("silent"),
      takeTurn,
    });
    tg.limits = { perSecond: 30, perChatMs: 1_000 };
    const before = tg.stats.throttled;
    try {
      // The outbox's announcement to chat 43 (its turn taken as the dispatcher takes it)...
      const done = await takeTurn("43", "own");
      expect(await sender.send("43", { text: "Pengumuman rapat" })).toEqual({ kind: "sent" });
      done();
      // ...and at once the person's answer is replied to, and someone else's too.
      await Promise.all([
        bot.api.sendMessage(43, "Terima kasih, tercatat."),
        bot.api.sendMessage(44, "Halo"),
      ]);
      expect(tg.chat(43).map((m) => m.text)).toEqual(["Pengumuman rapat", "Terima kasih, tercatat."]);
      expect(tg.chat(44).map((m) => m.text)).toEqual(["Halo"]);
      expect(tg.stats.throttled).toBe(before);
    } finally {
      tg.limits = undefined;
    }
  });

  it("splits a long text and keeps buttons' data within 64 bytes, all under the bot's own token", async () => {
    const long = Array.from({ length: 6 }, (_, i) => `bagian ${i}: ${"kata ".repeat(180)}`.trim()).join(
      "\n\n",
    );
    const before = { ...tg.stats };
    const sender = createTelegramSender({ token: TOKEN, apiRoot: tg.apiRoot });
    const choices = [[{ data: "rem|h|6523f0c2a1b4c5d6e7f80912", label: "Hadir" }]];
    expect(await sender.send("42", { text: long, choices })).toEqual({ kind: "sent" });
    const parts = tg.chat(42);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((m) => m.text.length > 0 && m.text.length <= MAX_TEXT)).toBe(true);
    expect(parts.map((m) => m.text).join("\n\n")).toBe(long);
    expect(parts.at(-1)!.buttons).toEqual([[{ text: "Hadir", callback_data: choices[0]![0]!.data }]]);
    expect(tg.stats.badButtons).toBe(before.badButtons);
    expect(tg.stats.unauthorized).toBe(before.unauthorized);
  });
});
