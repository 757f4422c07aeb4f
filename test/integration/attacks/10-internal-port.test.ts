import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type Database } from "../../../src/db/connection.js";
import { createRepositories } from "../../../src/db/repositories/index.js";
import { type AppProcess, internalBase, startServingApp, stopApp } from "../../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../../support/database.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";
import { waitFor } from "../../support/waiters.js";

/**
 * Finding 10 of the security review (issue "Trust"): "`/metrics` and `/readyz` are on the public
 * port with the webhooks, unauthenticated."
 *
 * The attacker reads `/metrics` and the readiness details from the public port of a real Pandu
 * process: metrics are not there (only on the internal port, loopback by default), and the public
 * `/readyz` answers only its status, also while the database is down. The rest of this file checks
 * what the internal port serves (the counters, readiness following the database). (No chat user
 * and no audit entry: an anonymous read is refused by not being served at all.)
 */
const TOKEN = "123456:TEST-token-for-the-emulator_0005";
const dbName = `e2e_obs_${randomBytes(4).toString("hex")}`;
let tg: TelegramEmulator;
let cwd: string;

beforeAll(async () => {
  tg = new TelegramEmulator();
  await tg.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-obs-"));
});
afterAll(async () => {
  await tg.stop();
  await dropDatabase(inject("mongoUri"), dbName);
  await rm(cwd, { recursive: true, force: true });
});

/** The value of one sample line (`name{labels} value`) in a Prometheus text page, if present. */
function sample(page: string, series: string): number | undefined {
  const line = page.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("metrics of a real app process (Bot API emulator, real database)", () => {
  let app: AppProcess | undefined;
  let base: string;
  let db: Database;

  beforeAll(async () => {
    ({ app, base } = await startServingApp(
      {
        MONGODB_URI: uriWithDatabase(inject("mongoUri"), dbName),
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: tg.apiRoot,
        LOG_LEVEL: "warn",
      },
      cwd,
    ));
    db = await connectDatabase({ uri: inject("mongoUri"), dbName, poolSize: 2 });
  });
  afterAll(async () => {
    await stopApp(app);
    await db?.close();
  });

  it("serves /metrics only on the internal port, never on the public one", async () => {
    for (const path of ["/metrics", "/metrics/", "/METRICS", "/metrics?format=text"])
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    expect(await (await fetch(`${base}/readyz?verbose=1`)).text()).toBe("ready\n");
    expect(internalBase(app!)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${internalBase(app!)}/metrics`)).status).toBe(200);
  });

  it("is ready, and counts updates by kind, flow steps, handler latency and a sent reminder on /metrics", async () => {
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe("ready\n");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    tg.sendText(77, "/start");
    await tg.waitFor(() => tg.last(77)?.text.includes("Apakah Anda setuju?") || undefined);
    tg.sendText(77, "ya");
    await tg.waitFor(() => tg.last(77)?.text.includes("nama lengkap") || undefined);

    // A training reminder due now, straight into the outbox as the scheduler would put it.
    await createRepositories(db.models).deliveries.enqueue(
      {
        _id: "reminder.1d:sesi-1:p77",
        purpose: "reminder.1d",
        identityId: "telegram:77",
        channel: "telegram",
        address: "77",
        message: { text: "Pengingat pelatihan besok" },
        dueAt: new Date(),
      },
      new Date(),
    );
    const sentSeries = 'pandu_deliveries_total{channel="telegram",purpose="reminder",status="sent"}';
    const page = await waitFor(
      async () => {
        const text = await (await fetch(`${internalBase(app!)}/metrics`)).text();
        return sample(text, sentSeries) === 1 ? text : undefined;
      },
      20_000,
      200,
    );
    expect(tg.chat(77).some((m) => m.text === "Pengingat pelatihan besok")).toBe(true);

    expect(sample(page, 'pandu_updates_total{channel="telegram",kind="command"}')).toBe(1);
    expect(sample(page, 'pandu_updates_total{channel="telegram",kind="text"}')).toBe(1);
    expect(sample(page, 'pandu_handler_duration_seconds_count{channel="telegram"}')).toBe(2);
    expect(sample(page, 'pandu_handler_duration_seconds_bucket{le="+Inf",channel="telegram"}')).toBe(2);
    // /start walks the consent message and question, "ya" the name question: steps of onboarding.
    expect(sample(page, 'pandu_flow_steps_total{flow="onboarding"}')).toBeGreaterThanOrEqual(2);
    expect(page).not.toMatch(/pandu_deliveries_total\{[^}]*status="(dead|retried)"/);
    expect(sample(page, "pandu_outbox_lag_seconds")).toBeGreaterThanOrEqual(0);
    // Default process metrics, under Pandu's prefix.
    expect(page).toMatch(/^pandu_process_cpu_user_seconds_total \d/m);
    expect(page).toMatch(/^pandu_nodejs_eventloop_lag_seconds /m);
    for (const name of [
      "pandu_updates_total",
      "pandu_flow_steps_total",
      "pandu_deliveries_total",
      "pandu_handler_duration_seconds",
      "pandu_outbox_lag_seconds",
      "pandu_rate_limited_total",
    ])
      expect(page).toContain(`# TYPE ${name} `);
    // Never a person: no label carries an id or a chat.
    expect(page).not.toMatch(/\{[^}]*(77|telegram:)[^}]*\}/);
  });
});

/**
 * The embedded FerretDB servers a Pandu process started: one, unless a start that timed out on a
 * busy machine left the first still exiting beside its replacement. All are frozen and thawed.
 */
function embeddedDbPids(appPid: number): number[] {
  const out = execFileSync("pgrep", ["-P", String(appPid), "-f", "pandu-ferretdb"], { encoding: "utf8" });
  return out.trim().split("\n").map(Number);
}

/** Sends `signal` to each of `pids` that still exists. */
function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Gone already: nothing to freeze or thaw.
    }
  }
}

describe("readiness follows the database (embedded FerretDB, frozen and thawed)", () => {
  it("answers 503 naming the database while it does not answer, and 200 again once it does", {
    timeout: 120_000,
  }, async () => {
    const { app, base } = await startServingApp(
      {
        DATA_DIR: join(cwd, "data"),
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: tg.apiRoot,
        LOG_LEVEL: "warn",
      },
      cwd,
    );
    const dbPids = embeddedDbPids(app.child.pid!);
    try {
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      // Freeze the database process: connections stay open but nothing answers, as with a hung server.
      signalAll(dbPids, "SIGSTOP");
      const down = await fetch(`${base}/readyz`);
      expect(down.status).toBe(503);
      // The public port says only that it is not ready; the reason is on the internal port.
      expect(await down.text()).toBe("not ready\n");
      expect(await (await fetch(`${internalBase(app)}/readyz`)).text()).toBe("database unreachable\n");
      // Alive all the same: a restart would not help.
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      signalAll(dbPids, "SIGCONT");
      await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200 || undefined, 15_000, 200);
    } finally {
      signalAll(dbPids, "SIGCONT");
      app.child.kill("SIGTERM");
      expect((await app.exited(30_000)).code).toBe(0);
    }
  });
});
