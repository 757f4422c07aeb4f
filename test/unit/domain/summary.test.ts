import { describe, expect, it } from "vitest";
import {
  addTotals,
  contributionsOf,
  type PersonFacts,
  shiftHeadcount,
  shiftTotals,
  shiftTree,
  summaryView,
  treesOf,
  unitTotalsOf,
} from "../../../src/domain/summary.js";

const assessment = (id: string, year: number, day: string, levels: [string, number, number][]) => ({
  _id: id,
  year,
  completedAt: new Date(`${day}T03:00:00Z`),
  results: levels.map(([competency, assessed, required]) => ({ competency, assessed, required })),
});

const facts = (over: Partial<PersonFacts>): PersonFacts => ({
  personId: "p1",
  unitId: "u1",
  assessments: [],
  completions: [],
  achievements: [],
  reminders: [],
  ...over,
});

describe("a person's contributions", () => {
  it("count only the latest assessment of each year, with that year's JP, trainings and reminders", () => {
    const c = contributionsOf(
      facts({
        assessments: [
          assessment("a1", 2026, "2026-02-01", [["M.1", 2, 3]]),
          assessment("a2", 2026, "2026-09-01", [["M.1", 3, 3]]),
          assessment("a0", 2025, "2025-05-01", [["M.1", 1, 3]]),
        ],
        completions: [
          { year: 2026, jp: 12 },
          { year: 2026, jp: 9 },
          { year: 2025, jp: 4 },
        ],
        achievements: [{ kind: "gap-closed", year: 2026 }],
        reminders: [
          { id: "r1", ok: true, year: 2026 },
          { id: "r1", ok: true, year: 2026 },
          { id: "r2", ok: false, year: 2026 },
        ],
      }),
      20,
    );
    expect(c.map((x) => [x._id, x.assessmentId, x.jp, x.reachedGoal, x.trainings, x.gapsClosed])).toEqual([
      ["p1|2025", "a0", 4, false, 1, 0],
      ["p1|2026", "a2", 21, true, 2, 1],
    ]);
    expect(c[1]!.results).toEqual([{ competency: "M.1", assessed: 3, required: 3 }]);
    expect(c[1]!.reminders).toEqual([
      { id: "r1", ok: true },
      { id: "r2", ok: false },
    ]);
  });

  it("are none for a person with no facts", () => {
    expect(contributionsOf(facts({}), 20)).toEqual([]);
  });
});

describe("unit totals and the supervisor's view", () => {
  const people = (n: number, assessed: number, required: number) =>
    Array.from({ length: n }, (_, i) =>
      contributionsOf(
        facts({
          personId: `p${i}${assessed}`,
          assessments: [assessment(`a${i}${assessed}`, 2026, "2026-03-01", [["M.1", assessed, required]])],
          completions: [{ year: 2026, jp: assessed * 5 }],
        }),
        20,
      ),
    ).flat();

  it("adds up units and shows averages, shares and the largest gaps", () => {
    const a = unitTotalsOf("u1", 2026, people(3, 2, 3), [[4, 4, 3]]);
    const b = unitTotalsOf("u2", 2026, people(2, 4, 3), []);
    const total = addTotals(
      2026,
      [a, b],
      [
        { _id: "u1", headcount: 6, registered: 3 },
        { _id: "u2", headcount: 4, registered: 4 },
      ],
    );
    const v = summaryView(total);
    expect(v).toMatchObject({
      headcount: 10,
      shown: true,
      registeredPct: 70,
      assessedPct: 50,
      assessed: { hidden: false, value: 5 },
      jpAverage: 7,
      reachedGoal: { hidden: true },
      reachedGoalPct: 20,
      trainings: 5,
    });
    // (3×2 + 2×4) / 5 = 2.8 against 3; three of five below.
    expect(v.competencies).toEqual([
      { competency: "M.1", hidden: false, people: 5, assessed: 2.8, required: 3, belowPct: 60 },
    ]);
    expect(v.topGaps).toEqual([{ competency: "M.1", belowPct: 60 }]);
    // One respondent is too few for a satisfaction score.
    expect(v.ikm).toBeUndefined();
    expect(v.ikmRespondents).toEqual({ hidden: true });
  });

  it("counts people under a JP ceiling (PPPK) apart from the share that met a minimum", () => {
    const pns = (id: string, jp: number) =>
      contributionsOf(facts({ personId: id, completions: [{ year: 2026, jp }] }), 20);
    // A PPPK with 24 JP has not "reached" anything: their 24 is a ceiling, not a target.
    const pppk = (id: string) =>
      contributionsOf(facts({ personId: id, completions: [{ year: 2026, jp: 24 }] }), undefined);
    expect(pppk("w")[0]!.reachedGoal).toBe(false);
    const t = unitTotalsOf("u1", 2026, [...pns("a", 20), ...pns("b", 21), ...pns("c", 3), ...pppk("w")], []);
    const v = summaryView(
      addTotals(2026, [t], [{ _id: "u1", headcount: 9, registered: 9, underCeiling: 3 }]),
    );
    // Two of the six with a minimum met it; the three PPPK are counted, but hidden as a small cell.
    expect(v).toMatchObject({ reachedGoalPct: 33, underCeiling: { hidden: true } });
    const few = summaryView(
      addTotals(2026, [t], [{ _id: "u1", headcount: 7, registered: 7, underCeiling: 3 }]),
    );
    expect(few.reachedGoalPct).toBeUndefined();
    expect(few.jpAverage).toBeDefined();
  });

  it("averages level 0 (belum mencapai level 1) as 0 and counts it below the standard", () => {
    const v = summaryView(
      addTotals(
        2026,
        [unitTotalsOf("u1", 2026, [...people(3, 0, 1), ...people(2, 1, 1)], [])],
        [{ _id: "u1", headcount: 5, registered: 5 }],
      ),
    );
    expect(v.competencies).toEqual([
      { competency: "M.1", hidden: false, people: 5, assessed: 0.4, required: 1, belowPct: 60 },
    ]);
  });

  it("hides every cell below five people", () => {
    const small = addTotals(
      2026,
      [unitTotalsOf("u1", 2026, people(4, 2, 3), [])],
      [{ _id: "u1", headcount: 4, registered: 4 }],
    );
    const v = summaryView(small);
    expect(v.shown).toBe(false);
    expect(v.competencies).toEqual([]);
    expect(v.jpAverage).toBeUndefined();
    const rows = summaryView(
      addTotals(
        2026,
        [unitTotalsOf("u1", 2026, people(4, 2, 3), [])],
        [{ _id: "u1", headcount: 40, registered: 9 }],
      ),
    );
    expect(rows.competencies).toEqual([{ competency: "M.1", hidden: true }]);
    expect(rows.topGaps).toEqual([]);
  });

  it("scores post-training satisfaction as IKM from five respondents", () => {
    const answers = [
      [4, 4, 4, 4, 4],
      [4, 4, 4, 4, 4],
      [4, 4, 4, 4, 4],
      [3, 3, 3, 3, 3],
      [3, 3, 3, 3, 3],
    ];
    const v = summaryView(
      addTotals(2026, [unitTotalsOf("u1", 2026, [], answers)], [{ _id: "u1", headcount: 9, registered: 9 }]),
    );
    expect(v.ikm).toEqual({ score: 90, respondents: 5 });
  });
});

