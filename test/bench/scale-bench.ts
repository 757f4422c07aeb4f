import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StorageConfig } from "../../src/config/config.js";
import type { Database } from "../../src/db/connection.js";
import { openStorage } from "../../src/db/open-storage.js";
import type { Translate } from "../../src/engine/text.js";
import { type AgencySeed, seedAgency } from "./agency-seed.js";
import { movingClock } from "./moving-clock.js";
import { percentile, progress, round1 } from "./report.js";
import { syntheticCatalog } from "./synthetic-catalog.js";
import { startTelegramPandu, type TelegramPandu } from "./telegram-pandu.js";

/** What the province-scale benchmark reports for one storage. */
export interface ScaleResult extends Record<string, string | number | Record<string, number>> {
  storage: string;
  people: number;
  results: number;
  delivery_log: number;
  mid_assessment: number;
  answer_p50_ms: number;
  answer_p95_ms: number;
  /** p95 per command, and for a registered person's first message (`first_message`). */
  command_p95_ms: Record<string, number>;
  command_p50_ms: Record<string, number>;
  find_id_ms: number;
  seed_s: number;
}

const FIRST_CHAT = 800_000_000;
/** Commands timed, each from people who have not written since Pandu started (a cold profile). */
const COMMANDS = ["/hasil", "/rekomendasi", "/pelatihan"] as const;

/** Sent-and-logged deliveries from the past months, as reminders and broadcasts leave them. */
export async function seedDeliveryLog(database: Database, seed: AgencySeed, count: number, today: Date) {
  const { DeliveryLog } = database.models;
  for (let i = 0; i < count; i += 2_000) {
    const batch = Array.from({ length: Math.min(2_000, count - i) }, (_, j) => {
      const n = i + j;
      const who = seed.onTelegram[n % seed.onTelegram.length]!;
      const at = new Date(today.getTime() - (1 + (n % 180)) * 86_400_000);
      const purpose = n % 3 === 0 ? `broadcast.old${n % 40}` : `reminder.session.s${n % 500}`;
      return {
        _id: `${purpose}:${n}:${who.personId}`,
        purpose,
        personId: who.personId,
        identityId: `telegram:${who.chat}`,
        channel: "telegram",
        address: String(who.chat),
        message: { text: "Pengingat pelatihan" },
        dueAt: at,
        status: "sent",
        attempts: 1,
        resends: 0,
        createdAt: at,
        sentAt: at,
      };
    });
    await DeliveryLog.insertMany(batch, { ordered: false });
  }
}

/**
 * Province scale on one storage: 50,000 registered people with their assessment history
 * (`results` competency results), 100,000 logged deliveries and 2,000 people in the middle of
 * /asesmen, served by Pandu on Telegram as main.ts wires it. Timed, one at a time through the
 * emulator: an answer to an assessment statement, /hasil, /rekomendasi, /pelatihan and a first
 * message ("halo") from a registered person; and findOne({_id}) on the people collection.
 */
