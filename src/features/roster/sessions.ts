import type { Course, CourseSession } from "../../domain/course.js";
import { localClock } from "../../domain/reminder-time.js";
import { foldText, searchWords } from "../../domain/search-text.js";

/** A session as /peserta lists it: with its course, and how many of its enrolees the reader sees. */
export interface ListedSession {
  course: Course;
  session: CourseSession;
  /** Enrolees the reader may see (all of them for a course their instansi runs). */
  visible: number;
}

/** The month ("YYYY-MM") an instant falls in, in a zone. */
const monthOf = (at: Date, timeZone: string) => localClock(at, timeZone).date.slice(0, 7);

/** The window /peserta looks in: from the first day of last month, a year ahead. */
export function sessionWindow(now: Date, timeZone: string): { from: Date; to: Date } {
  const [y, m] = monthOf(now, timeZone).split("-").map(Number) as [number, number];
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  // A day early covers every zone; a session a few hours before the month is harmless.
  const from = new Date(new Date(`${prev}-01T00:00:00Z`).getTime() - 86_400_000);
  return { from, to: new Date(now.getTime() + 366 * 86_400_000) };
}

/** The query words of `/peserta kata…`, folded: each must begin a word of the title or provider. */
export function queryWords(text: string): string[] {
  return searchWords(text).slice(0, 6);
}

/** True when every query word begins a word of the course's title or provider. */
export function matches(course: Course, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const own = searchWords(`${course.title} ${course.provider}`);
  return words.every((w) => own.some((o) => o.startsWith(foldText(w))));
}

/**
 * Orders sessions for picking: this month's first (soonest first), then later ones (soonest
 * first), then last month's (most recent first), which is when a roster is marked complete.
 */
export function orderSessions<T extends { session: CourseSession }>(
  sessions: readonly T[],
  now: Date,
  timeZone: string,
): T[] {
  const month = monthOf(now, timeZone);
  const rank = (s: CourseSession) => {
    const m = monthOf(s.startsAt, timeZone);
    return m === month ? 0 : m > month ? 1 : 2;
  };
  return [...sessions].sort((a, b) => {
    const ra = rank(a.session);
    const rb = rank(b.session);
    if (ra !== rb) return ra - rb;
    const d = a.session.startsAt.getTime() - b.session.startsAt.getTime();
    return ra === 2 ? -d : d;
  });
}
