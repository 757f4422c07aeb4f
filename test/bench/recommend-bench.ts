import { createApp } from "../../src/app.js";
import type { Database } from "../../src/db/connection.js";
import type { CourseInput } from "../../src/domain/course.js";
import { METHODS } from "../../src/domain/learning-methods.js";
import type { Translate } from "../../src/engine/text.js";
import { createAssessmentRecorder } from "../../src/features/assessment/assessment-record.js";
import { percentile, progress, round1 } from "./report.js";

export interface RecommendBenchResult {
  [key: string]: number | string;
  courses: number;
  people_in_db: number;
  runs: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  catalog_load_ms: number;
  import_ms: number;
}

/** A deterministic pseudo-random generator, so every run ranks the same catalog. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CODES = ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"];
const REGIONS = ["jambi", "dki-jakarta", "nusa-tenggara-barat", "bali", "jawa-barat"];

/** Who may take a synthetic course, and how one gets in. */
function eligibilityOf(r: number): Pick<CourseInput, "admission" | "eligibility"> {
  if (r < 0.05) return { admission: "open", eligibility: { statuses: ["CPNS"] } };
  if (r < 0.1) return { admission: "nomination", eligibility: { tiers: ["pengawas"] } };
  if (r < 0.15) return { admission: "request", eligibility: { statuses: ["PNS"], minServiceYears: 4 } };
  if (r < 0.2) return { admission: "open", eligibility: { jabatanKinds: ["fungsional"] } };
  return { admission: "open" };
}

/** A synthetic catalog of `n` courses with 0–3 sessions across 2027. */
export function syntheticCatalog(n: number): CourseInput[] {
  const rnd = lcg(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const from = 1 + Math.floor(rnd() * 4);
    const mode = pick(["online", "offline", "blended"] as const);
    const sessions = Array.from({ length: Math.floor(rnd() * 4) }, (_, k) => {
      const month = String(1 + ((i + k * 4) % 12)).padStart(2, "0");
      const day = String(1 + Math.floor(rnd() * 27)).padStart(2, "0");
      return {
        start: `2027-${month}-${day}T08:00`,
        end: `2027-${month}-${day}T16:00`,
        timeZone: "Asia/Jakarta",
        quota: 20 + Math.floor(rnd() * 100),
      };
    });
    const first = pick(CODES);
    const second = pick(CODES);
    return {
      id: `kursus-${String(i).padStart(5, "0")}`,
      title: `Kursus sintetis ${i}`,
      provider: pick(["LAN RI", "BPSDM Provinsi Jambi", "BPSDM Provinsi NTB", "Pusdiklat Kemendagri"]),
      method: pick(METHODS),
      jp: 2 + Math.floor(rnd() * 60),
      competencies: [
        { code: first, from: from as 1, to: Math.min(5, from + 1) as 2 },
        ...(second !== first ? [{ code: second, from: from as 1, to: Math.min(5, from + 2) as 3 }] : []),
      ],
      mode,
      ...(mode !== "online" ? { region: pick(REGIONS), location: "Kota" } : {}),
      sessions: mode === "online" && rnd() < 0.3 ? [] : sessions,
      // As in an agency's catalog: about a fifth restricted by status, tier or years of service,
      // some by request or nomination, so eligibility is checked on every course.
      ...eligibilityOf(rnd()),
    };
  });
}

/**
 * Time of /rekomendasi's work for one person (read person, latest assessment, completions,
 * enrolments, rank the in-memory catalog) over a catalog of `courses` courses.
 */
export async function runRecommendBench(opts: {
  database: Database;
  translate: Translate;
  courses: number;
  people: number;
  runs: number;
}): Promise<RecommendBenchResult> {
  const now = new Date("2026-11-25T03:00:00Z");
  const app = createApp({ database: opts.database, translate: opts.translate, now: () => now });
  progress(`recommend: importing ${opts.courses} courses`);
  let t0 = performance.now();
  await app.courseCatalog.save(syntheticCatalog(opts.courses));
  const importMs = performance.now() - t0;
  const record = createAssessmentRecorder({ repos: app.repos });
  const rnd = lcg(7);
  const ids: string[] = [];
  progress(`recommend: ${opts.people} people with an assessment`);
  for (let i = 0; i < opts.people; i++) {
    const p = await app.repos.people.create({
      name: `Bench ${i}`,
      timeZone: "Asia/Jakarta",
      regionId: REGIONS[i % REGIONS.length],
      learningModes: ["klasikal", "e-learning"],
      onboardedAt: now,
    });
    const assessed = Object.fromEntries(CODES.map((c) => [c, (1 + Math.floor(rnd() * 3)) as 1]));
    const required = Object.fromEntries(CODES.map((c) => [c, 3 as const]));
    await record({ personId: p._id, assessed, required, statements: 27, completedAt: now });
    ids.push(p._id);
  }
  t0 = performance.now();
  await app.courseCatalog.all();
  const catalogLoadMs = performance.now() - t0;
  for (let i = 0; i < 10; i++) await app.recommendations.forPerson(ids[i % ids.length]!);
  const times: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const start = performance.now();
    const r = await app.recommendations.forPerson(ids[i % ids.length]!);
    times.push(performance.now() - start);
    if (r.kind !== "ranked" || r.items.length === 0) throw new Error("a person got no recommendation");
  }
  return {
    courses: opts.courses,
    people_in_db: opts.people,
    runs: opts.runs,
    p50_ms: round1(percentile(times, 50)),
    p95_ms: round1(percentile(times, 95)),
    max_ms: round1(Math.max(...times)),
    catalog_load_ms: round1(catalogLoadMs),
    import_ms: Math.round(importMs),
  };
}
