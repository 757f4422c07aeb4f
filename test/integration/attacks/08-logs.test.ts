import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type Database } from "../../../src/db/connection.js";
import { createRepositories, type Repositories } from "../../../src/db/repositories/index.js";
import { createOutbox } from "../../../src/delivery/outbox.js";
import { type AppProcess, startServingApp, stopApp } from "../../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../../support/database.js";
import { postToSlackEndpoint, SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { type SentMessage, TelegramEmulator, textFits } from "../../support/telegram-emulator.js";
import { waitFor } from "../../support/waiters.js";

/**
 * Finding 8 of the security review (issue "Trust"): "Personal data in logs: redaction covers
 * `*.text` one level deep; a failed `sendMessage` logs grammY's error with `payload.text` in full
 * (a name and NIP were seen verbatim)."
 *
 * The "attacker" is whoever reads the logs of a real Pandu process. A person registers with a name
 * and NIP; Telegram and Slack (emulated) refuse or drop replies and outbox sends that hold them, at
 * trace level; nothing the process printed holds the name, the NIP, a token or what people wrote.
 */
const TOKEN = "123456:SECRET-token-that-must-never-be-logged";
const SLACK_TOKEN = "xoxb-4242-secret-slack-token";
const SLACK_SECRET = "slack-signing-secret-for-log-tests";
const NAME = "Rahmawati Siregar";
const NIP = "198503142010012007";
/** The NIP as Pandu writes it in a profile, and as a coordinator might type it. */
const NIP_SPACED = "19850314 201001 2 007";
const SECRET_TEXT = "pesan pribadi kucing oranye";
/** What a coordinator might write in a broadcast, or a reminder might say: a person, named. */
const PERSONAL = `Pengumuman untuk ${NAME}, NIP ${NIP_SPACED}: berkas Anda lengkap.`;
const dbName = `e2e_logs_${randomBytes(4).toString("hex")}`;
let tg: TelegramEmulator;
let slack: SlackWebApiEmulator;
let cwd: string;
let app: AppProcess;
let base: string;
let db: Database;
let repos: Repositories;

const reply = (chat: number, text: string, expected: string | RegExp): Promise<SentMessage> =>
  tg.nextMessage(
    chat,
    () => tg.sendText(chat, text),
    (m) => textFits(m.text, expected),
    20_000,
    `a reply matching ${expected}`,
  );

/** Waits until the app has logged a line matching `pattern` after the first `from` characters. */
const loggedAfter = (from: number, pattern: RegExp, what: string, ms = 20_000) =>
  waitFor(() => pattern.test(app.stderr().slice(from)), ms).catch(() => {
    throw new Error(
      `nothing logged matching ${pattern} (${what}); stderr since:\n${app.stderr().slice(from)}`,
    );
  });

beforeAll(async () => {
  tg = new TelegramEmulator();
  await tg.start();
  slack = new SlackWebApiEmulator();
  await slack.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-logs-"));
  ({ app, base } = await startServingApp(
    {
      MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: slack.apiUrl,
      // The most talkative level: whatever is logged at all is logged here.
      LOG_LEVEL: "trace",
    },
    cwd,
  ));
  db = await connectDatabase({ uri: inject("mongoUri"), dbName, poolSize: 2 });
  repos = createRepositories(db.models);
});
afterAll(async () => {
  await stopApp(app);
  await tg.stop();
  await slack.stop();
  await db?.close();
  await dropDatabase(inject("mongoUri"), dbName);
  await rm(cwd, { recursive: true, force: true });
});

describe("logs", () => {
  it("never hold a NIP, a name, a token or what people wrote, even at trace level and when sends fail", async () => {
    const u = 9301;
    await reply(u, "/start", "Apakah Anda setuju?");
    await reply(u, "ya", "nama lengkap");
    await reply(u, NAME, "Berapa NIP Anda?");
    await reply(u, NIP, "kode aktivasi");
    await reply(u, "tidak", "instansi");
    // Free text where none is expected, and a refused reply that repeats it (its error is logged).
    await reply(u, SECRET_TEXT, /.+/);
    tg.refusing.set("sendMessage", { code: 400, description: "Bad Request: message is too long" });
    let mark = app.stderr().length;
    tg.sendText(u, `${SECRET_TEXT} lagi`);
    await loggedAfter(mark, /telegram middleware error/, "a logged failure");
    tg.refusing.delete("sendMessage");
    await reply(u, "Pemerintah Kota Mataram", "unit kerja");
    await reply(u, "Kecamatan Ampenan", "jabatan");
    await reply(u, "Camat Ampenan", "WITA");
    await reply(u, "ya", "Bahasa");
    await reply(u, "Bahasa Indonesia", "Cara belajar");
    await reply(u, "1,2", "Pendaftaran selesai");
    const personId = (await repos.identities.get(`telegram:${u}`))!.personId;

    // A reply holding the name and the NIP, refused by Telegram: grammY's error carries it.
    tg.refusing.set("sendMessage", { code: 400, description: "Bad Request: message is too long" });
    mark = app.stderr().length;
    tg.sendText(u, "/profil");
    await tg.waitFor(
      () =>
        tg.calls.some((c) => c.method === "sendMessage" && String(c.body.text).includes(NAME)) || undefined,
      20_000,
      "the profile sent (and refused)",
    );
    await loggedAfter(mark, /telegram middleware error/, "the refused reply logged");

    // The same through the outbox: a broadcast refused, a reminder failing for a while.
    const outbox = createOutbox({ repos, now: () => new Date() });
    const sentWith = (method: string, text: string) =>
      tg.calls.filter((c) => c.method === method && String(c.body.text) === text).length;
    mark = app.stderr().length;
    await outbox.schedule({
      purpose: "broadcast.logscan",
      occurrence: "b1",
      personId,
      message: { text: PERSONAL },
      dueAt: new Date(),
    });
    await tg.waitFor(() => sentWith("sendMessage", PERSONAL) > 0 || undefined, 20_000, "the broadcast tried");
    await loggedAfter(mark, /delivery not sent/, "the refused broadcast logged");
    tg.refusing.delete("sendMessage");
    tg.failing.add("sendMessage");
    mark = app.stderr().length;
    const reminder = `Pengingat: ${PERSONAL}`;
    await outbox.schedule({
      purpose: "reminder.logscan",
      occurrence: "r1",
      personId,
      message: { text: reminder },
      dueAt: new Date(),
    });
    await loggedAfter(mark, /delivery not sent/, "the failing reminder logged");
    tg.failing.delete("sendMessage");
    await tg.waitFor(
      () => [...tg.messages.values()].some((m) => m.text === reminder) || undefined,
      30_000,
      "the reminder sent once Telegram answers again",
    );

    // On Slack: the same person, a reply Slack refuses, then channel posts refused and dropped.
    // (The /profil the refused reply belonged to is ended first, so Slack's starts afresh.)
    await reply(u, "/batal", /.+/);
    await repos.identities.bind({
      id: "slack:T01:ULOG",
      channel: "slack",
      personId,
      address: "T01:ULOG",
      now: new Date(),
    });
    slack.refuse.set("DULOG", "msg_too_long");
    mark = app.stderr().length;
    const res = await postToSlackEndpoint(
      base,
      SLACK_SECRET,
      new URLSearchParams({
        command: "/pandu",
        text: "profil",
        user_id: "ULOG",
        team_id: "T01",
        channel_id: "DULOG",
        trigger_id: "13345224609.738474920.8088930838d88f008e0",
        response_url: `${base}/x`,
      }).toString(),
      "application/x-www-form-urlencoded",
    );
    expect(res.status).toBe(200);
    await slack.waitFor(
      () =>
        slack
          .of("chat.postMessage")
          .some((c) => c.body.channel === "DULOG" && String(c.body.text).includes(NAME)) || undefined,
      20_000,
      "the Slack profile sent (and refused)",
    );
    await loggedAfter(mark, /slack error/, "the refused Slack reply logged");

    const posted = (text: string) =>
      slack.of("chat.postMessage").filter((c) => String(c.body.text) === text && c.result.ok === false)
        .length;
    slack.refuse.set("C0LOG", "msg_too_long");
    mark = app.stderr().length;
    await outbox.schedulePost({
      purpose: "broadcast.logscan",
      occurrence: "b2",
      channel: "slack",
      address: "C0LOG",
      message: { text: PERSONAL },
      dueAt: new Date(),
    });
    await slack.waitFor(() => posted(PERSONAL) > 0 || undefined, 20_000, "the channel post tried");
    await loggedAfter(mark, /delivery not sent/, "the refused channel post logged");
    // A dropped connection: the Web API client's error holds the whole request, token included.
    slack.failing.set("chat.postMessage", "drop");
    mark = app.stderr().length;
    const dropped = `Kanal: ${PERSONAL}`;
    await outbox.schedulePost({
      purpose: "broadcast.logscan",
      occurrence: "b3",
      channel: "slack",
      address: "C0LOG2",
      message: { text: dropped },
      dueAt: new Date(),
    });
    await slack.waitFor(() => posted(dropped) > 0 || undefined, 20_000, "the dropped post tried");
    await loggedAfter(mark, /delivery not sent/, "the dropped post logged");
    slack.failing.delete("chat.postMessage");

    // Every provoked failure held the name and the NIP, and the platforms saw them.
    expect(sentWith("sendMessage", PERSONAL)).toBeGreaterThan(0);
    const logs = app.stderr() + app.stdout();
    expect(logs.length).toBeGreaterThan(1_000);
    const squeezed = logs.replace(/\s/g, "");
    for (const secret of [
      NIP,
      NIP_SPACED,
      "19850314 2010",
      NAME,
      "Siregar",
      TOKEN,
      "SECRET-token",
      SLACK_TOKEN,
      "secret-slack",
      SECRET_TEXT,
      "kucing oranye",
      "berkas Anda lengkap",
    ]) {
      expect(logs.includes(secret), `logs contain ${secret}`).toBe(false);
      expect(squeezed.includes(secret.replace(/\s/g, "")), `logs contain ${secret} without spaces`).toBe(
        false,
      );
    }
  }, 180_000);
});
