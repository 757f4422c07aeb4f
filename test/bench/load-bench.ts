import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { Database } from "../../src/db/connection.js";
import type { Translate } from "../../src/engine/text.js";
import { watchCommands } from "./command-watch.js";
import { cpuSecondsByProcess, cpuSpent } from "./process-cpu.js";
import { progress, round1 } from "./report.js";
import { wireTelegramPandu } from "./telegram-pandu.js";

/** What the load benchmark reports. */
export interface LoadResult extends Record<string, unknown> {
  people: number;
  finished: number;
  steps: number;
  statements: number;
  seconds: number;
  steps_per_s: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  failed_updates: number;
  /** Per person: from the first /start to Pandu's first reply to them, and to their saved result. */
  first_reply_s: string;
  finish_s: string;
  api_calls_per_step: Record<string, number>;
  /** Latency by what the step answered (p50/p95 ms): a statement, an onboarding question, /start… */
  by_step: Record<string, string>;
  db_commands_per_step: number;
  db_ms_per_step: number;
  cpu_s: Record<string, number>;
  top_queries: Record<string, string>;
}

interface WorkerResult {
  people: number;
  finished: number;
  steps: number;
  statements: number;
  seconds: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  first_reply_s: string;
  finish_s: string;
  stuck: { chat: number; steps: number; last: string }[];
  api_calls: Record<string, number>;
  by_kind: Record<string, { n: number; p50: number; p95: number }>;
}

const FIRST_CHAT = 700_000_000;

/**
 * `people` new people at once on Telegram, each registering through onboarding and taking the
 * whole /asesmen, answering the moment Pandu asks (the emulator and the people in a child
 * process), served by Pandu wired as main.ts wires it on `database`, with the per-person flood
 * limit raised as for any load test. Latency runs from a person's update entering the emulator's
 * queue until Pandu's next question reached it, so waiting to be polled counts.
 */
export async function runLoadBench(opts: {
  database: Database;
  translate: Translate;
  people: number;
  timeoutMs: number;
}): Promise<LoadResult> {
  const worker = fork(fileURLToPath(new URL("./load-worker.ts", import.meta.url)), {
    execArgv: ["--import", "tsx"],
  });
  const [ready] = (await once(worker, "message")) as [{ apiRoot: string }];
  const pandu = await wireTelegramPandu({
    database: opts.database,
    translate: opts.translate,
    apiRoot: ready.apiRoot,
    env: { RATE_LIMIT_UPDATES: "10000" },
  });
  const watch = watchCommands(opts.database);
  const labels = { ferretdb: /pandu-ferretdb/, postgresql: /postgres/, people_and_emulator: /load-worker/ };
  const cpuBefore = cpuSecondsByProcess(labels);
  const panduBefore = process.cpuUsage();
  progress(`load: ${opts.people} people register and take /asesmen at once`);
  const done = once(worker, "message") as Promise<[WorkerResult & { kind: string }]>;
  worker.send({ kind: "go", people: opts.people, firstChat: FIRST_CHAT, timeoutMs: opts.timeoutMs });
  const [result] = await done;
  const panduCpu = process.cpuUsage(panduBefore);
  const cpu = cpuSpent(cpuBefore, cpuSecondsByProcess(labels));
  const commands = watch.take();
  watch.stop();
  await pandu.stop();
  worker.send({ kind: "stop" });
  if (worker.exitCode === null) await once(worker, "exit");
  if (result.finished < result.people) progress(`load: not finished: ${JSON.stringify(result.stuck)}`);

  const count = [...commands.values()].reduce((n, s) => n + s.count, 0);
  const ms = [...commands.values()].reduce((n, s) => n + s.ms, 0);
  const top = [...commands.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
  return {
    people: result.people,
    finished: result.finished,
    steps: result.steps,
    statements: result.statements,
    seconds: round1(result.seconds),
    steps_per_s: round1(result.steps / result.seconds),
    p50_ms: round1(result.p50_ms),
    p95_ms: round1(result.p95_ms),
    max_ms: round1(result.max_ms),
    failed_updates: pandu.failures(),
    first_reply_s: result.first_reply_s,
    finish_s: result.finish_s,
    by_step: Object.fromEntries(
      Object.entries(result.by_kind).map(([k, v]) => [k, `${v.n} steps, p50 ${v.p50} ms, p95 ${v.p95} ms`]),
    ),
    api_calls_per_step: Object.fromEntries(
      Object.entries(result.api_calls).map(([method, n]) => [
        method,
        Math.round((n / result.steps) * 100) / 100,
      ]),
    ),
    db_commands_per_step: round1(count / result.steps),
    db_ms_per_step: round1(ms / result.steps),
    cpu_s: { pandu: round1((panduCpu.user + panduCpu.system) / 1e6), ...cpu },
    top_queries: Object.fromEntries(
      top.map(([shape, s]) => [
        shape,
        `${round1(s.count / result.steps)}/step, ${round1(s.ms / s.count)} ms, ${Math.round(s.ms)} ms total`,
      ]),
    ),
  };
}
