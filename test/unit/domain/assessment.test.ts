import { describe, expect, it } from "vitest";
import {
  type AssessmentResponse,
  assessCompetencies,
  nextStatement,
  scoreCompetency,
} from "../../../src/domain/assessment.js";
import type { Level } from "../../../src/domain/competency.js";
import {
  creditedProperly,
  holds,
  NINE,
  PATTERNS,
  seeded,
  standardOf,
  takeAssessment,
  three,
} from "../../support/assessment-runs.js";

const r = (l: Level, s: number, i = 0, c = "M.1"): AssessmentResponse => ({ c, l, i, s });
const YES = 4;
const NO = 1;
const levelsOf = (responses: readonly AssessmentResponse[], code = "M.1") =>
  responses.filter((x) => x.c === code).map((x) => x.l);

describe("scoring a competency", () => {
  it("credits the highest level held below the lowest level not held, two statements each", () => {
    expect(scoreCompetency([r(2, YES), r(3, YES), r(4, NO), r(3, YES, 1), r(4, NO, 1)])).toEqual({
      level: 3,
      mixed: false,
    });
  });

  it("gives 0, belum mencapai level 1, when level 1 is not held (the old rule gave 1)", () => {
    expect(scoreCompetency([r(1, NO), r(2, NO), r(1, NO, 1)]).level).toBe(0);
    expect(scoreCompetency([]).level).toBe(0);
  });

  it("does not hold a level on one statement: one yes is a lean, not a level", () => {
    expect(scoreCompetency([r(2, YES), r(3, NO)]).level).toBe(0);
    expect(scoreCompetency([r(2, YES), r(2, YES, 1), r(3, NO)]).level).toBe(2);
  });

  it("counts Sesuai and Sangat sesuai as yes, Kurang sesuai and Tidak sesuai as no", () => {
    expect(scoreCompetency([r(1, 3), r(1, 4, 1), r(2, 2), r(2, 1, 1)]).level).toBe(1);
    expect(scoreCompetency([r(1, 2), r(1, 2, 1)]).level).toBe(0);
  });

  it("decides a split level by its third statement (best of three)", () => {
    expect(scoreCompetency([r(3, YES), r(3, NO, 1), r(3, YES, 2), r(4, NO), r(4, NO, 1)]).level).toBe(3);
    expect(scoreCompetency([r(2, YES), r(2, YES, 1), r(3, YES), r(3, NO, 1), r(3, NO, 2)]).level).toBe(2);
  });

  it("lets the lower result stand when answers stay contradictory, and marks them mixed", () => {
    // Level 3 leans held, level 2 is not held (asked twice): 2 and above count as not held.
    expect(scoreCompetency([r(2, NO), r(3, YES), r(2, NO, 1), r(1, YES), r(1, YES, 1)])).toEqual({
      level: 1,
      mixed: true,
    });
  });

  it("with two statements per level (teknis sample), a tie counts as not held and is mixed", () => {
    const two = () => 2;
    expect(scoreCompetency([r(1, YES), r(1, YES, 1), r(2, YES), r(2, NO, 1)], two)).toEqual({
      level: 1,
      mixed: true,
    });
  });

  it("scores every required competency, and only those", () => {
    const got = assessCompetencies(
      { "M.1": 2, "M.2": 1 },
      [
        r(2, YES),
        r(3, NO),
        r(2, YES, 1),
        r(3, NO, 1),
        r(1, NO, 0, "M.2"),
        r(2, NO, 0, "M.2"),
        r(1, NO, 1, "M.2"),
      ],
      three,
    );
    expect(got).toEqual({ "M.1": { level: 2, mixed: false }, "M.2": { level: 0, mixed: false } });
  });
});

