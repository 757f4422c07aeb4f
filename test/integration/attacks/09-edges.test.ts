import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type Database } from "../../../src/db/connection.js";
import { createRepositories } from "../../../src/db/repositories/index.js";
import { type AppProcess, startServingApp, stopApp } from "../../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../../support/database.js";
import { postToSlackEndpoint, SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { type SentMessage, TelegramEmulator, textFits } from "../../support/telegram-emulator.js";

/**
 * Finding 9 of the security review (issue "Trust"): "The Slack outbox sender does not escape text
 * the way replies do (`<!channel>` and disguised links in a broadcast); group chats get command
 * replies outside the per-person limit and `/cmd@OtherBot` is answered; Slack commands and button
 * presses are not deduplicated within Slack's retry window."
 *
 * Against one real Pandu process (Telegram and Slack emulated): a coordinator broadcasts markup to
 * a colleague on Slack, and it arrives as plain characters; a crowd floods a group chat, and the
 * group hears at most its own limit; a command addressed to another bot is ignored; Slack's retries
 * of a command and a press are handled once. (Nothing here is for the audit log: these are floods
 * and repeats, counted on /metrics, not one actor's attempt on someone's data.)
 */
const TOKEN = "123456:TEST-token-for-the-emulator_0020";
const SLACK_SECRET = "slack-signing-secret-for-edges";
/** Updates allowed per person, and per group chat, in the window (a broadcast takes six). */
const LIMIT = 7;
const INVITATION = "obrolan pribadi";

let tg: TelegramEmulator;
let slack: SlackWebApiEmulator;
let cwd: string;
let app: AppProcess;
let base: string;
let db: Database;
const dbName = `e2e_edges_${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  tg = new TelegramEmulator();
  await tg.start();
  slack = new SlackWebApiEmulator();
  await slack.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-edges-"));
  ({ app, base } = await startServingApp(
    {
      MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      SLACK_BOT_TOKEN: "xoxb-edges-test",
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: "warn",
      RATE_LIMIT_UPDATES: String(LIMIT),
      // Long enough that nothing leaves the window while a test runs.
      RATE_LIMIT_WINDOW_SECONDS: "120",
    },
    cwd,
  ));
  db = await connectDatabase({ uri: inject("mongoUri"), dbName, poolSize: 2 });
});
afterAll(async () => {
  await stopApp(app);
  await tg.stop();
  await slack.stop();
  await db?.close();
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

describe("floods and other bots' commands in Telegram group chats", () => {
  it("answers commands in a group at most the limit's times per chat, whoever types them, and other groups still", async () => {
    const busy = -100201;
    const other = -100202;
    // More people than the limit, one command each: the group's own limit, not each person's, stops the flood.
    for (let user = 7001; user <= 7000 + LIMIT + 3; user++) inGroup(user, busy, "/start");
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
    const groups = Array.from({ length: LIMIT + 2 }, (_, i) => -100301 - i);
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

describe("markup in a coordinator's broadcast, on Slack", () => {
  it("arrives as plain characters: no @channel, no mention, no disguised link", async () => {
    const repos = createRepositories(db.models);
    const now = new Date();
    const coordinator = await repos.people.create({
      name: "Koordinator Yankes",
      timeZone: "Asia/Jakarta",
      instansiId: "jambi",
      unitId: "jambi.dinkes.yankes",
      onboardedAt: now,
      roles: [{ role: "koordinator", unitId: "jambi.dinkes.yankes", grantedAt: now }],
    });
    await repos.identities.bind({ id: "telegram:7401", channel: "telegram", personId: coordinator._id, now });
    const colleague = await repos.people.create({
      name: "Rekan di Slack",
      timeZone: "Asia/Jakarta",
      instansiId: "jambi",
      unitId: "jambi.dinkes.yankes",
      onboardedAt: now,
      // No quiet hours (a /pengingat choice): the broadcast reaches them at whatever hour this runs.
      reminders: { quietStart: "00:00", quietEnd: "00:00" },
    });
    await repos.identities.bind({ id: "slack:T01:URCP", channel: "slack", personId: colleague._id, now });

    const written =
      "Penting: <!channel> <!here> <@U0ADMIN> buka <https://evil.example|Portal BKN> & isi datanya.";
    const step = (text: string, expected: string | RegExp) =>
      tg.nextMessage(
        7401,
        () => tg.sendText(7401, text),
        (m) => textFits(m.text, expected),
        15_000,
        `${expected}`,
      );
    await step("/umumkan", "pengumuman");
    await step(written, "foto atau berkas");
    await step("Lewati", "Untuk siapa");
    await step("Semua orang dalam cakupan saya", "Minta penerima menjawab");
    await step("Tidak perlu dijawab", "Kapan dikirim");
    await step("Kirim sekarang", /Kirim sekarang ke 2 orang/);
    await step("ya", /dikirim ke 2 orang/);

    const sent = await slack.waitFor(
      () => slack.of("chat.postMessage").find((c) => c.body.channel === "URCP"),
      20_000,
      "the broadcast on Slack",
    );
    // Slack reads `text` as mrkdwn: every <, > and & is escaped, so nothing pings, links or mentions.
    expect(String(sent.body.text)).toContain(
      "&lt;!channel&gt; &lt;!here&gt; &lt;@U0ADMIN&gt; buka &lt;https://evil.example|Portal BKN&gt; &amp; isi",
    );
    expect(String(sent.body.text)).not.toMatch(/<[!@#]|<https?:/);
  });
});

describe("Slack's retries of a command and a button press", () => {
  const RETRY = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };
  const FORM = "application/x-www-form-urlencoded";
  const command = (user: string) =>
    new URLSearchParams({
      command: "/pandu",
      text: "bantuan",
      user_id: user,
      team_id: "T01",
      channel_id: `D${user}`,
      trigger_id: `4242.${user}.cmd`,
      response_url: `${base}/x`,
    }).toString();
  const press = (user: string) =>
    new URLSearchParams({
      payload: JSON.stringify({
        type: "block_actions",
        user: { id: user, team_id: "T01" },
        team: { id: "T01" },
        container: { type: "message", channel_id: `D${user}`, message_ts: "1700000000.000100" },
        trigger_id: `4242.${user}.press`,
        actions: [
          {
            type: "button",
            action_id: "pandu_0_0",
            block_id: "pandu_row_0",
            value: "cmd|bantuan",
            text: { type: "plain_text", text: "Bantuan" },
            action_ts: "1700000001.000100",
          },
        ],
      }),
    }).toString();
  const repliesTo = (user: string) =>
    slack.of("chat.postMessage").filter((c) => c.body.channel === `D${user}`);

  it("answers each once", async () => {
    for (const [user, body] of [
      ["URETRYCMD", command("URETRYCMD")],
      ["URETRYBTN", press("URETRYBTN")],
    ] as const) {
      const first = await postToSlackEndpoint(base, SLACK_SECRET, body, FORM);
      const again = await postToSlackEndpoint(base, SLACK_SECRET, body, FORM, RETRY);
      expect([first.status, again.status]).toEqual([200, 200]);
      await slack.waitFor(() => repliesTo(user).length > 0 || undefined, 15_000, `a reply to ${user}`);
    }
    await settle();
    expect(repliesTo("URETRYCMD")).toHaveLength(1);
    expect(repliesTo("URETRYBTN")).toHaveLength(1);
  });
});
