import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type Database } from "../../src/db/connection.js";
import { ensureSchema } from "../../src/db/ensure-schema.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { type AppProcess, startApp } from "../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";
import { TelegramEmulator } from "../support/telegram-emulator.js";
import { waitFor } from "../support/waiters.js";

const TOKEN = "123456:TEST-token-for-the-emulator_0006";
const dbName = `e2e_stop_${randomBytes(4).toString("hex")}`;
const TOTAL = 150;
const FIRST_CHAT = 600_000;
let tg: TelegramEmulator;
let cwd: string;
let db: Database;
let repos: Repositories;
const apps: AppProcess[] = [];

async function boot(): Promise<AppProcess> {
  const app = startApp(
    {
      MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      PORT: "0",
      LOG_LEVEL: "info",
      OUTBOX_LEASE_SECONDS: "10",
      // Long, so a delivery left `sending` would visibly stall the second process.
      OUTBOX_SEND_LEASE_SECONDS: "120",
      SHUTDOWN_TIMEOUT_SECONDS: "10",
    },
    cwd,
  );
  apps.push(app);
  await app.waitForStderr(/\/healthz/);
  return app;
}

const received = () => [...tg.messages.values()].filter((m) => m.text.startsWith("berhenti "));

beforeAll(async () => {
  tg = new TelegramEmulator();
  tg.logCalls = false;
  // Telegram has each message at once but answers slowly: sends are on the wire at the signal.
  tg.answerDelayMs = 400;
  await tg.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-stop-"));
  db = await connectDatabase({ uri: inject("mongoUri"), dbName, poolSize: 4 });
  await ensureSchema(db);
  repos = createRepositories(db.models);
});
afterAll(async () => {
  for (const a of apps) a.child.kill("SIGKILL");
  await Promise.all(apps.map((a) => a.exited()));
  await tg.stop();
  await db.close();
  await dropDatabase(inject("mongoUri"), dbName);
  await rm(cwd, { recursive: true, force: true });
});

describe("graceful shutdown of a real app process (SIGTERM mid-batch, slow Bot API)", () => {
  it("finishes or puts back every send, gives up its leases, exits 0, and a second process sends the rest once", {
    timeout: 180_000,
  }, async () => {
    const now = new Date();
    await repos.deliveries.enqueueMany(
      Array.from({ length: TOTAL }, (_, i) => ({
        _id: `broadcast.b1:o:${FIRST_CHAT + i}`,
        purpose: "broadcast.b1",
        identityId: `telegram:${FIRST_CHAT + i}`,
        channel: "telegram",
        address: String(FIRST_CHAT + i),
        message: { text: `berhenti ${FIRST_CHAT + i}` },
        dueAt: now,
      })),
      now,
    );
    const first = await boot();
    await waitFor(() => received().length >= 30 || undefined, 60_000, 20);
    // Mid-send: with answers taking 400 ms, several sends are on the wire right now.
    const onWire = await db.models.Delivery.countDocuments({ status: "sending" });
    first.child.kill("SIGTERM");
    const exit = await first.exited(30_000);
    expect(exit).toMatchObject({ code: 0, killedByTest: false });
    expect(first.stderr()).toContain('"msg":"stopped"');

    // Nothing is left in doubt: no delivery `sending`, none claimed but not marked.
    const left = await db.models.Delivery.find({}).lean();
    expect(left.filter((d) => d.status !== "pending")).toEqual([]);
    expect(left.filter((d) => d.inDoubt)).toEqual([]);
    const claims = new Set(
      (await db.models.DeliveryClaim.find({}, { _id: 1 }).lean<{ _id: string }[]>()).map((c) => c._id),
    );
    expect(left.filter((d) => claims.has(`${d._id}#${d.attempts + 1}`))).toEqual([]);
    // Every delivery is either logged as sent or waiting; what Telegram got is exactly what is logged.
    const logged = await db.models.DeliveryLog.find({ purpose: "broadcast.b1" }).lean();
    expect(logged.every((d) => d.status === "sent")).toBe(true);
    expect(logged.length + left.length).toBe(TOTAL);
    const got = received().map((m) => m.chat_id);
    expect(new Set(got).size).toBe(got.length);
    expect(new Set(got)).toEqual(new Set(logged.map((d) => Number(d.address))));
    // The sender and summary leases are given back (cron tick keys are one-off and stay).
    const holder = new RegExp(`^i-${first.child.pid}-`);
    const held = (await db.models.Lease.find({}).lean()).filter(
      (l) => holder.test(l.holder) && !l._id.startsWith("cron:"),
    );
    expect(held).toEqual([]);
    console.log(
      `SIGTERM: ${logged.length} sent before the stop (${onWire} on the wire at the signal), ${left.length} put back`,
    );
    expect(left.length).toBeGreaterThan(0);

    // A second process takes over at once (the lease was released) and sends the rest, each once.
    await boot();
    await waitFor(() => received().length >= TOTAL || undefined, 90_000, 100);
    await waitFor(async () => (await db.models.Delivery.countDocuments({})) === 0 || undefined, 20_000, 100);
    const all = received().map((m) => m.chat_id);
    expect(all).toHaveLength(TOTAL);
    expect(new Set(all).size).toBe(TOTAL);
    const counts = await repos.deliveries.counts();
    expect(counts).toMatchObject({ outbox: 0, sent: TOTAL, dead: 0, resends: 0 });
  });
});
