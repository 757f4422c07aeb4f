import type { Database } from "../../src/db/connection.js";
import type { AssessedLevel, Level } from "../../src/domain/competency.js";
import type { Translate } from "../../src/engine/text.js";
import type { SentMessage } from "../support/telegram-emulator.js";
import { lcg } from "./agency-people.js";
import { type AgencySeed, seedAgency } from "./agency-seed.js";
import { addWindow, type CommandWindow, topShapes, watchCommands } from "./command-watch.js";
import { movingClock } from "./moving-clock.js";
import { percentile, progress, round1 } from "./report.js";
import { seedStaffMember } from "./seed-people.js";
import { syntheticCatalog } from "./synthetic-catalog.js";
import { startTelegramPandu } from "./telegram-pandu.js";

export interface SummaryBenchResult {
  [key: string]: number | string;
}

export interface ExportBenchResult {
  [key: string]: number | string;
  people: number;
  seconds: number;
  bytes: number;
}

/** Telegram user ids of the seeded people start after this one. */
const FIRST_CHAT = 700_000_000;
/** The supervisor's Telegram user id (below the seeded people's). */
const BOSS_CHAT = 600_000_001;
/** How many people finish /asesmen at the same moment while the benchmark records them. */
const RECORDING_AT_ONCE = 8;
/** The latest assessments of the seeded people span 18 months: a third have not assessed this year yet. */
const ASSESSED_WITHIN_DAYS = 540;

/** What the reply to /ringkasan must say, computed from the seeded and recorded facts (not from the totals). */
interface Expected {
  headcount: number;
  assessed: number;
  gapsClosed: number;
}

const id = (n: number) => n.toLocaleString("id-ID");

/** Throws unless the /ringkasan reply holds the expected counts, with nothing left waiting, and its chart. */
function checkReply(replies: readonly SentMessage[], want: Expected, run: string): void {
  // The summary itself, whatever else came with it (a progress note, the chart).
  const text = replies.find((m) => m.text.startsWith("📊"))?.text ?? replies[0]?.text ?? "";
  const missing = [
    `👥 ${id(want.headcount)} pegawai`,
    `sudah asesmen (${id(want.assessed)} orang)`,
    `Peningkatan: ${id(want.gapsClosed)} kesenjangan kompetensi tertutup`,
  ].filter((s) => !text.includes(s));
  if (missing.length > 0 || text.includes("masih dihitung"))
    throw new Error(`summary ${run}: expected ${missing.join(" | ") || "no catching-up line"} in: ${text}`);
  if (!replies.some((m) => m.kind === "photo")) throw new Error(`summary ${run}: no chart`);
}

/**
 * /ringkasan and /ekspor for a supervisor of every instansi of an agency (`people` people seeded
 * as seedAgency seeds them, in the demo org's units and `moreUnits` sections below them), through
 * the Telegram adapter with Pandu wired as main.ts wires it. Before each of `runs` timed requests,
 * `pendingPerRun` people finish an assessment through the app's recorder, which leaves a mark for
 * each that the request then folds into the running totals; the clock moves a minute a run.
 */
