import type { Database } from "../../src/db/connection.js";
import type { Translate } from "../../src/engine/text.js";
import { nonResponderButton } from "../../src/features/campaigns/campaigns.js";
import { type AgencySeed, seedAgency } from "./agency-seed.js";
import { movingClock } from "./moving-clock.js";
import { percentile, progress, round1 } from "./report.js";
import { seedDeliveryLog } from "./scale-bench.js";
import { syntheticCatalog } from "./synthetic-catalog.js";
import { startTelegramPandu, type TelegramPandu } from "./telegram-pandu.js";

/** What the non-responders benchmark reports. */
export interface NonRespondersResult extends Record<string, string | number> {
  people: number;
  results: number;
  delivery_log: number;
  /** People on the timed list: registered, not assessed this calendar year. */
  listed: number;
  p50_ms: number;
  p95_ms: number;
  /** The /belum overview (all four lists counted), timed a few times. */
  overview_p50_ms: number;
  /** The first /belum, which reads every person of the scope (the lists then keep them 5 minutes). */
  first_overview_ms: number;
  seed_s: number;
}

const FIRST_CHAT = 810_000_000;
const COORDINATOR_CHAT = 809_999_999;

/**
 * /belum's "registered but not assessed this period" list over a coordinator's scope of `people`
 * people (koordinator on every instansi of the agency), with their assessment history and
 * `deliveryLog` logged deliveries present, through the Telegram adapter as main.ts wires it: the
 * list button pressed under the /belum message, a different page each time, one at a time.
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
        const me = await app.repos.people.create({
          name: "Koordinator Provinsi",
          timeZone: "Asia/Jakarta",
          unitId: roots[0]!._id,
          instansiId: roots[0]!._id,
          onboardedAt: today,
          roles: roots.map((u) => ({ role: "koordinator" as const, unitId: u._id, grantedAt: today })),
        });
        await app.repos.identities.bind({
          id: `telegram:${COORDINATOR_CHAT}`,
          channel: "telegram",
          personId: me._id,
          now: today,
        });
      },
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const { app } = pandu;
    const results = (
      await opts.database.models.Assessment.find({}, { "results.competency": 1 })
        .lean<{ results: unknown[] }[]>()
        .exec()
    ).reduce((n, a) => n + a.results.length, 0);

    // The overview (every list counted) a few times; its message carries the list buttons.
    const overview: number[] = [];
    let messageId = 0;
    for (let i = 0; i < Math.max(2, Math.floor(opts.runs / 10)); i++) {
      clock.advance(2_000);
      const reply = await pandu.time(COORDINATOR_CHAT, "/belum");
      if (reply.failed || reply.replies.length === 0) throw new Error("nonresponders: /belum got no answer");
      overview.push(reply.ms);
      messageId = reply.replies.at(-1)!.message_id;
    }
    progress(`nonresponders: overview p50 ${round1(percentile(overview, 50))} ms`);

    const listed = (
      await app.repos.people.listForLists((await app.repos.orgUnits.all()).map((u) => u._id))
    ).filter(
      (p) => p.onboardedAt && !(p.status?.assessedAt && p.status.assessedAt.getUTCFullYear() === 2027),
    ).length;
    const pages = Math.max(1, Math.ceil(listed / 20));
    const ms: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      clock.advance(2_000);
      const page = (i * 37) % pages;
      const reply = await pandu.press(
        COORDINATOR_CHAT,
        messageId,
        nonResponderButton.pack("list", "asm", "all", page),
      );
      if (reply.failed) throw new Error("nonresponders: the list failed");
      ms.push(reply.ms);
    }
    const p = (xs: number[], q: number) => round1(percentile(xs, q));
    progress(`nonresponders: list p50 ${p(ms, 50)} ms, p95 ${p(ms, 95)} ms`);
    return {
      people: seed.people,
      results,
      delivery_log: opts.deliveryLog,
      listed,
      p50_ms: p(ms, 50),
      p95_ms: p(ms, 95),
      overview_p50_ms: p(overview, 50),
      first_overview_ms: round1(overview[0]!),
      seed_s: round1(seedSeconds),
    };
  } finally {
    await pandu?.stop();
  }
}
