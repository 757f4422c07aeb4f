import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Inbound, Outbound } from "../../../src/engine/types.js";
import { useTestDatabase } from "../../support/database.js";
import { SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { type SlackPandu, startSlackPandu, testChannelContext } from "../../support/slack-pandu.js";

// A button pressed on a question in Slack: the question is updated to show the answer, and the
// next question does not wait for Slack to confirm that update.

const SECRET = "slack-signing-secret-answered";
const TEAM = "T01";
const ctx = useTestDatabase();
let slack: SlackWebApiEmulator;
let pandu: SlackPandu;

/** What a statement answered by a button gives back: the question with its answer, and the next one. */
const answered = (data: string): Outbound[] => [
  { text: `Pernyataan 1\n\n✅ ${data}`, replacesPrompt: true },
  { text: "Pernyataan 2", choices: [[{ data: "Sesuai", label: "Sesuai" }]] },
];

beforeAll(async () => {
  slack = new SlackWebApiEmulator();
  await slack.start();
  pandu = await startSlackPandu({
    slack,
    context: testChannelContext(
      ctx.repos,
      (_locale, key) => key,
      async (_who, inbound: Inbound) =>
        inbound.kind === "button" ? answered(inbound.data) : [{ text: "Baik." }],
    ),
    token: "xoxb-answered",
    secret: SECRET,
    team: TEAM,
  });
});
afterAll(async () => {
  await pandu?.stop();
  await slack?.stop();
});

const press = (user: string, messageTs: string, value: string) =>
  new URLSearchParams({
    payload: JSON.stringify({
      type: "block_actions",
      user: { id: user, team_id: TEAM },
      team: { id: TEAM },
      container: { type: "message", channel_id: `D${user}`, message_ts: messageTs },
      trigger_id: `answered.${messageTs}`,
      actions: [
        {
          type: "button",
          action_id: "pandu_0_0",
          block_id: "pandu_row_0",
          value,
          text: { type: "plain_text", text: value },
          action_ts: messageTs,
        },
      ],
    }),
  }).toString();

describe("an answer pressed on Slack", () => {
  it("shows on its question while the next question is already on its way", async () => {
    slack.hold("chat.update");
    try {
      const res = await pandu.post(
        press("UANS", "1700000000.000100", "Sesuai"),
        "application/x-www-form-urlencoded",
      );
      expect(res.status).toBe(200);
      // Slack has not confirmed the update yet, and the next question is posted all the same.
      const next = await slack.waitFor(() =>
        slack
          .of("chat.postMessage")
          .find((c) => c.body.channel === "DUANS" && c.body.text === "Pernyataan 2"),
      );
      expect(next.result.ok).toBe(true);
      const update = slack.of("chat.update").find((c) => c.body.ts === "1700000000.000100");
      expect(update?.body.text).toBe("Pernyataan 1\n\n✅ Sesuai");
    } finally {
      slack.release("chat.update");
    }
  });
});
