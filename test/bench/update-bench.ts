import { AsyncLocalStorage } from "node:async_hooks";
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { CommandStartedEvent } from "mongodb";
import { createApp } from "../../src/app.js";
import type { Database } from "../../src/db/connection.js";
import { decodeRun } from "../../src/db/repositories/flow-runs.js";
import type { Translate } from "../../src/engine/text.js";
import { seedDemoIfEmpty } from "../../src/services/demo-seed.js";
import { lcg } from "./agency-people.js";
import { shapeOfCommand } from "./command-watch.js";
import {
  type AssessmentTemplate,
  type LivePerson,
  type RunStep,
  SCALE_LABELS,
  seedLivePeople,
  seedRuns,
  takeTemplates,
} from "./live-runs.js";
import { movingClock } from "./moving-clock.js";
import { percentile, progress, round1 } from "./report.js";
import { wireTelegramPandu } from "./telegram-pandu.js";
import type { PlannedAnswer, WorkerResult } from "./update-worker.js";

export interface UpdateBenchResult {
  [key: string]: string | number;
  flow: string;
  live_runs: number;
  registered: number;
  units: number;
  tiers: number;
  offered_per_s: number;
  answers: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  ordinary_p50_ms: number;
  ordinary_p95_ms: number;
  final_answers: number;
  final_p50_ms: number;
  final_p95_ms: number;
  db_roundtrips_per_answer: number;
  db_roundtrips_per_answer_max: number;
  final_answer_roundtrips: number;
  /** Per ordinary answer, the mean count of each command shape (`update flowruns {_id}` ×1). */
  roundtrip_breakdown: string;
  final_roundtrip_breakdown: string;
  broadcast_queued: number;
  broadcast_sent_during: number;
  broadcast_sent_by_end: number;
  lost: number;
  duplicates: number;
  failed_updates: number;
}

/** The database commands sent for one timed update: how many, and each one's shape. */
interface Sent {
  commands: number;
  shapes: string[];
}

const FIRST_CHAT = 3_000_000;
/** The router's profile cache lifetime (its default). */
const PROFILE_TTL_MS = 5 * 60_000;
const BROADCAST_PREFIX = "Pengumuman BKPSDM";

/**
 * The update benchmark: Pandu wired as main.ts wires it (with its cron jobs) serves `liveRuns`
 * people in the middle of the real /asesmen, each at a different point of it, while the outbox
 * dispatcher sends a broadcast to other people. Each live person answers their statement once,
 * offered at `perSecond` by the emulator's own process; every answer is timed from the offer to
 * the emulator accepting Pandu's last reply, its reply checked, and its database commands counted.
 */
export async function runUpdateBench(opts: {
  database: Database;
  translate: Translate;
  liveRuns: number;
  /** Registered people besides the live runs (the broadcast goes to them). */
  others: number;
  perSecond: number;
  broadcast: number;
}): Promise<UpdateBenchResult> {
  const worker = fork(fileURLToPath(new URL("./update-worker.ts", import.meta.url)), {
    execArgv: ["--import", "tsx"],
  });
  const ask = async <T>(msg: Record<string, unknown>, reply: string): Promise<T> => {
    const answer = new Promise<T>((resolve) => {
      const on = (m: { kind: string }) => {
        if (m.kind !== reply) return;
        worker.off("message", on);
        resolve(m as T);
      };
      worker.on("message", on);
    });
    worker.send(msg);
    return answer;
  };
  const [ready] = (await once(worker, "message")) as [{ apiRoot: string }];
  try {
    return await measure(opts, ready.apiRoot, ask);
  } finally {
    await Promise.race([ask({ kind: "stop" }, "stopped"), new Promise((r) => setTimeout(r, 5_000))]);
    if (worker.exitCode === null) worker.kill();
  }
}

type Ask = <T>(msg: Record<string, unknown>, reply: string) => Promise<T>;

