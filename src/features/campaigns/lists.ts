import type { Person } from "../../db/models/index.js";
import type { ListedPerson } from "../../db/repositories/people.js";
import { pageOf } from "../../domain/campaign.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { nonResponderButton } from "./buttons.js";
import type { CategoryScope, NonResponderCategory, Pending } from "./categories/index.js";
import type { CampaignsContext } from "./context.js";
import { type Cursor, PAGE_SIZE, pageBefore, unitReader, WALK_BUDGET, walk } from "./list-walk.js";
import { type ScopeReads, SMALL_SCOPE } from "./scope-reads.js";
import { type Target, type Targets, yearOf } from "./target.js";

/** A page as shown: its names, its number, and where "previous" and "next" lead. */
interface Page {
  items: Pending[];
  /** 0-based. */
  page: number;
  /** Known when the list's length is (from the totals or read whole). */
  pages?: number;
  count?: number;
  of?: number;
  prev?: { page: number; at?: Cursor; before?: boolean };
  next?: { page: number; at?: Cursor };
  /** True when the count comes from the running totals (and may lag). */
  lagging?: boolean;
}

/** A category's list, page by page: read whole when small, else walked unit by unit. */
export function createLists(
  deps: CampaignsContext,
  { titleOf }: Pick<Targets, "titleOf">,
  reads: ScopeReads,
) {
  const { audit, catDeps } = deps;
  const { scopeTotals, unitTotals, everyone, candidatePeople } = reads;

  /** The page `page` of a category's list, starting at `at` when it walks the units. */
  async function pageOfList(
    category: NonResponderCategory,
    target: Target,
    scope: CategoryScope,
    me: Person | null,
    page: number,
    at: Cursor | undefined,
    before: boolean,
  ): Promise<Page> {
    const now = deps.now();
    const year = yearOf(me, now);
    const inMemory = async (people: readonly ListedPerson[]): Promise<Page> => {
      const { pending, of } = await category.find(people, now, catDeps, scope);
      const shown = pageOf(pending, page, PAGE_SIZE);
      return {
        items: shown.items,
        page: shown.page,
        pages: shown.pages,
        count: pending.length,
        of: of ?? people.length,
        ...(shown.page > 0 ? { prev: { page: shown.page - 1 } } : {}),
        ...(shown.page < shown.pages - 1 ? { next: { page: shown.page + 1 } } : {}),
      };
    };
    if (category.candidates) return inMemory(await candidatePeople(category, target, scope, now));
    const start = at && at.u < target.units.length ? at : { u: 0, o: 0 };
    const p = at && at.u < target.units.length ? Math.max(0, page) : 0;
    if (category.fromTotals) {
      const own = await unitTotals(target, year);
      const counts = new Map([...own].map(([id, t]) => [id, category.fromTotals!(t).count]));
      const sum = [...own.values()].reduce(
        (s, t) => ({
          headcount: s.headcount + t.headcount,
          registered: s.registered + t.registered,
          assessed: s.assessed + t.assessed,
        }),
        { headcount: 0, registered: 0, assessed: 0 },
      );
      const { count, of } = category.fromTotals(sum);
      const reader = unitReader(deps, category, target, scope, now);
      // "Previous" names where the page after it starts: the start is found by reading backwards.
      const from = before ? await pageBefore(target.units, reader, counts, start) : start;
      const { items, next } = await walk(target.units, reader, from, { counts });
      const pages = Math.max(1, Math.ceil(count / PAGE_SIZE), p + 1 + (next ? 1 : 0));
      return {
        items,
        page: p,
        pages,
        count,
        of: of ?? sum.headcount,
        lagging: true,
        ...(p > 0 ? { prev: { page: p - 1, at: from, before: true } } : {}),
        ...(next ? { next: { page: p + 1, at: next } } : {}),
      };
    }
    const totals = await scopeTotals(target, year);
    if (totals.headcount <= SMALL_SCOPE) return inMemory(await everyone(target));
    // A large scope whose count the totals do not keep: read a few units a page, uncounted.
    const reader = unitReader(deps, category, target, scope, now);
    const { items, next } = await walk(target.units, reader, start, { budget: WALK_BUDGET });
    return {
      items,
      page: p,
      ...(p > 0 ? { prev: { page: 0, at: { u: 0, o: 0 } } } : {}),
      ...(next ? { next: { page: p + 1, at: next } } : {}),
    };
  }

  /** One page of a category's list, with paging, the reminder (or the CSV) and the way back. */
  async function listPage(
    conv: Conversation,
    me: Person | null,
    target: Target,
    scope: CategoryScope,
    category: NonResponderCategory,
    page: number,
    at: Cursor | undefined,
    before = false,
  ): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (k: string, a?: Record<string, string | number>) => deps.translate(locale, k, a);
    const shown = await pageOfList(category, target, scope, me, page, at, before);
    const units = new Map(target.units.map((u) => [u._id, u.name]));
    const unit = titleOf(target, locale);
    const lines = [
      shown.count === undefined
        ? t("nonresp-walk-title", { label: t(`${category.textPrefix}-label`), unit })
        : t(`${category.textPrefix}-title`, { count: shown.count, of: shown.of ?? 0, unit }),
    ];
    if (shown.count === undefined) lines.push(t("nonresp-walk-note"));
    if (shown.lagging) lines.push(t("nonresp-lag-note"));
    const any = shown.items.length > 0 || (shown.count ?? 0) > 0;
    if (!category.remindable && any) lines.push(t("nonresp-unreachable-note"));
    lines.push("");
    if (shown.items.length === 0)
      lines.push(shown.count === undefined && shown.page > 0 ? t("nonresp-walk-end") : t("nonresp-none"));
    shown.items.forEach((p, i) => {
      const where = (p.person.unitId && units.get(p.person.unitId)) || "";
      const extra = [where, p.note].filter(Boolean).join(" · ");
      lines.push(`${shown.page * PAGE_SIZE + i + 1}. ${p.person.name}${extra ? ` — ${extra}` : ""}`);
    });
    if (shown.pages !== undefined && shown.pages > 1)
      lines.push("", t("nonresp-page", { page: shown.page + 1, pages: shown.pages }));
    else if (shown.pages === undefined && (shown.page > 0 || shown.next))
      lines.push("", t("nonresp-page-open", { page: shown.page + 1 }));
    const move = (to: { page: number; at?: Cursor; before?: boolean }) =>
      to.at
        ? nonResponderButton.pack(
            "list",
            category.id,
            target.key,
            to.page,
            to.at.u,
            to.at.o,
            ...(to.before ? ["b"] : []),
          )
        : nonResponderButton.pack("list", category.id, target.key, to.page);
    const choices: Choice[][] = [];
    const nav: Choice[] = [];
    if (shown.prev)
      nav.push({
        data: move(shown.prev),
        label: t(shown.pages === undefined ? "nonresp-first" : "nonresp-prev"),
      });
    if (shown.next) nav.push({ data: move(shown.next), label: t("nonresp-next") });
    if (nav.length) choices.push(nav);
    if (any)
      choices.push([
        category.remindable
          ? { data: nonResponderButton.pack("preview", category.id, target.key), label: t("nonresp-remind") }
          : { data: nonResponderButton.pack("csv", target.key), label: t("nonresp-csv") },
      ]);
    choices.push([{ data: nonResponderButton.pack("overview", target.key), label: t("nonresp-back") }]);
    await audit(conv, me, "nonresponders.list", "ok", {
      ...(target.unit ? { scopeUnitId: target.unit._id } : {}),
      details: { category: category.id, ...(shown.count !== undefined ? { count: shown.count } : {}) },
    });
    return [{ text: lines.join("\n"), choices }];
  }

  return { listPage };
}
/** The list pages of `createLists`. */
export type Lists = ReturnType<typeof createLists>;
