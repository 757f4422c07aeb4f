import type { OrgUnit } from "../../db/models/index.js";
import type { CategoryScope, NonResponderCategory, Pending } from "./categories/index.js";
import type { CampaignsContext } from "./context.js";
import type { Target } from "./target.js";

/** Names on one page of a list. */
export const PAGE_SIZE = 20;
/** People read at most for one page of a list walked without counts (then "next" goes on). */
export const WALK_BUDGET = 5_000;

/** Where a page walking unit by unit starts: the unit's place in `Target.units`, and the offset in it. */
export interface Cursor {
  u: number;
  o: number;
}

/**
 * The names of one unit at a time for a list walked unit by unit: each unit's own people read by
 * index when first asked for (kept for this one request only), with how many people were read.
 */
export function unitReader(
  deps: CampaignsContext,
  category: NonResponderCategory,
  target: Target,
  scope: CategoryScope,
  now: Date,
) {
  const { catDeps } = deps;
  const memo = new Map<number, Pending[]>();
  const reader = {
    read: 0,
    async pendingAt(u: number): Promise<Pending[]> {
      const known = memo.get(u);
      if (known) return known;
      const people = await deps.repos.people.listForLists([target.units[u]!._id]);
      reader.read += people.length;
      const { pending } = await category.find(people, now, catDeps, scope);
      memo.set(u, pending);
      return pending;
    },
  };
  return reader;
}
/** A reader of one list's names, unit by unit (see `unitReader`). */
export type UnitReader = ReturnType<typeof unitReader>;

/**
 * One page of a list walked unit by unit from `from`: each unit's names are taken in order until
 * the page is full. With `counts` (a unit's own count from the totals) units counted 0 are not
 * read; with `budget`, a page stops after reading that many people, so a page costs a few units
 * whatever the scope.
 */
export async function walk(
  units: readonly OrgUnit[],
  reader: UnitReader,
  from: Cursor,
  opts: { counts?: ReadonlyMap<string, number>; budget?: number },
): Promise<{ items: Pending[]; next?: Cursor }> {
  const empty = (u: number) => opts.counts !== undefined && !((opts.counts.get(units[u]!._id) ?? 0) > 0);
  const items: Pending[] = [];
  let { u, o } = from;
  while (u < units.length && items.length < PAGE_SIZE) {
    if (o === 0 && empty(u)) {
      u++;
      continue;
    }
    if (opts.budget !== undefined && reader.read >= opts.budget) break;
    const pending = await reader.pendingAt(u);
    const take = pending.slice(o, o + PAGE_SIZE - items.length);
    items.push(...take);
    if (o + take.length < pending.length) return { items, next: { u, o: o + take.length } };
    u++;
    o = 0;
  }
  while (u < units.length && empty(u)) u++;
  return { items, ...(u < units.length ? { next: { u, o: 0 } } : {}) };
}

/**
 * Where the page before the one starting at `at` starts: the units before it read backwards (those
 * the totals count 0 skipped) until a page of names lies between.
 */
export async function pageBefore(
  units: readonly OrgUnit[],
  reader: UnitReader,
  counts: ReadonlyMap<string, number>,
  at: Cursor,
): Promise<Cursor> {
  let need = PAGE_SIZE;
  let { u, o } = at;
  for (;;) {
    if (o >= need) return { u, o: o - need };
    need -= o;
    do u--;
    while (u >= 0 && !((counts.get(units[u]!._id) ?? 0) > 0));
    if (u < 0) return { u: 0, o: 0 };
    o = (await reader.pendingAt(u)).length;
  }
}
