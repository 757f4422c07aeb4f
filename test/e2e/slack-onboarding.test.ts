import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppProcess, startServingApp, stopApp } from "../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";
import { postToSlackEndpoint, SlackWebApiEmulator, slackSignature } from "../support/slack-emulator.js";

const SECRET = "slack-signing-secret-for-tests";
const TEAM = "T01";
const dbName = `e2e_slack_${randomBytes(4).toString("hex")}`;

let slack: SlackWebApiEmulator;
let app: AppProcess;
let cwd: string;
let base: string;

beforeAll(async () => {
  slack = new SlackWebApiEmulator();
  await slack.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-slack-"));
  ({ app, base } = await startServingApp(
    {
      MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
      SLACK_BOT_TOKEN: "xoxb-1-2-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
    },
    cwd,
  ));
});
afterAll(async () => {
  await stopApp(app);
  await slack.stop();
  await dropDatabase(inject("mongoUri"), dbName);
  await rm(cwd, { recursive: true, force: true });
});

type Posted = {
  channel: string;
  text: string;
  ts?: string;
  blocks: { type: string; elements?: { value: string; text: { text: string } }[] }[];
};

const posted = (): Posted[] =>
  slack.calls
    .filter((c) => c.method === "chat.postMessage" || c.method === "chat.update")
    .map((c) => ({ ...(c.body as unknown as Posted), ts: String(c.result.ts) }));

