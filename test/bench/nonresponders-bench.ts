import type { Database } from "../../src/db/connection.js";
import type { Translate } from "../../src/engine/text.js";
import { type AgencySeed, seedAgency } from "./agency-seed.js";
import { movingClock } from "./moving-clock.js";
import { percentile, progress, round1 } from "./report.js";
import { seedDeliveryLog } from "./scale-bench.js";
import { seedStaffMember } from "./seed-people.js";
import { syntheticCatalog } from "./synthetic-catalog.js";
import { startTelegramPandu, type TelegramPandu } from "./telegram-pandu.js";

/** What the non-responders benchmark reports. */
export interface NonRespondersResult extends Record<string, string | number> {
  people: number;
  results: number;
  delivery_log: number;
  /** People on the timed list by the running totals: registered, not assessed this calendar year. */
  listed: number;
  /** Every timed list press: each run's first page and the pages after it. */
  p50_ms: number;
  p95_ms: number;
  /** The list's first page, pressed under a fresh /belum (the cold open). */
  first_page_p50_ms: number;
  first_page_p95_ms: number;
  /** "Berikutnya" from the page before. */
  next_page_p95_ms: number;
  /** The first /belum after start-up. */
  first_overview_ms: number;
  /** Each run's /belum (every list counted or marked "counted on opening"). */
  overview_p50_ms: number;
  overview_p95_ms: number;
  seed_s: number;
  /** Building the running totals after the bulk seed (the rebuild command's code). */
  rebuild_s: number;
}

/** Pages pressed after the first in each run. */
const NEXT_PAGES = 2;
/** App time between two runs: past every cache a list could use (none is kept for people now). */
const BETWEEN_RUNS_MS = 6 * 60_000;

const FIRST_CHAT = 810_000_000;
const COORDINATOR_CHAT = 809_999_999;

/**
 * /belum's "registered but not assessed this period" list over a coordinator's scope of `people`
 * people (koordinator on every instansi of the agency), with their assessment history and
 * `deliveryLog` logged deliveries present, through the Telegram adapter as main.ts wires it. Each
 * run is a coordinator opening it afresh, the app's clock moved 6 minutes past the run before:
 * /belum, its "Belum asesmen" button (the list's first page), then "Berikutnya" twice; one request
 * at a time.
 */
export async function runNonRespondersBench(opts: {
  database: Database;
  translate: Translate;
  people: number;
  deliveryLog: number;
  runs: number;
}): Promise<NonRespondersResult> {
  // The history ends on 25 November 2026 and the list is read in February 2027: nobody has assessed
  // themselves yet in the new period, so everyone registered is on the list (its longest).
  const today = new Date("2026-11-25T01:00:00Z");
  const clock = movingClock(new Date("2027-02-15T02:00:00Z"));
  let seed!: AgencySeed;
  let pandu: TelegramPandu | undefined;
  const seedStart = performance.now();
  try {
    pandu = await startTelegramPandu({
      database: opts.database,
      translate: opts.translate,
      now: clock.now,
      prepare: async (app) => {
        await app.courseCatalog.save(syntheticCatalog(200));
        progress(`nonresponders: seeding ${opts.people} people (bulk inserts)`);
        seed = await seedAgency(app, opts.database, {
          people: opts.people,
          mentorShare: 0.05,
          today,
          firstChat: FIRST_CHAT,
        });
        progress(`nonresponders: ${opts.deliveryLog} logged deliveries`);
        await seedDeliveryLog(opts.database, seed, opts.deliveryLog, today);
        // The coordinator: koordinator on every instansi, so the scope is everyone.
        const roots = (await app.repos.orgUnits.all()).filter((u) => !u.parentId);
        await seedStaffMember(app.repos, {
          name: "Koordinator Provinsi",
          chat: COORDINATOR_CHAT,
          role: "koordinator",
          units: roots.map((u) => u._id),
          at: today,
        });
      },
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const { app } = pandu;
    // The counts come from the running totals, which the app's writers keep; bulk-seeded people are
    // taken in by the rebuild command's code (setup, not timed).
    progress("nonresponders: building the running totals (npm run summaries -- rebuild)");
    const rebuildStart = performance.now();
    await app.summaries.rebuild();
    const rebuildSeconds = (performance.now() - rebuildStart) / 1000;
    const results = (
      await opts.database.models.Assessment.find({}, { "results.competency": 1 })
        .lean<{ results: unknown[] }[]>()
        .exec()
    ).reduce((n, a) => n + a.results.length, 0);
    const roots = (await app.repos.orgUnits.all()).filter((u) => !u.parentId).map((u) => u._id);
    const { heads, totals } = await app.repos.summaries.trees(roots, 2027);
    const listed = heads.reduce((n, h) => n + h.registered, 0) - totals.reduce((n, t) => n + t.assessed, 0);
    if (listed < 20) throw new Error(`nonresponders: the totals list only ${listed} people`);

    const ms = { first: [] as number[], next: [] as number[], overview: [] as number[] };
    let firstOverview = 0;
    for (let i = 0; i < opts.runs; i++) {
      // Each run as a coordinator opening it afresh: long after the last one.
      clock.advance(BETWEEN_RUNS_MS);
      const overview = await pandu.time(COORDINATOR_CHAT, "/belum");
      const shown = overview.replies.at(-1);
      if (overview.failed || !shown) throw new Error("nonresponders: /belum got no answer");
      if (i === 0) firstOverview = overview.ms;
      ms.overview.push(overview.ms);
      const open = shown.buttons.flat().find((b) => b.callback_data.startsWith("blm|l|asm|"));
      if (!open) throw new Error("nonresponders: /belum shows no not-assessed list");
      clock.advance(3_000);
      let reply = await pandu.press(COORDINATOR_CHAT, shown.message_id, open.callback_data);
      ms.first.push(reply.ms);
      for (let k = 0; k < NEXT_PAGES; k++) {
        const page = reply.replies.at(-1);
        if (reply.failed || !page || (page.text.match(/^\d+\. /gm) ?? []).length !== 20)
          throw new Error(`nonresponders: the list showed no full page:\n${page?.text ?? "(nothing)"}`);
        const next = page.buttons.flat().find((b) => b.text.startsWith("Berikutnya"));
        if (!next) break;
        clock.advance(3_000);
        reply = await pandu.press(COORDINATOR_CHAT, page.message_id, next.callback_data);
        ms.next.push(reply.ms);
      }
    }
    const p = (xs: number[], q: number) => round1(percentile(xs, q));
    const lists = [...ms.first, ...ms.next];
    progress(
      `nonresponders: list p50 ${p(lists, 50)} ms, p95 ${p(lists, 95)} ms; first page p95 ${p(ms.first, 95)} ms; overview p95 ${p(ms.overview, 95)} ms`,
    );
    return {
      people: seed.people,
      results,
      delivery_log: opts.deliveryLog,
      listed,
      p50_ms: p(lists, 50),
      p95_ms: p(lists, 95),
      first_page_p50_ms: p(ms.first, 50),
      first_page_p95_ms: p(ms.first, 95),
      next_page_p95_ms: ms.next.length ? p(ms.next, 95) : 0,
      first_overview_ms: round1(firstOverview),
      overview_p50_ms: p(ms.overview, 50),
      overview_p95_ms: p(ms.overview, 95),
      seed_s: round1(seedSeconds),
      rebuild_s: round1(rebuildSeconds),
    };
  } finally {
    await pandu?.stop();
  }
}
