import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/app.js";
import type { Database } from "../../src/db/connection.js";
import { decodeRun } from "../../src/db/repositories/flow-runs.js";
import type { Translate } from "../../src/engine/text.js";
import { seedCoursesIfEmpty } from "../../src/services/course-seed.js";
import { seedDemoIfEmpty } from "../../src/services/demo-seed.js";
import { internalBase, startServingApp, stopApp } from "../support/app-process.js";
import { TelegramEmulator } from "../support/telegram-emulator.js";
import { type LivePerson, type RunStep, seedLivePeople, seedRuns, takeTemplates } from "./live-runs.js";
import { progress, round1 } from "./report.js";

/** The people of this benchmark are on Telegram chats after this one. */
const FIRST_CHAT = 5_000_000;
const TOKEN = "123456:BENCH-token-for-the-emulator_000";

export interface MemoryBenchResult {
  [key: string]: number | string;
  people: number;
  statements_answered: number;
  units: number;
  tiers: number;
  rss_mb: number;
  rss_peak_mb: number;
  rss_ready_mb: number;
  heap_used_mb: number;
  external_mb: number;
  db_rss_mb: number | string;
  answer_seconds: number;
  seed_seconds: number;
}

/** A process's resident set (VmRSS) and its peak (VmHWM), in MB, from /proc. */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: round1(kb("VmRSS") / 1024), peak: round1(kb("VmHWM") / 1024) };
}

/** `uri` naming database `name` (the benchmark's own), keeping its options. */
function withDatabase(uri: string, name: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?([^?]*)(\?.*)?$/.exec(uri);
  if (!m) throw new Error(`bench: cannot read the database URI ${uri}`);
  return `${m[1]}/${name}${m[3] ?? ""}`;
}

/**
 * Resident memory of Pandu's process with `people` people about `statements` statements into
 * /asesmen. Seeding happens in this (the benchmark's) process: the people across the demo org's
 * units and tiers, one person of each kind taking the whole assessment through the app, the others
 * given a copy of that run after `statements − 1` answers. Then Pandu starts as `npm start` starts
 * it (src/main.ts in its own process, with the HTTP servers, the scheduler, the outbox dispatcher
 * and the catalog, talking to a Bot API emulator in this process), and each person answers their
 * statement once by typing its number, so their run and profile are live and cached in Pandu.
 * Measured from /proc after the last reply and a pause, without forcing a garbage collection.
 */
