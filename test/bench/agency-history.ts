import type { Achievement, Assessment, Completion, Enrollment, Person } from "../../src/db/models/index.js";
import type { PersonStatus } from "../../src/db/models/person.js";
import type { AssessedLevel, Level } from "../../src/domain/competency.js";
import { gapClosed, gapCountOf } from "../../src/domain/counted-level.js";
import type { Course, CourseSession } from "../../src/domain/course.js";
import { jpInYear, ruleFor } from "../../src/domain/jp.js";
import type { JpCreditRules } from "../../src/domain/learning-methods.js";
import { competencyGaps } from "../../src/domain/skj.js";
import { gapClosedAchievement } from "../../src/features/assessment/assessment-record.js";
import { competencyTypeOf } from "../../src/features/training/completion.js";
import { localDateOf } from "../../src/services/jp-ledger.js";
import { lcg, weighted } from "./agency-people.js";

const DAY = 86_400_000;

/** Everything a person's past left in the database, and the status kept on the person for it. */
export interface PersonHistory {
  assessments: Assessment[];
  achievements: Achievement[];
  completions: Completion[];
  enrollment?: Enrollment;
  status: PersonStatus;
}

/** What the history is drawn from: the app's content and catalog, and where the present is. */
export interface HistoryContext {
  today: Date;
  /** The required level of each competency for a person, as `/asesmen` works it out. */
  requiredOf: (person: Person) => Record<string, Level>;
  /** Which standard the levels came from, as the recorder copies it onto the fact. */
  standardOf: (person: Person) => Pick<Assessment, "standardSource" | "standardName">;
  courses: readonly Course[];
  competencies: Parameters<typeof competencyTypeOf>[1];
  jpRules: JpCreditRules;
  /** The latest self-assessment falls within this many days before today (default 200). */
  assessedWithinDays?: number;
  seed?: number;
}

/**
 * Draws each person's history as the app's own writers store it: one or two self-assessments
 * (recorder: results sorted by gap, the earlier one linked by `previousId`, "gap closed"
 * achievements), completions this year and last (JP ledger: the calendar year's total on the
 * status, "JP goal reached" for a minimum met) and, for some, a place in an upcoming session
 * (enrolment: `<session>|<person>` with a seat within the quota). Mentors assess themselves high.
 */
