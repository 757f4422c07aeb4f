import type { ScopeTotals } from "./summary.js";

/**
 * Complementary suppression for figures that can be read at several levels of the org tree.
 *
 * Hiding a cell of 1–4 people is not enough when its parent and its siblings are shown: the parent
 * minus the shown siblings is the hidden cell. The rule here makes every such difference describe
 * either nobody or at least MIN_CELL people:
 *
 * - A shown cell's own people (those in the unit itself, in no child) and its hidden children form
 *   its "remainder": what subtraction of the shown children recovers. When the remainder holds 1–4
 *   people not already seen one by one, the next smallest shown child is hidden too, until the
 *   remainder is empty or holds at least MIN_CELL people.
 * - A hidden cell hides its whole subtree: a shown grandchild under a hidden child would let the
 *   reader take it away from the remainder again.
 * - People the reader already sees one by one (a direct supervisor's consenting staff) are "seen":
 *   a cell whose people are all seen but for 1–4 is hidden, since the seen ones can be subtracted.
 *
 * Each kind of figure (the headcount figures, each competency, satisfaction, …) is decided on its
 * own, because each counts its own people. Every decision reads only the cell, its parent and its
 * siblings along the path from the reader's whole scope down, so a unit's figures are the same
 * whether the reader opens it directly or drills into it, and the rule costs one read per level.
 */

/** The smallest number of people a shown cell may describe. */
const MIN = 5;

/** How many people one figure of a unit describes, and how many of them the reader sees one by one. */
export interface Cell {
  people: number;
  /** Of `people`, those the reader already sees individually elsewhere (none when absent). */
  seen?: number;
}

const unseen = (c: Cell) => Math.max(0, c.people - Math.min(c.seen ?? 0, c.people));
/** 1 to MIN − 1: a group too small to be described, or to be left over by a subtraction. */
const few = (n: number) => n > 0 && n < MIN;

/** A cell that may never be shown: 1–4 people, or all but 1–4 of them seen one by one. */
export function isSmallCell(c: Cell): boolean {
  return few(c.people) || few(unseen(c));
}

/**
 * The children hidden below a shown parent: the small ones, and as many more, smallest first, as
 * it takes for the parent minus its shown children to be nobody or at least MIN_CELL people.
 */
export function hiddenChildren(parent: Cell, children: readonly (Cell & { id: string })[]): Set<string> {
  const hidden = new Set(children.filter(isSmallCell).map((c) => c.id));
  // The unit's own people: whatever of the parent no child holds.
  let remainder = unseen(parent) - children.reduce((s, c) => s + unseen(c), 0);
  for (const c of children) if (hidden.has(c.id)) remainder += unseen(c);
  const candidates = children
    .filter((c) => !hidden.has(c.id) && unseen(c) > 0)
    .sort((a, b) => unseen(a) - unseen(b) || a.id.localeCompare(b.id));
  for (const c of candidates) {
    if (!few(remainder)) break;
    hidden.add(c.id);
    remainder += unseen(c);
  }
  return hidden;
}

/** The cells of one unit (or of a whole scope) by figure: see `figureCells`. */
export type Cells = ReadonlyMap<string, Cell>;

/**
 * The cells of a scope's totals, one per kind of figure: `people` (headcount, registration,
 * assessment, JP), `minimum` (the share that met a yearly JP minimum), `ikm` (satisfaction) and
 * `c:<code>` for each competency. `seen` gives, per figure, how many of them the reader sees one
 * by one.
 */
export function figureCells(
  t: ScopeTotals,
  seen: ReadonlyMap<string, number> = new Map(),
): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const put = (key: string, people: number) => cells.set(key, { people, seen: seen.get(key) ?? 0 });
  put("people", t.headcount);
  put("minimum", t.headcount - t.underCeiling);
  put("ikm", t.ikmRespondents);
  for (const c of t.competencies) put(`c:${c.competency}`, c.people);
  return cells;
}

/** One step down the path from the reader's whole scope to the unit shown. */
export interface PathStep {
  /** The cells of every unit at this level under the previous one (the siblings of `chosen`). */
  children: readonly { id: string; cells: Cells }[];
  /** The unit the path goes on with. */
  chosen: string;
}

const none: Cell = { people: 0, seen: 0 };

/**
 * The figures of the unit at the end of `path` that must be hidden beyond its own small cells:
 * those hidden above it (a hidden cell hides its subtree) or hidden beside a sibling so that no
 * subtraction recovers it. `top` holds the cells of the reader's whole scope; an empty path asks
 * about the whole scope itself.
 */
export function suppressedFigures(top: Cells, path: readonly PathStep[]): Set<string> {
  const last =
    path.length > 0
      ? path[path.length - 1]!.children.find((c) => c.id === path[path.length - 1]!.chosen)
      : undefined;
  const figures = new Set(last ? last.cells.keys() : top.keys());
  const hidden = new Set<string>();
  for (const figure of figures) {
    let parent = top.get(figure) ?? none;
    let shown = !isSmallCell(parent);
    for (const step of path) {
      if (!shown) break;
      const cells = step.children.map((c) => ({ id: c.id, ...(c.cells.get(figure) ?? none) }));
      shown = !hiddenChildren(parent, cells).has(step.chosen);
      parent = cells.find((c) => c.id === step.chosen) ?? none;
    }
    if (!shown) hidden.add(figure);
  }
  return hidden;
}

/** One person the reader sees one by one (a consenting direct report), as the totals count them. */
export interface SeenPerson {
  /** The unit the totals count them in. */
  unitId: string;
  /** Counted in "reached the minimum" (their JP rule is a minimum, not a ceiling). */
  minimum: boolean;
  /** The competencies their result of the year is counted in. */
  competencies: readonly string[];
}

/**
 * How many of the people the reader sees one by one each figure of a cell counts, for `figureCells`:
 * the seen people whose unit `inCell` accepts. Satisfaction answers are anonymous, so nobody is
 * seen in `ikm`.
 */
export function seenCounts(
  seen: readonly SeenPerson[],
  inCell: (unitId: string) => boolean,
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const p of seen) {
    if (!inCell(p.unitId)) continue;
    add("people");
    if (p.minimum) add("minimum");
    for (const c of p.competencies) add(`c:${c}`);
  }
  return counts;
}
