import { compareCompetencyCodes, type Level } from "./competency.js";

/**
 * The adaptive self-assessment rule.
 *
 * Each level of a competency has behaviour statements; the person rates each one 1–4
 * (Tidak sesuai, Kurang sesuai, Sesuai, Sangat sesuai). A level is HELD when the mean rating of its
 * statements answered so far is at least 2.5, i.e. the person leans to "Sesuai".
 *
 * Walk: start at the level the jabatan requires. A held level moves the next statement one level up,
 * a level not held moves it one level down, until the boundary is found (a held level directly
 * below a level not held, or level 5 held, or level 1 not held). A competency asks at least
 * MIN_PER_COMPETENCY statements (a boundary found by one answer is confirmed by the second statement
 * of that level) and at most MAX_PER_COMPETENCY, so the nine standard competencies take at most 36.
 *
 * Score: the highest level L such that L and every level asked below L are held (levels build on
 * each other, so an unheld lower level caps the score: inconsistent answers count conservatively);
 * 1 when no level is held, because 1 is the lowest level there is.
 */

export const MIN_PER_COMPETENCY = 2;
export const MAX_PER_COMPETENCY = 4;
/** The mean rating at or above which a level counts as held. */
export const HELD_THRESHOLD = 2.5;

/** One answered statement: competency, level, which statement of that level, rating 1–4. */
export interface AssessmentResponse {
  c: string;
  l: Level;
  i: number;
  s: number;
}

/** What the next statement is: competency, level and statement index within that level. */
export interface NextStatement {
  competency: string;
  level: Level;
  index: number;
  /** 1-based position of this competency among those assessed, for "Kompetensi 3 dari 9". */
  position: number;
  total: number;
}

/** How many statements each level has available, per competency (normally 2). */
export type StatementCounts = (competency: string, level: Level) => number;

const clampLevel = (n: number): Level => Math.min(5, Math.max(1, Math.round(n))) as Level;

/** Mean rating per level for one competency's responses. */
function levelMeans(responses: readonly AssessmentResponse[]): Map<Level, number> {
  const sums = new Map<Level, { sum: number; n: number }>();
  for (const r of responses) {
    const x = sums.get(r.l) ?? { sum: 0, n: 0 };
    x.sum += r.s;
    x.n += 1;
    sums.set(r.l, x);
  }
  return new Map([...sums].map(([l, x]) => [l, x.sum / x.n]));
}

/** The level one competency's answers support (see the rule above). */
export function scoreCompetency(responses: readonly AssessmentResponse[]): Level {
  const means = levelMeans(responses);
  let score: Level = 1;
  for (const level of [1, 2, 3, 4, 5] as const) {
    const mean = means.get(level);
    if (mean === undefined) continue;
    if (mean < HELD_THRESHOLD) break;
    score = level;
  }
  return score;
}

/** The boundary state of one competency: highest held level below the lowest level not held. */
function bounds(responses: readonly AssessmentResponse[]): { held: number; notHeld: number } {
  const means = levelMeans(responses);
  let notHeld = 6;
  for (const [level, mean] of means) if (mean < HELD_THRESHOLD) notHeld = Math.min(notHeld, level);
  let held = 0;
  for (const [level, mean] of means)
    if (mean >= HELD_THRESHOLD && level < notHeld) held = Math.max(held, level);
  return { held, notHeld };
}

/** The next statement to ask for one competency, or undefined when its level is settled. */
function nextForCompetency(
  code: string,
  required: Level,
  responses: readonly AssessmentResponse[],
  counts: StatementCounts,
): { level: Level; index: number } | undefined {
  if (responses.length >= MAX_PER_COMPETENCY) return undefined;
  const unused = (level: Level) => {
    const used = new Set(responses.filter((r) => r.l === level).map((r) => r.i));
    for (let i = 0; i < counts(code, level); i++) if (!used.has(i)) return i;
    return undefined;
  };
  const ask = (level: Level) => {
    const index = unused(level);
    return index === undefined ? undefined : { level, index };
  };
  if (responses.length === 0) return ask(required);
  const { held, notHeld } = bounds(responses);
  const last = responses[responses.length - 1]!;
  if (notHeld - held > 1) {
    // Not settled: step from the last level answered toward the open side.
    const lastHeld = (levelMeans(responses).get(last.l) ?? 0) >= HELD_THRESHOLD;
    const target = clampLevel(lastHeld ? held + 1 : notHeld - 1);
    return ask(target);
  }
  if (responses.length < MIN_PER_COMPETENCY) {
    // Settled by a single answer (level 1 not held, or level 5 held): confirm it with the other statement.
    return ask(last.l);
  }
  return undefined;
}

/**
 * The next statement of the whole assessment: competencies in code order, each finished before
 * the next starts. Undefined when every competency is settled.
 */
export function nextStatement(
  required: Readonly<Record<string, Level>>,
  responses: readonly AssessmentResponse[],
  counts: StatementCounts,
): NextStatement | undefined {
  const codes = Object.keys(required).sort(compareCompetencyCodes);
  for (const [i, code] of codes.entries()) {
    const mine = responses.filter((r) => r.c === code);
    const next = nextForCompetency(code, required[code]!, mine, counts);
    if (next) return { competency: code, ...next, position: i + 1, total: codes.length };
  }
  return undefined;
}

/** The assessed level of every required competency from the answers given. */
export function scoreAssessment(
  required: Readonly<Record<string, Level>>,
  responses: readonly AssessmentResponse[],
): Record<string, Level> {
  const out: Record<string, Level> = {};
  for (const code of Object.keys(required))
    out[code] = scoreCompetency(responses.filter((r) => r.c === code));
  return out;
}

/** The fewest and most statements an assessment of `competencies` competencies can take. */
export function statementRange(competencies: number): { minimum: number; maximum: number } {
  return { minimum: competencies * MIN_PER_COMPETENCY, maximum: competencies * MAX_PER_COMPETENCY };
}