describe("the adaptive walk", () => {
  it("asks the required level and the one above, then confirms both: four for someone at the standard", () => {
    const { responses, scores } = takeAssessment(standardOf(3), PATTERNS["at the standard"](standardOf(3)));
    expect(levelsOf(responses)).toEqual([3, 4, 3, 4]);
    expect(responses.slice(0, 4).map((x) => x.i)).toEqual([0, 0, 1, 1]);
    expect(scores["M.1"]).toEqual({ level: 3, mixed: false });
  });

  it("walks down one statement per level, then confirms the two levels around the boundary", () => {
    const { responses, scores } = takeAssessment(
      standardOf(3),
      holds(() => 1),
    );
    expect(levelsOf(responses)).toEqual([3, 4, 2, 1, 1, 2]);
    expect(scores["M.1"]!.level).toBe(1);
  });

  it("walks up to 5 and credits it only on a second statement of level 5", () => {
    const { responses } = takeAssessment(standardOf(2), PATTERNS["all Sesuai"](standardOf(2)));
    expect(levelsOf(responses)).toEqual([2, 3, 4, 5, 5]);
  });

  it("starts later competencies where the earlier ones ended relative to the standard", () => {
    const { responses } = takeAssessment(standardOf(2), PATTERNS["all Sesuai"](standardOf(2)));
    // Integritas ended three above the standard: Kerja Sama starts at 5 and needs two statements.
    expect(levelsOf(responses, "M.2")).toEqual([5, 5]);
  });

  it("re-asks a contradiction once with a statement not yet shown, then lets the lower result stand", () => {
    const { responses, scores } = takeAssessment(
      standardOf(2),
      PATTERNS["inconsistent (yes above the standard, no at and below it)"](standardOf(2)),
    );
    const m1 = responses.filter((x) => x.c === "M.1").map((x) => [x.l, x.i, x.s]);
    expect(m1).toEqual([
      [2, 0, NO],
      [3, 0, YES],
      [2, 1, NO], // asked once more, a statement not shown before
      [1, 0, NO],
      [1, 1, NO],
    ]);
    expect(scores["M.1"]).toEqual({ level: 0, mixed: true });
  });

  it("goes on normally when the statement asked again resolves the contradiction", () => {
    // Denies the first level-2 statement, holds everything up to 3 otherwise.
    const { responses, scores } = takeAssessment(standardOf(2), ({ c, l, i }) =>
      c === "M.1" && l === 2 && i === 0 ? NO : l <= 3 ? YES : NO,
    );
    // Level 2 is now split, but level 3 leans held above it: 3 is what needs settling.
    expect(responses.filter((x) => x.c === "M.1").map((x) => [x.l, x.i])).toEqual([
      [2, 0],
      [3, 0],
      [2, 1],
      [4, 0],
      [3, 1],
      [4, 1],
    ]);
    expect(scores["M.1"]).toEqual({ level: 3, mixed: false });
  });

  it("finds every true level from every standard, resting on two statements each way, within 45", () => {
    for (const required of [1, 2, 3, 4, 5] as const) {
      for (let truth = 0; truth <= 5; truth++) {
        const { responses, scores } = takeAssessment(
          standardOf(required),
          holds(() => truth),
        );
        expect(responses.length).toBeLessThanOrEqual(45);
        for (const code of NINE) {
          expect(scores[code]).toEqual({ level: truth, mixed: false });
          expect(creditedProperly(responses, code, truth)).toBe(true);
        }
      }
    }
  });

  it("never asks more than 45 for the nine, whatever the answers, and marks what it could not settle", () => {
    const rnd = seeded(2026);
    for (let person = 0; person < 300; person++) {
      const { responses, scores } = takeAssessment(standardOf((1 + (person % 5)) as Level), () =>
        rnd() < 0.5 ? YES : NO,
      );
      expect(responses.length).toBeLessThanOrEqual(45);
      for (const code of NINE) {
        const s = scores[code]!;
        if (!s.mixed) expect(creditedProperly(responses, code, s.level)).toBe(true);
      }
    }
  });

  it("takes competencies in code order with their position (22 statements for all yes from level 1, was 36)", () => {
    const required = Object.fromEntries(
      ["SK.1", "M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8"].map((c) => [c, 1 as Level]),
    );
    const responses: AssessmentResponse[] = [];
    const seen: string[] = [];
    for (;;) {
      const next = nextStatement(required, responses, three);
      if (!next) break;
      if (seen.at(-1) !== `${next.position}/${next.total} ${next.competency}`)
        seen.push(`${next.position}/${next.total} ${next.competency}`);
      responses.push({ c: next.competency, l: next.level, i: next.index, s: YES });
    }
    expect(seen[0]).toBe("1/9 M.1");
    expect(seen.at(-1)).toBe("9/9 SK.1");
    expect(seen).toHaveLength(9);
    expect(responses).toHaveLength(22);
  });

  it("gives up on a competency whose level has no statements left", () => {
    const one = () => 1;
    expect(nextStatement({ "M.1": 5 }, [r(5, YES)], one)).toBeUndefined();
  });

  it("finishes a run the old one-statement walk left, going back to what it did not settle", () => {
    // The old walk settled Integritas on 2 yes, 3 no (one statement each) and moved on.
    const old = [r(2, YES), r(3, NO), r(2, YES, 0, "M.2")];
    const required = { "M.1": 2, "M.2": 2 } as const;
    expect(nextStatement(required, old, three)).toMatchObject({ competency: "M.1", level: 2, index: 1 });
    const done = [...old, r(2, YES, 1), r(3, NO, 1)];
    expect(nextStatement(required, done, three)).toMatchObject({ competency: "M.2", level: 3, index: 0 });
  });
});

/**
 * The rule documented by answer patterns: a Kepala Seksi (standard 2 in all nine) and a pelaksana
 * (standard 1). Levels are listed M.1 … SK.1.
 */
describe("answer patterns → scores", () => {
  const rows: [
    standard: Level,
    pattern: keyof typeof PATTERNS,
    levels: string,
    statements: number,
    mixed: string[],
  ][] = [
    [1, "all Tidak sesuai", "000000000", 27, []],
    [2, "all Tidak sesuai", "000000000", 28, []],
    [1, "all Sangat sesuai", "555555555", 22, []],
    [2, "all Sangat sesuai", "555555555", 21, []],
    [2, "all Sesuai", "555555555", 21, []],
    [1, "alternating Sangat sesuai / Tidak sesuai", "111111111", 36, []],
    [2, "alternating Sangat sesuai / Tidak sesuai", "222222222", 36, []],
    [2, "at the standard", "222222222", 36, []],
    [1, "one level above the standard", "222222222", 37, []],
    [2, "one level above the standard", "333333333", 37, []],
    [1, "inconsistent (yes above the standard, no at and below it)", "000000000", 27, [...NINE]],
    [2, "inconsistent (yes above the standard, no at and below it)", "000000000", 29, ["M.1"]],
    [2, "random ratings (seed 17)", "210300100", 43, ["M.2", "M.4", "M.5", "M.6", "M.8", "SK.1"]],
  ];
  it.each(rows)("standard %i, %s → %s in %i statements", (standard, pattern, levels, statements, mixed) => {
    const required = standardOf(standard);
    const { responses, scores } = takeAssessment(required, PATTERNS[pattern](required));
    expect(NINE.map((c) => scores[c]!.level).join("")).toBe(levels);
    expect(responses).toHaveLength(statements);
    expect(NINE.filter((c) => scores[c]!.mixed)).toEqual(mixed);
    for (const code of NINE)
      if (!scores[code]!.mixed) expect(creditedProperly(responses, code, scores[code]!.level)).toBe(true);
  });
});
