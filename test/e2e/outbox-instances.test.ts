import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type Database } from "../../src/db/connection.js";
import { ensureSchema } from "../../src/db/ensure-schema.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { type AppProcess, startApp } from "../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";
import { TelegramEmulator } from "../support/telegram-emulator.js";
import { waitFor } from "../support/waiters.js";

const TOKEN = "123456:TEST-token-for-the-emulator_0004";
let tg: TelegramEmulator;
let cwd: string;
let db: Database;
let repos: Repositories;
let apps: AppProcess[] = [];
const dbName = `e2e_outbox_${randomBytes(4).toString("hex")}`;
/**
 * The bot's overall sending budget, configured (TELEGRAM_MAX_PER_SECOND) above Telegram's default
 * 30/s so 2,000 messages take seconds rather than a minute: what is tested is that three
 * processes together never exceed the budget, whatever it is.
 */
const PER_SECOND = 120;

async function boot(n: number, sendLeaseSeconds = 60) {
  for (let i = 0; i < n; i++) {
    const app = startApp(
      {
        MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: tg.apiRoot,
        PORT: "0",
        LOG_LEVEL: "warn",
        OUTBOX_LEASE_SECONDS: "2",
        OUTBOX_SEND_LEASE_SECONDS: String(sendLeaseSeconds),
        TELEGRAM_MAX_PER_SECOND: String(PER_SECOND),
      },
      cwd,
    );
    apps.push(app);
  }
  await Promise.all(apps.map((a) => a.waitForStderr(/\/healthz|siap/)));
}

/** `n` deliveries due now, one per chat, under `purpose`. */
async function enqueue(purpose: string, n: number, firstChat: number) {
  const now = new Date();
  const batch = Array.from({ length: n }, (_, i) => ({
    _id: `${purpose}:o:${firstChat + i}`,
    purpose,
    identityId: `telegram:${firstChat + i}`,
    channel: "telegram",
    address: String(firstChat + i),
    message: { text: `${purpose} ${firstChat + i}` },
    dueAt: now,
  }));
  for (let i = 0; i < batch.length; i += 500)
    await repos.deliveries.enqueueMany(batch.slice(i, i + 500), now);
}

const received = (purpose: string) =>
  [...tg.messages.values()].filter((m) => m.text.startsWith(`${purpose} `));

beforeAll(async () => {
  tg = new TelegramEmulator();
  tg.logCalls = false;
  // The emulator enforces Telegram's limits: any excess would show up as 429s.
  tg.limits = { perSecond: PER_SECOND, perChatMs: 1000 };
  await tg.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-outbox-"));
  db = await connectDatabase({ uri: inject("mongoUri"), dbName, poolSize: 4 });
  await ensureSchema(db);
  repos = createRepositories(db.models);
});
afterEach(async () => {
  for (const a of apps) a.child.kill("SIGTERM");
  await Promise.all(apps.map((a) => a.exited()));
  apps = [];
});
afterAll(async () => {
  await tg.stop();
  await db.close();
  await dropDatabase(inject("mongoUri"), dbName);
  await rm(cwd, { recursive: true, force: true });
});

describe("the outbox across app processes (real npm start processes, one database, Bot API emulator)", () => {
  it("delivers 2,000 messages exactly once from three processes, never above the bot's budget per second together", {
    timeout: 240_000,
  }, async () => {
    await enqueue("tiga-proses", 2000, 100_000);
    await boot(3);
    const started = performance.now();
    await waitFor(() => received("tiga-proses").length >= 2000 || undefined, 150_000, 500);
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 1500));
    const got = received("tiga-proses");
    const unique = new Set(got.map((m) => m.chat_id)).size;
    console.log(
      `three processes: ${got.length} received, ${unique} unique, max ${tg.maxInWindow()} in any second, ` +
        `${tg.stats.throttled} throttled, ${(await repos.deliveries.counts()).resends} resends, ${seconds.toFixed(1)} s`,
    );
    expect(got).toHaveLength(2000);
    expect(unique).toBe(2000);
    // The emulator refuses anything over the budget, so what shows the processes kept to it
    // together is that Telegram never had to refuse one (no 429).
    expect(tg.stats.throttled).toBe(0);
    expect((await repos.deliveries.counts()).outbox).toBe(0);
  });

  it("loses nothing when the sending process is killed mid-batch, and resends at most what was in flight", {
    timeout: 180_000,
  }, async () => {
    await enqueue("bunuh", 600, 300_000);
    // A short send lease, so the sends the killed process left in doubt are retried within seconds.
    await boot(3, 5);
    await waitFor(() => received("bunuh").length >= 150 || undefined, 60_000, 100);
    // Kill whichever process holds the sender lease now, with no chance to clean up.
    const slot = Math.floor(Date.now() / 2000);
    const holder =
      (await repos.leases.holder("sender:telegram", slot)) ??
      (await repos.leases.holder("sender:telegram", slot - 1));
    const victim = apps.find((a) => holder?.startsWith(`i-${a.child.pid}-`));
    expect(victim, `lease holder ${holder}`).toBeDefined();
    victim!.child.kill("SIGKILL");
    await victim!.exited();
    const inDoubt = (await db.models.Delivery.find({ status: "sending" }).lean()).length;
    const claimedUnmarked = await db.models.Delivery.countDocuments({ status: "pending", attempts: 0 });
    await waitFor(
      () => new Set(received("bunuh").map((m) => m.chat_id)).size >= 600 || undefined,
      90_000,
      250,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const got = received("bunuh");
    const unique = new Set(got.map((m) => m.chat_id)).size;
    const duplicates = got.length - unique;
    const counts = await repos.deliveries.counts();
    console.log(
      `SIGKILL: ${unique}/600 delivered, ${duplicates} duplicates, ${inDoubt} sends in flight at the kill, ` +
        `${counts.resends} resends recorded, ${claimedUnmarked} still pending`,
    );
    expect(unique).toBe(600);
    expect(duplicates).toBeLessThanOrEqual(inDoubt);
    expect(counts.outbox).toBe(0);
  });
});
