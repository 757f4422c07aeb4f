import { describe, expect, it } from "vitest";
import type { Level } from "../../../src/domain/competency.js";
import {
  type Answerer,
  creditedProperly,
  NINE,
  PATTERNS,
  type Run,
  seeded,
  standardOf,
  takeAssessment,
} from "../../support/assessment-runs.js";

/**
 * How long the assessment is for the nine standard competencies, over answer patterns and simulated
 * people (fixed seeds, so the numbers are the same on every run). Prints min / median / p90 / max of
 * the statement counts; `npx vitest run test/unit/domain/assessment-simulation.test.ts` shows them.
 */

const PEOPLE = 1000;
const STANDARDS = [1, 2, 3, 4] as const;

interface Distribution {
  min: number;
  median: number;
  p90: number;
  max: number;
  mixedShare: number;
}

function distribution(runs: readonly Run[]): Distribution {
  const counts = runs.map((r) => r.responses.length).sort((a, b) => a - b);
  const at = (q: number) => counts[Math.max(0, Math.ceil(q * counts.length) - 1)]!;
  const mixed = runs.filter((r) => Object.values(r.scores).some((s) => s.mixed)).length;
  return {
    min: counts[0]!,
    median: at(0.5),
    p90: at(0.9),
    max: counts.at(-1)!,
    mixedShare: Math.round((100 * mixed) / runs.length),
  };
}

/**
 * A person with a usual distance from their standard (−1, 0 or +1), a spread of one level on about
 * a third of the competencies, and a share of answers that go the other way (a slip, or a statement
 * that fits them badly).
 */
function simulatedPerson(rnd: () => number, required: Record<string, Level>, slips: number): Answerer {
  const usual = [-1, 0, 0, 0, 1][Math.floor(rnd() * 5)]!;
  const truth = Object.fromEntries(
    NINE.map((c) => {
      const spread = rnd() < 0.3 ? (rnd() < 0.5 ? -1 : 1) : 0;
      return [c, Math.min(5, Math.max(0, required[c]! + usual + spread))];
    }),
  );
  return ({ c, l }) => {
    const yes = l <= truth[c]!;
    const slip = rnd() < slips;
    const rating = 1 + Math.floor(rnd() * 2);
    return yes !== slip ? rating + 2 : rating;
  };
}

describe("assessment length (simulation)", () => {
  const table: Record<string, Distribution> = {};

  for (const standard of [1, 2] as const) {
    for (const [name, pattern] of Object.entries(PATTERNS)) {
      if (name.startsWith("random")) continue;
      it(`standard ${standard}, ${name}`, () => {
        const required = standardOf(standard);
        const run = takeAssessment(required, pattern(required));
        table[`standard ${standard}, ${name}`] = distribution([run]);
        expect(run.responses.length).toBeLessThanOrEqual(45);
      });
    }
  }

  it(`random ratings, ${PEOPLE} people over standards 1–4 (seed 17)`, () => {
    const rnd = seeded(17);
    const runs = Array.from({ length: PEOPLE }, (_, n) => {
      const required = standardOf(STANDARDS[n % STANDARDS.length]!);
      return takeAssessment(required, () => 1 + Math.floor(rnd() * 4));
    });
    table[`random ratings, ${PEOPLE} people`] = distribution(runs);
    expect(Math.max(...runs.map((r) => r.responses.length))).toBeLessThanOrEqual(45);
  });

  for (const slips of [0, 0.05, 0.1]) {
    const label = `simulated people, ${PEOPLE}, ${slips * 100}% of answers slip`;
    it(`${label} (seed 7): the rule's promise holds where nothing is marked mixed`, () => {
      const rnd = seeded(7);
      const runs = Array.from({ length: PEOPLE }, (_, n) => {
        const required = standardOf(STANDARDS[n % STANDARDS.length]!);
        return takeAssessment(required, simulatedPerson(rnd, required, slips));
      });
      const d = distribution(runs);
      table[label] = d;
      expect(d.max).toBeLessThanOrEqual(45);
      if (slips === 0) {
        // Consistent people: nothing mixed, and well under the limit.
        expect(d.mixedShare).toBe(0);
        expect(d.median).toBeLessThanOrEqual(40);
      }
      for (const run of runs)
        for (const code of NINE) {
          const s = run.scores[code]!;
          if (!s.mixed) expect(creditedProperly(run.responses, code, s.level)).toBe(true);
        }
    });
  }

  it("prints the distribution", () => {
    const rows = Object.entries(table).map(
      ([name, d]) =>
        `${name.padEnd(78)} ${String(d.min).padStart(3)} ${String(d.median).padStart(6)} ${String(d.p90).padStart(3)} ${String(d.max).padStart(3)} ${String(d.mixedShare).padStart(5)}%`,
    );
    console.log([`${"pattern".padEnd(78)} min median p90 max mixed`, ...rows].join("\n"));
    expect(rows.length).toBeGreaterThan(0);
  });
});
