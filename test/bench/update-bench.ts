import type { RunnerHandle } from "@grammyjs/runner";
import { createApp } from "../../src/app.js";
import { createTelegramBot, startPolling } from "../../src/channels/telegram/bot.js";
import type { Database } from "../../src/db/connection.js";
import { parseFlowFile } from "../../src/engine/catalog.js";
import type { Translate } from "../../src/engine/text.js";
import { createLogger } from "../../src/logging/logger.js";
import { seedDemoIfEmpty } from "../../src/services/demo-seed.js";
import { TelegramEmulator } from "../support/telegram-emulator.js";
import { percentile, progress, round1 } from "./report.js";
import { seedRegisteredPeople } from "./seed-people.js";

/** Twelve questions answered with buttons, like the self-assessment; then one compute step and the end. */
const QUESTIONS = 12;
const BENCH_FLOW = parseFlowFile(
  `
id: latihan
version: 1
title: { id: Latihan }
commands: [latihan]
start: q1
steps:
${Array.from(
  { length: QUESTIONS },
  (_, i) => `  - id: q${i + 1}
    kind: likert
    text: { id: "Pernyataan ${i + 1}: saya menyampaikan informasi dengan jelas kepada rekan kerja." }
    scale: [{ id: "Tidak pernah" }, { id: "Kadang-kadang" }, { id: "Sering" }, { id: "Selalu" }]
    next: ${i + 1 < QUESTIONS ? `q${i + 2}` : "save"}`,
).join("\n")}
  - id: save
    kind: compute
    service: bench.record
    next: done
  - id: done
    kind: end
    text: { id: "Selesai." }
`,
  "bench/latihan.yaml",
);

export interface UpdateBenchResult {
  registered: number;
  people: number;
  offered_per_s: number;
  p50_ms: number;
  p95_ms: number;
  db_roundtrips_per_answer: number;
  max_answers_per_s: number;
  completed: number;
  lost: number;
  recorded_twice: number;
}

interface Person {
  chat: number;
  /** The update id of the answer waiting for its reply, and when the bot received it. */
  pending?: { updateId: number; deliveredAt?: number };
  answered: number;
  finished: number;
}

/**
 * Runs the update benchmark against an open database: seeds `registered` people, then drives
 * `people` of them through the flow on the Telegram adapter, first at `offeredPerSecond`
 * (latency), then as fast as the bot replies (capacity).
 */