describe("shifting a unit's totals", () => {
  const year = (personId: string, levels: [string, number, number][], jp: number) =>
    contributionsOf(
      facts({
        personId,
        assessments: [assessment(`a-${personId}-${jp}`, 2026, "2026-05-02", levels)],
        completions: [{ year: 2026, jp }],
      }),
      20,
    )[0]!;
  it("equals a recount of the new contributions, dropping a competency nobody holds any more", () => {
    const a = year("p1", [["C1", 2, 3]], 10.1);
    const b = year("p2", [["C2", 4, 3]], 20.2);
    const b2 = year("p2", [["C1", 3, 3]], 0.3);
    const before = unitTotalsOf("u1", 2026, [a, b], [[4, 3]]);
    const after = shiftTotals("u1", 2026, before, [b], [b2]);
    expect(after).toEqual({ ...unitTotalsOf("u1", 2026, [a, b2], [[4, 3]]), jpSum: 10.4 });
    expect(after.competencies.map((c) => c.competency)).toEqual(["C1"]);
    expect(shiftTotals("u1", 2026, undefined, [], [a])).toEqual(unitTotalsOf("u1", 2026, [a], []));
  });
});

describe("shifting a rolled-up total", () => {
  const tree = new Map([
    ["root", { _id: "root", parentId: null, path: [] }],
    ["a", { _id: "a", parentId: "root", path: ["root"] }],
    ["b", { _id: "b", parentId: "root", path: ["root"] }],
  ]);
  const person = (personId: string, unitId: string, levels: [string, number, number][], jp: number) =>
    contributionsOf(
      facts({
        personId,
        unitId,
        assessments: [assessment(`a-${personId}-${jp}`, 2026, "2026-05-02", levels)],
        completions: [{ year: 2026, jp }],
      }),
      20,
    )[0]!;
  it("equals the roll-up recomputed from every unit's own totals, headcounts too", () => {
    const a1 = person("p1", "a", [["C1", 2, 3]], 10);
    const b1 = person("p2", "b", [["C2", 4, 3]], 25);
    const b2 = person("p2", "b", [["C1", 3, 3]], 4);
    const ownA = unitTotalsOf("a", 2026, [a1], []);
    const ownB = unitTotalsOf("b", 2026, [b1], [[4, 4]]);
    const ownB2 = unitTotalsOf("b", 2026, [b2], [[4, 4]]);
    const heads = [
      { _id: "a", headcount: 3, registered: 2, underCeiling: 0 },
      { _id: "b", headcount: 4, registered: 4, underCeiling: 1 },
    ];
    const heads2 = [heads[0]!, { _id: "b", headcount: 5, registered: 4, underCeiling: 2 }];
    const before = treesOf(tree, [ownA, ownB], heads);
    const after = treesOf(tree, [ownA, ownB2], heads2);
    const rootOf = <T extends { _id: string }>(xs: T[], id: string) => xs.find((x) => x._id === id)!;
    const { parentId: _, ...rootAfter } = rootOf(after.trees, "root|2026");
    expect(shiftTree("root", 2026, rootOf(before.trees, "root|2026"), [ownB], [ownB2])).toEqual(rootAfter);
    // C2 is held by nobody any more: dropped, as the recount never lists it.
    expect(rootAfter.competencies.map((c) => c.competency)).toEqual(["C1"]);
    const { parentId: __, ...headAfter } = rootOf(after.treeHeadcounts, "root");
    expect(shiftHeadcount("root", rootOf(before.treeHeadcounts, "root"), [heads[1]!], [heads2[1]!])).toEqual(
      headAfter,
    );
  });
});
