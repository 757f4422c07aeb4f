import {
  type AssessmentResponse,
  assessCompetencies,
  type CompetencyScore,
  nextStatement,
  type StatementCounts,
} from "../../src/domain/assessment.js";
import type { Level } from "../../src/domain/competency.js";

/** The nine standard competencies, in the order the assessment takes them. */
export const NINE = ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"] as const;

/** Three statements per level, as the standard instrument has. */
export const three: StatementCounts = () => 3;

/** Everyone's requirement at one level: a pelaksana 1, a Kepala Seksi (pengawas) 2. */
export const standardOf = (level: Level): Record<string, Level> =>
  Object.fromEntries(NINE.map((c) => [c, level]));

/** Says how a person rates a statement: its competency, level, index and how many came before. */
export type Answerer = (q: { c: string; l: Level; i: number; n: number }) => number;

/** A run to its end: every response in order, and each competency's score. */
export interface Run {
  responses: AssessmentResponse[];
  scores: Record<string, CompetencyScore>;
}

/** Takes the whole assessment as `answer` would, through the same functions the flow calls. */
export function takeAssessment(
  required: Record<string, Level>,
  answer: Answerer,
  counts: StatementCounts = three,
): Run {
  const responses: AssessmentResponse[] = [];
  for (let guard = 0; guard < 500; guard++) {
    const next = nextStatement(required, responses, counts);
    if (!next) return { responses, scores: assessCompetencies(required, responses, counts) };
    const s = answer({ c: next.competency, l: next.level, i: next.index, n: responses.length });
    responses.push({ c: next.competency, l: next.level, i: next.index, s });
  }
  throw new Error("the assessment never ended");
}

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same people. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Someone who truly holds `truth[c]` (0–5) and answers "Sangat sesuai" up to it, "Tidak sesuai" above. */
export const holds =
  (truth: (c: string) => number): Answerer =>
  ({ c, l }) =>
    l <= truth(c) ? 4 : 1;

/** Makes the answerer of one pattern for a person with these required levels. */
export type Pattern = (required: Record<string, Level>) => Answerer;

const patterns = {
  "all Tidak sesuai": (): Answerer => () => 1,
  "all Sangat sesuai": (): Answerer => () => 4,
  "all Sesuai": (): Answerer => () => 3,
  "alternating Sangat sesuai / Tidak sesuai":
    (): Answerer =>
    ({ n }) =>
      n % 2 === 0 ? 4 : 1,
  "at the standard": (required: Record<string, Level>) => holds((c) => required[c]!),
  "one level above the standard": (required: Record<string, Level>) =>
    holds((c) => Math.min(5, required[c]! + 1)),
  // Claims the higher levels while denying the lower ones: the contradiction the rule re-asks.
  "inconsistent (yes above the standard, no at and below it)":
    (required: Record<string, Level>): Answerer =>
    ({ c, l }) =>
      l > required[c]! ? 4 : 1,
  "random ratings (seed 17)": (): Answerer => {
    const rnd = seeded(17);
    return () => 1 + Math.floor(rnd() * 4);
  },
} satisfies Record<string, Pattern>;

/** The answer patterns the rule is documented and measured with. */
export const PATTERNS: Record<keyof typeof patterns, Pattern> = patterns;

/** Checks the rule's promise for one competency: the level credited rests on two statements each way. */
export function creditedProperly(responses: readonly AssessmentResponse[], code: string, level: number) {
  const mine = responses.filter((r) => r.c === code);
  const yesAt = mine.filter((r) => r.l === level && r.s >= 3).length;
  const noAbove = mine.filter((r) => r.l === level + 1 && r.s <= 2).length;
  return (level === 0 || yesAt >= 2) && (level === 5 || noAbove >= 2);
}
