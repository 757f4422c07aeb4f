import { loadavg } from "node:os";
import type { Database } from "../../src/db/connection.js";
import type { Translate } from "../../src/engine/text.js";
import { courseButton } from "../../src/features/enrolment/enrollment.js";
import type { SentMessage } from "../support/telegram-emulator.js";
import { type AgencySeed, seedAgency } from "./agency-seed.js";
import { addWindow, type CommandWindow, topShapes, watchCommands } from "./command-watch.js";
import { movingClock } from "./moving-clock.js";
import { percentile, progress, round1 } from "./report.js";
import { syntheticCatalog } from "./synthetic-catalog.js";
import { startTelegramPandu } from "./telegram-pandu.js";

export { syntheticCatalog };

export interface RecommendBenchResult {
  [key: string]: number | string | boolean;
}

/** The course catalog's time to live in production (`createCourseCatalog`'s default, not configurable). */
const CATALOG_TTL_MS = 5 * 60_000;
/** The catalog's full read: how a reload shows among the database commands. */
const CATALOG_LOAD = "find courses {}";
/** Telegram user ids of the seeded people start after this one. */
const FIRST_CHAT = 700_000_000;
/** Untimed requests first, from people who are not timed later (JIT, connection pool). */
const WARM_UP = 2;

/** What one /rekomendasi reply held: courses, mentor suggestions, all messages. */
function contentOf(replies: readonly SentMessage[]): { courses: number; mentors: number; messages: number } {
  const buttons = replies.flatMap((m) => m.buttons.flat().map((b) => b.callback_data));
  return {
    // The list's rows: one "Lain kali" per course.
    courses: buttons.filter((d) => courseButton.parse(d)?.action === "later").length,
    // A suggestion to ask, or one already asked (no button then, a 🤝 line).
    mentors: replies.flatMap((m) => m.text.split("\n\n")).filter((p) => p.startsWith("🤝")).length,
    messages: replies.length,
  };
}

const sumMs = (w: CommandWindow) => [...w.values()].reduce((n, s) => n + s.ms, 0);
const sumCount = (w: CommandWindow) => [...w.values()].reduce((n, s) => n + s.count, 0);

/**
 * /rekomendasi as a person sends it: a Telegram message through the local emulator to Pandu wired
 * as main.ts wires it, on an agency's data (`people` registered people in the demo org's units and
 * `moreUnits` sections below them,
 * each with their latest self-assessment, completions and some enrolments; `mentorShare` of them
 * opted in to mentoring with high levels; `courses` courses, a fifth with eligibility conditions).
 * Up to `runs` requests from `identities` different people, one after another, `gapMs` of app
 * time apart, so the catalog cache expires (5 minutes) and is reloaded inside timed requests.
 * Timing stops early after `budgetMs` of wall time: when one request takes a minute, a few hundred
 * cannot run, and the report says how many did.
 */
