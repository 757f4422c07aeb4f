import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/connection.js";
import type { Assessment, Person } from "../../src/db/models/index.js";
import type { Level } from "../../src/domain/competency.js";
import { TIER_IDS } from "../../src/domain/skj.js";
import { createAssessment } from "../../src/features/assessment/assessment.js";
import { mentorProfileOf } from "../../src/features/mentoring/mentor-profile.js";
import { createAssessmentResults } from "../../src/features/results/assessment-result.js";
import { seedDemoIfEmpty } from "../../src/services/demo-seed.js";
import { createHistoryGenerator } from "./agency-history.js";
import { createPeopleGenerator, lcg } from "./agency-people.js";
import { moreUnits } from "./agency-units.js";
import { progress, round1 } from "./report.js";

/** What was seeded, and where the seconds went. */
export interface AgencySeed {
  people: number;
  /** Units of the org tree (instansi and unit kerja). */
  units: number;
  mentors: number;
  /** Mentors opted in, per instansi: whom each mentee's suggestions are looked up among. */
  mentorsByInstansi: Record<string, number>;
  assessments: number;
  completions: number;
  enrollments: number;
  achievements: number;
  /** People on Telegram (the others registered on Slack): id and Telegram user id. */
  onTelegram: { personId: string; chat: number; mentor: boolean; instansiId: string }[];
  /** Seconds spent generating documents and inserting each collection. */
  seconds: Record<string, number>;
}

/** Documents inserted per insertMany: large enough to be fast, small enough for FerretDB's message limit. */
const BATCH = 1_000;

/**
 * Fills the database with an agency: the demo org tree, then `people` registered people spread
 * over its units, each with the documents the app's own writers would have left (see
 * agency-people.ts and agency-history.ts), `mentorShare` of them opted in to mentoring. Bulk
 * inserts through the models (validated by their schemas), because registering 50,000 people one
 * message at a time would take hours; only the setup is done this way, never what is timed.
 */