export async function runSummaryBench(opts: {
  database: Database;
  translate: Translate;
  people: number;
  moreUnits: number;
  runs: number;
  pendingPerRun: number;
}): Promise<{ summary: SummaryBenchResult; export: ExportBenchResult }> {
  // 10.00 WIB on a working day.
  const clock = movingClock(new Date("2026-11-25T03:00:00Z"));
  const today = clock.now();
  const year = 2026;
  const m = opts.database.models;
  let seed!: AgencySeed;
  let instansi: string[] = [];
  const seedStart = performance.now();
  const pandu = await startTelegramPandu({
    database: opts.database,
    translate: opts.translate,
    now: clock.now,
    // The export of 50,000 people takes tens of seconds.
    timeoutMs: 600_000,
    // Without the cron jobs (SCHEDULER_ENABLED defaults to true): the minute's folding job would
    // take in some of the 200 changes each request is timed folding, whenever its tick fell
    // between the recording and the request, and the figure would flatter by that much.
    env: { SCHEDULER_ENABLED: "false" },
    prepare: async (app) => {
      // Completions and enrolments are drawn from the catalog.
      await app.courseCatalog.save(syntheticCatalog(200));
      progress(`summary: seeding ${opts.people} people (bulk inserts)`);
      seed = await seedAgency(app, opts.database, {
        people: opts.people,
        mentorShare: 0.05,
        today,
        firstChat: FIRST_CHAT,
        moreUnits: opts.moreUnits,
        assessedWithinDays: ASSESSED_WITHIN_DAYS,
        label: "summary",
      });
      instansi = (await app.repos.orgUnits.all()).filter((u) => !u.parentId).map((u) => u._id);
      await seedStaffMember(app.repos, {
        name: "Kepala BKPSDM",
        chat: BOSS_CHAT,
        role: "supervisor",
        units: instansi,
        at: today,
      });
    },
  });
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const { app } = pandu;

  progress("summary: building the totals (npm run summaries -- rebuild)");
  const rebuildStart = performance.now();
  const rebuilt = await app.summaries.rebuild();
  const rebuildSeconds = (performance.now() - rebuildStart) / 1000;
  if (rebuilt?.people !== seed.people + 1) throw new Error(`rebuild counted ${rebuilt?.people} people`);

  // The expected figures, from the facts: everyone seeded and the supervisor (at the instansi);
  // whoever has an assessment this year; the gaps closed this year.
  const results = (
    await m.Assessment.find({}, { "results.competency": 1 }).lean<{ results: unknown[] }[]>().exec()
  ).reduce((n, a) => n + a.results.length, 0);
  const assessedThisYear = new Set((await m.Assessment.distinct("personId", { year })).map(String));
  const want: Expected = {
    headcount: await m.Person.countDocuments({ instansiId: { $in: instansi } }),
    assessed: assessedThisYear.size,
    gapsClosed: await m.Achievement.countDocuments({ kind: "gap-closed", year }),
  };
  if (want.headcount !== seed.people + 1) throw new Error(`summary: ${want.headcount} people in scope`);

  // Who finishes an assessment next: everyone in turn, in an order of their own.
  const rnd = lcg(41);
  const order = Array.from({ length: seed.people }, (_, k) => k);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let nextInOrder = 0;
  let recordedCount = 0;
  /** One person finishing /asesmen: their levels against the standard of their last result, recorded as the flow records them. */
  async function finishAssessment(personId: string): Promise<void> {
    const person = await app.repos.people.get(personId);
    const last = person?.status?.lastAssessmentId
      ? await app.repos.assessments.get(person.status.lastAssessmentId)
      : null;
    if (!last) throw new Error(`summary: ${personId} has no assessment to repeat`);
    const required = Object.fromEntries(last.results.map((r) => [r.competency, r.required as Level]));
    const assessed = Object.fromEntries(
      last.results.map((r) => [
        r.competency,
        Math.max(0, Math.min(5, r.required + Math.floor(rnd() * 4) - 2)) as AssessedLevel,
      ]),
    );
    const done = await app.recordAssessment({
      id: `bench-ringkasan-${++recordedCount}`,
      personId,
      assessed,
      required,
      statements: 27 + Math.floor(rnd() * 19),
      completedAt: clock.now(),
    });
    assessedThisYear.add(personId);
    want.gapsClosed += done.closedGaps.length;
  }
  /** `count` different people finish their assessments, `RECORDING_AT_ONCE` at a time. */
  async function recordAssessments(count: number): Promise<void> {
    const batch = Array.from({ length: count }, () => `pag${order[nextInOrder++ % order.length]!}`);
    for (let i = 0; i < batch.length; i += RECORDING_AT_ONCE)
      await Promise.all(batch.slice(i, i + RECORDING_AT_ONCE).map(finishAssessment));
    want.assessed = assessedThisYear.size;
  }

  // Untimed first request (JIT, the chart's fonts), with changes waiting like every timed one.
  await recordAssessments(opts.pendingPerRun);
  const warm = await pandu.time(BOSS_CHAT, "/ringkasan");
  checkReply(warm.replies, want, "warm-up");
  progress(`summary: warm-up /ringkasan untimed (${round1(warm.ms)} ms)`);
  // For comparison: the same request with nothing waiting (only reading and drawing).
  const idle: number[] = [];
  for (let i = 0; i < 3; i++) {
    const reply = await pandu.time(BOSS_CHAT, "/ringkasan");
    checkReply(reply.replies, want, "with nothing waiting");
    idle.push(reply.ms);
  }

  progress(`summary: ${opts.runs} timed /ringkasan, ${opts.pendingPerRun} new assessments before each`);
  const times: number[] = [];
  const recordSeconds: number[] = [];
  const commands: number[] = [];
  const dbMs: number[] = [];
  const total: CommandWindow = new Map();
  const watch = watchCommands(opts.database);
  for (let r = 0; r < opts.runs; r++) {
    clock.advance(60_000);
    const recordStart = performance.now();
    await recordAssessments(opts.pendingPerRun);
    recordSeconds.push((performance.now() - recordStart) / 1000);
    // Each recorded person left one mark, and nothing took them in before the request does.
    const pending = await app.summaries.pending();
    if (pending !== opts.pendingPerRun)
      throw new Error(`summary: ${pending} changes waiting before run ${r}`);
    watch.take();
    const reply = await pandu.time(BOSS_CHAT, "/ringkasan");
    const window = watch.take();
    addWindow(total, window);
    commands.push([...window.values()].reduce((n, x) => n + x.count, 0));
    dbMs.push([...window.values()].reduce((n, x) => n + x.ms, 0));
    if (reply.failed) throw new Error(`summary: /ringkasan failed in run ${r}`);
    checkReply(reply.replies, want, `run ${r + 1}`);
    const left = await app.summaries.pending();
    if (left !== 0) throw new Error(`summary: ${left} changes still waiting after run ${r}`);
    times.push(reply.ms);
    if ((r + 1) % 10 === 0) progress(`  ${r + 1}/${opts.runs}: ${round1(reply.ms)} ms`);
  }

  watch.stop();

  progress("summary: /ekspor of the whole scope");
  const exported = await pandu.time(BOSS_CHAT, "/ekspor");
  const file = exported.replies.find((x) => x.kind === "document")?.upload;
  if (exported.failed || !file) throw new Error("summary: /ekspor sent no file");
  const rows = file.text.trim().split("\n").length - 1;
  if (rows !== want.headcount) throw new Error(`export has ${rows} rows, ${want.headcount} expected`);
  await pandu.stop();

  return {
    summary: {
      people: seed.people,
      results,
      units: seed.units,
      runs: times.length,
      pending_per_run: opts.pendingPerRun,
      assessments_recorded: recordedCount,
      assessed_this_year: want.assessed,
      p50_ms: round1(percentile(times, 50)),
      p95_ms: round1(percentile(times, 95)),
      max_ms: round1(Math.max(...times)),
      nothing_pending_p50_ms: round1(percentile(idle, 50)),
      commands_per_run_p50: percentile(commands, 50),
      db_ms_per_run_p50: round1(percentile(dbMs, 50)),
      top_queries: topShapes(total, times.length, 6),
      record_s_per_run: round1(percentile(recordSeconds, 50)),
      seed_s: round1(seedSeconds),
      rebuild_s: round1(rebuildSeconds),
    },
    export: {
      people: rows,
      seconds: round1(exported.ms / 1000),
      bytes: Buffer.byteLength(file.text),
    },
  };
}
