import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { ChannelContext, ChannelSetup } from "../../../src/channels/channel.js";
import { slackChannel } from "../../../src/channels/slack/index.js";
import { telegramChannel } from "../../../src/channels/telegram/index.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Inbound } from "../../../src/engine/types.js";
import { type HttpServer, startHttpServer } from "../../../src/http/server.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { isJpeg } from "../../support/jpeg.js";
import { postToSlackEndpoint, SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";
import { waitFor } from "../../support/waiters.js";

// Replies on the real Slack and Telegram channels over their emulators, with the real app: how
// long a failing reply is retried, the language of failure and media-kind texts, and the chart.

const SECRET = "slack-signing-secret-replies";
const SLACK_TOKEN = "xoxb-replies-token";
const TG_TOKEN = "123456:TEST-token-for-the-emulator_0021r";
const TEAM = "T01";
const translator = loadTranslations(LOCALES_DIR);
const t = translator.t.bind(translator);
const ctx = useTestDatabase();
let app: App;
let slack: SlackWebApiEmulator;
let tg: TelegramEmulator;
let channels: ChannelSetup[] = [];
let http: HttpServer;
/** What the channels logged (warn and above). */
const logs: { msg: string; method?: string }[] = [];
/** The replies' retry clock: each wait is recorded and moves it, nothing sleeps. */
let retryNow = 0;
const retryWaits: number[] = [];
const { onboard, takeAssessment, cmd } = chatDriver(() => app);
const sl = (user: string): IncomingIdentity => ({ id: `slack:${TEAM}:${user}`, channel: "slack" });
const tgWho = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });

beforeAll(async () => {
  slack = new SlackWebApiEmulator(Date.now, { token: SLACK_TOKEN });
  tg = new TelegramEmulator({ token: TG_TOKEN });
  await Promise.all([slack.start(), tg.start()]);
  app = createApp({ database: ctx.db, translate: t, now: () => new Date(), surveyHashKey: "k".repeat(40) });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  // Ani (Slack) has taken the assessment and reads English; so does Citra (Telegram).
  await onboard(sl("U1"), "Ani Lestari", "198203142008012005");
  await takeAssessment(sl("U1"), {});
  await cmd(sl("U1"), "bahasa", "en");
  await onboard(tgWho(501), "Citra Dewi", "198505052010012006");
  await cmd(tgWho(501), "bahasa", "en");
  const context: ChannelContext = {
    // `meledak` stands for a message whose handling throws after the person was resolved.
    handle: async (who: IncomingIdentity, inbound: Inbound, progress) => {
      if (inbound.kind === "command" && inbound.command === "meledak") {
        await app.conversations.handle(who, { kind: "command", command: "bantuan", args: "" });
        throw new Error("handling failed");
      }
      return app.conversations.handle(who, inbound, progress);
    },
    admitGroup: () => true,
    translate: t,
    failureText: (locale) => t(locale, "error-generic"),
    knownLocale: app.conversations.knownLocale,
    logger: pino({ level: "warn" }, { write: (line: string) => void logs.push(JSON.parse(line)) }),
    observe: () => () => {},
    onRateLimited: () => {},
    outbox: { repos: ctx.repos, leaseSeconds: 30, sendLeaseSeconds: 60 },
  };
  channels = [
    slackChannel({ botToken: SLACK_TOKEN, signingSecret: SECRET, apiUrl: slack.apiUrl }, context, {
      homeView: async () => ({ sections: [] }),
      usePostChannels: () => {},
      onProfileChanged: () => {},
      replyRetry: {
        now: () => retryNow,
        sleep: async (ms) => {
          retryWaits.push(ms);
          retryNow += ms;
        },
      },
    }),
    telegramChannel({ token: TG_TOKEN, apiRoot: tg.apiRoot, webhook: undefined }, context, {
      perSecond: 30,
      registerFileReader: () => {},
      menus: { everyone: () => [], withRoles: async () => [], follow: () => {} },
    }),
  ];
  http = await startHttpServer(
    0,
    channels.flatMap((c) => c.routes),
  );
  for (const c of channels) await c.start();
});
afterAll(async () => {
  for (const c of channels) await c.stopIntake();
  await http?.close(1_000);
  await Promise.all([slack?.stop(), tg?.stop()]);
});

