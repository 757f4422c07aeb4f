import {
  type AssessedLevel,
  BELOW_LEVEL_1,
  compareCompetencyCodes,
  LEVELS,
  type Level,
} from "./competency.js";

/**
 * The adaptive self-assessment rule.
 *
 * Each level of a competency has behaviour statements (three for the standard competencies); the
 * person rates each one 1–4 (Tidak sesuai, Kurang sesuai, Sesuai, Sangat sesuai). Sesuai and Sangat
 * sesuai say "yes, this is me", the other two "no".
 *
 * A level is HELD when at least two of its statements got "yes" and they outnumber the "no"s, and
 * NOT HELD when at least two got "no" and they outnumber the "yes"es: best of three, so a third
 * statement is asked only when the first two disagree. A level whose statements are all used is
 * decided by what it has, a tie counting as not held (the teknis sample has two per level).
 *
 * Levels build on each other: a held level implies those below it, a level not held those above.
 * The level credited is the highest level held below the lowest level not held, 0 ("belum
 * mencapai level 1") when level 1 is not held. The walk asks until that rests on at least two
 * statements of the credited level and, below 5, at least two of the level above showing it is not
 * held:
 *
 * 1. The first statement is at the start level, the second one level above it (one statement each):
 *    these two already tell most people's boundary, and show a contradiction at once.
 * 2. A single answer leans a level one way. While the boundary is open the walk moves one level
 *    up from the highest level leaning held, or down from the lowest leaning not held, one statement
 *    per level; once a level leaning held sits directly below one leaning not held, both are
 *    confirmed with their second (and if needed third) statement.
 * 3. A higher level leaning held above a lower one leaning not held is inconsistent: the lower level
 *    is asked once more with a statement not yet shown. If it stays inconsistent, the lower result
 *    stands (everything from that lower level up counts as not held) and the competency is marked
 *    mixed, so the result can say so.
 *
 * The start level is the required level for the first competency; for the next ones it is shifted
 * by how far the person's earlier competencies were from their standard (the lower median), which
 * only saves statements: the credited level still rests on that competency's own answers.
 *
 * Budget: at most BUDGET_PER_COMPETENCY statements per competency on average, counted separately
 * for the standard competencies (45 for the nine) and the teknis ones. A competency may ask another
 * statement only while every competency after it in its group keeps RESERVE_PER_COMPETENCY of the
 * budget. A competency cut short by the budget (only long runs of contradicting answers get there)
 * is credited the highest level confirmed held below anything leaning not held, and marked mixed.
 */

/** Statements per competency on average that an assessment may ask: 45 for the nine standard ones. */
export const BUDGET_PER_COMPETENCY = 5;
/** What each competency not yet reached keeps of the budget: a level and the one above, two each. */
export const RESERVE_PER_COMPETENCY = 4;
/** Statements that must agree for a level to be held or not held. */
export const STATEMENTS_TO_DECIDE = 2;

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

/** How many statements each level has available, per competency (three for the standard ones). */
export type StatementCounts = (competency: string, level: Level) => number;

/** One competency's outcome: the level credited and whether its answers were mixed. */
export interface CompetencyScore {
  level: AssessedLevel;
  /** Answers contradicted each other even after asking again, or the budget ran out first. */
  mixed: boolean;
}

/** True for a rating of Sesuai (3) or Sangat sesuai (4). */
export const saysYes = (rating: number): boolean => rating >= 3;

type Verdict = "unasked" | "held" | "not-held" | "leans-held" | "leans-not" | "split";

const isPositive = (v: Verdict) => v === "held" || v === "leans-held";
const isNegative = (v: Verdict) => v === "not-held" || v === "leans-not";

interface WalkState {
  /** Indexed by level; index 0 is unused. */
  verdicts: Verdict[];
  /** Statements of the level not yet shown, indexed by level. */
  unused: number[];
  /** Lowest level leaning or decided not held; 6 when none. */
  lowestNo: number;
  /** Highest level leaning or decided held; 0 when none. */
  highestYes: number;
  /** A level of which every statement was used ended in a tie. */
  tied: boolean;
}

