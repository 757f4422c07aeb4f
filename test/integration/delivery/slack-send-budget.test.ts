import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelContext, ChannelSetup } from "../../../src/channels/channel.js";
import { slackChannel } from "../../../src/channels/slack/index.js";
import { SLACK_LIMITS } from "../../../src/channels/slack/sender.js";
import type { DeliveryClock } from "../../../src/delivery/runtime.js";
import { type HttpServer, startHttpServer } from "../../../src/http/server.js";
import { useTestDatabase } from "../../support/database.js";
import { postToSlackEndpoint, SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { waitFor } from "../../support/waiters.js";

const SECRET = "slack-signing-secret-budget";
const TEAM = "T01";
const LIMIT = SLACK_LIMITS.perSecond;
/** The platform's window: the limiter keeps a little more (its headroom), never less. */
const SECOND = 1_000;

/**
 * A clock that moves only when the dispatcher waits, and only once nothing is on the wire: every
 * request then reaches the emulator at the instant it left, and time stands still while a test
 * event (people writing) runs, as if it all happened at once.
 */
function virtualClock(start: number) {
  let t = start;
  const events: { at: number; run: () => Promise<void> }[] = [];
  let quiet: () => Promise<void> = async () => {};
  const clock: DeliveryClock = {
    now: () => t,
    async sleep(ms) {
      await quiet();
      const until = t + ms;
      while (events[0] && events[0].at <= until) {
        const event = events.shift()!;
        t = Math.max(t, event.at);
        await event.run();
      }
      t = Math.max(t, until);
      // Let the sends just started and the database answers take their turn.
      await new Promise((r) => setImmediate(r));
    },
  };
  return {
    clock,
    /** Runs `run` when the clock reaches `at`, holding the clock there until it is done. */
    at(at: number, run: () => Promise<void>) {
      events.push({ at, run });
      events.sort((a, b) => a.at - b.at);
    },
    /** What the clock waits for before it moves (the dispatcher's sends on the wire). */
    waitBeforeMoving(wait: () => Promise<void>) {
      quiet = wait;
    },
  };
}

const ctx = useTestDatabase();
const time = virtualClock(Date.now());
let slack: SlackWebApiEmulator;
let channel: ChannelSetup;
let http: HttpServer;
let eventSeq = 0;

/** A direct message from `user`, as Slack posts it to the events endpoint. */
const dm = (user: string) =>
  postToSlackEndpoint(
    `http://127.0.0.1:${http.port}`,
    SECRET,
    JSON.stringify({
      type: "event_callback",
      team_id: TEAM,
      event_id: `EvBudget${++eventSeq}`,
      event: { type: "message", channel_type: "im", channel: `D${user}`, user, text: "halo", ts: "1.1" },
    }),
    "application/json",
  );

const posts = () => slack.of("chat.postMessage");
/** Replies go to the person's direct message (D…); the outbox addresses the user id (U…). */
const replies = () => posts().filter((c) => String(c.body.channel).startsWith("D"));
const outboxSends = () => posts().filter((c) => !String(c.body.channel).startsWith("D"));

/** `count` deliveries due now on Slack, to users `U<first>`…, due in the order of their numbers. */
async function queue(purpose: string, first: number, count: number) {
  const now = time.clock.now();
  await ctx.repos.deliveries.enqueueMany(
    Array.from({ length: count }, (_, i) => ({
      _id: `${purpose}:o:${first + i}`,
      purpose,
      identityId: `slack:${TEAM}:U${first + i}`,
      channel: "slack",
      address: `U${first + i}`,
      message: { text: `${purpose} ${first + i}` },
      dueAt: new Date(now - 60_000 + first + i),
    })),
    new Date(now),
  );
}

/** People writing to Pandu at once; resolves when every one of them got the answer. */
async function burst(users: string[]) {
  const before = replies().length;
  for (const res of await Promise.all(users.map(dm))) expect(res.status).toBe(200);
  await slack.waitFor(() => replies().length >= before + users.length || undefined);
}

beforeAll(async () => {
  slack = new SlackWebApiEmulator(time.clock.now);
  await slack.start();
  const context: ChannelContext = {
    handle: async (who) => [{ text: `Halo ${who.id}` }],
    admitGroup: () => true,
    translate: (_locale, key) => key,
    failureText: () => "gagal",
    logger: pino({ level: "silent" }),
    observe: () => () => {},
    onRateLimited: () => {},
    outbox: { repos: ctx.repos, leaseSeconds: 30, sendLeaseSeconds: 60, clock: time.clock },
  };
  channel = slackChannel({ botToken: "xoxb-budget", signingSecret: SECRET, apiUrl: slack.apiUrl }, context, {
    homeView: async () => ({ sections: [] }),
    usePostChannels: () => {},
    onProfileChanged: () => {},
  });
  time.waitBeforeMoving(() => channel.dispatcher.drain());
  http = await startHttpServer(0, channel.routes);
  await channel.start();
  // The dispatcher takes the sender lease and waits out its takeover pause before the tests.
  const started = time.clock.now();
  channel.dispatcher.start();
  await waitFor(() => time.clock.now() >= started + SLACK_LIMITS.perChatMs || undefined);
});
afterAll(async () => {
  await channel?.dispatcher.stop();
  await channel?.stopIntake();
  await http?.close(1_000);
  await slack?.stop();
});

describe("Slack replies and the Slack outbox share one send budget", () => {
  it("answers a burst of people at once mid-broadcast, and the outbox sends only into what is left of each second", async () => {
    const QUEUED = 60;
    const people = Array.from({ length: 12 }, (_, i) => `R${i + 1}`);
    await queue("broadcast.b1", 1, QUEUED);
    // Halfway through the broadcast's second second, twelve people write at the same moment.
    const burstAt = time.clock.now() + 1_500;
    time.at(burstAt, () => burst(people));
    channel.dispatcher.poke();
    await waitFor(() => outboxSends().length >= QUEUED || undefined, 30_000);

    const sends = outboxSends();
    expect(new Set(sends.map((c) => c.body.channel)).size).toBe(QUEUED);
    // The outbox was using its whole budget when the people wrote, and went on after them.
    const fullSecond = sends.filter((c) => c.at > burstAt - SECOND && c.at <= burstAt);
    expect(fullSecond.length).toBeGreaterThanOrEqual(LIMIT - 1);
    expect(sends.some((c) => c.at > burstAt)).toBe(true);
    // Replies never wait for the outbox: every person was answered the moment they wrote.
    const answers = replies().filter((c) => people.includes(String(c.body.channel).slice(1)));
    expect(answers.map((c) => c.at)).toEqual(people.map(() => burstAt));
    // The outbox yields: no send of it left while the second behind it already held the limit,
    // replies included. So right after the burst it sent only what the replies had left over.
    const calls = posts();
    for (const [i, send] of calls.entries()) {
      if (String(send.body.channel).startsWith("D")) continue;
      const inSecond = calls.slice(0, i + 1).filter((c) => c.at > send.at - SECOND);
      expect(inSecond.length, `calls in the second up to outbox send ${i}`).toBeLessThanOrEqual(LIMIT);
    }
    const afterBurst = sends.filter((c) => c.at >= burstAt && c.at < burstAt + SECOND);
    expect(afterBurst.length).toBeLessThanOrEqual(LIMIT - people.length);
  });

  it("keeps the per-conversation gap between a reply in a person's direct message and their outbox message", async () => {
    // U900 writes; the reply goes to their direct message (DU900).
    const repliedAt = time.clock.now();
    await burst(["U900"]);
    // Then their reminder falls due, first in line, with a broadcast behind it.
    await queue("reminder.1d", 900, 1);
    await queue("broadcast.b2", 1_000, 30);
    channel.dispatcher.poke();
    const reminder = await waitFor(() => outboxSends().find((c) => c.body.channel === "U900"), 30_000);
    // The outbox addresses U900 and the reply went to DU900: one conversation, so one gap.
    expect(reminder.at - repliedAt).toBeGreaterThanOrEqual(SLACK_LIMITS.perChatMs);
    // The outbox did not stand still meanwhile: the broadcast went out while the reminder waited.
    const broadcast = outboxSends().filter((c) => String(c.body.text).startsWith("broadcast.b2"));
    expect(broadcast.filter((c) => c.at < reminder.at).length).toBeGreaterThan(0);
  });
});
