import type { ListedPerson } from "../../db/repositories/people.js";
import { addTotals } from "../../domain/summary.js";
import type { CategoryScope, HeadTotals, NonResponderCategory, Pending } from "./categories/index.js";
import type { CampaignsContext } from "./context.js";
import { rootsOf, type Target } from "./target.js";

/**
 * Up to this many people (by the headcount totals) a scope is read whole when a count is not kept
 * in the totals (surveys, JP pace): on FerretDB that is about half a second.
 */
export const SMALL_SCOPE = 2_000;

/** By name, in code-unit order (as one sorted query gives them). */
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** What a target holds: its figures from the running totals, its people, a category's pending. */
export function createScopeReads(deps: CampaignsContext) {
  const { catDeps } = deps;

  /** The target's figures from the running totals: one rolled-up document per root of its units. */
  async function scopeTotals(target: Target, year: number): Promise<HeadTotals> {
    const { totals, heads } = await deps.repos.summaries.trees(
      rootsOf(target.units).map((u) => u._id),
      year,
    );
    const t = addTotals(year, totals, heads);
    return { headcount: t.headcount, registered: t.registered, assessed: t.assessed };
  }

  /** Each unit's own figures (not its subtree's) from the running totals. */
  async function unitTotals(target: Target, year: number): Promise<Map<string, HeadTotals>> {
    const ids = target.units.map((u) => u._id);
    const [heads, assessed] = await Promise.all([
      deps.repos.summaries.headcountsOf(ids),
      deps.repos.summaries.assessedIn(ids, year),
    ]);
    const byUnit = new Map(heads.map((h) => [h._id, h]));
    return new Map(
      ids.map((id) => [
        id,
        {
          headcount: byUnit.get(id)?.headcount ?? 0,
          registered: byUnit.get(id)?.registered ?? 0,
          assessed: assessed.get(id) ?? 0,
        },
      ]),
    );
  }

  /** Everyone officially in the target's units, by name, read now (the actions; a small scope). */
  const everyone = (target: Target): Promise<ListedPerson[]> =>
    deps.repos.people.listForLists(target.units.map((u) => u._id));

  /** A category's few candidates, read by id and kept to the target's units, by name. */
  async function candidatePeople(
    category: NonResponderCategory,
    target: Target,
    scope: CategoryScope,
    now: Date,
  ): Promise<ListedPerson[]> {
    const ids = await category.candidates!(now, catDeps, scope);
    const inTarget = new Set(target.units.map((u) => u._id));
    return [...(await deps.repos.people.byIds(ids)).values()]
      .filter((p) => p.unitId && inTarget.has(p.unitId) && p.unverified !== true)
      .sort(byName);
  }

  /** Everyone on a category's list in the whole target, read afresh (reminders, the deadline job). */
  async function allPending(
    category: NonResponderCategory,
    target: Target,
    scope: CategoryScope,
    now: Date,
  ): Promise<Pending[]> {
    const people = category.candidates
      ? await candidatePeople(category, target, scope, now)
      : await everyone(target);
    return (await category.find(people, now, catDeps, scope)).pending;
  }

  return { scopeTotals, unitTotals, everyone, candidatePeople, allPending };
}
/** The reads of `createScopeReads`. */
export type ScopeReads = ReturnType<typeof createScopeReads>;