function verdictOf(yes: number, no: number, unused: number): Verdict {
  if (yes + no === 0) return "unasked";
  if (yes >= STATEMENTS_TO_DECIDE && yes > no) return "held";
  if (no >= STATEMENTS_TO_DECIDE && no > yes) return "not-held";
  // Nothing left to ask: what there is decides, and a tie is not enough to hold a level.
  if (unused <= 0) return yes > no ? "held" : "not-held";
  return yes > no ? "leans-held" : no > yes ? "leans-not" : "split";
}

/** The state of one competency from its answers (in the order given) and its statement counts. */
function stateOf(responses: readonly AssessmentResponse[], count: (l: Level) => number): WalkState {
  const yes = [0, 0, 0, 0, 0, 0];
  const no = [0, 0, 0, 0, 0, 0];
  const asked = LEVELS.map(() => new Set<number>());
  for (const r of responses) {
    const tally = saysYes(r.s) ? yes : no;
    tally[r.l] = (tally[r.l] ?? 0) + 1;
    asked[r.l - 1]!.add(r.i);
  }
  const verdicts: Verdict[] = ["unasked"];
  const unused = [0];
  let tied = false;
  for (const l of LEVELS) {
    const left = Math.max(0, count(l) - asked[l - 1]!.size);
    unused.push(left);
    verdicts.push(verdictOf(yes[l]!, no[l]!, left));
    if (left === 0 && yes[l]! + no[l]! > 0 && yes[l] === no[l]) tied = true;
  }
  const lowestNo = LEVELS.find((l) => isNegative(verdicts[l]!)) ?? 6;
  const highestYes = [...LEVELS].reverse().find((l) => isPositive(verdicts[l]!)) ?? 0;
  return { verdicts, unused, lowestNo, highestYes, tied };
}

const inconsistent = (s: WalkState) => s.highestYes > s.lowestNo;

/** The boundary the walk works with: under an unresolved contradiction the lower result stands. */
function boundary(s: WalkState): { yes: number; no: number } {
  if (!inconsistent(s)) return { yes: s.highestYes, no: s.lowestNo };
  let yes = 0;
  for (let l = 1; l < s.lowestNo; l++) if (isPositive(s.verdicts[l]!)) yes = l;
  return { yes, no: s.lowestNo };
}

/**
 * The level of the next statement for one competency, or undefined when its level is settled.
 * `responses` are this competency's answers in the order given; `start` is where an empty walk begins.
 */
export function nextLevel(
  responses: readonly AssessmentResponse[],
  count: (l: Level) => number,
  start: Level,
): Level | undefined {
  const ask = (l: number, s: WalkState): Level | undefined =>
    l >= 1 && l <= 5 && s.unused[l]! > 0 ? (l as Level) : undefined;
  if (responses.length === 0) return count(start) > 0 ? start : undefined;
  const s = stateOf(responses, count);
  if (inconsistent(s)) {
    // Asked again already when any earlier answer was given in an inconsistent state.
    const askedAgain = responses.some((_, k) => k > 0 && inconsistent(stateOf(responses.slice(0, k), count)));
    if (!askedAgain) {
      const again = ask(s.lowestNo, s) ?? ask(s.highestYes, s);
      if (again) return again;
    }
  }
  const b = boundary(s);
  // A level split one yes, one no, where the boundary may lie: its next statement decides it.
  for (let l = b.yes + 1; l < b.no; l++) if (s.verdicts[l] === "split") return ask(l, s);
  if (responses.length === 1) {
    const above = ask(responses[0]!.l + 1, s);
    if (above) return above;
  }
  if (b.no - b.yes > 1) {
    // Away from the side already known; with both known, on from where the last answer was.
    const last = responses.at(-1)!.l;
    const up = b.no === 6 || (b.yes > 0 && last <= b.yes);
    return ask(up ? b.yes + 1 : b.no - 1, s);
  }
  if (s.verdicts[b.yes] === "leans-held") return ask(b.yes, s);
  if (b.no <= 5 && s.verdicts[b.no] === "leans-not") return ask(b.no, s);
  return undefined;
}