/** Seeds, starts Pandu on the emulator at `apiRoot`, and times the answers (see runUpdateBench). */
async function measure(
  opts: Parameters<typeof runUpdateBench>[0],
  apiRoot: string,
  ask: Ask,
): Promise<UpdateBenchResult> {
  const { database } = opts;

  // Every database command is counted against the update it was sent for.
  const answering = new AsyncLocalStorage<Sent>();
  const perChat = new Map<number, Sent>();
  let timing = false;
  let unattributed = 0;
  const client = database.connection.getClient();
  const onCommand = (e: CommandStartedEvent) => {
    const store = answering.getStore();
    if (store) {
      store.commands++;
      store.shapes.push(shapeOfCommand(e));
    } else if (timing) unattributed++;
  };
  client.on("commandStarted", onCommand);

  const today = new Date();
  const clock = movingClock(today);
  /** How far the app's clock moves on at each /asesmen of the resume phase. */
  let resumeStep = 0;
  let live: { person: LivePerson; step: RunStep }[] = [];
  let others: LivePerson[] = [];
  let registered = 0;
  let units = 0;
  let tiers = 0;
  const pandu = await wireTelegramPandu({
    database,
    translate: opts.translate,
    apiRoot,
    jobs: true,
    now: clock.now,
    aroundHandle: (who, inbound, work) => {
      if (inbound.kind === "command") clock.advance(resumeStep);
      if (!timing || inbound.kind !== "button") return work();
      const store: Sent = { commands: 0, shapes: [] };
      perChat.set(Number(who.id.slice("telegram:".length)), store);
      return answering.run(store, work);
    },
    prepare: async (app) => {
      await seedDemoIfEmpty(app.repos, app.seedFile);
      const count = opts.liveRuns + opts.others;
      progress(`update: seeding ${count} registered people (bulk inserts)`);
      const people = await seedLivePeople(app, database, { count, firstChat: FIRST_CHAT, today });
      registered = people.length;
      progress("update: one person of each tier, jabatan and language takes /asesmen (not timed)");
      const t0 = performance.now();
      // Through an app of their own (no flood guard, nothing cached in the one being measured).
      const seeding = createApp({ database, translate: opts.translate });
      const { templates, takers } = await takeTemplates(seeding, people);
      await seeding.releaseLeases();
      progress(
        `update: ${templates.size} assessments taken in ${round1((performance.now() - t0) / 1000)} s ` +
          `(${[...templates.values()].map((t) => t.steps.length).join(", ")} statements)`,
      );
      const rest = people.filter((p) => !takers.has(p.personId));
      const chosen = rest.slice(0, opts.liveRuns);
      others = rest.slice(opts.liveRuns);
      live = spreadOverTheAssessment(chosen, templates);
      await seedRuns(database, live, today);
      const seeded = await database.models.Person.find(
        { _id: { $in: chosen.map((p) => p.personId) } },
        { unitId: 1, tier: 1 },
      )
        .lean<{ unitId: string; tier: string }[]>()
        .exec();
      units = new Set(seeded.map((p) => p.unitId)).size;
      tiers = new Set(seeded.map((p) => p.tier)).size;
    },
  });
  try {
    if (live.length < opts.liveRuns) throw new Error(`bench: only ${live.length} live runs seeded`);
    // The order people answer in is shuffled, so final answers fall all over the window.
    const rnd = lcg(7);
    const order = live.map((l) => ({ l, r: rnd() })).sort((a, b) => a.r - b.r);
    // They see their statement again in that order while the app's clock moves on by a profile
    // cache's lifetime plus the time between two answers of one person (live runs ÷ rate), so at
    // their answer the profiles they left cached are aged evenly from that time to 5 minutes more,
    // as in a steady stream of answers: the share that finds its profile expired (about one in
    // four at 2,000 runs and 25/s) reads the person again. The catalog cache expires too.
    progress(`update: ${live.length} people see their statement again (/asesmen, not timed)`);
    const gapMs = (live.length / opts.perSecond) * 1000;
    resumeStep = (PROFILE_TTL_MS + gapMs) / live.length;
    const resumed = await ask<{ problems: string[] }>(
      {
        kind: "resume",
        people: order.map(({ l }) => ({ chat: l.person.chat, question: l.step.question })),
      },
      "resumed",
    );
    resumeStep = 0;
    if (resumed.problems.length > 0)
      throw new Error(
        `bench: ${resumed.problems.length} runs did not resume: ${resumed.problems.slice(0, 3)}`,
      );

    // A broadcast waits in the outbox for people not answering now: the dispatcher sends it meanwhile.
    const recipients = Array.from({ length: opts.broadcast }, (_, i) => others[i % others.length]!);
    await pandu.app.repos.deliveries.enqueueMany(
      recipients.map((p, i) => ({
        _id: `broadcast.bench:u1:${p.personId}:${i}`,
        purpose: "broadcast.bench",
        personId: p.personId,
        identityId: `telegram:${p.chat}`,
        channel: "telegram",
        address: String(p.chat),
        message: { text: `${BROADCAST_PREFIX} ${i}: pendaftaran pelatihan kepemimpinan dibuka.` },
        dueAt: new Date(),
      })),
      new Date(),
    );

    const plan: PlannedAnswer[] = order.map(({ l }) => ({
      chat: l.person.chat,
      label: SCALE_LABELS[l.person.locale][l.step.score - 1]!,
      expect: l.step.reply,
      final: l.step.final,
    }));
    const finals = plan.filter((a) => a.final).length;
    progress(`update: ${plan.length} answers (${finals} final) offered at ${opts.perSecond}/s`);
    const failuresBefore = pandu.failures();
    timing = true;
    const result = await ask<WorkerResult>(
      { kind: "go", plan, perSecond: opts.perSecond, timeoutMs: 60_000, broadcastPrefix: BROADCAST_PREFIX },
      "done",
    );
    timing = false;
    const failed = pandu.failures() - failuresBefore;

    // Every answer's reply was the expected one, and the runs moved exactly one answer on.
    const problems = result.outcomes.filter((o) => o.problem);
    if (problems.length > 0)
      throw new Error(
        `bench: ${problems.length} answers went wrong: ${problems
          .slice(0, 3)
          .map((o) => `${o.chat}: ${o.problem}`)
          .join("; ")}`,
      );
    const lost = await lostAnswers(database, live);
    if (lost.length > 0)
      throw new Error(`bench: ${lost.length} answers not recorded as one: ${lost.slice(0, 3)}`);
    if (result.extraReplies.length > 0 || failed > 0)
      throw new Error(
        `bench: ${result.extraReplies.length} replies too many (${result.extraReplies.slice(0, 3)}), ${failed} failed updates`,
      );

    const byChat = new Map(plan.map((a) => [a.chat, a]));
    const ms = (final?: boolean) =>
      result.outcomes.filter((o) => final === undefined || o.final === final).map((o) => o.ms!);
    const trips = (final: boolean) =>
      [...perChat].filter(([chat]) => byChat.get(chat)?.final === final).map(([, s]) => s.commands);
    if (perChat.size !== plan.length)
      throw new Error(`bench: ${perChat.size} updates handled for ${plan.length} answers`);
    const breakdown = (final: boolean) => {
      const sent = [...perChat].filter(([chat]) => byChat.get(chat)?.final === final).map(([, s]) => s);
      const counts = new Map<string, number>();
      for (const s of sent) for (const shape of s.shapes) counts.set(shape, (counts.get(shape) ?? 0) + 1);
      return [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([shape, n]) => `${shape} ×${Math.round((n / sent.length) * 100) / 100}`)
        .join("; ");
    };
    const ordinary = trips(false);
    const finalTrips = trips(true);
    const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
    const all = ms();
    return {
      flow: "asesmen",
      live_runs: live.length,
      registered,
      units,
      tiers,
      offered_per_s: round1(plan.length / result.seconds),
      answers: all.length,
      p50_ms: round1(percentile(all, 50)),
      p95_ms: round1(percentile(all, 95)),
      p99_ms: round1(percentile(all, 99)),
      max_ms: round1(Math.max(...all)),
      ordinary_p50_ms: round1(percentile(ms(false), 50)),
      ordinary_p95_ms: round1(percentile(ms(false), 95)),
      final_answers: finals,
      final_p50_ms: round1(percentile(ms(true), 50)),
      final_p95_ms: round1(percentile(ms(true), 95)),
      db_roundtrips_per_answer: Math.round(mean(ordinary) * 100) / 100,
      db_roundtrips_per_answer_max: Math.max(...ordinary),
      final_answer_roundtrips: Math.round(mean(finalTrips) * 100) / 100,
      roundtrip_breakdown: breakdown(false),
      final_roundtrip_breakdown: breakdown(true),
      unattributed_commands: unattributed,
      broadcast_queued: opts.broadcast,
      broadcast_sent_during: result.broadcastDuring,
      broadcast_sent_by_end: result.broadcastTotal,
      lost: lost.length,
      duplicates: result.extraReplies.length,
      failed_updates: failed,
    };
  } finally {
    client.off("commandStarted", onCommand);
    await pandu.stop();
  }
}

