import type { Course, CourseSession } from "./course.js";
import { preferenceOf } from "./learning-methods.js";

/**
 * Course ranking, a pure function of the person's gaps and the catalog.
 *
 * A course is a candidate when it teaches a competency the person is below standard in, at a level
 * that helps (its range contains the next level they need, or at least overlaps the levels
 * between where they are and the standard), they have not taken or booked it, and they can attend
 * it: self-paced online, or an upcoming session online or in their own region.
 *
 * Score = Σ over the gaps it covers of (gap × fit), fit 1 for the next level needed and 0.5 for
 * a range that only overlaps; + 0.75 when its method is one the person prefers; + up to 0.5 for
 * JP still missing toward this year's goal (none once the goal is reached). Ties: the sooner
 * session, then the id, so the order is stable.
 */

export interface Gap {
  code: string;
  /** The level that counts (`countedLevel`: the confirmed level, else the self-assessed one). */
  assessed: number;
  required: number;
}

export interface RankingInput {
  gaps: readonly Gap[];
  regionId?: string;
  /** Preferred learning modes from onboarding (klasikal, e-learning, jarak-jauh, coaching, magang). */
  preferences: readonly string[];
  /** Course ids the person completed or is enrolled in. */
  taken: ReadonlySet<string>;
  /** JP still missing toward this year's goal (0 once reached). */
  jpRemaining: number;
  jpGoal: number;
  now: Date;
}

export interface Recommendation {
  course: Course;
  score: number;
  /** The gap this course addresses best: what the reason line quotes. */
  because: Gap;
  /** Other gaps it also addresses. */
  alsoCovers: string[];
  /** The first session the person can attend; absent for self-paced courses. */
  session?: CourseSession;
  preferred: boolean;
}

export const MAX_RECOMMENDATIONS = 5;

/** The first upcoming session the person can attend, null when none, undefined for self-paced online courses. */
export function attendableSession(
  course: Course,
  regionId: string | undefined,
  now: Date,
): CourseSession | null | undefined {
  if (course.sessions.length === 0) return course.mode === "online" ? undefined : null;
  const reachable = course.mode === "online" || (regionId !== undefined && course.regionId === regionId);
  if (!reachable) return null;
  return course.sessions.find((s) => s.startsAt.getTime() > now.getTime()) ?? null;
}

/** How well a course's level range serves a gap: 1 exact next level, 0.5 overlapping, 0 not at all. */
export function levelFit(range: { from: number; to: number }, gap: Gap): number {
  const next = gap.assessed + 1;
  if (range.from <= next && next <= range.to) return 1;
  if (range.from <= gap.required && range.to >= next) return 0.5;
  return 0;
}

/** At most five courses for the person, best first, each with what it is recommended for. */
export function rankCourses(
  catalog: readonly Course[],
  input: RankingInput,
  limit = MAX_RECOMMENDATIONS,
): Recommendation[] {
  const gaps = input.gaps.filter((g) => g.required > g.assessed);
  if (gaps.length === 0) return [];
  const byCode = new Map(gaps.map((g) => [g.code, g]));
  const preferences = new Set(input.preferences);
  const jpNeed = input.jpGoal > 0 ? Math.min(1, input.jpRemaining / input.jpGoal) : 0;
  const out: Recommendation[] = [];
  for (const course of catalog) {
    if (input.taken.has(course.id)) continue;
    let relevance = 0;
    let best: { gap: Gap; value: number } | undefined;
    const covered: string[] = [];
    for (const c of course.competencies) {
      const gap = byCode.get(c.code);
      if (!gap) continue;
      const fit = levelFit(c, gap);
      if (fit === 0) continue;
      const value = (gap.required - gap.assessed) * fit;
      relevance += value;
      covered.push(c.code);
      if (!best || value > best.value || (value === best.value && gap.code < best.gap.code))
        best = { gap, value };
    }
    if (!best) continue;
    const session = attendableSession(course, input.regionId, input.now);
    if (session === null) continue;
    const preferred = preferences.has(preferenceOf(course.method));
    const jpBonus = jpNeed > 0 ? 0.5 * jpNeed * Math.min(1, course.jp / Math.max(1, input.jpRemaining)) : 0;
    out.push({
      course,
      score: relevance + (preferred ? 0.75 : 0) + jpBonus,
      because: best.gap,
      alsoCovers: covered.filter((c) => c !== best.gap.code),
      ...(session ? { session } : {}),
      preferred,
    });
  }
  out.sort(
    (a, b) =>
      b.score - a.score ||
      (a.session?.startsAt.getTime() ?? Number.MAX_SAFE_INTEGER) -
        (b.session?.startsAt.getTime() ?? Number.MAX_SAFE_INTEGER) ||
      (a.course.id < b.course.id ? -1 : a.course.id > b.course.id ? 1 : 0),
  );
  return out.slice(0, limit);
}