/** The level one competency's answers support, and whether they were mixed (see the rule above). */
export function scoreCompetency(
  responses: readonly AssessmentResponse[],
  count: (l: Level) => number = () => 3,
): CompetencyScore {
  const s = stateOf(responses, count);
  let level: AssessedLevel = BELOW_LEVEL_1;
  for (const l of LEVELS) if (l < s.lowestNo && s.verdicts[l] === "held") level = l;
  return { level, mixed: inconsistent(s) || s.tied };
}

const groupOf = (code: string) => (code.startsWith("T.") ? "teknis" : "standard");

/** Where the walk of each competency stands, in code order; shared by picking and scoring. */
function walkAll(
  required: Readonly<Record<string, Level>>,
  responses: readonly AssessmentResponse[],
  counts: StatementCounts,
) {
  const codes = Object.keys(required).sort(compareCompetencyCodes);
  const offsets: number[] = [];
  return codes.map((code, position) => {
    const mine = responses.filter((r) => r.c === code);
    const count = (l: Level) => counts(code, l);
    const start = startLevel(required[code]!, offsets);
    const group = groupOf(code);
    const inGroup = (c: string) => groupOf(c) === group;
    const budget = BUDGET_PER_COMPETENCY * codes.filter(inGroup).length;
    const later = codes.slice(position + 1).filter(inGroup).length;
    const first = responses.findIndex((r) => r.c === code);
    const before = (first < 0 ? responses : responses.slice(0, first)).filter((r) => inGroup(r.c)).length;
    const used = responses.filter((r) => inGroup(r.c)).length;
    // Room for one more: within the group's budget, and leaving the competencies after this one theirs.
    const room = used < budget && mine.length < budget - before - RESERVE_PER_COMPETENCY * later;
    const level = nextLevel(mine, count, start);
    const next = room ? level : undefined;
    const score = scoreCompetency(mine, count);
    const cutShort = level !== undefined && !room;
    if (mine.length > 0) offsets.push(score.level - required[code]!);
    return {
      code,
      position: position + 1,
      total: codes.length,
      mine,
      next,
      score: { level: score.level, mixed: score.mixed || cutShort },
    };
  });
}

/** The start of a competency's walk: its required level, shifted by the earlier ones' lower median. */
function startLevel(required: Level, offsets: readonly number[]): Level {
  if (offsets.length === 0) return required;
  const sorted = [...offsets].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return Math.min(5, Math.max(1, required + median)) as Level;
}

/**
 * The next statement of the whole assessment: competencies in code order, each finished before
 * the next starts. Undefined when every competency is settled (or out of budget).
 */
export function nextStatement(
  required: Readonly<Record<string, Level>>,
  responses: readonly AssessmentResponse[],
  counts: StatementCounts,
): NextStatement | undefined {
  for (const w of walkAll(required, responses, counts)) {
    if (w.next === undefined) continue;
    const used = new Set(w.mine.filter((r) => r.l === w.next).map((r) => r.i));
    let index = 0;
    while (used.has(index)) index++;
    return { competency: w.code, level: w.next, index, position: w.position, total: w.total };
  }
  return undefined;
}

/** The assessed level of every required competency, and whether its answers were mixed. */
export function assessCompetencies(
  required: Readonly<Record<string, Level>>,
  responses: readonly AssessmentResponse[],
  counts: StatementCounts,
): Record<string, CompetencyScore> {
  return Object.fromEntries(walkAll(required, responses, counts).map((w) => [w.code, w.score]));
}

/** The usual fewest and the most statements an assessment of `competencies` competencies takes. */
export function statementRange(competencies: number): { minimum: number; maximum: number } {
  return { minimum: competencies * 3, maximum: competencies * BUDGET_PER_COMPETENCY };
}