/**
 * Puts each kind's people at positions spread evenly from the first statement to the last, so
 * some answers complete (and save) an assessment; returns each person with the step they are at.
 */
function spreadOverTheAssessment(
  people: LivePerson[],
  templates: Map<string, AssessmentTemplate>,
): { person: LivePerson; step: RunStep }[] {
  const byKey = new Map<string, LivePerson[]>();
  for (const p of people) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
  const out: { person: LivePerson; step: RunStep }[] = [];
  for (const [key, group] of byKey) {
    const steps = templates.get(key)!.steps;
    group.forEach((person, j) => {
      const at = group.length === 1 ? 0 : Math.round((j * (steps.length - 1)) / (group.length - 1));
      out.push({ person, step: steps[at]! });
    });
  }
  return out;
}

/**
 * The people whose answer was not recorded exactly once: a final answer leaves one assessment and
 * no run; any other leaves the run one response further on.
 */
async function lostAnswers(
  database: Database,
  live: { person: LivePerson; step: RunStep }[],
): Promise<string[]> {
  const ids = live.map((l) => l.person.personId);
  const m = database.models;
  const runs = new Map(
    (
      await m.FlowRun.find({ personId: { $in: ids } }, { personId: 1, answers: 1, state: 1 })
        .lean()
        .exec()
    ).map((r) => [r.personId, decodeRun(r)]),
  );
  const saved = new Map<string, number>();
  for (const a of await m.Assessment.find({ personId: { $in: ids } }, { personId: 1 })
    .lean()
    .exec())
    saved.set(a.personId, (saved.get(a.personId) ?? 0) + 1);
  const wrong: string[] = [];
  for (const { person, step } of live) {
    const run = runs.get(person.personId);
    if (step.final) {
      if (run || saved.get(person.personId) !== 1)
        wrong.push(`${person.personId}: final answer not saved once`);
    } else {
      const responses = (run?.answers.responses as unknown[] | undefined)?.length;
      if (responses !== step.answered + 1 || saved.has(person.personId))
        wrong.push(`${person.personId}: ${responses} responses after answer ${step.answered + 1}`);
    }
  }
  return wrong;
}
