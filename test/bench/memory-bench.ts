import { createApp } from "../../src/app.js";
import type { IncomingIdentity } from "../../src/conversation/router.js";
import type { Database } from "../../src/db/connection.js";
import type { Translate } from "../../src/engine/text.js";
import { seedDemoIfEmpty } from "../../src/services/demo-seed.js";
import { watchCommands } from "./command-watch.js";
import { progress, round1 } from "./report.js";
import { seedRegisteredPeople } from "./seed-people.js";

/** The people of this benchmark are on Telegram chats after this one. */
const FIRST_CHAT = 5_000_000;

export interface MemoryBenchResult {
  [key: string]: number | string;
  people: number;
  rss_mb: number;
  heap_mb: number;
  rss_before_mb: number;
  seconds: number;
  /** Database commands per person's first message, and their summed duration. */
  db_commands_per_person: number;
  db_ms_per_person: number;
}

const mb = (bytes: number) => round1(bytes / 2 ** 20);

/**
 * Resident memory of one app process with `people` people in the middle of the self-assessment:
 * each registered person (bulk-inserted) sends /asesmen through the app's conversation service and
 * is left at its first statement, so every cache (profiles, live runs) holds what it would in
 * production. Measured after a garbage collection when `--expose-gc` is on.
 */
export async function runMemoryBench(opts: {
  database: Database;
  translate: Translate;
  people: number;
  concurrency: number;
}): Promise<MemoryBenchResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const app = createApp({ database: opts.database, translate: opts.translate });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await seedRegisteredPeople(opts.database, {
    count: opts.people,
    idPrefix: "pmem",
    name: "ASN Memori",
    firstChat: FIRST_CHAT,
  });
  gc?.();
  const before = process.memoryUsage().rss;
  const watch = watchCommands(opts.database);
  const started = performance.now();
  let next = 0;
  let midFlow = 0;
  const worker = async () => {
    for (let i = next++; i < opts.people; i = next++) {
      const who: IncomingIdentity = { id: `telegram:${FIRST_CHAT + i + 1}`, channel: "telegram" };
      const first = await app.conversations.handle(who, { kind: "command", command: "asesmen", args: "" });
      if (first.some((o) => (o.choices ?? []).length > 0)) midFlow++;
      if ((i + 1) % 2000 === 0) progress(`memory: ${i + 1} of ${opts.people} people in /asesmen`);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const commands = [...watch.take().values()];
  watch.stop();
  if (midFlow < opts.people * 0.99)
    throw new Error(`only ${midFlow} of ${opts.people} people got a question`);
  gc?.();
  const usage = process.memoryUsage();
  return {
    people: midFlow,
    rss_mb: mb(usage.rss),
    heap_mb: mb(usage.heapUsed),
    rss_before_mb: mb(before),
    seconds: round1(seconds),
    db_commands_per_person: round1(commands.reduce((n, c) => n + c.count, 0) / opts.people),
    db_ms_per_person: round1(commands.reduce((n, c) => n + c.ms, 0) / opts.people),
  };
}