export async function seedAgency(
  app: App,
  database: Database,
  opts: {
    people: number;
    mentorShare: number;
    today: Date;
    firstChat: number;
    /** Sections added below the demo org's units (moreUnits), for an agency's full structure. */
    moreUnits?: number;
    /** Latest self-assessments fall within this many days before today (default 200: all this year). */
    assessedWithinDays?: number;
    /** The benchmark named in progress lines. */
    label?: string;
  },
): Promise<AgencySeed> {
  const m = database.models;
  await seedDemoIfEmpty(app.repos, app.seedFile);
  if (opts.moreUnits) await m.OrgUnit.insertMany(moreUnits(await app.repos.orgUnits.all(), opts.moreUnits));
  const units = await app.repos.orgUnits.all();
  const jabatan = new Map((await app.repos.jabatan.all()).map((j) => [j._id, j]));

  // Required levels come from /asesmen's own rule, worked out once per jabatan (and per tier for
  // people whose jabatan is not on the list): the same SKJ or tier defaults a real run would use.
  const assessment = createAssessment({
    repos: app.repos,
    competencies: app.content.allCompetencies,
    skjDefaults: app.content.skjDefaults,
    instrument: app.content.instrument,
    intervalDays: 90,
    record: app.recordAssessment,
    results: createAssessmentResults({
      repos: app.repos,
      competencies: app.content.allCompetencies,
      translate: () => "",
      renderChart: async () => ({ bytes: new Uint8Array(), mime: "image/jpeg" }),
    }),
    translate: () => "",
  });
  const requiredBy = new Map<string, Record<string, Level>>();
  const keyOf = (p: Pick<Person, "jabatanId" | "tier">) => p.jabatanId ?? `tier:${p.tier}`;
  for (const p of [
    ...[...jabatan.keys()].map((jabatanId) => ({ jabatanId })),
    ...TIER_IDS.map((tier) => ({ tier })),
  ]) {
    const required = await assessment.requiredFor(p as Person);
    requiredBy.set(keyOf(p), Object.fromEntries(required.map((r) => [r.c, r.l])));
  }
  const standardOf = (p: Person): Pick<Assessment, "standardSource" | "standardName"> => {
    const j = p.jabatanId ? jabatan.get(p.jabatanId) : undefined;
    return j?.standardSource === "skj"
      ? { standardSource: "skj", standardName: j.standardRef ? `${j.name} (${j.standardRef})` : j.name }
      : { standardSource: "default" };
  };

  const personOf = createPeopleGenerator({ units, today: opts.today, firstChat: opts.firstChat });
  const historyOf = createHistoryGenerator({
    today: opts.today,
    requiredOf: (p) => requiredBy.get(keyOf(p))!,
    standardOf,
    courses: await app.courseCatalog.all(),
    competencies: app.content.allCompetencies,
    jpRules: app.content.jpRules,
    ...(opts.assessedWithinDays ? { assessedWithinDays: opts.assessedWithinDays } : {}),
  });
  const pickMentor = lcg(31);
  const seconds: Record<string, number> = {};
  const timed = async (what: string, work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    seconds[what] = (seconds[what] ?? 0) + (performance.now() - t0) / 1000;
  };
  const out: AgencySeed = {
    people: 0,
    units: units.length,
    mentors: 0,
    mentorsByInstansi: {},
    assessments: 0,
    completions: 0,
    enrollments: 0,
    achievements: 0,
    onTelegram: [],
    seconds,
  };
  for (let start = 0; start < opts.people; start += BATCH) {
    const drawn = performance.now();
    const batch = Array.from({ length: Math.min(BATCH, opts.people - start) }, (_, j) => {
      const k = start + j;
      const registered = personOf(k);
      const mentor = pickMentor() < opts.mentorShare;
      if (mentor) registered.person.mentorOptIn = true;
      const history = historyOf(registered.person, k, mentor);
      registered.person.status = history.status;
      return { ...registered, ...history, mentor };
    });
    seconds.generate = (seconds.generate ?? 0) + (performance.now() - drawn) / 1000;
    const all = <T>(pick: (x: (typeof batch)[number]) => T | T[] | undefined): T[] =>
      batch.flatMap((x) => pick(x) ?? []);
    await timed("people", () => m.Person.insertMany(all((x) => x.person)));
    await timed("nip_claims", () => m.NipClaim.insertMany(all((x) => x.nipClaim)));
    await timed("identities", () => m.Identity.insertMany(all((x) => x.identity)));
    const assessments = all((x) => x.assessments);
    await timed("assessments", () => m.Assessment.insertMany(assessments));
    const completions = all((x) => x.completions);
    await timed("completions", () => m.Completion.insertMany(completions));
    const enrollments = all((x) => x.enrollment);
    if (enrollments.length > 0) await timed("enrollments", () => m.Enrollment.insertMany(enrollments));
    // Mentors' profiles, as the assessment recorder writes them.
    const profiles = all(
      (x) =>
        mentorProfileOf(
          x.person,
          x.assessments.find((a) => a._id === x.person.status?.lastAssessmentId) ?? null,
          opts.today,
        ) ?? undefined,
    );
    if (profiles.length > 0) await timed("mentor_profiles", () => m.MentorProfile.insertMany(profiles));
    const achievements = all((x) => x.achievements);
    if (achievements.length > 0) await timed("achievements", () => m.Achievement.insertMany(achievements));
    out.people += batch.length;
    out.mentors += batch.filter((x) => x.mentor).length;
    out.assessments += assessments.length;
    out.completions += completions.length;
    out.enrollments += enrollments.length;
    out.achievements += achievements.length;
    for (const x of batch) {
      const instansi = x.person.instansiId!;
      if (x.mentor) out.mentorsByInstansi[instansi] = (out.mentorsByInstansi[instansi] ?? 0) + 1;
      if (x.chat !== undefined)
        out.onTelegram.push({
          personId: x.person._id,
          chat: x.chat,
          mentor: x.mentor,
          instansiId: instansi,
        });
    }
    if ((start / BATCH) % 2 === 1 || out.people === opts.people)
      progress(`${opts.label ?? "agency"}: seeded ${out.people} of ${opts.people} people`);
  }
  for (const key of Object.keys(seconds)) seconds[key] = round1(seconds[key]!);
  return out;
}