export function createHistoryGenerator(ctx: HistoryContext) {
  const rnd = lcg(ctx.seed ?? 23);
  const seatsTaken = new Map<string, number>();
  const upcoming: { course: Course; session: CourseSession }[] = ctx.courses.flatMap((course) =>
    course.sessions.filter((s) => s.startsAt > ctx.today).map((session) => ({ course, session })),
  );
  const nonklasikal = Object.entries(ctx.jpRules.nonklasikal) as [string, number][];
  const clampLevel = (n: number) => Math.max(0, Math.min(5, n)) as AssessedLevel;

  /** Self-assessed levels: around the standard for most people (a third of competencies below it); well above it for mentors. */
  function levels(required: Record<string, Level>, mentor: boolean): Record<string, AssessedLevel> {
    return Object.fromEntries(
      Object.entries(required).map(([code, level]) => [
        code,
        mentor
          ? clampLevel(Math.max(level + 1, 3 + Math.floor(rnd() * 3)))
          : clampLevel(
              level +
                weighted(rnd, [
                  [-2, 10],
                  [-1, 25],
                  [0, 45],
                  [1, 20],
                ]),
            ),
      ]),
    );
  }

  /** One assessment fact exactly as `createAssessmentRecorder` inserts it. */
  function assessment(
    person: Person,
    _id: string,
    assessed: Record<string, AssessedLevel>,
    required: Record<string, Level>,
    completedAt: Date,
    previousId?: string,
  ): Assessment {
    const mixed = Object.keys(assessed).filter(() => rnd() < 0.03);
    return {
      _id,
      personId: person._id,
      ...(person.instansiId ? { instansiId: person.instansiId } : {}),
      ...(person.unitId ? { unitId: person.unitId } : {}),
      ...(person.jabatanId ? { jabatanId: person.jabatanId } : {}),
      ...(person.tier ? { tier: person.tier } : {}),
      year: localDateOf(completedAt, person.timeZone).year,
      completedAt,
      statements: 27 + Math.floor(rnd() * 19),
      results: competencyGaps(assessed, required).map((g) => ({
        competency: g.code,
        assessed: g.assessed,
        required: g.required,
        gap: g.gap,
        ...(mixed.includes(g.code) ? { mixed: true } : {}),
      })),
      ...(previousId ? { previousId } : {}),
      ...ctx.standardOf(person),
    };
  }

  /** Completions as the ledger records them: catalog courses and self-reported nonklasikal activities. */
  function completions(person: Person): Completion[] {
    const out: Completion[] = [];
    const count = weighted(rnd, [
      [0, 35],
      [1, 35],
      [2, 20],
      [3, 10],
    ]);
    for (let i = 0; i < count; i++) {
      // Mostly this year (before today), some last year.
      const year = rnd() < 0.8 ? 2026 : 2025;
      const completedOn = `${year}-${String(1 + Math.floor(rnd() * 10)).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`;
      const recordedAt = new Date(`${completedOn}T09:00:00Z`);
      if (rnd() < 0.5) {
        const course = ctx.courses[Math.floor(rnd() * ctx.courses.length)]!;
        out.push({
          _id: `${person._id}|course|${course.id}`,
          personId: person._id,
          source: "course",
          courseId: course.id,
          title: course.title,
          method: course.method,
          kind: course.kind,
          competencyType: competencyTypeOf(
            course.competencies.map((c) => c.code),
            ctx.competencies,
          ),
          jp: course.jp,
          completedOn,
          year,
          recordedAt,
        });
      } else {
        const [method, jp] = nonklasikal[Math.floor(rnd() * nonklasikal.length)]!;
        out.push({
          _id: `${person._id}|self|rself${person._id}${i}`,
          personId: person._id,
          source: "self",
          title: `Kegiatan ${method}`,
          method,
          kind: "nonklasikal",
          competencyType: rnd() < 0.5 ? "teknis" : "manajerial",
          jp,
          completedOn,
          year,
          recordedAt,
        });
      }
    }
    // The same course twice is one completion (its key), as the ledger would have it.
    return [...new Map(out.map((c) => [c._id, c])).values()];
  }

  /** A place in an upcoming session, within its quota, as `enrollments.enroll` takes it. */
  function enrollment(person: Person): Enrollment | undefined {
    if (upcoming.length === 0 || rnd() >= 0.08) return undefined;
    const { course, session } = upcoming[Math.floor(rnd() * upcoming.length)]!;
    const seat = (seatsTaken.get(session.id) ?? 0) + 1;
    if (seat > session.quota) return undefined;
    seatsTaken.set(session.id, seat);
    return {
      _id: `${session.id}|${person._id}`,
      seat: `${session.id}#${seat}`,
      personId: person._id,
      courseId: course.id,
      sessionId: session.id,
      title: course.title,
      jp: course.jp,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timeZone: session.timeZone,
      enrolledAt: new Date(ctx.today.getTime() - Math.floor(rnd() * 60) * DAY),
    };
  }

  /** "JP goal reached" as the ledger records it: once a year, at the completion that met a calendar-year minimum. */
  function jpGoals(person: Person, done: readonly Completion[]): Achievement[] {
    const rule = ruleFor(ctx.jpRules, person.employment);
    if (rule.kind !== "minimum" || rule.period !== "calendar-year") return [];
    const out: Achievement[] = [];
    for (const year of new Set(done.map((c) => c.year))) {
      let sum = 0;
      for (const c of done
        .filter((x) => x.year === year)
        .sort((a, b) => a.completedOn.localeCompare(b.completedOn))) {
        sum += c.jp;
        if (sum < rule.jp) continue;
        out.push({
          _id: `${person._id}|jp|${year}`,
          personId: person._id,
          kind: "jp-goal",
          year,
          ...(person.unitId ? { unitId: person.unitId } : {}),
          ...(person.instansiId ? { instansiId: person.instansiId } : {}),
          at: c.recordedAt,
        });
        break;
      }
    }
    return out;
  }

  return function history(person: Person, k: number, mentor: boolean): PersonHistory {
    const required = ctx.requiredOf(person);
    const latestAt = new Date(
      ctx.today.getTime() - (1 + Math.floor(rnd() * (ctx.assessedWithinDays ?? 200))) * DAY,
    );
    const assessments: Assessment[] = [];
    const achievements: Achievement[] = [];
    const latestId = `s-rag${k}`;
    // About a third took the assessment before too (at least the 90-day interval earlier).
    let previous: Assessment | undefined;
    if (rnd() < 0.3) {
      const earlierLevels = levels(required, mentor);
      previous = assessment(
        person,
        `s-rag${k}a`,
        earlierLevels,
        required,
        new Date(latestAt.getTime() - (100 + Math.floor(rnd() * 200)) * DAY),
      );
      assessments.push(previous);
    }
    const latest = assessment(person, latestId, levels(required, mentor), required, latestAt, previous?._id);
    assessments.push(latest);
    for (const r of latest.results) {
      const before = previous?.results.find((p) => p.competency === r.competency);
      if (gapClosed(before, r))
        achievements.push(gapClosedAchievement(person, r.competency, latest, latestAt));
    }
    const done = completions(person);
    achievements.push(...jpGoals(person, done));
    // The ledger keeps the total of the year of the completion it recorded last.
    const lastYear = done.map((c) => c.year).sort((a, b) => b - a)[0];
    const place = enrollment(person);
    return {
      assessments,
      achievements,
      completions: done,
      ...(place ? { enrollment: place } : {}),
      status: {
        lastAssessmentId: latest._id,
        assessedAt: latestAt,
        gapCount: gapCountOf(latest.results),
        ...(lastYear !== undefined ? { jpYear: lastYear, jpTotal: jpInYear(done, lastYear) } : {}),
      },
    };
  };
}
