import { describe, expect, it } from "vitest";
import { addTotals, summaryView, unitTotalsOf } from "../../../src/domain/summary.js";
import {
  type Cell,
  figureCells,
  hiddenChildren,
  isSmallCell,
  type PathStep,
  seenCounts,
  suppressedFigures,
} from "../../../src/domain/suppression.js";

const cell = (id: string, people: number, seen = 0) => ({ id, people, seen });
const cells = (people: number, seen = 0) => new Map<string, Cell>([["people", { people, seen }]]);

describe("small cells", () => {
  it("are 1–4 people, or 1–4 people the reader does not already see one by one", () => {
    expect(isSmallCell({ people: 0 })).toBe(false);
    expect(isSmallCell({ people: 4 })).toBe(true);
    expect(isSmallCell({ people: 5 })).toBe(false);
    // Eight people, seven of them shown one by one (a direct supervisor's staff): the eighth is
    // the aggregate minus the seven.
    expect(isSmallCell({ people: 8, seen: 7 })).toBe(true);
    // Everyone seen: the aggregate tells nothing the reader does not see already.
    expect(isSmallCell({ people: 8, seen: 8 })).toBe(false);
    expect(isSmallCell({ people: 12, seen: 5 })).toBe(false);
  });
});

describe("complementary suppression beside a shown parent", () => {
  it.each([
    // [case, parent, children, hidden]; a parent's seen people are those of its children.
    ["nothing small: nothing hidden", 20, [cell("a", 10), cell("b", 10)], []],
    [
      "one small child: the next smallest goes with it",
      20,
      [cell("a", 10), cell("b", 8), cell("c", 2)],
      ["b", "c"],
    ],
    [
      "two small children that make 5 together: enough",
      20,
      [cell("a", 15), cell("b", 3), cell("c", 2)],
      ["b", "c"],
    ],
    ["the small child with the unit's own 5 people: enough", 20, [cell("a", 12), cell("b", 3)], ["b"]],
    [
      "2 own people, children all shown: the smallest child hides them",
      12,
      [cell("b", 5), cell("a", 5)],
      ["a"],
    ],
    ["ties go by id", 13, [cell("z", 5), cell("y", 5), cell("x", 2)], ["x", "y"]],
    ["hiding one more is not always enough", 11, [cell("a", 1), cell("b", 0), cell("c", 10)], ["a", "c"]],
    [
      "a child seen one by one but for one person is small, and needs a partner",
      20,
      [cell("a", 10, 9), cell("b", 10)],
      ["a", "b"],
    ],
    [
      "a child seen wholly is never the partner (hiding it adds nobody)",
      15,
      [cell("a", 6, 6), cell("b", 6), cell("c", 3)],
      ["b", "c"],
    ],
  ] as const)("%s", (_, parent, children, hidden) => {
    const seen = children.reduce((s, c) => s + c.seen, 0);
    expect([...hiddenChildren({ people: parent, seen }, children)].sort()).toEqual([...hidden].sort());
  });
});

