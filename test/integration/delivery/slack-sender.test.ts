import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackSender } from "../../../src/channels/slack/sender.js";
import { createDispatcher } from "../../../src/delivery/dispatcher.js";
import { createOutbox } from "../../../src/delivery/outbox.js";
import { createRateLimiter } from "../../../src/delivery/rate-limiter.js";
import { createSlotLease } from "../../../src/delivery/slot-lease.js";
import { useTestDatabase } from "../../support/database.js";
import { SlackWebApiEmulator } from "../../support/slack-emulator.js";

const ctx = useTestDatabase();
let slack: SlackWebApiEmulator;

beforeAll(async () => {
  slack = new SlackWebApiEmulator();
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
});

describe("the outbox on Slack", () => {
  it("posts to the person's direct message with buttons, and gives up on a deactivated account", async () => {
    const now = new Date();
    for (const [user, person] of [
      ["U100", "p100"],
      ["U200", "p200"],
    ] as const) {
      // Onboarding stores "<team>:<user>" as the address; the DM still goes to the user id.
      await ctx.repos.identities.bind({
        id: `slack:T01:${user}`,
        channel: "slack",
        personId: person,
        address: `T01:${user}`,
        now,
      });
    }
    slack.refuse.set("U200", "account_inactive");
    const outbox = createOutbox({ repos: ctx.repos, now: () => new Date() });
    for (const personId of ["p100", "p200"]) {
      await outbox.schedule({
        purpose: "reminder.1d@08:00",
        occurrence: "s1",
        personId,
        message: {
          text: "Pelatihan besok pukul 09.00 WIB",
          choices: [[{ data: "rem|h|k", label: "Hadir" }]],
        },
        dueAt: new Date(Date.now() - 1000),
      });
    }
    const sender = createSlackSender({ botToken: "xoxb-test-token", apiUrl: slack.apiUrl });
    const dispatcher = createDispatcher({
      repos: ctx.repos,
      sender,
      limiter: createRateLimiter(sender.limits),
      lease: createSlotLease({
        leases: ctx.repos.leases,
        name: "sender:slack",
        holder: "a",
        slotMs: 2_000,
        now: () => Date.now(),
      }),
      now: () => new Date(),
      idleMs: 50,
    });
    dispatcher.start();
    await slack.waitFor(() => slack.of("chat.postMessage").length >= 2 || undefined);
    await dispatcher.stop();
    const [ok] = slack.of("chat.postMessage").filter((c) => c.body.channel === "U100");
    expect(ok!.body.text).toBe("Pelatihan besok pukul 09.00 WIB");
    expect(JSON.stringify(ok!.body.blocks)).toContain('"value":"rem|h|k"');
    expect((await ctx.repos.deliveries.getLogged("reminder.1d@08:00:s1:p100"))?.status).toBe("sent");
    const dead = await ctx.repos.deliveries.getLogged("reminder.1d@08:00:s1:p200");
    expect(dead).toMatchObject({ status: "dead", lastError: "account_inactive" });
    expect((await ctx.repos.identities.get("slack:T01:U200"))?.unreachable).toBeTruthy();
  });
});