let deliveries = 0;
const slackPost = (body: string, type: "application/json" | "application/x-www-form-urlencoded") =>
  postToSlackEndpoint(`http://127.0.0.1:${http.port}`, SECRET, body, type);
/** `/pandu <text>` typed by `user` in their direct message. */
const command = (user: string, text: string) =>
  slackPost(
    new URLSearchParams({
      command: "/pandu",
      text,
      user_id: user,
      team_id: TEAM,
      channel_id: `D${user}`,
      trigger_id: `replies.${++deliveries}`,
      response_url: "https://hooks.slack.invalid/x",
    }).toString(),
    "application/x-www-form-urlencoded",
  );
/** A file shared by `user` in their direct message with Pandu. */
const fileShared = (user: string) =>
  slackPost(
    JSON.stringify({
      type: "event_callback",
      team_id: TEAM,
      event_id: `EvReplies${++deliveries}`,
      event: {
        type: "message",
        subtype: "file_share",
        channel_type: "im",
        channel: `D${user}`,
        user,
        text: "",
        files: [{ id: "F0REPLIES", name: "foto.jpg" }],
        ts: `1700000000.${deliveries}`,
      },
    }),
    "application/json",
  );
/** The texts posted to a Slack DM after `from` calls, once one matches `done`. */
const slackTexts = (channel: string, from: number, done: (text: string) => boolean) =>
  slack.waitFor(() => {
    const texts = slack
      .of("chat.postMessage")
      .slice(from)
      .filter((c) => c.body.channel === channel && c.result.ok === true)
      .map((c) => String(c.body.text));
    return texts.some(done) ? texts : undefined;
  });

describe("Slack replies that keep failing", () => {
  it("are tried four times (three retries, 1, 2 and 4 s apart by the retry clock), then logged, and the app goes on", async () => {
    const before = slack.of("chat.postMessage").length;
    slack.failing.set("chat.postMessage", "http");
    try {
      expect((await command("U3", "bantuan")).status).toBe(200);
      // The log comes after the last attempt's answer: polled, not woken by an emulator call.
      await waitFor(() => logs.some((l) => l.msg === "slack error"));
    } finally {
      slack.failing.delete("chat.postMessage");
    }
    const attempts = slack
      .of("chat.postMessage")
      .slice(before)
      .filter((c) => c.body.channel === "DU3");
    expect(attempts.map((c) => c.result.error)).toEqual(Array(4).fill("emulated_http"));
    expect(retryWaits).toEqual([1_000, 2_000, 4_000]);
    expect(logs.filter((l) => l.msg === "slack reply failed; retrying").map((l) => l.method)).toEqual(
      Array(3).fill("chat.postMessage"),
    );
    // The next message is answered as usual.
    const after = slack.of("chat.postMessage").length;
    expect((await command("U3", "bantuan")).status).toBe(200);
    await slackTexts("DU3", after, (text) => text.length > 0);
  });
});

describe("texts in the person's language", () => {
  it("on Slack: an English-speaking person gets the failure and the media-kind texts in English", async () => {
    let from = slack.of("chat.postMessage").length;
    expect((await command("U1", "meledak")).status).toBe(200);
    expect(await slackTexts("DU1", from, (x) => x === t("en", "error-generic"))).toContain(
      t("en", "error-generic"),
    );
    // A file shared where /selesai asks which training is refused in English.
    from = slack.of("chat.postMessage").length;
    expect((await command("U1", "selesai")).status).toBe(200);
    await slackTexts("DU1", from, () => true);
    from = slack.of("chat.postMessage").length;
    expect((await fileShared("U1")).status).toBe(200);
    const unread = t("en", "flow-file-not-expected");
    expect(await slackTexts("DU1", from, (x) => x === unread)).toContain(unread);
    await cmd(sl("U1"), "batal");
  });

  it("on Telegram: a registered English speaker, and a newcomer whose app is in English", async () => {
    const seen = (chat: number) => tg.chat(chat).length;
    const newText = (chat: number, from: number, text: string) =>
      tg.waitFor(
        () =>
          tg
            .chat(chat)
            .slice(from)
            .find((m) => m.text === text),
        10_000,
        text,
      );
    let from = seen(501);
    // Citra's Telegram is in Indonesian; her profile says English.
    tg.sendText(501, "/meledak", { languageCode: "id" });
    await newText(501, from, t("en", "error-generic"));
    from = seen(501);
    tg.sendText(501, "/asesmen", { languageCode: "id" });
    await tg.waitFor(() => tg.chat(501).length > from);
    from = seen(501);
    tg.sendSticker(501, { languageCode: "id" });
    await newText(501, from, t("en", "flow-unsupported-input", { what: t("en", "media-sticker") }));
    await cmd(tgWho(501), "batal");

    // A newcomer, before registering, is answered in their app's language.
    from = seen(502);
    tg.sendText(502, "/meledak", { languageCode: "en-GB" });
    await newText(502, from, t("en", "error-generic"));
    from = seen(502);
    tg.sendText(502, "/start", { languageCode: "en-GB" });
    await tg.waitFor(() => tg.chat(502).length > from);
    from = seen(502);
    tg.sendSticker(502, { languageCode: "en-GB" });
    await newText(502, from, t("en", "flow-unsupported-input", { what: t("en", "media-sticker") }));
  });
});

