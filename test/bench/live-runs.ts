import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/connection.js";
import type { FlowRun } from "../../src/db/models/index.js";
import { encodeRun } from "../../src/db/repositories/flow-runs.js";
import type { Outbound } from "../../src/engine/types.js";
import { createPeopleGenerator, lcg } from "./agency-people.js";

/**
 * People in the middle of the real /asesmen (flows/asesmen.yaml), for the update and memory
 * benchmarks. A run is a document the engine wrote: for each kind of person (tier, jabatan and
 * language decide which competencies are assessed and how the statements read) one of them takes
 * the whole assessment through the app's conversation service, and the run is read back after
 * every answer. Everyone else of that kind gets a copy of the run as it stood after some number of
 * answers, so their runs are what the engine would have stored had they answered the same way;
 * the answer they give next, and what Pandu must say to it, are those of the one who went first.
 */

/** One position in a taken assessment: the run after `answered` answers, what comes next. */
export interface RunStep {
  /** The run as the engine stored it after `answered` answers (at a statement). */
  run: FlowRun;
  answered: number;
  /** The score (1–4) given to the statement the run is at. */
  score: number;
  /** The statement the run is at, as Pandu words it. */
  question: string;
  /** What Pandu says last to that answer: the next statement, or the "result saved" line. */
  reply: string;
  /** The answer completes the assessment (it saves it). */
  final: boolean;
}

/** A kind of person and the assessment one of them took, position by position. */
export interface AssessmentTemplate {
  key: string;
  locale: "id" | "en";
  steps: RunStep[];
}

/** A seeded person reachable on Telegram. */
export interface LivePerson {
  personId: string;
  chat: number;
  /** Tier, jabatan and language: people with the same key are assessed on the same statements. */
  key: string;
  locale: "id" | "en";
}

/** The flow's answer buttons (flows/asesmen.yaml, step `ask`), by score, in each language. */
export const SCALE_LABELS = {
  id: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
  en: ["Not like me", "Somewhat unlike me", "Like me", "Very much like me"],
} as const;

const BATCH = 1_000;

/**
 * Bulk-inserts `count` registered people on Telegram across the demo org's instansi, units, tiers
 * and jabatan, with valid distinct NIPs (the agency generator), `firstChat + k` as their chats.
 */
export async function seedLivePeople(
  app: App,
  database: Database,
  opts: { count: number; firstChat: number; today: Date; seed?: number },
): Promise<LivePerson[]> {
  const units = await app.repos.orgUnits.all();
  const personOf = createPeopleGenerator({
    units,
    today: opts.today,
    firstChat: opts.firstChat,
    seed: opts.seed ?? 23,
  });
  const people: LivePerson[] = [];
  for (let k = 0; people.length < opts.count; ) {
    const batch = [];
    while (batch.length < BATCH && people.length + batch.length < opts.count) {
      const drawn = personOf(k++);
      // Only people on Telegram: the benchmarks talk through the Telegram adapter.
      if (drawn.chat !== undefined) batch.push(drawn);
    }
    const m = database.models;
    await m.Person.insertMany(batch.map((x) => x.person));
    await m.NipClaim.insertMany(batch.map((x) => x.nipClaim));
    await m.Identity.insertMany(batch.map((x) => x.identity));
    for (const x of batch) {
      const locale = x.person.locale === "en" ? "en" : "id";
      people.push({
        personId: x.person._id,
        chat: x.chat!,
        key: `${x.person.tier}|${x.person.jabatanId ?? "-"}|${locale}`,
        locale,
      });
    }
  }
  return people;
}

/** The texts of replies, last first: the one that asks or closes comes last. */
const lastText = (out: Outbound[]) => [...out].reverse().find((o) => o.text)?.text ?? "";

/**
 * One person of each kind takes the whole /asesmen through `app.conversations.handle` (not timed;
 * give it an app of its own, without the flood guard that would slow a person down after a few
 * answers a second):
 * /asesmen, "yes" to the intro, then every statement answered by typing its score. Scores follow a
 * made-up true level per competency with some noise, so the runs are long and differ. Returns the
 * templates and the people who took them (they finished; they are not mid-flow any more).
 */
export async function takeTemplates(
  app: App,
  people: LivePerson[],
  opts: { seed?: number } = {},
): Promise<{ templates: Map<string, AssessmentTemplate>; takers: Set<string> }> {
  const rnd = lcg(opts.seed ?? 5);
  const first = new Map<string, LivePerson>();
  for (const p of people) if (!first.has(p.key)) first.set(p.key, p);
  const templates = new Map<string, AssessmentTemplate>();
  for (const [key, p] of first) {
    const who = { id: `telegram:${p.chat}`, channel: "telegram" } as const;
    const truth = new Map<string, number>();
    const intro = await app.conversations.handle(who, { kind: "command", command: "asesmen", args: "" });
    const yes = intro.find((o) => o.choices)?.choices?.[0]?.[0]?.data;
    if (!yes) throw new Error(`bench: /asesmen gave ${p.personId} no intro to confirm: ${lastText(intro)}`);
    let question = lastText(await app.conversations.handle(who, { kind: "button", data: yes }));
    const steps: RunStep[] = [];
    let seq = -1;
    for (let answered = 0; ; answered++) {
      const run = (await app.repos.flowRuns.listForPerson(p.personId)).find((r) => r.flowId === "asesmen");
      if (!run) break;
      if (run.stepId !== "ask" || run.seq <= seq)
        throw new Error(
          `bench: ${p.personId}'s run stopped at ${run.stepId} after "${question.slice(0, 120)}"`,
        );
      seq = run.seq;
      const current = run.answers.current as { c: string; l: number };
      if (!truth.has(current.c)) truth.set(current.c, Math.floor(rnd() * 6));
      const holds = current.l <= truth.get(current.c)!;
      // Mostly consistent with a true level, sometimes not (people are not).
      const score =
        rnd() < 0.15
          ? 1 + Math.floor(rnd() * 4)
          : holds
            ? 3 + Math.floor(rnd() * 2)
            : 1 + Math.floor(rnd() * 2);
      const out = await app.conversations.handle(who, { kind: "text", text: String(score) });
      const reply = lastText(out);
      steps.push({ run, answered, score, question, reply, final: false });
      question = reply;
      if (answered > 300) throw new Error("bench: an assessment that does not end");
    }
    const last = steps.at(-1);
    if (!last) throw new Error(`bench: ${p.personId} answered nothing`);
    last.final = true;
    templates.set(key, { key, locale: p.locale, steps });
  }
  return { templates, takers: new Set([...first.values()].map((p) => p.personId)) };
}

/**
 * Inserts a copy of `step.run` for each person (their own id, person and chat), as if they had
 * answered as the template's taker did; returns nothing, the runs are in the database.
 */
export async function seedRuns(
  database: Database,
  runs: { person: LivePerson; step: RunStep }[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < runs.length; i += BATCH) {
    await database.models.FlowRun.insertMany(
      runs.slice(i, i + BATCH).map(({ person, step }) => ({
        // Stored as the runs repository stores a run.
        ...encodeRun(step.run),
        // Ids as the engine makes them: button data carries them, [a-z0-9] only.
        _id: `rb${person.personId.toLowerCase().replace(/[^a-z0-9]/g, "")}`,
        personId: person.personId,
        identityId: `telegram:${person.chat}`,
        startedAt: new Date(now.getTime() - 20 * 60_000),
        updatedAt: now,
      })),
    );
  }
}
