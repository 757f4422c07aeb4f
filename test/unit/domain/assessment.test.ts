import { describe, expect, it } from "vitest";
import {
  type AssessmentResponse,
  MAX_PER_COMPETENCY,
  nextStatement,
  scoreAssessment,
  scoreCompetency,
} from "../../../src/domain/assessment.js";
import type { Level } from "../../../src/domain/competency.js";

const two = () => 2;
const r = (l: Level, s: number, i = 0, c = "M.1"): AssessmentResponse => ({ c, l, i, s });

/** Runs one competency to the end with a person who holds every level up to `true` (rating 4 / 1). */
function simulate(required: Level, trueLevel: number, rate?: (level: Level, i: number) => number) {
  const responses: AssessmentResponse[] = [];
  for (;;) {
    const next = nextStatement({ "M.1": required }, responses, two);
    if (!next) break;
    const s = rate ? rate(next.level, next.index) : next.level <= trueLevel ? 4 : 1;
    responses.push({ c: next.competency, l: next.level, i: next.index, s });
  }
  return { responses, level: scoreCompetency(responses) };
}

describe("scoring a competency", () => {
  it("gives the highest level asked when every answer agrees (all yes)", () => {
    expect(scoreCompetency([r(3, 4), r(4, 4), r(5, 3), r(5, 4, 1)])).toBe(5);
  });

  it("gives level 1 when every answer disagrees (all no), because there is no level 0", () => {
    expect(scoreCompetency([r(3, 1), r(2, 2), r(1, 1)])).toBe(1);
    expect(scoreCompetency([])).toBe(1);
  });

  it("caps the level at an unheld lower level when answers are inconsistent", () => {
    // Says no to level 2 behaviour but yes to levels 3 and 4: level 2 is the weakest link.
    expect(scoreCompetency([r(2, 1), r(3, 4), r(4, 4)])).toBe(1);
    expect(scoreCompetency([r(1, 4), r(2, 4), r(3, 1), r(4, 4)])).toBe(2);
  });

  it("holds a level on a mean of 2.5 or more across its statements", () => {
    expect(scoreCompetency([r(2, 4), r(3, 2), r(3, 3, 1)])).toBe(3);
    expect(scoreCompetency([r(2, 4), r(3, 2), r(3, 2, 1)])).toBe(2);
  });

  it("scores every required competency, and only those", () => {
    const got = scoreAssessment({ "M.1": 3, "M.2": 2 }, [
      r(3, 4),
      r(4, 1),
      r(2, 1, 0, "M.2"),
      r(1, 4, 0, "M.2"),
    ]);
    expect(got).toEqual({ "M.1": 3, "M.2": 1 });
  });
});

describe("the adaptive walk", () => {
  it("starts at the required level and settles a person right at the standard in two statements", () => {
    const { responses, level } = simulate(3, 3);
    expect(responses.map((x) => x.l)).toEqual([3, 4]);
    expect(level).toBe(3);
  });

  it("walks down for a person below the standard", () => {
    const { responses, level } = simulate(3, 1);
    expect(responses.map((x) => x.l)).toEqual([3, 2, 1]);
    expect(level).toBe(1);
  });

  it("confirms a single-answer boundary with the second statement of the same level", () => {
    expect(simulate(5, 5).responses.map((x) => [x.l, x.i])).toEqual([
      [5, 0],
      [5, 1],
    ]);
    expect(simulate(1, 0).responses.map((x) => [x.l, x.i])).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(simulate(1, 0).level).toBe(1);
  });

  it("asks 2 to 4 statements for every required level and every true level", () => {
    for (const required of [1, 2, 3, 4, 5] as const) {
      for (let truth = 0; truth <= 5; truth++) {
        const { responses, level } = simulate(required, truth);
        expect(responses.length).toBeGreaterThanOrEqual(2);
        expect(responses.length).toBeLessThanOrEqual(MAX_PER_COMPETENCY);
        // Within reach of four statements the walk finds the true level exactly.
        if (Math.abs(truth - required) <= 2) expect(level).toBe(Math.max(1, truth));
      }
    }
  });

  it("stays within 4 statements when answers contradict each other", () => {
    const { responses } = simulate(5, 0, (level, i) => (level === 5 && i === 0 ? 4 : i === 0 ? 1 : 4));
    expect(responses.length).toBeLessThanOrEqual(4);
  });

  it("takes competencies in code order with their position, and ends after at most 36 for nine", () => {
    const required = Object.fromEntries(
      ["SK.1", "M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8"].map((c) => [c, 1 as Level]),
    );
    const responses: AssessmentResponse[] = [];
    const seen: string[] = [];
    for (;;) {
      const next = nextStatement(required, responses, two);
      if (!next) break;
      if (seen.at(-1) !== `${next.position}/${next.total} ${next.competency}`)
        seen.push(`${next.position}/${next.total} ${next.competency}`);
      responses.push({ c: next.competency, l: next.level, i: next.index, s: 4 });
    }
    expect(seen[0]).toBe("1/9 M.1");
    expect(seen.at(-1)).toBe("9/9 SK.1");
    expect(responses).toHaveLength(36);
  });

  it("gives up on a competency whose level has no statements left", () => {
    const one = () => 1;
    const responses = [r(5, 4)];
    expect(nextStatement({ "M.1": 5 }, responses, one)).toBeUndefined();
  });
});
