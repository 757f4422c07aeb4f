import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type Database } from "../../src/db/connection.js";
import { ensureEmbeddedBinary } from "../../src/db/embedded/build.js";
import { type EmbeddedDb, startEmbeddedDb } from "../../src/db/embedded/launch.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { createOutbox } from "../../src/delivery/outbox.js";
import { EMBEDDED_CACHE_DIR } from "../../src/paths.js";
import { type AppProcess, internalBase, isAlive, startApp } from "../support/app-process.js";
import { unusedPort } from "../support/ports.js";
import { type SentMessage, TelegramEmulator, textFits } from "../support/telegram-emulator.js";

// This file runs its own database server, which the test stops and starts; the shared one of the
// other tests is not touched (the server kind is the same: inject("dbKind") only names it).
const TOKEN = "123456:TEST-token-for-the-emulator_0009";
const NIP = "198503142010012007";
let binary: string;
let dataDir: string;
let cwd: string;
let port: number;
let db: EmbeddedDb | undefined;
let tg: TelegramEmulator;
let app: AppProcess;
let mine: Database | undefined;

/** Starts (or restarts) the database on the same port and data, as an operator's restart would. */
async function startDb(): Promise<void> {
  db = await startEmbeddedDb(binary, { handler: "sqlite", dataDir }, { listen: `127.0.0.1:${port}` });
}

const uri = () => `mongodb://127.0.0.1:${port}/restart`;

