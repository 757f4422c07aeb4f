import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppProcess, startServingApp, stopApp } from "../../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../../support/database.js";
import { SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";

/**
 * Finding 3 of the security review (issue "Trust"): "`/slack/events` reads an unlimited body
 * before checking the signature (Bolt's raw-body is given no limit; Pandu's server sets none): a
 * few connections streaming gigabytes exhaust memory, unauthenticated."
 *
 * The attacker streams 1 GB at each webhook of a real Pandu process, chunked and with a declared
 * length. Every route's body is counted before Bolt or grammY read it and cut off at 256 KB with
 * 413; the process's memory barely moves and it keeps serving. (No chat user and no audit entry: an
 * anonymous flood is for the metrics and the load balancer, not the audit log.)
 */
const dbName = `e2e_body_${randomBytes(4).toString("hex")}`;
const GIB = 1024 ** 3;
let tg: TelegramEmulator;
let slack: SlackWebApiEmulator;
let app: AppProcess;
let cwd: string;
let base: string;

beforeAll(async () => {
  tg = new TelegramEmulator();
  await tg.start();
  slack = new SlackWebApiEmulator();
  await slack.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-body-"));
  ({ app, base } = await startServingApp(
    {
      MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
      TELEGRAM_BOT_TOKEN: "123456:TEST-token-for-the-emulator_0003",
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_WEBHOOK_URL: "https://pandu.example.go.id/telegram/webhook",
      TELEGRAM_WEBHOOK_SECRET: "webhook-secret-0123456789",
      SLACK_BOT_TOKEN: "xoxb-1-2-test",
      SLACK_SIGNING_SECRET: "slack-signing-secret-for-tests",
      SLACK_API_URL: slack.apiUrl,
    },
    cwd,
  ));
});
afterAll(async () => {
  await stopApp(app);
  await tg.stop();
  await slack.stop();
  await dropDatabase(inject("mongoUri"), dbName);
  await rm(cwd, { recursive: true, force: true });
});

/** The app process's resident memory in bytes, from the kernel. */
async function rss(): Promise<number> {
  const status = await readFile(`/proc/${app.child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/**
 * The app's resident memory once it stopped growing on its own: right after start the process is
 * still loading the catalog and warming caches, which is not what a body could cost.
 */
async function settledRss(): Promise<number> {
  let last = await rss();
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await rss();
    if (Math.abs(now - last) < 512 * 1024) return now;
    last = now;
  }
  return last;
}

/**
 * Streams up to `total` bytes to `path` in 64 KB chunks, as fast as the server reads them, with or
 * without a declared length; resolves with the status the server answered (or 0 if it only hung
 * up) and how many bytes went out before it stopped.
 */
function stream(path: string, total: number, declare: boolean): Promise<{ status: number; sent: number }> {
  return new Promise((done) => {
    const url = new URL(path, base);
    let sent = 0;
    let status = 0;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      done({ status, sent });
    };
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(declare ? { "content-length": String(total) } : { "transfer-encoding": "chunked" }),
        },
      },
      (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        res.on("end", finish);
        res.on("error", finish);
      },
    );
    // A write may fail before the 413 is parsed (the server stops reading): give it a moment.
    const soon = () => setTimeout(finish, 400);
    req.on("error", soon);
    req.on("close", soon);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sent < total && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

describe("request body limit", () => {
  for (const path of ["/slack/events", "/telegram/webhook"]) {
    it(`refuses a 1 GB streamed POST to ${path} after the limit, with RSS rising less than 20 MB`, async () => {
      // A small body first, so the route's first-use work is not counted as the big body's.
      await stream(path, 1024, true);
      const before = await settledRss();
      const chunked = await stream(path, GIB, false);
      const declared = await stream(path, GIB, true);
      const after = await rss();
      // Cut off long before a gigabyte: at the limit plus what was in flight on the socket.
      expect(chunked.sent).toBeLessThan(64 * 1024 * 1024);
      expect(chunked.status).toBe(413);
      expect(declared.status).toBe(413);
      expect(after - before).toBeLessThan(20 * 1024 * 1024);
      // And the server still answers.
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    });
  }

  it("still passes an ordinary webhook update through to the bot", async () => {
    const res = await fetch(`${base}/telegram/webhook`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": "webhook-secret-0123456789",
      },
      body: JSON.stringify({
        update_id: 1,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: 42, type: "private", first_name: "Ani" },
          from: { id: 42, is_bot: false, first_name: "Ani", language_code: "id" },
          text: "/bantuan",
          entities: [{ type: "bot_command", offset: 0, length: 8 }],
        },
      }),
    });
    expect(res.status).toBe(200);
  });
});