/** Sends something as the person and waits for a new post or update whose text matches. */
async function act(send: () => Promise<Response>, text: string | RegExp): Promise<Posted> {
  const seen = posted().length;
  const res = await send();
  expect(res.status).toBe(200);
  return slack.waitFor(
    () =>
      posted()
        .slice(seen)
        .find((p) => (typeof text === "string" ? p.text.includes(text) : text.test(p.text))),
    15_000,
    `a Slack message matching ${text}`,
  );
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
let triggerSeq = 0;
/** A new trigger id, as Slack gives each command and press its own. */
const trigger = () => `${Date.now()}.${++triggerSeq}.t`;
/** A slash command's body, as Slack posts it. */
const commandBody = (user: string, text: string, triggerId = trigger()) =>
  form({
    command: "/pandu",
    text,
    user_id: user,
    team_id: TEAM,
    channel_id: `D${user}`,
    trigger_id: triggerId,
    response_url: `${base}/x`,
  });
const command = (user: string, text: string) =>
  postToSlackEndpoint(base, SECRET, commandBody(user, text), "application/x-www-form-urlencoded");
let eventSeq = 0;
const dm = (user: string, text: string, eventId = `Ev${++eventSeq}`, headers: Record<string, string> = {}) =>
  postToSlackEndpoint(
    base,
    SECRET,
    JSON.stringify({
      type: "event_callback",
      team_id: TEAM,
      event_id: eventId,
      event: {
        type: "message",
        channel_type: "im",
        channel: `D${user}`,
        user,
        text,
        ts: `${Date.now() / 1000}`,
      },
    }),
    "application/json",
    headers,
  );
/** A button press's body, as Slack posts it: its own trigger id and action_ts. */
const pressBody = (user: string, message: Posted, label: string) => {
  const button = message.blocks.flatMap((b) => b.elements ?? []).find((e) => e.text.text.includes(label));
  if (!button) throw new Error(`no button ${label}`);
  const payload = {
    type: "block_actions",
    user: { id: user, team_id: TEAM },
    team: { id: TEAM },
    container: { type: "message", channel_id: message.channel, message_ts: message.ts ?? "1" },
    trigger_id: trigger(),
    actions: [
      {
        type: "button",
        action_id: "pandu_0_0",
        block_id: "pandu_row_0",
        value: button.value,
        text: { type: "plain_text", text: label },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return form({ payload: JSON.stringify(payload) });
};
const press = (user: string, message: Posted, label: string) =>
  postToSlackEndpoint(base, SECRET, pressBody(user, message, label), "application/x-www-form-urlencoded");

describe("onboarding on Slack (real Bolt receiver, fake Web API)", () => {
  it("refuses forged, tampered and replayed requests, and none of them reaches Pandu", async () => {
    const body = form({
      command: "/pandu",
      text: "start",
      user_id: "U666",
      team_id: TEAM,
      channel_id: "DU666",
      trigger_id: "t",
      response_url: `${base}/x`,
    });
    const before = slack.calls.length;
    // The command's body with exactly these headers (a signature or none).
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body,
      });
    const now = () => Math.floor(Date.now() / 1000);
    // Signed with a secret that is not ours.
    expect((await post(slackSignature("wrong-secret", body))).status).toBe(401);
    // No signature at all.
    expect((await post({})).status).toBe(401);
    // A genuine signature over another body.
    expect((await post(slackSignature(SECRET, form({ command: "/pandu", text: "bantuan" })))).status).toBe(
      401,
    );
    // A genuine request captured and sent again six minutes later: outside the 5-minute window.
    expect((await post(slackSignature(SECRET, body, now() - 6 * 60))).status).toBe(401);
    // Pandu answered none of them: no message and no lookup went to Slack.
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.calls.slice(before)).toEqual([]);
    // The same request signed a minute ago, inside the window, is answered.
    const fresh = await post(slackSignature(SECRET, body, now() - 60));
    expect(fresh.status).toBe(200);
    await slack.waitFor(
      () => posted().find((p) => p.channel === "DU666"),
      15_000,
      "the answer to the request signed inside the window",
    );
  });

  it("registers a person through /pandu, buttons and direct messages, handling a retried event once", async () => {
    const u = "U100";
    const m = await act(() => command(u, "start"), "Apakah Anda setuju?");
    const consent = await act(() => press(u, m, "Ya"), "nama lengkap");
    // The answered question is updated in place to show the answer.
    expect(slack.of("chat.update").at(-1)?.body).toMatchObject({
      ts: m.ts,
      text: expect.stringContaining("✅ Ya"),
    });

    const before = posted().length;
    await act(() => dm(u, "Rina Kartika", "EvRetry"), "Berapa NIP Anda?");
    // Slack retries an event it thinks was lost: same event id, X-Slack-Retry-Num.
    const retry = await dm(u, "Rina Kartika", "EvRetry", {
      "x-slack-retry-num": "1",
      "x-slack-retry-reason": "http_timeout",
    });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      posted()
        .slice(before)
        .filter((p) => p.text.includes("Berapa NIP Anda?")),
    ).toHaveLength(1);
    expect(consent.channel).toBe(`D${u}`);

    await act(() => dm(u, "197905152006042001"), "kode aktivasi");
    await act(() => dm(u, "tidak"), "instansi");
    await act(() => dm(u, "Pemerintah Provinsi DKI Jakarta"), "unit kerja");
    await act(() => dm(u, "Badan Kepegawaian Daerah › Bidang Pengembangan Karier dan Kompetensi"), "jabatan");
    // The province follows the instansi (DKI Jakarta): the zone is confirmed next.
    await act(() => dm(u, "Kepala Seksi"), "WIB");
    await act(() => dm(u, "ya"), "Bahasa");
    await act(() => dm(u, "English"), /How do you like to learn/);
    // The choice applies at once: the rest of the conversation is in English.
    const homes = slack.of("views.publish").length;
    await act(() => dm(u, "2,3"), "You are registered");
    // App Home is published again as soon as the person's data changed.
    await slack.waitFor(() => slack.of("views.publish").length > homes || undefined);
    expect(JSON.stringify(slack.of("views.publish").at(-1)?.body)).toContain("Rina Kartika");
  });

  it("answers a slash command and a button press delivered twice, as Slack retries, once each", async () => {
    const u = "U100";
    const retried = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };
    const formType = "application/x-www-form-urlencoded";
    const helps = () => posted().filter((p) => p.channel === `D${u}` && p.text.includes("/asesmen —"));
    // The same command twice: the second is Slack's retry of the first.
    const before = helps().length;
    const body = commandBody(u, "bantuan");
    const [first, again] = await Promise.all([
      postToSlackEndpoint(base, SECRET, body, formType),
      postToSlackEndpoint(base, SECRET, body, formType, retried),
    ]);
    // Both are acknowledged, so Slack stops retrying; one is answered.
    expect([first.status, again.status]).toEqual([200, 200]);
    await slack.waitFor(() => helps().length > before || undefined, 15_000, "the help");
    await new Promise((r) => setTimeout(r, 700));
    expect(helps()).toHaveLength(before + 1);

    // The same press twice, then a press of its own: two answers.
    const menu = await act(() => command(u, "menu"), /.+/);
    // U100 chose English while registering.
    const pressed = pressBody(u, menu, "Help");
    const beforePress = helps().length;
    for (const res of await Promise.all([
      postToSlackEndpoint(base, SECRET, pressed, formType),
      postToSlackEndpoint(base, SECRET, pressed, formType, retried),
    ]))
      expect(res.status).toBe(200);
    await slack.waitFor(() => helps().length > beforePress || undefined, 15_000, "the pressed help");
    await new Promise((r) => setTimeout(r, 700));
    expect(helps()).toHaveLength(beforePress + 1);
    await act(() => press(u, menu, "Help"), "/asesmen —");
    expect(helps()).toHaveLength(beforePress + 2);
  });

  it("publishes App Home with the person's data", async () => {
    const seen = slack.of("views.publish").length;
    const res = await postToSlackEndpoint(
      base,
      SECRET,
      JSON.stringify({
        type: "event_callback",
        team_id: TEAM,
        event_id: "EvHome",
        event: { type: "app_home_opened", user: "U100", tab: "home", channel: "DU100" },
      }),
      "application/json",
    );
    expect(res.status).toBe(200);
    const view = await slack
      .waitFor(() => slack.of("views.publish").slice(seen)[0])
      .catch((err) => {
        throw new Error(
          `${err.message}\n${app
            .stderr()
            .split("\n")
            .filter((l) => l.includes('"level":5'))
            .join("\n")}`,
        );
      });
    const text = JSON.stringify(view.body);
    expect(text).toContain("Rina Kartika");
    expect(text).toContain("Kepala Seksi");
    expect(text).toContain("0 / 20 JP");
  });
});