describe("an answer pressed on Telegram", () => {
  /** Citra's newest question (the newest message with buttons) and its buttons' data. */
  const question = () => {
    const q = tg
      .chat(501)
      .filter((m) => m.buttons.length > 0)
      .at(-1)!;
    return { id: q.message_id, data: q.buttons.flat().map((b) => b.callback_data) };
  };
  /** Waits for the next statement (four answers and a way back) after message `from`. */
  const nextStatement = (from: number) =>
    tg.waitFor(
      () =>
        tg
          .chat(501)
          .slice(from)
          .find((m) => m.buttons.flat().length >= 4),
      10_000,
      "the next statement",
    );

  it("shows on its question while the next question is already on its way", async () => {
    let from = tg.chat(501).length;
    tg.sendText(501, "/asesmen");
    // The introduction asks to begin; its first button starts.
    await tg.waitFor(() =>
      tg
        .chat(501)
        .slice(from)
        .find((m) => m.buttons.length > 0),
    );
    from = tg.chat(501).length;
    tg.press(501, question().id, question().data[0]!);
    await nextStatement(from);

    // Telegram is slow to confirm edits: the next statement does not wait for it.
    const answered = question();
    tg.holdEdits();
    try {
      from = tg.chat(501).length;
      tg.press(501, answered.id, answered.data[2]!);
      const next = await nextStatement(from);
      expect(next.message_id).not.toBe(answered.id);
      expect(tg.chat(501).find((m) => m.message_id === answered.id)!.text).toContain("✅");
    } finally {
      tg.releaseEdits();
    }
  });

  it("comes as a message of its own, before the next question, when its question is too old to edit", async () => {
    const answered = question();
    tg.refuseNextEdit.add(501);
    const from = tg.chat(501).length;
    tg.press(501, answered.id, answered.data[2]!, 501, new Date(Date.now() - 3 * 86_400_000));
    const next = await nextStatement(from);
    const after = tg.chat(501).slice(from);
    const echo = after.findIndex((m) => m.text.includes("✅"));
    expect(echo).toBeGreaterThanOrEqual(0);
    expect(echo).toBeLessThan(after.indexOf(next));
    expect(tg.chat(501).find((m) => m.message_id === answered.id)!.edits).toBe(0);
    await cmd(tgWho(501), "batal");
  });
});

describe("the assessment chart on Slack", () => {
  it("arrives with /pandu hasil as a JPEG uploaded through the external upload flow", async () => {
    const before = slack.uploadsTo("DU1").length;
    expect((await command("U1", "hasil")).status).toBe(200);
    const [chart] = await slack.waitFor(() => {
      const mine = slack.uploadsTo("DU1").slice(before);
      return mine.length ? mine : undefined;
    });
    expect(chart!.filename).toBe("hasil-asesmen.jpg");
    expect(isJpeg(chart!.bytes)).toBe(true);
    const flow = slack.calls.map((c) => c.method);
    expect(flow.lastIndexOf("files.getUploadURLExternal")).toBeLessThan(
      flow.lastIndexOf("files.completeUploadExternal"),
    );
  });
});
