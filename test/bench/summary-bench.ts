import { createApp } from "../../src/app.js";
import type { IncomingIdentity } from "../../src/conversation/router.js";
import type { Database } from "../../src/db/connection.js";
import type { Assessment, Completion, OrgUnit, Person } from "../../src/db/models/index.js";
import type { Translate } from "../../src/engine/text.js";
import { percentile, progress, round1 } from "./report.js";

export interface SummaryBenchResult {
  [key: string]: number | string;
  people: number;
  results: number;
  units: number;
  runs: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  seed_s: number;
  rebuild_s: number;
}

export interface ExportBenchResult {
  [key: string]: number | string;
  people: number;
  seconds: number;
  bytes: number;
}

const CODES = ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"];
const BATCH = 1_000;

/** A deterministic pseudo-random generator, so every run seeds the same history. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * /ringkasan and /ekspor for a supervisor whose scope holds `people` people in `units` units,
 * each assessed once in all nine competencies (people × 9 competency results) with a completion
 * or two. Seeded with bulk inserts, then the totals built by the rebuild command's code.
 */
export async function runSummaryBench(opts: {
  database: Database;
  translate: Translate;
  people: number;
  units: number;
  runs: number;
}): Promise<{ summary: SummaryBenchResult; export: ExportBenchResult }> {
  const now = new Date("2026-11-25T03:00:00Z");
  const app = createApp({ database: opts.database, translate: opts.translate, now: () => now });
  const m = opts.database.models;
  const rnd = lcg(7);
  const seedStart = performance.now();

  const units: OrgUnit[] = [
    {
      _id: "bench",
      name: "Pemerintah Provinsi Uji",
      kind: "instansi",
      parentId: null,
      instansiId: "bench",
      path: [],
    },
  ];
  const departments = Math.max(1, Math.round(opts.units / 25));
  for (let d = 0; d < departments; d++)
    units.push({
      _id: `bench.d${d}`,
      name: `Dinas ${d}`,
      kind: "unit",
      parentId: "bench",
      instansiId: "bench",
      path: ["bench"],
    });
  for (let u = 0; units.length < opts.units + departments + 1; u++) {
    const d = u % departments;
    units.push({
      _id: `bench.d${d}.u${u}`,
      name: `Bidang ${u}`,
      kind: "unit",
      parentId: `bench.d${d}`,
      instansiId: "bench",
      path: ["bench", `bench.d${d}`],
    });
  }
  await m.OrgUnit.insertMany(units);
  const leaves = units.filter((u) => u.path.length === 2);

  const total = { people: 0, results: 0 };
  for (let i = 0; i < opts.people; i += BATCH) {
    const people: Partial<Person>[] = [];
    const assessments: Partial<Assessment>[] = [];
    const completions: Completion[] = [];
    for (let k = i; k < Math.min(opts.people, i + BATCH); k++) {
      const unit = leaves[k % leaves.length]!;
      const id = `pb${k}`;
      const jp = Math.floor(rnd() * 30);
      people.push({
        _id: id,
        name: `Pegawai ${k}`,
        nip: `19800101200501${String(1000 + (k % 9000)).padStart(4, "0")}`,
        unitId: unit._id,
        instansiId: "bench",
        timeZone: "Asia/Jakarta",
        locale: "id",
        learningModes: [],
        roles: [],
        status: { lastAssessmentId: `sb${k}`, assessedAt: now, gapCount: 2, jpYear: 2026, jpTotal: jp },
        ...(rnd() < 0.8 ? { onboardedAt: now } : {}),
        createdAt: now,
        updatedAt: now,
      });
      const results = CODES.map((competency) => {
        const required = 2 + Math.floor(rnd() * 3);
        const assessed = 1 + Math.floor(rnd() * 5);
        return { competency, assessed, required, gap: required - assessed };
      });
      total.results += results.length;
      assessments.push({
        _id: `sb${k}`,
        personId: id,
        instansiId: "bench",
        unitId: unit._id,
        year: 2026,
        completedAt: new Date(now.getTime() - Math.floor(rnd() * 200) * 86_400_000),
        statements: 36,
        results,
      });
      if (jp > 0)
        completions.push({
          _id: `${id}|self|b`,
          personId: id,
          source: "self",
          title: "Pelatihan mandiri",
          method: "e-learning",
          kind: "nonklasikal",
          competencyType: "teknis",
          jp,
          completedOn: "2026-06-01",
          year: 2026,
          recordedAt: now,
        });
    }
    await m.Person.insertMany(people, { lean: true });
    await m.Assessment.insertMany(assessments, { lean: true });
    if (completions.length) await m.Completion.insertMany(completions, { lean: true });
    total.people += people.length;
    if ((i / BATCH) % 10 === 0) progress(`summary: seeded ${total.people} of ${opts.people} people`);
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;

  progress("summary: building the totals (npm run summaries -- rebuild)");
  const rebuildStart = performance.now();
  const rebuilt = await app.summaries.rebuild();
  const rebuildSeconds = (performance.now() - rebuildStart) / 1000;
  if (!rebuilt || rebuilt.people !== opts.people)
    throw new Error(`rebuild counted ${rebuilt?.people} people`);

  // The supervisor of the whole instansi, registered like anyone else.
  const boss = await app.repos.people.create({
    name: "Kepala BKPSDM Uji",
    timeZone: "Asia/Jakarta",
    unitId: "bench",
    instansiId: "bench",
    onboardedAt: now,
    roles: [{ role: "supervisor", unitId: "bench", grantedAt: now }],
  });
  const who: IncomingIdentity = { id: "telegram:777", channel: "telegram" };
  await app.repos.identities.bind({ id: who.id, channel: "telegram", personId: boss._id, now });
  await app.summaries.touch(boss._id);
  await app.summaries.settle();

  const times: number[] = [];
  let text = "";
  for (let r = 0; r < opts.runs; r++) {
    const t0 = performance.now();
    const out = await app.conversations.handle(who, { kind: "command", command: "ringkasan", args: "" });
    times.push(performance.now() - t0);
    text = out[0]?.text ?? "";
  }
  // Everyone seeded, and the supervisor who works at the instansi.
  if (!text.includes(`${(opts.people + 1).toLocaleString("id-ID")} pegawai`))
    throw new Error(`unexpected summary: ${text.slice(0, 300)}`);

  progress("summary: /ekspor of the whole scope");
  const exportStart = performance.now();
  const exported = await app.conversations.handle(who, { kind: "command", command: "ekspor", args: "" });
  const exportSeconds = (performance.now() - exportStart) / 1000;
  const bytes = exported[0]?.media?.bytes.length ?? 0;
  const lines = new TextDecoder().decode(exported[0]?.media?.bytes).trim().split("\n").length - 1;
  if (lines !== opts.people + 1) throw new Error(`export has ${lines} rows`);

  return {
    summary: {
      people: opts.people,
      results: total.results,
      units: leaves.length,
      runs: opts.runs,
      p50_ms: round1(percentile(times, 50)),
      p95_ms: round1(percentile(times, 95)),
      max_ms: round1(Math.max(...times)),
      seed_s: round1(seedSeconds),
      rebuild_s: round1(rebuildSeconds),
    },
    export: { people: lines, seconds: round1(exportSeconds), bytes },
  };
}
