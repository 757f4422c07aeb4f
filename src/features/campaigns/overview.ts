import type { Person } from "../../db/models/index.js";
import type { ListedPerson } from "../../db/repositories/people.js";
import type { Actor } from "../../domain/scope.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { actingPerson } from "../../services/actor.js";
import { unitKey } from "../summaries/summary-report.js";
import { nonResponderButton } from "./buttons.js";
import type { CategoryScope, NonResponderCategory } from "./categories/index.js";
import type { CampaignsContext } from "./context.js";
import { type ScopeReads, SMALL_SCOPE } from "./scope-reads.js";
import { ALL, matchUnits, scopeOf, subtreeOf, type Target, type Targets, yearOf } from "./target.js";

const MAX_UNIT_CHOICES = 8;

/** One line of the overview or the digest: a category's count, or none when it is counted on opening. */
interface CategoryCount {
  category: NonResponderCategory;
  count?: number;
  of?: number;
}

/** /belum's overview of a scope or unit, and the same counts for the weekly digest. */
export function createOverview(deps: CampaignsContext, targets: Targets, reads: ScopeReads) {
  const { audit, categories, catDeps } = deps;
  const { scopeUnits, titleOf } = targets;
  const { scopeTotals, everyone, candidatePeople } = reads;

  /**
   * Each category's count over the target, as fast as it can be known: from the totals, from the
   * category's candidates, or by reading a small scope whole; left uncounted (counted when its list
   * is opened) for a large scope whose count the totals do not keep.
   */
  async function countsOf(target: Target, scope: CategoryScope, now: Date, year: number) {
    const totals = await scopeTotals(target, year);
    let people: ListedPerson[] | undefined;
    const out: CategoryCount[] = [];
    for (const c of categories) {
      if (c.fromTotals) {
        const { count, of } = c.fromTotals(totals);
        out.push({ category: c, count, of: of ?? totals.headcount });
      } else if (c.candidates) {
        const list = await c.find(await candidatePeople(c, target, scope, now), now, catDeps, scope);
        out.push({
          category: c,
          count: list.pending.length,
          ...(list.of !== undefined ? { of: list.of } : {}),
        });
      } else if (totals.headcount <= SMALL_SCOPE) {
        people ??= await everyone(target);
        const list = await c.find(people, now, catDeps, scope);
        out.push({ category: c, count: list.pending.length, of: list.of ?? people.length });
      } else out.push({ category: c });
    }
    return { totals, counts: out };
  }

  /** The overview: each category's count in the target, with a button to its list. */
  async function overview(
    conv: Conversation,
    me: Person | null,
    target: Target,
    scope: CategoryScope,
  ): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (k: string, a?: Record<string, string | number>) => deps.translate(locale, k, a);
    const now = deps.now();
    const { totals, counts } = await countsOf(target, scope, now, yearOf(me, now));
    const lines = [t("nonresp-title", { unit: titleOf(target, locale) }), ""];
    const choices: Choice[][] = [];
    for (const { category: c, count, of } of counts) {
      lines.push(
        count === undefined
          ? `• ${t("nonresp-uncounted", { label: t(`${c.textPrefix}-label`) })}`
          : `• ${t(`${c.textPrefix}-line`, { count, of: of ?? totals.headcount })}`,
      );
      choices.push([
        {
          data: nonResponderButton.pack("list", c.id, target.key, 0),
          label: count === undefined ? t(`${c.textPrefix}-label`) : t(`${c.textPrefix}-open`, { count }),
        },
      ]);
    }
    lines.push("", t("nonresp-lag-note"), t(target.unit ? "nonresp-help-unit" : "nonresp-help"));
    await audit(conv, me, "nonresponders.view", "ok", {
      ...(target.unit ? { scopeUnitId: target.unit._id } : {}),
      details: { people: totals.headcount },
    });
    return [{ text: lines.join("\n"), choices }];
  }

  return {
    /** The overview of a resolved target (a button's). */
    overview,
    /** /belum [unit]: the overview of the coordinator's scope, or of one unit in it. */
    async show(conv: Conversation, args: string, bootstrapAdmin: boolean): Promise<Outbound[]> {
      const t = (k: string, a?: Record<string, string | number>) => deps.translate(conv.profile.locale, k, a);
      const { me, actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
      const { roots, units } = await scopeUnits(actor);
      if (units.length === 0) return [{ text: t("nonresp-no-scope") }];
      const query = args.trim().slice(0, 200);
      const open = (target: Target) => overview(conv, me, target, scopeOf(me, actor, bootstrapAdmin, target));
      if (!query) return open({ units, key: ALL, roots });
      const found = matchUnits(query, units);
      if (found.length === 1) {
        const unit = found[0]!;
        return open({ units: subtreeOf(unit, units), unit, key: unitKey(unit._id), roots });
      }
      if (found.length === 0) {
        // Outside the scope is refused (and written down); a name that matches nothing is a typo.
        if (matchUnits(query, await deps.repos.orgUnits.all()).length > 0) {
          await audit(conv, me, "nonresponders.view", "refused", { details: { query } });
          return [{ text: t("nonresp-out-of-scope") }];
        }
        return [{ text: t("nonresp-unit-unknown", { query }) }];
      }
      return [
        {
          text: t("nonresp-choose-unit", { count: found.length }),
          choices: found
            .slice(0, MAX_UNIT_CHOICES)
            .map((u) => [{ data: nonResponderButton.pack("overview", unitKey(u._id)), label: u.name }]),
        },
      ];
    },

    /**
     * What waits in a coordinator's whole scope, one line per category counted without reading the
     * scope (see the overview): for the weekly digest, each pointing at /belum. A category whose
     * count would need reading a large scope is left out, and so is one with nobody waiting.
     */
    async openCounts(
      actor: Actor,
      locale: "id" | "en",
      me: Person | null = null,
    ): Promise<{ label: string; count: number; command: string }[]> {
      const { roots, units } = await scopeUnits(actor);
      if (units.length === 0) return [];
      const target: Target = { units, key: ALL, roots };
      const now = deps.now();
      const { counts } = await countsOf(
        target,
        { me, actor, bootstrapAdmin: actor.bootstrapAdmin ?? false, units },
        now,
        yearOf(me, now),
      );
      return counts.flatMap(({ category, count }) =>
        count === undefined || count === 0
          ? []
          : [{ label: deps.translate(locale, `${category.textPrefix}-label`), count, command: "/belum" }],
      );
    },
  };
}
/** The overview and counts of `createOverview`. */
export type Overview = ReturnType<typeof createOverview>;
