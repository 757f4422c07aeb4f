import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDER_DEFAULTS } from "../../../src/conversation/conversation-order.js";
import type { Inbound } from "../../../src/engine/types.js";
import { useTestDatabase } from "../../support/database.js";
import { SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { type SlackPandu, startSlackPandu, testChannelContext } from "../../support/slack-pandu.js";
import { testOrder } from "../../support/test-order.js";
import { waitFor } from "../../support/waiters.js";

// The conversation order on Slack: while the machine is saturated, a person already talking is
// answered and a newcomer's first command waits, told once in their direct message that it arrived.

const SECRET = "slack-signing-secret-busy";
const TEAM = "T01";
const ctx = useTestDatabase();
let slack: SlackWebApiEmulator;
let pandu: SlackPandu;
/** `/tahan` stands for a long answer: it runs until the test lets it finish (`held`). */
const { order, clock, setPressure, held, finishHeld } = testOrder();

beforeAll(async () => {
  slack = new SlackWebApiEmulator();
  await slack.start();
  pandu = await startSlackPandu({
    slack,
    context: testChannelContext(
      ctx.repos,
      (_locale, key) => key,
      async (_who, inbound: Inbound) => {
        // `/pandu tahan` stands for a long answer: it runs until the test lets it finish.
        if (inbound.kind === "command" && inbound.command === "tahan") await held;
        return [{ text: "Baik." }];
      },
      { order },
    ),
    token: "xoxb-busy",
    secret: SECRET,
    team: TEAM,
  });
});
afterAll(async () => {
  finishHeld();
  await pandu?.stop();
  await slack?.stop();
});

/** The texts posted to `user`'s direct message. */
const dm = (user: string) =>
  slack
    .of("chat.postMessage")
    .filter((c) => c.body.channel === `D${user}`)
    .map((c) => String(c.body.text));

describe("a saturated Pandu on Slack", () => {
  it("answers someone already talking while a newcomer waits, and tells the newcomer once", async () => {
    await pandu.command("UTALK", "bantuan", "busy.1");
    await waitFor(() => dm("UTALK").length === 1);
    await pandu.command("UTALK", "bantuan", "busy.0");
    await waitFor(() => dm("UTALK").length === 2);
    await pandu.command("UHOLD", "tahan", "busy.2");
    await waitFor(() => order.load().running === 1);

    setPressure(1);
    clock.advance(ORDER_DEFAULTS.tickMs);
    await pandu.command("UNEW", "bantuan", "busy.3");
    await waitFor(() => order.load().waiting === 1);

    await pandu.command("UTALK", "bantuan", "busy.4");
    await waitFor(() => dm("UTALK").length === 3);
    expect(dm("UNEW")).toEqual([]);

    clock.advance(ORDER_DEFAULTS.noticeMs);
    await waitFor(() => dm("UNEW").length === 1);
    expect(dm("UNEW")).toEqual(["busy-please-wait"]);

    setPressure(0);
    clock.advance(ORDER_DEFAULTS.tickMs);
    await waitFor(() => dm("UNEW").length === 2);
    expect(dm("UNEW")).toEqual(["busy-please-wait", "Baik."]);

    finishHeld();
    await waitFor(() => dm("UHOLD").length === 1);
  });
});