export async function runUpdateBench(opts: {
  database: Database;
  translate: Translate;
  countCommands: { n: number };
  registered: number;
  people: number;
  offeredPerSecond: number;
  latencyAnswersPerPerson: number;
}): Promise<UpdateBenchResult> {
  const { database, people: peopleCount } = opts;
  const recorded = new Map<string, number>();
  const app = createApp({
    database,
    translate: opts.translate,
    extra: {
      flows: [BENCH_FLOW],
      services: {
        "bench.record": async ({ conversation, answers }) => {
          const complete = Array.from({ length: QUESTIONS }, (_, i) => answers[`q${i + 1}`]).every(
            (a) => a === 3,
          );
          recorded.set(
            conversation.subjectId,
            (recorded.get(conversation.subjectId) ?? 0) + (complete ? 1 : 100),
          );
          return {};
        },
      },
    },
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);

  progress(`seeding ${opts.registered} registered people (bulk inserts)`);
  const t0 = performance.now();
  await seedRegisteredPeople(database, {
    count: opts.registered,
    idPrefix: "pbench",
    name: "ASN Uji",
    firstChat: 0,
  });
  progress(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const tg = new TelegramEmulator();
  tg.logCalls = false;
  await tg.start();
  const bot = createTelegramBot({
    token: "123456:BENCH-token-for-the-emulator_000",
    apiRoot: tg.apiRoot,
    handle: app.conversations.handle,
    groupText: () => "",
    errorText: () => "error",
    logger: createLogger("error"),
  });
  const runner: RunnerHandle = await startPolling(bot);

  const people: Person[] = Array.from({ length: peopleCount }, (_, i) => ({
    chat: i + 1,
    answered: 0,
    finished: 0,
  }));
  const byChat = new Map(people.map((p) => [p.chat, p]));
  const latencies: number[] = [];
  let measuring = false;
  let onQuestion: ((p: Person) => void) | undefined;
  const byUpdate = new Map<number, Person>();

  tg.hooks.delivered = (updateId, at) => {
    const p = byUpdate.get(updateId);
    if (p?.pending?.updateId === updateId) p.pending.deliveredAt = at;
  };
  tg.hooks.called = (method, body, at) => {
    if (method !== "sendMessage") return;
    const p = byChat.get(Number(body.chat_id));
    if (!p) return;
    const text = String(body.text);
    if (text.startsWith("Selesai")) p.finished++;
    if (p.pending?.deliveredAt !== undefined) {
      if (measuring) latencies.push(at - p.pending.deliveredAt);
      byUpdate.delete(p.pending.updateId);
      p.pending = undefined;
    }
    if (text.includes("Pernyataan")) onQuestion?.(p);
  };
  const answer = (p: Person) => {
    const question = tg.lastByChat.get(p.chat);
    const button = question?.buttons[0]?.[2];
    if (!question || !button) return;
    p.answered++;
    const updateId = tg.press(p.chat, question.message_id, button.callback_data);
    p.pending = { updateId };
    byUpdate.set(updateId, p);
  };
  const waitFor = async (check: () => boolean, ms: number, what: string) => {
    const until = Date.now() + ms;
    while (!check()) {
      if (Date.now() > until) throw new Error(`bench: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  progress(`starting the flow for ${peopleCount} people`);
  for (const p of people) tg.sendText(p.chat, "/latihan");
  await waitFor(
    () => people.every((p) => tg.lastByChat.get(p.chat)?.text.includes("Pernyataan 1")),
    60_000,
    "first questions",
  ).catch((err) => {
    progress(`chat 1 last message: ${tg.lastByChat.get(1)?.text}`);
    throw err;
  });

  // (a) Latency under a realistic load: every person answers in turn, `offeredPerSecond` in all.
  const total = peopleCount * opts.latencyAnswersPerPerson;
  progress(`latency: ${total} answers offered at ${opts.offeredPerSecond}/s`);
  measuring = true;
  const commandsBefore = opts.countCommands.n;
  const started = performance.now();
  for (let k = 0; k < total; k++) {
    const due = started + (k * 1000) / opts.offeredPerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const p = people[k % peopleCount]!;
    if (p.pending) continue;
    answer(p);
    if (k > 0 && k % 200 === 0)
      progress(`  ${k}/${total} answers, p50 so far ${percentile(latencies, 50).toFixed(1)} ms`);
  }
  await waitFor(() => people.every((p) => !p.pending), 30_000, "the last replies");
  const elapsed = (performance.now() - started) / 1000;
  measuring = false;
  const answeredA = people.reduce((n, p) => n + p.answered, 0);
  const roundTrips = (opts.countCommands.n - commandsBefore) / answeredA;

  // (b) Capacity: everyone answers the moment the next question arrives, to the end of the flow.
  progress(`capacity: ${peopleCount} people answer as fast as the bot replies`);
  const capacityStart = performance.now();
  const answeredBefore = answeredA;
  onQuestion = (p) => setImmediate(() => answer(p));
  for (const p of people) answer(p);
  await waitFor(() => people.every((p) => p.finished > 0), 300_000, "every flow to finish");
  const capacitySeconds = (performance.now() - capacityStart) / 1000;
  const answeredB = people.reduce((n, p) => n + p.answered, 0) - answeredBefore;
  await new Promise((r) => setTimeout(r, 300));

  await runner.stop();
  await tg.stop();
  const completed = people.filter((p) => p.finished === 1).length;
  const runsLeft = await database.models.FlowRun.countDocuments({ flowId: "latihan" });
  const recordedTwice = [...recorded.values()].filter((n) => n !== 1).length;
  return {
    registered: opts.registered,
    people: peopleCount,
    offered_per_s: round1(answeredA / elapsed),
    p50_ms: round1(percentile(latencies, 50)),
    p95_ms: round1(percentile(latencies, 95)),
    db_roundtrips_per_answer: Math.round(roundTrips * 100) / 100,
    max_answers_per_s: round1(answeredB / capacitySeconds),
    completed,
    lost: peopleCount - completed + runsLeft,
    recorded_twice:
      recordedTwice + (recorded.size === peopleCount ? 0 : Math.abs(peopleCount - recorded.size)),
  };
}