export async function runRecommendBench(opts: {
  database: Database;
  translate: Translate;
  courses: number;
  people: number;
  /** Sections added below the demo org's units (an agency's full structure). */
  moreUnits: number;
  mentorShare: number;
  identities: number;
  runs: number;
  gapMs: number;
  budgetMs: number;
}): Promise<RecommendBenchResult> {
  // 08.00 WIB on a working day: a time people use Pandu.
  const clock = movingClock(new Date("2026-11-25T01:00:00Z"));
  const today = clock.now();
  let seed!: AgencySeed;
  let importMs = 0;
  let catalogLoadMs = 0;
  const watch = watchCommands(opts.database);
  const pandu = await startTelegramPandu({
    database: opts.database,
    translate: opts.translate,
    now: clock.now,
    // A request from someone whose instansi has 1,500 mentors has been seen to take minutes.
    timeoutMs: 900_000,
    prepare: async (app) => {
      progress(`recommend: importing ${opts.courses} courses`);
      const t0 = performance.now();
      await app.courseCatalog.save(syntheticCatalog(opts.courses));
      importMs = performance.now() - t0;
      progress(`recommend: seeding ${opts.people} people (bulk inserts)`);
      seed = await seedAgency(app, opts.database, {
        people: opts.people,
        mentorShare: opts.mentorShare,
        today,
        firstChat: FIRST_CHAT,
        moreUnits: opts.moreUnits,
        label: "recommend",
      });
      progress(`recommend: seeded in ${JSON.stringify(seed.seconds)} s; starting Pandu on Telegram`);
      // The one-off load of the whole catalog with the database full (what every reload costs too).
      app.courseCatalog.invalidate();
      const t1 = performance.now();
      await app.courseCatalog.all();
      catalogLoadMs = performance.now() - t1;
    },
  });
  watch.take();

  // Timed people spread over the whole list (every instansi, some of them mentors themselves).
  const stride = Math.floor(seed.onTelegram.length / (opts.identities + WARM_UP));
  const people = Array.from({ length: opts.identities + WARM_UP }, (_, i) => seed.onTelegram[i * stride]!);
  const warmUp = people.slice(0, WARM_UP);
  const timedPeople = people.slice(WARM_UP);
  // What each timed person's reply must hold, from their seeded status: courses (or the text that
  // none fits) for someone with gaps, the congratulation for someone without.
  const expected = new Map<string, { gaps: number; locale: "id" | "en" }>();
  for (const p of timedPeople) {
    const person = await pandu.app.repos.people.get(p.personId);
    expected.set(p.personId, { gaps: person?.status?.gapCount ?? -1, locale: person?.locale ?? "id" });
  }
  /** Throws unless the reply is what the person's seeded results call for. */
  const checkReply = (personId: string, replies: readonly SentMessage[]) => {
    const want = expected.get(personId)!;
    const first = replies[0]?.text ?? "";
    const ok =
      want.gaps === 0
        ? first === opts.translate(want.locale, "rec-no-gaps")
        : want.gaps > 0 &&
          (contentOf(replies).courses > 0 || first === opts.translate(want.locale, "rec-none-available"));
    if (!ok)
      throw new Error(`recommend: ${personId} (${want.gaps} gaps) was answered: ${first.slice(0, 300)}`);
  };
  for (const [i, p] of warmUp.entries()) {
    const { ms } = await pandu.time(p.chat, "/rekomendasi");
    progress(`recommend: warm-up request ${i + 1} of ${WARM_UP}, untimed (${round1(ms)} ms)`);
  }
  watch.take();

  progress(`recommend: ${opts.runs} timed /rekomendasi from ${timedPeople.length} people`);
  const loadStart = loadavg()[0]!;
  const appStart = clock.elapsedMs();
  const wallStart = performance.now();
  const runs: {
    instansi: string;
    ms: number;
    reloads: number;
    dbMs: number;
    commands: number;
    content: ReturnType<typeof contentOf>;
    window: CommandWindow;
  }[] = [];
  const total: CommandWindow = new Map();
  let stoppedBy = "runs";
  for (let i = 0; i < opts.runs; i++) {
    if (performance.now() - wallStart >= opts.budgetMs) {
      stoppedBy = "time budget";
      break;
    }
    clock.advance(opts.gapMs);
    // Halfway, the catalog changes as an import on another instance changes it: at its next check
    // this process finds the stamp moved and loads all courses again, beside the timed requests.
    if (i === Math.floor(opts.runs / 2)) await pandu.app.repos.changeStamps.touch("courses");
    // Between requests only the dispatcher polls: left out of the timed windows.
    watch.take();
    const who = timedPeople[i % timedPeople.length]!;
    // A request can take minutes: say so every 15 seconds, as every stage of the bench does.
    const sent = performance.now();
    const ticker = setInterval(
      () => progress(`  request ${i + 1} still waiting, ${Math.round((performance.now() - sent) / 1000)} s`),
      15_000,
    );
    const reply = await pandu.time(who.chat, "/rekomendasi").finally(() => clearInterval(ticker));
    const window = watch.take();
    if (reply.failed) throw new Error(`recommend: /rekomendasi failed for ${who.personId}`);
    checkReply(who.personId, reply.replies);
    addWindow(total, window);
    runs.push({
      instansi: who.instansiId,
      ms: reply.ms,
      reloads: window.get(CATALOG_LOAD)?.count ?? 0,
      dbMs: sumMs(window),
      commands: sumCount(window),
      content: contentOf(reply.replies),
      window,
    });
    // A line every 25 requests, and for each one slow enough that silence would worry a reader.
    if ((i + 1) % 25 === 0 || reply.ms >= 15_000) {
      const p50 = round1(
        percentile(
          runs.map((r) => r.ms),
          50,
        ),
      );
      const reloads = runs.reduce((n, r) => n + r.reloads, 0);
      progress(`  ${i + 1}/${opts.runs}: ${round1(reply.ms)} ms, p50 so far ${p50} ms, reloads ${reloads}`);
    }
  }
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const appMinutes = (clock.elapsedMs() - appStart) / 60_000;
  const loadEnd = loadavg()[0]!;
  watch.stop();
  await pandu.stop();

  const times = runs.map((r) => r.ms);
  const slowest = runs.reduce((a, b) => (b.ms > a.ms ? b : a));
  const withReload = runs.filter((r) => r.reloads > 0);
  const ranked = runs.filter((r) => r.content.courses > 0);
  const median = (xs: number[]) => percentile(xs, 50);
  return {
    courses: opts.courses,
    people_in_db: seed.people,
    units: seed.units,
    mentors_opted_in: seed.mentors,
    assessments: seed.assessments,
    completions: seed.completions,
    enrollments: seed.enrollments,
    identities_timed: Math.min(timedPeople.length, runs.length),
    runs: runs.length,
    stopped_by: stoppedBy,
    budget_s: opts.budgetMs / 1000,
    p50_ms: round1(percentile(times, 50)),
    p95_ms: round1(percentile(times, 95)),
    max_ms: round1(Math.max(...times)),
    p50_ms_by_instansi: Object.entries(seed.mentorsByInstansi)
      .map(([instansi, mentors]) => {
        const mine = runs.filter((r) => r.instansi === instansi).map((r) => r.ms);
        return `${instansi} ${mine.length ? round1(median(mine)) : "-"} (n=${mine.length}, ${mentors} mentors)`;
      })
      .join("; "),
    replies_with_courses: ranked.length,
    replies_with_mentors: runs.filter((r) => r.content.mentors > 0).length,
    typical_courses: median(runs.map((r) => r.content.courses)),
    typical_mentor_suggestions: median(runs.map((r) => r.content.mentors)),
    typical_messages: median(runs.map((r) => r.content.messages)),
    catalog_ttl_s: CATALOG_TTL_MS / 1000,
    app_gap_s: opts.gapMs / 1000,
    app_minutes_timed: round1(appMinutes),
    reloads_during_timing: runs.reduce((n, r) => n + r.reloads, 0),
    runs_with_reload: withReload.length,
    reload_runs_p50_ms: withReload.length ? round1(median(withReload.map((r) => r.ms))) : 0,
    slowest_run_ms: round1(slowest.ms),
    slowest_run_reloaded: slowest.reloads > 0,
    slowest_run_top_queries: topShapes(slowest.window, 1, 3),
    commands_per_run_p50: median(runs.map((r) => r.commands)),
    db_ms_per_run_p50: round1(median(runs.map((r) => r.dbMs))),
    top_queries: topShapes(total, runs.length, 5),
    mentors_per_instansi: Object.entries(seed.mentorsByInstansi)
      .map(([k, v]) => `${k} ${v}`)
      .join(", "),
    seed_s: round1(Object.values(seed.seconds).reduce((n, s) => n + s, 0)),
    seed_breakdown_s: Object.entries(seed.seconds)
      .map(([k, v]) => `${k} ${v}`)
      .join(", "),
    import_ms: Math.round(importMs),
    catalog_load_ms: round1(catalogLoadMs),
    timed_wall_s: round1(wallSeconds),
    load_avg_1m: `${loadStart.toFixed(2)} → ${loadEnd.toFixed(2)}`,
  };
}