export async function runMemoryBench(opts: {
  database: Database;
  translate: Translate;
  /** The database server and the embedded one's process, when it is embedded. */
  serverUri: string;
  embeddedPid?: number;
  people: number;
  statements: number;
  concurrency: number;
}): Promise<MemoryBenchResult> {
  const { database } = opts;
  const seedStart = performance.now();
  const app = createApp({ database, translate: opts.translate });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await seedCoursesIfEmpty(app.courseCatalog, app.repos.courses.count, app.courseSeedFile);
  progress(`memory: seeding ${opts.people} people (bulk inserts), in the benchmark's process`);
  const today = new Date();
  const people = await seedLivePeople(app, database, {
    count: opts.people + 40,
    firstChat: FIRST_CHAT,
    today,
    seed: 31,
  });
  const { templates, takers } = await takeTemplates(app, people);
  const live: { person: LivePerson; step: RunStep }[] = people
    .filter((p) => !takers.has(p.personId))
    .slice(0, opts.people)
    .map((person) => {
      const steps = templates.get(person.key)!.steps;
      // The answer given in Pandu must not be the last: the run stays live.
      return { person, step: steps[Math.min(opts.statements - 1, steps.length - 2)]! };
    });
  if (live.length < opts.people) throw new Error(`bench: only ${live.length} people to seed`);
  await seedRuns(database, live, today);
  await app.releaseLeases();
  const seeded = await database.models.Person.find(
    { _id: { $in: live.map((l) => l.person.personId) } },
    { unitId: 1, tier: 1 },
  )
    .lean<{ unitId: string; tier: string }[]>()
    .exec();
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const tg = new TelegramEmulator({ token: TOKEN });
  tg.logCalls = false;
  await tg.start();
  const cwd = mkdtempSync(join(tmpdir(), "pandu-memory-"));
  progress("memory: starting Pandu (src/main.ts) in its own process");
  const { app: pandu } = await startServingApp(
    {
      MONGODB_URI: withDatabase(opts.serverUri, database.dbName),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      LOG_LEVEL: "warn",
    },
    cwd,
  );
  try {
    const pid = pandu.child.pid!;
    // main.ts loads the course catalog in the background after it says it is ready.
    await new Promise((r) => setTimeout(r, 3_000));
    const ready = rssOf(pid);
    progress(`memory: Pandu ready, RSS ${ready.rss} MB; ${live.length} people answer once`);

    // Each person types the score the template's taker gave; Pandu must answer with the next statement.
    const waiting = new Map<number, (text: string) => void>();
    tg.hooks.called = (method, body) => {
      if (method !== "sendMessage") return;
      const w = waiting.get(Number(body.chat_id));
      if (w) {
        waiting.delete(Number(body.chat_id));
        w(String(body.text ?? ""));
      }
    };
    const wrong: string[] = [];
    const started = performance.now();
    let next = 0;
    const one = async () => {
      for (let i = next++; i < live.length; i = next++) {
        const { person, step } = live[i]!;
        let timer: NodeJS.Timeout | undefined;
        const got = await new Promise<string | undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), 60_000);
          waiting.set(person.chat, resolve);
          tg.sendText(person.chat, String(step.score));
        });
        clearTimeout(timer);
        waiting.delete(person.chat);
        if (got !== step.reply) wrong.push(`${person.chat}: got "${got?.slice(0, 100)}"`);
        if ((i + 1) % 2_000 === 0) progress(`memory: ${i + 1} of ${live.length} answered`);
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, one));
    const answerSeconds = (performance.now() - started) / 1000;
    if (wrong.length > 0)
      throw new Error(`bench: ${wrong.length} answers got a wrong reply: ${wrong.slice(0, 3).join("; ")}`);
    const runs = (
      await database.models.FlowRun.find(
        { personId: { $in: live.map((l) => l.person.personId) } },
        { answers: 1, state: 1 },
      )
        .lean()
        .exec()
    ).map(decodeRun);
    const answered = runs.map((r) => (r.answers.responses as unknown[]).length);
    const expected = live.reduce((n, l) => n + l.step.answered + 1, 0);
    if (runs.length !== live.length || answered.reduce((a, b) => a + b, 0) !== expected)
      throw new Error(`bench: ${runs.length} live runs after the answers, of ${live.length}`);

    // Timers that run after a burst (metrics, the dispatcher's polls) settle; then read.
    await new Promise((r) => setTimeout(r, 5_000));
    const after = rssOf(pid);
    // Where it is: the JavaScript heap and what lives outside it, as Pandu's own metrics say.
    const metrics = await (await fetch(`${internalBase(pandu)}/metrics`)).text();
    const gauge = (name: string) =>
      round1(Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(metrics)?.[1]) / 2 ** 20);
    return {
      people: live.length,
      statements_answered: round1(expected / live.length),
      units: new Set(seeded.map((p) => p.unitId)).size,
      tiers: new Set(seeded.map((p) => p.tier)).size,
      rss_mb: after.rss,
      rss_peak_mb: after.peak,
      rss_ready_mb: ready.rss,
      heap_used_mb: gauge("pandu_nodejs_heap_size_used_bytes"),
      external_mb: gauge("pandu_nodejs_external_memory_bytes"),
      db_rss_mb: opts.embeddedPid ? rssOf(opts.embeddedPid).rss : "not embedded (MONGODB_URI)",
      answer_seconds: round1(answerSeconds),
      seed_seconds: round1(seedSeconds),
    };
  } finally {
    await stopApp(pandu);
    await tg.stop();
    rmSync(cwd, { recursive: true, force: true });
  }
}
