import type { OrgUnit, Person } from "../../db/models/index.js";
import { localClock } from "../../domain/reminder-time.js";
import { type Actor, scopeRoots } from "../../domain/scope.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { actingPerson } from "../../services/actor.js";
import { unitKey } from "../summaries/summary-report.js";
import type { CategoryScope } from "./categories/index.js";
import type { CampaignsContext } from "./context.js";

/** The scope key on buttons for the reader's whole scope. */
export const ALL = "all";

/** What a list is about: the units read, the unit chosen (if any), and the key on buttons. */
export interface Target {
  /** The units, in the stable order pages walk them (by id: a parent before its children). */
  units: OrgUnit[];
  unit?: OrgUnit;
  key: string;
  /** The reader's scope roots (undefined: everything, a bootstrap admin). */
  roots: string[] | undefined;
}

/** The outcome of resolving the acting coordinator and the scope a button names. */
export type Resolved =
  | { ok: true; me: Person | null; actor: Actor; target: Target; scope: OrgUnit[] }
  | { ok: false; reply: Outbound[] };

/** A unit and the units under it, among `units`. */
export const subtreeOf = (unit: OrgUnit, units: readonly OrgUnit[]) =>
  units.filter((u) => u._id === unit._id || u.path.includes(unit._id));

/** The roots of a set of units: those whose parent is not in the set. */
export const rootsOf = (units: readonly OrgUnit[]) => {
  const ids = new Set(units.map((u) => u._id));
  return units.filter((u) => !u.parentId || !ids.has(u.parentId));
};

/** The coordinator's zone for dates shown to them (WIB for a bootstrap admin without a person). */
export const zoneOf = (me: Person | null): string => me?.timeZone ?? "Asia/Jakarta";

/** The coordinator's current year, in their zone (the totals' year "this period" is read in). */
export const yearOf = (me: Person | null, now: Date) => Number(localClock(now, zoneOf(me)).date.slice(0, 4));

/** Finds the units a typed argument means among the reader's units. */
export function matchUnits(query: string, units: readonly OrgUnit[]): OrgUnit[] {
  const q = query.toLowerCase();
  const exact = units.filter((u) => u._id === q || u.name.toLowerCase() === q);
  return exact.length > 0 ? exact : units.filter((u) => u.name.toLowerCase().includes(q));
}

/** The scope a category reads a target in, as the acting coordinator. */
export const scopeOf = (
  me: Person | null,
  actor: Actor,
  bootstrapAdmin: boolean,
  target: Target,
): CategoryScope => ({
  me,
  actor,
  bootstrapAdmin,
  units: target.units,
});

/** Resolving the coordinator's scope, and the target a button's scope key names in it. */
export function createTargets(deps: CampaignsContext) {
  const { audit } = deps;

  /** Units the actor may act on as koordinator, in walking order ("none" when there are none). */
  async function scopeUnits(actor: Actor): Promise<{ roots: string[] | undefined; units: OrgUnit[] }> {
    const roots = scopeRoots(actor, "koordinator");
    if (roots && roots.length === 0) return { roots, units: [] };
    const units = await deps.repos.orgUnits.inScope(roots);
    return { roots, units: units.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)) };
  }

  /** The acting person, their scope, and the target a button's scope key names inside it. */
  async function resolve(conv: Conversation, bootstrapAdmin: boolean, key: string): Promise<Resolved> {
    const t = (k: string) => deps.translate(conv.profile.locale, k);
    const { me, actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
    const { roots, units } = await scopeUnits(actor);
    if (units.length === 0) return { ok: false, reply: [{ text: t("nonresp-no-scope") }] };
    if (key === ALL) return { ok: true, me, actor, scope: units, target: { units, key, roots } };
    const unit = units.find((u) => unitKey(u._id) === key);
    if (!unit) {
      await audit(conv, me, "nonresponders.view", "refused", { details: { scope: key } });
      return { ok: false, reply: [{ text: t("nonresp-out-of-scope") }] };
    }
    return { ok: true, me, actor, scope: units, target: { units: subtreeOf(unit, units), unit, key, roots } };
  }

  /** A target's title: its unit's name, its one root's, or how many roots it has. */
  function titleOf(target: Target, locale: "id" | "en"): string {
    if (target.unit) return target.unit.name;
    const roots = rootsOf(target.units);
    return roots.length === 1
      ? roots[0]!.name
      : deps.translate(locale, "nonresp-scope", { count: roots.length });
  }

  return { scopeUnits, resolve, titleOf };
}
/** The scope resolution of `createTargets`. */
export type Targets = ReturnType<typeof createTargets>;
