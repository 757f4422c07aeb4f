import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { createSlackSender } from "../../../src/channels/slack/sender.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Inbound, Progress } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { SLACK_MAX_BLOCKS, SLACK_MAX_TEXT, SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { type SlackPandu, startSlackPandu, testChannelContext } from "../../support/slack-pandu.js";

// Each Slack Web API limit, refused by the emulator as Slack refuses it, and kept by Pandu.

const SECRET = "slack-signing-secret-limits";
const TOKEN = "xoxb-limits-token";
const TEAM = "T01";
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let slack: SlackWebApiEmulator;
let app: App;
let pandu: SlackPandu;
let rateLimited = 0;
const { onboard } = chatDriver(() => app);
/** 60 paragraphs of about 2,900 characters: 174,000 in all, more than 50 blocks of 3,000 hold. */
const LONG = Array.from({ length: 60 }, (_, i) => `paragraf ${i}: ${"kata ".repeat(578)}`.trim()).join(
  "\n\n",
);
const FILE = {
  kind: "document" as const,
  filename: "rekap.csv",
  mime: "text/csv",
  bytes: new TextEncoder().encode("nip,nama\n1,Ani\n"),
};
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
  // Ani's supervisor, on Slack: /ekspor gives them their unit as a CSV file.
  const ani = (await ctx.repos.people.get((await ctx.repos.identities.get(sl("U1").id))!.personId))!;
  const atasan = await ctx.repos.people.create({
    name: "Atasan Yankes",
    timeZone: "Asia/Jakarta",
    instansiId: ani.instansiId!,
    unitId: ani.unitId!,
    onboardedAt: new Date(),
    roles: [{ role: "supervisor", unitId: ani.unitId!, grantedAt: new Date() }],
  });
  await ctx.repos.identities.bind({
    id: sl("U5").id,
    channel: "slack",
    personId: atasan._id,
    address: `${TEAM}:U5`,
    now: new Date(),
  });
  const context = testChannelContext(
    ctx.repos,
    translator.t.bind(translator),
    // The real conversation service; `/pandu panjang` stands for a reply longer than one Slack
    // message holds (a long roster), which no command gives with this little seeded data.
    async (who: IncomingIdentity, inbound: Inbound, progress?: Progress) =>
      inbound.kind === "command" && inbound.command === "panjang"
        ? [{ text: LONG, choices: [[{ data: "cmd|bantuan", label: "Bantuan" }]] }]
        : inbound.kind === "command" && inbound.command === "berkas"
          ? [{ text: LONG.slice(0, 6_000), media: FILE }]
          : app.conversations.handle(who, inbound, progress),
    {
      onRateLimited: () => {
        rateLimited++;
      },
    },
  );
  pandu = await startSlackPandu({ slack, context, token: TOKEN, secret: SECRET, team: TEAM });
});
afterAll(async () => {
  await pandu?.stop();
  await slack?.stop();
});

