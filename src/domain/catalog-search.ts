import { TZDate } from "@date-fns/tz";
import type { CatalogQueries, CatalogQuery } from "./catalog-query.js";
import type { Course, CourseSession } from "./course.js";
import { editDistance, foldText, searchWords } from "./search-text.js";
import { ZONE_OFFSET_HOURS, zoneOfIana } from "./timezone.js";

/** A course that answers a query, with the session shown for it. */
export interface CatalogHit {
  course: Course;
  /** The first upcoming session that answers the query; absent for a self-paced course. */
  session?: CourseSession;
  /** Further upcoming sessions that answer it too. */
  laterSessions: number;
}

interface Entry {
  course: Course;
  /** " word word …": the title's and provider's words and their parts, each after a space. */
  haystack: string;
  title: string;
  /** Sessions by start, each with its local year and month (in its own zone). */
  sessions: { session: CourseSession; year: number; month: number }[];
}

/** The catalog prepared for searching: built once per loaded catalog, not per search. */
export interface CatalogIndex {
  entries: readonly Entry[];
  /** Every word of every title and provider (for suggestions). */
  words: ReadonlySet<string>;
}

/**
 * The year and month of an instant where a session takes place. Indonesian zones have fixed offsets
 * (no daylight saving), and reading them so is a hundred times cheaper than a zoned date: the
 * catalog is indexed on the request path whenever it reloads.
 */
function localMonth(at: Date, timeZone: string): { year: number; month: number } {
  const zone = zoneOfIana(timeZone);
  if (!zone) {
    const zoned = new TZDate(at.getTime(), timeZone);
    return { year: zoned.getFullYear(), month: zoned.getMonth() + 1 };
  }
  const shifted = new Date(at.getTime() + ZONE_OFFSET_HOURS[zone] * 3_600_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1 };
}

/** Prepares a catalog for searching (folding texts and reading local months once). */
export function indexCatalog(courses: readonly Course[]): CatalogIndex {
  const words = new Set<string>();
  const entries = courses.map((course): Entry => {
    const own = searchWords(`${course.title} ${course.provider}`).flatMap((w) => {
      const parts = w.split(/[.-]/).filter(Boolean);
      return parts.length > 1 ? [w, ...parts] : [w];
    });
    for (const w of own) words.add(w);
    return {
      course,
      haystack: ` ${own.join(" ")}`,
      title: foldText(course.title),
      sessions: [...course.sessions]
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
        .map((session) => ({ session, ...localMonth(session.startsAt, session.timeZone) })),
    };
  });
  return { entries, words };
}

/** True when every word of the query begins a word of the course's title or provider. */
const hasWords = (entry: Entry, words: readonly string[]) =>
  words.every((w) => entry.haystack.includes(` ${w}`));

function answersFilters(course: Course, q: CatalogQuery): boolean {
  if (q.regions.length > 0 && !(course.regionId && q.regions.includes(course.regionId))) return false;
  if (q.competencies.length > 0 && !course.competencies.some((c) => q.competencies.includes(c.code)))
    return false;
  if (
    q.methods.length + q.kinds.length > 0 &&
    !q.methods.includes(course.method) &&
    !q.kinds.includes(course.kind)
  )
    return false;
  return true;
}

/**
 * What a query finds among the courses `include` lets through: courses with an upcoming session
 * (in the month or year asked, if any) soonest first, then self-paced online courses by title.
 * A course with neither (its sessions are over, or it has none and is not online) is not listed:
 * there is nothing in it to take.
 */
export function searchCatalog(
  index: CatalogIndex,
  q: CatalogQuery,
  opts: { now: Date; include: (course: Course) => boolean },
): CatalogHit[] {
  const now = opts.now.getTime();
  const dated = q.months.length + q.years.length > 0;
  const scheduled: { hit: CatalogHit; title: string }[] = [];
  const selfPaced: { hit: CatalogHit; title: string }[] = [];
  for (const entry of index.entries) {
    const { course } = entry;
    if (!answersFilters(course, q) || !hasWords(entry, q.words)) continue;
    let hit: CatalogHit | undefined;
    if (entry.sessions.length === 0) {
      if (course.mode === "online" && !dated) hit = { course, laterSessions: 0 };
    } else {
      const fitting = entry.sessions.filter(
        (s) =>
          s.session.startsAt.getTime() > now &&
          (q.months.length === 0 || q.months.includes(s.month)) &&
          (q.years.length === 0 || q.years.includes(s.year)),
      );
      if (fitting.length > 0)
        hit = { course, session: fitting[0]!.session, laterSessions: fitting.length - 1 };
    }
    // Eligibility last: it is the dearest check, and most courses fail a filter first.
    if (!hit || !opts.include(course)) continue;
    (hit.session ? scheduled : selfPaced).push({ hit, title: entry.title });
  }
  type Row = (typeof scheduled)[number];
  const byTitle = (a: Row, b: Row) =>
    a.title < b.title ? -1 : a.title > b.title ? 1 : a.hit.course.id < b.hit.course.id ? -1 : 1;
  scheduled.sort(
    (a, b) => a.hit.session!.startsAt.getTime() - b.hit.session!.startsAt.getTime() || byTitle(a, b),
  );
  selfPaced.sort(byTitle);
  return [...scheduled, ...selfPaced].map((r) => r.hit);
}

/** How far a mistyped word may be from what was meant: none for short words, where guesses go wrong. */
const tolerance = (word: string) => (word.length < 4 ? 0 : word.length < 7 ? 1 : 2);

/**
 * "Did you mean": the query with each word that begins no word of the catalog replaced by the
 * nearest catalog word or filter name ("elarning" → e-learning, "komunkasi" → Komunikasi), read
 * again so a corrected filter name becomes that filter. Undefined when no word was replaced.
 */
export function respell(
  q: CatalogQuery,
  index: CatalogIndex,
  queries: CatalogQueries,
): CatalogQuery | undefined {
  const known = [...index.words];
  const candidates = [...new Set([...known, ...queries.filterWords])];
  let changed = false;
  const words = q.words.map((word) => {
    if (known.some((k) => k.startsWith(word))) return word;
    const max = tolerance(word);
    let best: { word: string; distance: number } | undefined;
    for (const c of candidates) {
      const distance = editDistance(word, c, max);
      if (
        distance <= max &&
        (!best || distance < best.distance || (distance === best.distance && c < best.word))
      )
        best = { word: c, distance };
    }
    if (!best) return word;
    changed = true;
    return best.word;
  });
  if (!changed) return undefined;
  return queries.parse(queries.keyOf({ ...q, words }));
}