describe("figures along the path from the reader's scope", () => {
  // Dinas (30): Bidang A (20) with Seksi A1 (12) and A2 (8); Bidang B (3); 7 own people.
  const top = cells(30);
  const bidang: PathStep["children"] = [
    { id: "A", cells: cells(20) },
    { id: "B", cells: cells(3) },
  ];
  const seksi: PathStep["children"] = [
    { id: "A1", cells: cells(12) },
    { id: "A2", cells: cells(8) },
  ];

  it("shows the scope and a unit whose siblings leave enough behind", () => {
    expect(suppressedFigures(top, [])).toEqual(new Set());
    // Dinas − A = B (3) + own (7) = 10 people.
    expect(suppressedFigures(top, [{ children: [{ id: "D", cells: top }], chosen: "D" }])).toEqual(new Set());
    const path = (chosen: string, more: PathStep[] = []) => [
      { children: [{ id: "D", cells: top }], chosen: "D" },
      { children: bidang, chosen },
      ...more,
    ];
    expect(suppressedFigures(top, path("A"))).toEqual(new Set());
    expect(suppressedFigures(top, path("B"))).toEqual(new Set(["people"]));
    expect(suppressedFigures(top, path("A", [{ children: seksi, chosen: "A1" }]))).toEqual(new Set());
  });

  it("hides a complementary cell's whole subtree", () => {
    // Dinas (14): A (10) with A1 (5) and A2 (5); B (4). Dinas − A would be B: A is hidden, and
    // so are A1 and A2 (Dinas − A1 − A2 would be B again).
    const d = cells(14);
    const level = [
      { id: "A", cells: cells(10) },
      { id: "B", cells: cells(4) },
    ];
    const root = { children: [{ id: "D", cells: d }], chosen: "D" };
    expect(suppressedFigures(d, [root, { children: level, chosen: "A" }])).toEqual(new Set(["people"]));
    for (const chosen of ["A1", "A2"])
      expect(
        suppressedFigures(d, [
          root,
          { children: level, chosen: "A" },
          {
            children: [
              { id: "A1", cells: cells(5) },
              { id: "A2", cells: cells(5) },
            ],
            chosen,
          },
        ]),
      ).toEqual(new Set(["people"]));
  });

  it("decides each figure on its own", () => {
    const many = (people: number, c1: number) =>
      new Map<string, Cell>([
        ["people", { people }],
        ["c:M.1", { people: c1 }],
      ]);
    const step = {
      children: [
        { id: "A", cells: many(10, 9) },
        { id: "B", cells: many(10, 1) },
      ],
      chosen: "A",
    };
    // Headcounts are fine; only one person of B was assessed in M.1, so A's M.1 is hidden too.
    expect(suppressedFigures(many(20, 10), [step])).toEqual(new Set(["c:M.1"]));
  });

  it("never leaves a shown cell whose remainder is 1–4 people (random trees)", () => {
    let seed = 12;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n);
    };
    interface Node {
      id: string;
      own: number;
      children: Node[];
    }
    const build = (id: string, depth: number): Node => ({
      id,
      own: rnd(3) === 0 ? rnd(4) : 0,
      children: depth === 0 ? [] : Array.from({ length: rnd(4) }, (_, i) => build(`${id}.${i}`, depth - 1)),
    });
    for (let round = 0; round < 300; round++) {
      const roots = Array.from({ length: 1 + rnd(3) }, (_, i) => build(`r${i}`, 3));
      // A leaf's people are drawn on its first visit and remembered.
      const people = new Map<string, number>();
      const count = (n: Node): number => {
        const known = people.get(n.id);
        if (known !== undefined) return known;
        const v =
          n.children.length === 0 ? n.own + rnd(12) : n.own + n.children.reduce((s, c) => s + count(c), 0);
        people.set(n.id, v);
        return v;
      };
      const topCount = roots.reduce((s, r) => s + count(r), 0);
      const top = cells(topCount);
      const shown = new Map<string, boolean>();
      const walk = (level: Node[], path: PathStep[]) => {
        for (const n of level) {
          const step = { children: level.map((c) => ({ id: c.id, cells: cells(count(c)) })), chosen: n.id };
          shown.set(n.id, suppressedFigures(top, [...path, step]).size === 0);
          walk(n.children, [...path, step]);
        }
      };
      walk(roots, []);
      const topShown = suppressedFigures(top, []).size === 0;
      // The remainder of a shown cell: its people minus those of the nearest shown cells below it.
      const frontier = (n: Node): number =>
        n.children.reduce((s, c) => s + (shown.get(c.id) ? count(c) : frontier(c)), 0);
      const check = (id: string, total: number, below: number) => {
        const remainder = total - below;
        if (remainder > 0 && remainder < 5) throw new Error(`${id} leaves ${remainder} (round ${round})`);
      };
      if (topShown)
        check(
          "top",
          topCount,
          roots.reduce((s, r) => s + (shown.get(r.id) ? count(r) : frontier(r)), 0),
        );
      const all = (n: Node): Node[] => [n, ...n.children.flatMap(all)];
      for (const n of roots.flatMap(all)) if (shown.get(n.id)) check(n.id, count(n), frontier(n));
    }
  });
});

describe("the view with suppressed figures", () => {
  it("marks protected cells apart from small ones", () => {
    const t = addTotals(
      2026,
      [
        unitTotalsOf(
          "u",
          2026,
          [],
          [
            [4, 4],
            [4, 4],
            [4, 4],
            [4, 4],
            [4, 4],
          ],
        ),
      ],
      [{ _id: "u", headcount: 9, registered: 9 }],
    );
    expect(figureCells(t).get("ikm")).toEqual({ people: 5, seen: 0 });
    expect(summaryView(t, new Set(["ikm"]))).toMatchObject({ shown: true, ikmProtected: true });
    expect(summaryView(t, new Set(["ikm"])).ikm).toBeUndefined();
    expect(summaryView(t, new Set(["people"]))).toMatchObject({ shown: false, protected: true });
    expect(summaryView(t).ikm).toEqual({ score: 100, respondents: 5 });
  });
});

describe("people the reader sees one by one", () => {
  it("counts each seen person in the cells holding their unit, per figure they are counted in", () => {
    const seen = [
      { unitId: "a", minimum: true, competencies: ["M.1", "M.3"] },
      { unitId: "a.b", minimum: false, competencies: ["M.1"] },
      { unitId: "c", minimum: true, competencies: [] },
    ];
    const underA = seenCounts(seen, (u) => u === "a" || u.startsWith("a."));
    expect(Object.fromEntries(underA)).toEqual({ people: 2, minimum: 1, "c:M.1": 2, "c:M.3": 1 });
    expect(underA.get("ikm")).toBeUndefined();
    expect(seenCounts(seen, (u) => u === "z").size).toBe(0);
  });
});
