import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { ChannelContext, ChannelSetup } from "../../../src/channels/channel.js";
import { slackChannel } from "../../../src/channels/slack/index.js";
import { createSlackSender } from "../../../src/channels/slack/sender.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Inbound } from "../../../src/engine/types.js";
import { type HttpServer, startHttpServer } from "../../../src/http/server.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import {
  postToSlackEndpoint,
  SLACK_MAX_BLOCKS,
  SLACK_MAX_TEXT,
  SlackWebApiEmulator,
} from "../../support/slack-emulator.js";

// Each Slack Web API limit, refused by the emulator as Slack refuses it, and kept by Pandu.

const SECRET = "slack-signing-secret-limits";
const TOKEN = "xoxb-limits-token";
const TEAM = "T01";
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let slack: SlackWebApiEmulator;
let app: App;
let channel: ChannelSetup;
let http: HttpServer;
let rateLimited = 0;
const { onboard } = chatDriver(() => app);
const sl = (user: string): IncomingIdentity => ({ id: `slack:${TEAM}:${user}`, channel: "slack" });

beforeAll(async () => {
  slack = new SlackWebApiEmulator(Date.now, { token: TOKEN });
  await slack.start();
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => new Date(),
    surveyHashKey: "k".repeat(40),
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await onboard(sl("U1"), "Ani Lestari", "198203142008012005");
  const context: ChannelContext = {
    handle: (who: IncomingIdentity, inbound: Inbound, progress) =>
      app.conversations.handle(who, inbound, progress),
    admitGroup: () => true,
    translate: translator.t.bind(translator),
    failureText: () => "gagal",
    logger: pino({ level: "silent" }),
    observe: () => () => {},
    onRateLimited: () => {
      rateLimited++;
    },
    outbox: { repos: ctx.repos, leaseSeconds: 30, sendLeaseSeconds: 60 },
  };
  channel = slackChannel({ botToken: TOKEN, signingSecret: SECRET, apiUrl: slack.apiUrl }, context, {
    homeView: async () => ({ sections: [] }),
    usePostChannels: () => {},
    onProfileChanged: () => {},
  });
  http = await startHttpServer(0, channel.routes);
  await channel.start();
});
afterAll(async () => {
  await channel?.stopIntake();
  await http?.close(1_000);
  await slack?.stop();
});

let triggers = 0;
/** `/pandu <text>` typed by `user` in their direct message, as Slack posts it. */
const command = (user: string, text: string) =>
  postToSlackEndpoint(
    `http://127.0.0.1:${http.port}`,
    SECRET,
    new URLSearchParams({
      command: "/pandu",
      text,
      user_id: user,
      team_id: TEAM,
      channel_id: `D${user}`,
      trigger_id: `limits.${++triggers}`,
      response_url: "https://hooks.slack.invalid/x",
    }).toString(),
    "application/x-www-form-urlencoded",
  );