let triggers = 0;
/** `/pandu <text>` typed by `user` in their direct message, as Slack posts it. */
const command = (user: string, text: string) => pandu.command(user, text, `limits.${++triggers}`);

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

  it("sends /ekspor's CSV to a supervisor as a file through the upload flow", async () => {
    expect((await command("U5", "ekspor")).status).toBe(200);
    const [upload] = await slack.waitFor(() => {
      const mine = slack.uploadsTo("DU5");
      return mine.length ? mine : undefined;
    });
    expect(upload!.filename).toMatch(/\.csv$/);
    expect(upload!.bytes.toString("utf8")).toContain("198203142008012005");
    // The offer of an Excel file follows the upload: waited for, so it lands in no later test.
    await slack.waitFor(() =>
      slack.of("chat.postMessage").some((c) => c.body.channel === "DU5" && /Excel/.test(String(c.body.text))),
    );
  });

  it("waits out Slack's Retry-After on a reply, then sends it (the replies' client retries)", async () => {
    const before = slack.of("chat.postMessage").length;
    // One post a second, and Slack says to wait 1 s: a client that retried sooner would be refused
    // again, so one refusal per reply message shows each wait was long enough.
    slack.rateLimits.set("chat.postMessage", { max: 1, windowMs: 1_000, retryAfterSec: 1 });
    try {
      expect((await call("chat.postMessage", { channel: "C1", text: "mengisi jatah" })).status).toBe(200);
      expect((await command("U1", "bantuan")).status).toBe(200);
      const mine = () =>
        slack
          .of("chat.postMessage")
          .slice(before)
          .filter((c) => c.body.channel === "DU1");
      const sent = await slack.waitFor(() => mine().find((c) => c.result.ok === true));
      expect(sent.body.text).toBeTruthy();
      const refused = mine().filter((c) => c.result.error === "ratelimited");
      expect(refused.map((c) => c.body.text)).toEqual([sent.body.text]);
      expect(rateLimited).toBe(1);
    } finally {
      slack.rateLimits.delete("chat.postMessage");
    }
  });

  it("sends a reply longer than one message's 50 blocks as several messages split at paragraphs, none cut", async () => {
    const before = slack.of("chat.postMessage").length;
    expect((await command("U2", "panjang")).status).toBe(200);
    const posts = await slack.waitFor(() => {
      const mine = slack
        .of("chat.postMessage")
        .slice(before)
        .filter((c) => c.body.channel === "DU2");
      return mine.some((c) => JSON.stringify(c.body.blocks).includes("cmd|bantuan")) ? mine : undefined;
    });
    expect(posts.every((c) => c.result.ok === true)).toBe(true);
    expect(posts.length).toBeGreaterThan(1);
    type Block = { type: string; text?: { text: string }; elements?: unknown[] };
    const blocksOf = (c: (typeof posts)[number]) => c.body.blocks as Block[];
    expect(posts.every((c) => blocksOf(c).length <= SLACK_MAX_BLOCKS)).toBe(true);
    // Each message's sections are one part of the text; the parts, joined at paragraph breaks, are it.
    const parts = posts.map((c) =>
      blocksOf(c)
        .filter((b) => b.type === "section")
        .map((b) => b.text!.text)
        .join(""),
    );
    expect(parts.join("\n\n")).toBe(LONG);
    expect(parts.every((p) => /^paragraf \d+:/.test(p))).toBe(true);
    // The buttons go under the last part only.
    expect(posts.map((c) => blocksOf(c).some((b) => b.type === "actions"))).toEqual(
      posts.map((_, i) => i === posts.length - 1),
    );
  });

  it("uploads a file whose text is longer than a comment without the comment, then the text whole", async () => {
    const before = slack.of("chat.postMessage").length;
    expect((await command("U3", "berkas")).status).toBe(200);
    const posts = await slack.waitFor(() => {
      const mine = slack
        .of("chat.postMessage")
        .slice(before)
        .filter((c) => c.body.channel === "DU3");
      return mine.length ? mine : undefined;
    });
    const [upload] = slack.uploadsTo("DU3");
    expect(upload).toMatchObject({ filename: "rekap.csv" });
    expect(upload!.initialComment).toBeUndefined();
    expect(upload!.bytes.toString()).toBe("nip,nama\n1,Ani\n");
    const sections = (posts[0]!.body.blocks as { type: string; text?: { text: string } }[])
      .filter((b) => b.type === "section")
      .map((b) => b.text!.text);
    expect(sections.join("")).toBe(LONG.slice(0, 6_000));
  });

  it("tells the outbox to wait exactly the Retry-After Slack gave, and resumes a long message where it stopped", async () => {
    const sender = createSlackSender({ botToken: TOKEN, apiUrl: slack.apiUrl });
    const message = { text: LONG, choices: [[{ data: "rem|h|x", label: "Hadir" }]] };
    const parts = sender.partsOf!(message);
    expect(parts).toBeGreaterThan(1);
    // Slack takes the first part, then asks for 23 s.
    slack.rateLimits.set("chat.postMessage", { max: 1, retryAfterSec: 23 });
    const before = slack.of("chat.postMessage").length;
    try {
      expect(await sender.send("U9", message)).toEqual({
        kind: "rate-limited",
        retryAfterMs: 23_000,
        error: "ratelimited",
        partsSent: 1,
      });
    } finally {
      slack.rateLimits.delete("chat.postMessage");
    }
    expect(await sender.send("U9", message, { partsSent: 1 })).toEqual({ kind: "sent" });
    const accepted = slack
      .of("chat.postMessage")
      .slice(before)
      .filter((c) => c.result.ok === true);
    expect(accepted).toHaveLength(parts);
    const text = accepted.map((c) =>
      (c.body.blocks as { type: string; text?: { text: string } }[])
        .filter((b) => b.type === "section")
        .map((b) => b.text!.text)
        .join(""),
    );
    expect(text.join("\n\n")).toBe(LONG);
  });
});
