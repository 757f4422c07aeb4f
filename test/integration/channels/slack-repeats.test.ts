import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelContext, ChannelSetup } from "../../../src/channels/channel.js";
import { slackChannel } from "../../../src/channels/slack/index.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Inbound, Progress } from "../../../src/engine/types.js";
import { type HttpServer, startHttpServer } from "../../../src/http/server.js";
import { useTestDatabase } from "../../support/database.js";
import { postToSlackEndpoint, SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { waitFor } from "../../support/waiters.js";

const SECRET = "slack-signing-secret-repeats";
const TEAM = "T01";
const FORM = "application/x-www-form-urlencoded";
const RETRY = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };

const ctx = useTestDatabase();
let slack: SlackWebApiEmulator;
/** Two instances behind a load balancer: one database, each its own Bolt receiver. */
const instances: { channel: ChannelSetup; http: HttpServer }[] = [];
/** What reached the conversation service, from either instance. */
const handled: { who: string; inbound: Inbound }[] = [];

const baseOf = (i: number) => `http://127.0.0.1:${instances[i]!.http.port}`;

beforeAll(async () => {
  slack = new SlackWebApiEmulator();
  await slack.start();
  for (let i = 0; i < 2; i++) {
    const context: ChannelContext = {
      handle: async (who: IncomingIdentity, inbound: Inbound, progress?: Progress) => {
        handled.push({ who: who.id, inbound });
        // A slow command says so first, as /ekspor does.
        if (inbound.kind === "command" && inbound.command === "lama")
          await progress?.({ text: "Sedang menyiapkan…", preparing: "document" });
        return [{ text: "Baik." }];
      },
      admitGroup: () => true,
      translate: (_locale, key) => key,
      failureText: () => "gagal",
      logger: pino({ level: "silent" }),
      observe: () => () => {},
      onRateLimited: () => {},
      outbox: { repos: ctx.repos, leaseSeconds: 30, sendLeaseSeconds: 60 },
    };
    const channel = slackChannel(
      { botToken: "xoxb-repeats", signingSecret: SECRET, apiUrl: slack.apiUrl },
      context,
      { homeView: async () => ({ sections: [] }), usePostChannels: () => {}, onProfileChanged: () => {} },
    );
    const http = await startHttpServer(0, channel.routes);
    await channel.start();
    instances.push({ channel, http });
  }
});
afterAll(async () => {
  for (const { channel, http } of instances) {
    await channel.stopIntake();
    await http.close(1_000);
  }
  await slack?.stop();
});

/** Posts `body` to instance 0, and the same again (as Slack's retry) to instance `again`. */
async function twice(body: string, type: "application/json" | typeof FORM, again: number) {
  const responses = await Promise.all([
    postToSlackEndpoint(baseOf(0), SECRET, body, type),
    postToSlackEndpoint(baseOf(again), SECRET, body, type, RETRY),
  ]);
  expect(responses.map((r) => r.status)).toEqual([200, 200]);
}

/** Waits until `n` deliveries of `user` were handled, then long enough for a stray one to show up. */
async function handledFor(user: string, n: number) {
  const mine = () => handled.filter((h) => h.who === `slack:${TEAM}:${user}`);
  await waitFor(() => mine().length >= n || undefined, 10_000);
  await new Promise((r) => setTimeout(r, 500));
  return mine();
}

const command = (user: string, text: string, triggerId: string) =>
  new URLSearchParams({
    command: "/pandu",
    text,
    user_id: user,
    team_id: TEAM,
    channel_id: `D${user}`,
    trigger_id: triggerId,
    response_url: "https://hooks.slack.invalid/x",
  }).toString();

const press = (user: string, triggerId: string, actionTs: string) =>
  new URLSearchParams({
    payload: JSON.stringify({
      type: "block_actions",
      user: { id: user, team_id: TEAM },
      team: { id: TEAM },
      container: { type: "message", channel_id: `D${user}`, message_ts: "1700000000.000100" },
      trigger_id: triggerId,
      actions: [
        {
          type: "button",
          action_id: "pandu_0_0",
          block_id: "pandu_row_0",
          value: "cmd|bantuan",
          text: { type: "plain_text", text: "Bantuan" },
          action_ts: actionTs,
        },
      ],
    }),
  }).toString();

const message = (user: string, eventId: string) =>
  JSON.stringify({
    type: "event_callback",
    team_id: TEAM,
    event_id: eventId,
    event: { type: "message", channel_type: "im", channel: `D${user}`, user, text: "halo", ts: "1.1" },
  });

describe("Slack deliveries that arrive twice", () => {
  for (const [where, again] of [
    ["at the same instance", 0],
    ["at another instance", 1],
  ] as const) {
    it(`are handled once ${where}: a slash command, a button press and a message event`, async () => {
      const u = `UREP${again}`;
      await twice(command(u, "bantuan", `4242.${again}.cmd`), FORM, again);
      await twice(press(u, `4242.${again}.press`, `1700000001.00010${again}`), FORM, again);
      await twice(message(u, `EvRepeat${again}`), "application/json", again);
      const seen = await handledFor(u, 3);
      expect(seen).toHaveLength(3);
      expect(seen.map((h) => h.inbound)).toEqual(
        expect.arrayContaining([
          { kind: "command", command: "bantuan", args: "" },
          { kind: "button", data: "cmd|bantuan" },
          { kind: "text", text: "halo" },
        ]),
      );
      // Each answered once, in the person's direct message.
      expect(slack.of("chat.postMessage").filter((c) => c.body.channel === `D${u}`)).toHaveLength(3);
    });
  }

  it("still handles a new press of the same button, and the same command typed again", async () => {
    const u = "UNEW";
    await twice(press(u, "4343.1.press", "1700000002.000100"), FORM, 1);
    await postToSlackEndpoint(baseOf(1), SECRET, press(u, "4343.2.press", "1700000003.000100"), FORM);
    await postToSlackEndpoint(baseOf(0), SECRET, command(u, "bantuan", "4343.3.cmd"), FORM);
    await postToSlackEndpoint(baseOf(1), SECRET, command(u, "bantuan", "4343.4.cmd"), FORM);
    expect(await handledFor(u, 4)).toHaveLength(4);
  });
});

describe("slow work on Slack", () => {
  it("says it has started in the person's direct message before the reply", async () => {
    const u = "USLOW";
    await postToSlackEndpoint(baseOf(0), SECRET, command(u, "lama", "4444.1.cmd"), FORM);
    const mine = () => slack.of("chat.postMessage").filter((c) => c.body.channel === `D${u}`);
    await waitFor(() => mine().length >= 2 || undefined, 10_000);
    expect(mine().map((c) => c.body.text)).toEqual(["Sedang menyiapkan…", "Baik."]);
  });
});
