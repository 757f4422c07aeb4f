import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppProcess, startApp, stopApp } from "../../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../../support/database.js";
import { type SentMessage, TelegramEmulator, textFits } from "../../support/telegram-emulator.js";

const TOKEN = "123456:TEST-token-for-the-emulator_0020";
/** Updates allowed per person, and per group chat, in the window. */
const LIMIT = 3;
const INVITATION = "obrolan pribadi";

let tg: TelegramEmulator;
let cwd: string;
let app: AppProcess;
const dbName = `e2e_tg_groups_${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  tg = new TelegramEmulator();
  await tg.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-tg-groups-"));
  app = startApp(
    {
      MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      PORT: "0",
      LOG_LEVEL: "warn",
      RATE_LIMIT_UPDATES: String(LIMIT),
      // Long enough that nothing leaves the window while a test runs.
      RATE_LIMIT_WINDOW_SECONDS: "120",
    },
    cwd,
  );
  await app.waitForStderr(/\/healthz/);
});
afterAll(async () => {
  await stopApp(app);
  await tg.stop();
  await dropDatabase(inject("mongoUri"), dbName);
  await rm(cwd, { recursive: true, force: true });
});

/** A person types `text` in group chat `group`. */
const inGroup = (user: number, group: number, text: string) =>
  tg.sendText(user, text, { chatId: group, group: true });

/** Messages Pandu sent to a chat that match `text`. */
const said = (chat: number, text: string | RegExp) => tg.chat(chat).filter((m) => textFits(m.text, text));

/** Waits for the `n`th message in `chat` matching `text`. */
const nth = (chat: number, n: number, text: string | RegExp): Promise<SentMessage> =>
  tg.waitFor(() => said(chat, text)[n - 1], 15_000, `message ${n} matching ${text} in ${chat}`);

/** Enough time for a reply Pandu would still send to have arrived. */
const settle = () => new Promise((r) => setTimeout(r, 1_500));

describe("Telegram group chats", () => {
  it("answers commands in a group at most the limit's times per chat, whoever types them, and other groups still", async () => {
    const busy = -100201;
    const other = -100202;
    // Six people, one command each: the group's own limit, not each person's, stops the flood.
    for (let user = 7001; user <= 7006; user++) inGroup(user, busy, "/start");
    await nth(busy, LIMIT, INVITATION);
    // Another group is counted apart.
    inGroup(7007, other, "/bantuan");
    await nth(other, 1, INVITATION);
    await settle();
    expect(said(busy, INVITATION)).toHaveLength(LIMIT);
    // Over the limit a group hears nothing, not even the "slow down" meant for one person.
    expect(tg.chat(busy)).toHaveLength(LIMIT);
  });

  it("counts a person's commands in groups against their own limit too", async () => {
    const person = 7101;
    const groups = [-100301, -100302, -100303, -100304, -100305];
    for (const group of groups) inGroup(person, group, "/asesmen");
    const answered = () => groups.filter((g) => said(g, INVITATION).length > 0);
    await tg.waitFor(() => answered().length >= LIMIT || undefined, 15_000, "the person's invitations");
    await settle();
    expect(answered()).toHaveLength(LIMIT);
  });

  it("ignores commands addressed to another bot, in a group and in a private chat", async () => {
    const group = -100401;
    inGroup(7201, group, "/bantuan@OtherBot");
    inGroup(7201, group, "/start@PanduBot");
    await nth(group, 1, INVITATION);
    await settle();
    expect(tg.chat(group)).toHaveLength(1);

    const chat = 7301;
    tg.sendText(chat, "/bantuan@OtherBot");
    // Telegram usernames are case-insensitive: this one is Pandu's.
    tg.sendText(chat, "/bantuan@pandubot");
    await nth(chat, 1, "/asesmen");
    await settle();
    expect(tg.chat(chat)).toHaveLength(1);
  });
});