export async function runScaleBench(opts: {
  storage: "sqlite" | "postgresql";
  postgresqlUrl?: string;
  translate: Translate;
  people: number;
  midAssessment: number;
  deliveryLog: number;
  runs: number;
}): Promise<ScaleResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "pandu-scale-"));
  const storage: StorageConfig =
    opts.storage === "postgresql"
      ? { kind: "embedded-postgresql", postgresqlUrl: opts.postgresqlUrl!, dataDir }
      : { kind: "embedded-sqlite", dataDir };
  const opened = await openStorage({
    storage,
    poolSize: 20,
    dbName: `pandu_scale_${Date.now().toString(36)}`,
  });
  const tag = `scale.${opts.storage}`;
  let pandu: TelegramPandu | undefined;
  try {
    const clock = movingClock(new Date("2026-11-25T01:00:00Z"));
    const today = clock.now();
    let seed!: AgencySeed;
    const seedStart = performance.now();
    pandu = await startTelegramPandu({
      database: opened.database,
      translate: opts.translate,
      now: clock.now,
      prepare: async (app) => {
        await app.courseCatalog.save(syntheticCatalog(1_000));
        progress(`${tag}: seeding ${opts.people} people (bulk inserts)`);
        seed = await seedAgency(app, opened.database, {
          people: opts.people,
          mentorShare: 0.05,
          today,
          firstChat: FIRST_CHAT,
        });
        progress(`${tag}: ${opts.deliveryLog} logged deliveries`);
        await seedDeliveryLog(opened.database, seed, opts.deliveryLog, today);
      },
    });
    const app = pandu.app;
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const results = (
      await opened.database.models.Assessment.find({}, { "results.competency": 1 })
        .lean<{ results: unknown[] }[]>()
        .exec()
    ).reduce((n, a) => n + a.results.length, 0);

    // Everyone whose last assessment is past the 90-day interval may start again: some do now.
    const candidates = seed.onTelegram.filter((_, i) => i % 7 === 3);
    const people = await app.repos.people.byIds(candidates.map((c) => c.personId));
    const due = candidates.filter((c) => {
      const at = people.get(c.personId)?.status?.assessedAt;
      return at && today.getTime() - at.getTime() > 95 * 86_400_000;
    });
    const mid = due.slice(0, opts.midAssessment);
    progress(`${tag}: ${mid.length} people start /asesmen (not timed)`);
    let started = 0;
    for (const who of mid) {
      const out = await app.conversations.handle(
        { id: `telegram:${who.chat}`, channel: "telegram" },
        { kind: "command", command: "asesmen", args: "" },
      );
      if (out.some((o) => (o.choices ?? []).length > 0)) started++;
    }
    if (started < mid.length * 0.95)
      throw new Error(`${tag}: only ${started} of ${mid.length} began /asesmen`);

    const timed = async (label: string, chats: number[], text: string) => {
      const ms: number[] = [];
      for (const chat of chats) {
        clock.advance(2_000);
        const reply = await pandu!.time(chat, text);
        if (reply.failed || reply.replies.length === 0) throw new Error(`${tag}: ${label} got no answer`);
        ms.push(reply.ms);
      }
      progress(`${tag}: ${label} p50 ${round1(percentile(ms, 50))} ms, p95 ${round1(percentile(ms, 95))} ms`);
      return ms;
    };
    // Answers: "3" (agree) to the statement each person is at, as a tap or a typed number is taken.
    const answerChats = Array.from({ length: opts.runs }, (_, i) => mid[i % mid.length]!.chat);
    const answers = await timed("answer", answerChats, "3");
    // The rest of the people: each command and the first message from people not yet seen.
    const busy = new Set(mid.map((m) => m.chat));
    const idle = seed.onTelegram.filter((p, i) => !busy.has(p.chat) && i % 7 !== 3);
    const stride = Math.max(1, Math.floor(idle.length / (opts.runs * (COMMANDS.length + 1))));
    let next = 0;
    const fresh = () => Array.from({ length: opts.runs }, () => idle[(next++ * stride) % idle.length]!.chat);
    const byCommand: Record<string, number[]> = {};
    for (const command of COMMANDS) byCommand[command.slice(1)] = await timed(command, fresh(), command);
    byCommand.first_message = await timed("first message", fresh(), "halo");

    // One findOne by _id on the people collection, alone (median of 300).
    const ids = seed.onTelegram.filter((_, i) => i % 13 === 5).map((p) => p.personId);
    const findMs: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await opened.database.models.Person.findOne({ _id: ids[i % ids.length] })
        .lean()
        .exec();
      findMs.push(performance.now() - t0);
    }
    const p = (xs: number[], q: number) => round1(percentile(xs, q));
    return {
      storage: opts.storage,
      people: seed.people,
      results,
      delivery_log: opts.deliveryLog,
      mid_assessment: started,
      answer_p50_ms: p(answers, 50),
      answer_p95_ms: p(answers, 95),
      command_p95_ms: Object.fromEntries(Object.entries(byCommand).map(([k, v]) => [k, p(v, 95)])),
      command_p50_ms: Object.fromEntries(Object.entries(byCommand).map(([k, v]) => [k, p(v, 50)])),
      find_id_ms: p(findMs, 50),
      seed_s: round1(seedSeconds),
    };
  } finally {
    await pandu?.stop();
    await opened.database.connection.dropDatabase().catch(() => {});
    await opened.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