/** Calls the emulated Web API as a client would: form-encoded, `auth` the Authorization header (null: none). */
async function call(method: string, body: Record<string, string>, auth: string | null = `Bearer ${TOKEN}`) {
  const res = await fetch(`${slack.apiUrl}${method}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(auth ? { authorization: auth } : {}),
    },
    body: new URLSearchParams(body).toString(),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
}

const section = (text: string) => ({ type: "section", text: { type: "plain_text", text } });

describe("the Slack emulator refuses what the Web API refuses", () => {
  it("calls without the bot's token, over-long texts, too many blocks, and calls over a method's rate", async () => {
    expect((await call("chat.postMessage", { channel: "C1", text: "hai" }, null)).body).toEqual({
      ok: false,
      error: "not_authed",
    });
    expect(
      (await call("chat.postMessage", { channel: "C1", text: "hai" }, "Bearer xoxb-other")).body,
    ).toEqual({
      ok: false,
      error: "invalid_auth",
    });
    expect(
      (await call("chat.postMessage", { channel: "C1", text: "x".repeat(SLACK_MAX_TEXT + 1) })).body,
    ).toEqual({
      ok: false,
      error: "msg_too_long",
    });
    const blocks = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => section(`bagian ${i}`)));
    expect(
      (await call("chat.postMessage", { channel: "C1", text: "t", blocks: blocks(SLACK_MAX_BLOCKS) })).body,
    ).toMatchObject({
      ok: true,
    });
    expect(
      (await call("chat.postMessage", { channel: "C1", text: "t", blocks: blocks(SLACK_MAX_BLOCKS + 1) }))
        .body,
    ).toEqual({
      ok: false,
      error: "invalid_blocks",
    });
    slack.rateLimits.set("chat.postEphemeral", { max: 2, retryAfterSec: 13 });
    try {
      expect((await call("chat.postEphemeral", { channel: "C1", text: "a" })).status).toBe(200);
      expect((await call("chat.postEphemeral", { channel: "C1", text: "b" })).status).toBe(200);
      expect(await call("chat.postEphemeral", { channel: "C1", text: "c" })).toEqual({
        status: 429,
        retryAfter: "13",
        body: { ok: false, error: "ratelimited" },
      });
    } finally {
      slack.rateLimits.delete("chat.postEphemeral");
    }
    // An upload is completed only once its bytes reached the upload URL it was given.
    const url = (await call("files.getUploadURLExternal", { filename: "a.csv", length: "3" })).body as {
      upload_url: string;
      file_id: string;
    };
    expect(url.upload_url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${slack.port}/upload/`));
    const files = JSON.stringify([{ id: url.file_id }]);
    expect((await call("files.completeUploadExternal", { files, channel_id: "C1" })).body).toEqual({
      ok: false,
      error: "file_not_found",
    });
    expect((await fetch(url.upload_url, { method: "POST", body: "a,b" })).status).toBe(200);
    expect((await call("files.completeUploadExternal", { files, channel_id: "C1" })).body).toMatchObject({
      ok: true,
    });
    expect(slack.uploadsTo("C1").map((u) => [u.filename, u.bytes.toString()])).toEqual([["a.csv", "a,b"]]);
  });
});

describe("Pandu keeps within the Web API's limits", () => {
  it("sends /dataku's export as a file through the upload flow, into the person's direct message", async () => {
    const before = slack.uploads.length;
    expect((await command("U1", "dataku")).status).toBe(200);
    const [upload] = await slack.waitFor(() =>
      slack.uploads.length > before ? slack.uploads.slice(before) : undefined,
    );
    expect(upload!.channel).toBe("DU1");
    expect(upload!.filename).toMatch(/^pandu-dataku-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(upload!.bytes.toString("utf8")) as { identities: { id: string }[] };
    expect(data.identities.map((i) => i.id)).toContain("slack:T01:U1");
    expect(upload!.initialComment).toBeTruthy();
    expect(slack.stats.unauthed).toBe(2); // only the two refused calls above: Pandu always sends its token
  });

  it("waits out Slack's Retry-After on a reply, then sends it (the replies' client retries)", async () => {
    const before = slack.of("chat.postMessage").length;
    // One post a minute: the next reply is refused until the 1 s Retry-After has passed.
    slack.rateLimits.set("chat.postMessage", { max: 1, windowMs: 60_000, retryAfterSec: 1 });
    try {
      expect((await call("chat.postMessage", { channel: "C1", text: "mengisi jatah" })).status).toBe(200);
      expect((await command("U1", "bantuan")).status).toBe(200);
      // The refused attempt was not lost: once the limit lifts, the reply goes.
      await slack.waitFor(() =>
        slack
          .of("chat.postMessage")
          .slice(before)
          .some((c) => c.result.error === "ratelimited"),
      );
      slack.rateLimits.delete("chat.postMessage");
      const sent = await slack.waitFor(() =>
        slack
          .of("chat.postMessage")
          .slice(before)
          .find((c) => c.body.channel === "DU1" && c.result.ok === true),
      );
      expect(sent.body.text).toBeTruthy();
      expect(rateLimited).toBeGreaterThan(0);
    } finally {
      slack.rateLimits.delete("chat.postMessage");
    }
  });

  it("tells the outbox to wait exactly the Retry-After Slack gave", async () => {
    slack.rateLimits.set("chat.postMessage", { max: 0, retryAfterSec: 23 });
    try {
      const sender = createSlackSender({ botToken: TOKEN, apiUrl: slack.apiUrl });
      expect(await sender.send("U9", { text: "Pengingat pelatihan" })).toEqual({
        kind: "rate-limited",
        retryAfterMs: 23_000,
        error: "ratelimited",
      });
    } finally {
      slack.rateLimits.delete("chat.postMessage");
    }
  });
});