/** GET a path on the app's internal HTTP server (health, detailed readiness, metrics). */
async function http(path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${internalBase(app)}${path}`);
  return { status: res.status, body: await res.text() };
}

const reply = (chat: number, text: string, expected: string | RegExp, ms = 40_000): Promise<SentMessage> =>
  tg.nextMessage(
    chat,
    () => tg.sendText(chat, text),
    (m) => textFits(m.text, expected),
    ms,
    `a reply matching ${expected}`,
  );

/** Registered people reachable on these Telegram chats, written straight to the database. */
async function registered(chats: number[]): Promise<string[]> {
  const repos = createRepositories(mine!.models);
  const ids: string[] = [];
  for (const chat of chats) {
    const p = await repos.people.create({
      name: `Penerima ${chat}`,
      timeZone: "Asia/Jakarta",
      onboardedAt: new Date(),
    });
    await repos.identities.bind({
      id: `telegram:${chat}`,
      channel: "telegram",
      personId: p._id,
      now: new Date(),
    });
    ids.push(p._id);
  }
  return ids;
}

beforeAll(async () => {
  expect(inject("dbKind")).toBeTruthy();
  binary = await ensureEmbeddedBinary(EMBEDDED_CACHE_DIR, () => {});
  dataDir = await mkdtemp(join(tmpdir(), "pandu-restart-db-"));
  cwd = await mkdtemp(join(tmpdir(), "pandu-restart-"));
  port = await unusedPort();
  await startDb();
  tg = new TelegramEmulator();
  await tg.start();
  app = startApp(
    {
      MONGODB_URI: uri(),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      PORT: "0",
      LOG_LEVEL: "info",
      // A send whose outcome could not be recorded is retried after this (it is "in doubt").
      OUTBOX_SEND_LEASE_SECONDS: "5",
    },
    cwd,
  );
  await app.waitForStderr(/\/healthz/);
}, 180_000);

afterAll(async () => {
  app?.child.kill("SIGTERM");
  await app?.exited();
  await mine?.close().catch(() => {});
  await tg?.stop();
  await db?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(cwd, { recursive: true, force: true });
});

describe("the database restarting under a running Pandu", () => {
  it("keeps the app up, asks people to try again meanwhile, and loses no answer", async () => {
    const u = 7001;
    await reply(u, "/start", "Apakah Anda setuju?");
    await reply(u, "ya", "nama lengkap");
    await reply(u, "Dewi Lestari", "Berapa NIP Anda?");

    expect(await http("/readyz")).toEqual({ status: 200, body: "ready\n" });
    await db!.stop();
    // Not ready while the database is away (a load balancer sends people elsewhere), yet alive.
    expect(await http("/readyz")).toEqual({ status: 503, body: "database unreachable\n" });
    expect((await http("/healthz")).status).toBe(200);
    // Someone mid-flow and someone new both hear that the data is unavailable for a moment.
    await reply(u, NIP, "Pandu sedang tidak bisa membuka datanya");
    await reply(7002, "/start", "Pandu sedang tidak bisa membuka datanya");
    expect(isAlive(app.child.pid!)).toBe(true);

    await startDb();
    for (let i = 0; i < 60 && (await http("/readyz")).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 1_000));
    expect((await http("/readyz")).status).toBe(200);
    // The same answer again: the flow goes on from the question it was at, with the name kept.
    await reply(u, NIP, "kode aktivasi", 60_000);
    await reply(7002, "/start", "Apakah Anda setuju?");
    mine = await connectDatabase({ uri: uri(), poolSize: 2 });
    const runs = await createRepositories(mine.models).flowRuns.listForPerson("telegram:7001");
    expect(runs).toHaveLength(1);
    expect(runs[0]!.answers).toMatchObject({ name: "Dewi Lestari", nip: NIP });
  }, 180_000);

  it("finishes a broadcast interrupted by the restart, sending nothing twice beyond deliveries in doubt", async () => {
    const repos = createRepositories(mine!.models);
    const chats = Array.from({ length: 150 }, (_, i) => 8000 + i);
    const people = await registered(chats);
    // Slow sends and Telegram's 30 a second, so the restart lands in the middle of the broadcast:
    // some sent and recorded, some sent but not recorded (in doubt), some not claimed yet.
    tg.sendDelayMs = 1_000;
    const outbox = createOutbox({ repos, now: () => new Date() });
    const scheduled = await outbox.scheduleMany(
      people.map((personId) => ({
        personId,
        message: { text: "Pengumuman: pelatihan dimulai pukul 09.00." },
        dueAt: new Date(),
      })),
      "broadcast.restart",
      "1",
    );
    expect(scheduled).toBe(chats.length);
    const received = () =>
      chats.filter((c) => tg.chat(c).some((m) => m.text.startsWith("Pengumuman"))).length;
    await tg.waitFor(() => received() >= 5 || undefined, 60_000, "the first deliveries");
    await mine!.close();
    mine = undefined;
    await db!.stop();
    await new Promise((r) => setTimeout(r, 3_000));
    // The restart really fell in the middle: not everyone had it yet.
    expect(received()).toBeLessThan(chats.length);
    await startDb();
    await tg
      .waitFor(() => received() === chats.length || undefined, 120_000, "every delivery")
      .catch((err: Error) => {
        // What the app said while it stalled is the only clue a flaky run leaves.
        throw new Error(
          `${err.message}; ${received()} of ${chats.length}; app stderr:\n${app.stderr().slice(-4_000)}`,
        );
      });
    tg.sendDelayMs = 0;

    mine = await connectDatabase({ uri: uri(), poolSize: 2 });
    // A send the emulator answered is recorded a moment later (or, in doubt, after its lease).
    const sentLog = () => mine!.models.DeliveryLog.find({ purpose: "broadcast.restart" }).lean().exec();
    // And left the outbox: a delivery logged by a sender that lost the database before removing it
    // is removed (and counted in the metrics) once its send lease lapses.
    const leftInOutbox = () => mine!.models.Delivery.countDocuments({ purpose: "broadcast.restart" }).exec();
    for (let i = 0; i < 90 && ((await sentLog()).length < chats.length || (await leftInOutbox()) > 0); i++)
      await new Promise((r) => setTimeout(r, 1_000));
    const logged = await sentLog();
    expect(
      logged.map((d) => d.status),
      app.stderr().slice(-2_000),
    ).toEqual(Array(chats.length).fill("sent"));
    const inDoubt = logged.reduce((s, d) => s + (d.resends ?? 0), 0);
    const sentTwice = chats.reduce(
      (s, c) => s + Math.max(0, tg.chat(c).filter((m) => m.text.startsWith("Pengumuman")).length - 1),
      0,
    );
    expect(sentTwice).toBeLessThanOrEqual(inDoubt);
    expect(isAlive(app.child.pid!)).toBe(true);

    // What an operator watches, in the Prometheus format.
    const metrics = (await http("/metrics")).body;
    const value = (line: RegExp) => Number(line.exec(metrics)?.[1] ?? Number.NaN);
    expect(value(/^pandu_updates_total\{channel="telegram",kind="text"\} (\d+)/m)).toBeGreaterThanOrEqual(4);
    expect(value(/^pandu_update_failures_total\{channel="telegram"\} (\d+)/m)).toBeGreaterThanOrEqual(2);
    expect(value(/^pandu_flow_steps_total\{flow="onboarding"\} (\d+)/m)).toBeGreaterThanOrEqual(3);
    expect(
      value(/^pandu_deliveries_total\{channel="telegram",purpose="broadcast",status="sent"\} (\d+)/m),
    ).toBeGreaterThanOrEqual(chats.length);
    expect(
      value(/^pandu_handler_duration_seconds_count\{channel="telegram"\} (\d+)/m),
    ).toBeGreaterThanOrEqual(6);
    expect(metrics).toMatch(/^pandu_outbox_lag_seconds \d/m);
    expect(metrics).toMatch(/^pandu_process_resident_memory_bytes \d/m);
  }, 300_000);

  it("keeps answering others while sends to one chat hang, and retries the hung ones", async () => {
    const repos = createRepositories(mine!.models);
    const hung = 7101;
    const other = 7103;
    const people = await registered([hung, other]);
    tg.hanging.add(hung);
    tg.sendText(hung, "/bantuan"); // its reply hangs
    // A reply to someone else arrives meanwhile.
    await reply(7102, "/bantuan", "/asesmen");
    const outbox = createOutbox({ repos, now: () => new Date() });
    await outbox.scheduleMany(
      people.map((personId) => ({
        personId,
        message: { text: "Pengingat: isi survei pelatihan." },
        dueAt: new Date(),
      })),
      "broadcast.hang",
      "1",
    );
    const got = (chat: number) => tg.chat(chat).some((m) => m.text.startsWith("Pengingat: isi survei"));
    await tg.waitFor(() => got(other) || undefined, 90_000, "the delivery to the chat that answers");
    expect(got(hung)).toBe(false);
    // The hung calls now fail (as a dropped connection does): the outbox tries again and it arrives.
    tg.releaseHung();
    await tg.waitFor(() => got(hung) || undefined, 90_000, "the retried delivery");
    expect(isAlive(app.child.pid!)).toBe(true);
  }, 180_000);
});
