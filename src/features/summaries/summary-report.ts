import { createHash } from "node:crypto";
import { photoOf } from "../../charts/picture.js";
import type { OrgUnit, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import { reportAccess } from "../../domain/direct-report.js";
import type { HolidayCalendar } from "../../domain/holidays.js";
import { ikmGrade } from "../../domain/ikm.js";
import { localClock, morningOf, quietHoursOf } from "../../domain/reminder-time.js";
import { READER_ROLES, scopeRoots } from "../../domain/scope.js";
import {
  addTotals,
  MIN_CELL,
  type PeopleCount,
  type ScopeTotals,
  summaryView,
  type UnitHeadcount,
  type UnitYearTotals,
} from "../../domain/summary.js";
import {
  figureCells,
  type PathStep,
  type SeenPerson,
  seenCounts,
  suppressedFigures,
} from "../../domain/suppression.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound, Progress } from "../../engine/types.js";
import { formatNumber } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import { actorOf } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { SummaryTotals } from "../../services/summary-totals.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import type { RenderChart } from "../results/assessment-result.js";

/** /ringkasan's buttons: open a unit's summary for a year, start or stop the weekly summary. */
export const summaryButton = buttonCodec("summary", "rks", { unit: ["u", 2], weekly: ["w", [1, 2]] });
type SummaryAction = Parameters<typeof summaryButton.pack>[0];

/** How many waiting changes /ringkasan takes in before it answers. */
const FOLD_ON_REQUEST = 200;
const MAX_CHOICES = 8;

/** A short, stable key for a unit id in button data (Telegram allows 64 bytes; ids reach 80). */
export function unitKey(unitId: string): string {
  return createHash("sha1").update(unitId).digest("base64url").slice(0, 10);
}

/** What a summary is about: a unit's subtree, or everything in the reader's scope. */
interface Target {
  /** The unit chosen, or undefined for the whole scope. */
  unit?: OrgUnit;
  units: OrgUnit[];
  /** Every unit the reader may summarise (what complementary suppression guards against). */
  scope: readonly OrgUnit[];
}

/** A summary's figures and those of them hidden so that no subtraction recovers a small group. */
interface Figures {
  totals: ScopeTotals;
  suppressed: ReadonlySet<string>;
}

/**
 * /ringkasan: a supervisor's view of a unit subtree for a year, read from the running totals
 * (never from individual results), with small cells hidden; and the weekly copy of it for those
 * who subscribe.
 */
export function createSummaryReport(deps: {
  repos: Pick<Repositories, "people" | "orgUnits" | "summaries" | "audit">;
  totals: Pick<SummaryTotals, "fold" | "pending">;
  outbox: Pick<Outbox, "schedule">;
  holidays: HolidayCalendar;
  competencyName: (code: string, locale: Locale) => string;
  renderChart: RenderChart;
  translate: Translate;
  now: () => Date;
}) {
  const audit = createAuditLog(deps);

  /** The units a person may summarise (every unit for a bootstrap admin). */
  async function unitsInScope(me: Person | null, bootstrapAdmin: boolean): Promise<OrgUnit[] | "none"> {
    const roots = scopeRoots(actorOf(me, bootstrapAdmin), READER_ROLES);
    if (roots && roots.length === 0) return "none";
    return deps.repos.orgUnits.inScope(roots);
  }

  const subtreeOf = (unit: OrgUnit, units: readonly OrgUnit[]) =>
    units.filter((u) => u._id === unit._id || u.path.includes(unit._id));

  /** The roots of a set of units: those whose parent is not in the set. */
  const rootsOf = (units: readonly OrgUnit[]) => {
    const ids = new Set(units.map((u) => u._id));
    return units.filter((u) => !u.parentId || !ids.has(u.parentId));
  };

  /** Adds up the rolled-up totals of disjoint subtrees for a year (one document per root). */
  async function totalsFor(roots: readonly OrgUnit[], year: number): Promise<ScopeTotals> {
    const { totals, heads } = await deps.repos.summaries.trees(
      roots.map((u) => u._id),
      year,
    );
    return addTotals(year, totals, heads);
  }

  /** Each unit's rolled-up totals on its own, for units read by id or as a parent's children. */
  function eachUnit(
    units: readonly OrgUnit[],
    year: number,
    read: { totals: readonly UnitYearTotals[]; heads: readonly UnitHeadcount[] },
  ): { id: string; totals: ScopeTotals }[] {
    return units.map((u) => ({
      id: u._id,
      totals: addTotals(
        year,
        read.totals.filter((t) => t.unitId === u._id),
        read.heads.filter((h) => h._id === u._id),
      ),
    }));
  }

  /**
   * The people `reader` sees one by one elsewhere: their consenting direct reports (/tim), as the
   * totals of `year` count them. Few (one atasan's staff), so read person by person.
   */
  async function seenBy(reader: Person | null, year: number): Promise<SeenPerson[]> {
    if (!reader?.nip || reader.unverified) return [];
    const reports = (await deps.repos.people.listByAtasanNip(reader.nip)).filter(
      (p) => reportAccess(reader, p) === "ok",
    );
    const seen: SeenPerson[] = [];
    for (const p of reports) {
      const [member, contributions] = await Promise.all([
        deps.repos.summaries.member(p._id),
        deps.repos.summaries.contributionsOfPerson(p._id),
      ]);
      if (!member?.unitId) continue;
      const ofYear = contributions.find((c) => c.year === year);
      seen.push({
        unitId: member.unitId,
        minimum: !member.underCeiling,
        competencies: ofYear?.results.map((r) => r.competency) ?? [],
      });
    }
    return seen;
  }

  /**
   * A target's totals and the figures to hide in them beyond its own small cells: each level from
   * the reader's whole scope down to the unit is checked against its siblings (`suppression.ts`),
   * two reads per level. The people the reader sees one by one (`seen`) count as seen in every
   * cell holding them, so no figure lets them be subtracted to leave 1–4 others.
   */
  async function figuresFor(
    target: Target,
    year: number,
    seen: readonly SeenPerson[] = [],
  ): Promise<Figures> {
    const pathOf = new Map(target.scope.map((u) => [u._id, u.path] as const));
    /** The seen counts of the subtree under `id` (the whole scope when undefined). */
    const seenUnder = (id?: string) =>
      seenCounts(seen, (unitId) =>
        id === undefined ? pathOf.has(unitId) : unitId === id || Boolean(pathOf.get(unitId)?.includes(id)),
      );
    const cellsOf = (totals: ScopeTotals, id?: string) =>
      figureCells(totals, seen.length > 0 ? seenUnder(id) : undefined);
    const roots = rootsOf(target.scope);
    const read = await deps.repos.summaries.trees(
      roots.map((u) => u._id),
      year,
    );
    const top = addTotals(year, read.totals, read.heads);
    const byRoot = eachUnit(roots, year, read);
    if (!target.unit) return { totals: top, suppressed: suppressedFigures(cellsOf(top), []) };
    const inScope = new Set(target.scope.map((u) => u._id));
    const chain = [...target.unit.path.filter((id) => inScope.has(id)), target.unit._id];
    const path: PathStep[] = [];
    let level = byRoot;
    for (const [i, id] of chain.entries()) {
      if (i > 0) {
        const parentId = chain[i - 1]!;
        const [totals, heads] = await Promise.all([
          deps.repos.summaries.childTrees(parentId, year),
          deps.repos.summaries.childTreeHeadcounts(parentId),
        ]);
        // The children as the org tree has them now; a rolled-up document waiting for a recount
        // of a moved unit is read as the tree says, like the target's own.
        level = eachUnit(
          target.scope.filter((u) => u.parentId === parentId),
          year,
          { totals, heads },
        );
      }
      path.push({ children: level.map((c) => ({ id: c.id, cells: cellsOf(c.totals, c.id) })), chosen: id });
    }
    const own =
      level.find((c) => c.id === target.unit!._id)?.totals ?? (await totalsFor([target.unit], year));
    return { totals: own, suppressed: suppressedFigures(cellsOf(top), path) };
  }

  /** The summary as text, Indonesian or English. */
  function render({ totals, suppressed }: Figures, title: string, locale: Locale): string {
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    const n = (x: number, digits?: number) => formatNumber(x, locale, digits);
    // Counts that choose a plural ("1 person", "2 people") go to Fluent as numbers, which it formats
    // the locale's way itself; a formatted string would always read as "other".
    const count = (c: PeopleCount) => (c.hidden ? t("summary-few", { min: MIN_CELL }) : c.value);
    const v = summaryView(totals, suppressed);
    const lines = [t("summary-title", { unit: title, year: String(v.year) })];
    if (!v.shown) {
      lines.push(
        v.protected
          ? t("summary-protected", { count: v.headcount, min: MIN_CELL })
          : t("summary-too-few", { count: v.headcount, min: MIN_CELL }),
      );
      return lines.join("\n");
    }
    lines.push(
      t("summary-people", {
        count: n(v.headcount),
        registered: n(v.registeredPct!),
        assessed: n(v.assessedPct!),
        assessedCount: count(v.assessed),
      }),
    );
    if (v.competencies.length > 0) {
      lines.push("", t("summary-competencies"));
      for (const c of v.competencies) {
        const name = deps.competencyName(c.competency, locale);
        lines.push(
          c.hidden
            ? t(c.protected ? "summary-competency-protected" : "summary-competency-hidden", {
                name,
                min: MIN_CELL,
              })
            : t("summary-competency", {
                name,
                assessed: n(c.assessed, 1),
                required: n(c.required, 1),
                below: n(c.belowPct),
                people: c.people,
              }),
        );
      }
      // The unit mixes people measured against imported SKJ and against tier defaults.
      lines.push(t("summary-standard-note"));
      lines.push(
        "",
        v.topGaps.length > 0
          ? t("summary-top-gaps", {
              list: v.topGaps
                .map((g, i) => `${i + 1}. ${deps.competencyName(g.competency, locale)} (${n(g.belowPct)}%)`)
                .join("; "),
            })
          : t("summary-no-gaps"),
      );
    } else {
      lines.push("", t("summary-no-assessments"));
    }
    lines.push(
      "",
      t("summary-improvements", { gaps: v.gapsClosed, reached: count(v.reachedGoal) }),
      v.reachedGoalPct === undefined
        ? t("summary-jp-average", { average: n(v.jpAverage!, 1) })
        : t("summary-jp", { average: n(v.jpAverage!, 1), reached: n(v.reachedGoalPct) }),
      ...(v.underCeiling.hidden || v.underCeiling.value > 0
        ? [t("summary-jp-ceiling", { count: count(v.underCeiling) })]
        : []),
      t("summary-trainings", { count: n(v.trainings) }),
      v.ikmProtected
        ? t("summary-ikm-protected", { min: MIN_CELL })
        : v.ikm
          ? t("summary-ikm", {
              score: n(v.ikm.score, 2),
              grade: ikmGrade(v.ikm.score),
              respondents: v.ikm.respondents,
            })
          : t("summary-ikm-hidden", { respondents: count(v.ikmRespondents), min: MIN_CELL }),
      t("summary-reminders", { sent: n(v.remindersSent), failed: n(v.remindersFailed) }),
    );
    return lines.join("\n");
  }

  /** The chart of average level against standard, or nothing when no row may be shown. */
  async function chart(
    { totals, suppressed }: Figures,
    title: string,
    locale: Locale,
  ): Promise<Outbound | undefined> {
    const rows = summaryView(totals, suppressed).competencies.flatMap((c) =>
      c.hidden
        ? []
        : [{ label: deps.competencyName(c.competency, locale), assessed: c.assessed, required: c.required }],
    );
    if (rows.length === 0) return undefined;
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    const picture = await deps.renderChart(rows, {
      title: t("summary-chart-title", { unit: title, year: String(totals.year) }),
      assessed: t("summary-chart-assessed"),
      required: t("summary-chart-required"),
    });
    return {
      text: t("summary-chart-caption"),
      media: photoOf(picture, `ringkasan-${totals.year}`),
    };
  }

  function titleOf(target: Target, locale: Locale): string {
    if (target.unit) return target.unit.name;
    const roots = rootsOf(target.units);
    return roots.length === 1
      ? roots[0]!.name
      : deps.translate(locale, "summary-scope", { count: roots.length });
  }

  /**
   * The full answer for a target: the text (always), the chart, and the buttons. Taking in waiting
   * changes, reading each level's totals and drawing the chart can take seconds: `progress` hears
   * of it first.
   */
  async function answer(
    conv: Conversation,
    me: Person | null,
    target: Target,
    year: number,
    progress?: Progress,
  ): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    await progress?.({ text: t("summary-preparing"), preparing: "text" });
    // Take in what was recorded a moment ago, so a supervisor checking a change sees it.
    await deps.totals.fold(FOLD_ON_REQUEST, { rebuild: false }).catch(() => undefined);
    const [figures, waiting] = await Promise.all([
      seenBy(me, year).then((seen) => figuresFor(target, year, seen)),
      deps.totals.pending(),
    ]);
    const title = titleOf(target, locale);
    let text = render(figures, title, locale);
    if (waiting > 0) text += `\n\n${t("summary-catching-up", { count: waiting })}`;
    const choices: Choice[][] = [];
    const parent = target.unit;
    const children = target.units
      .filter((u) => (parent ? u.parentId === parent._id : !target.units.some((p) => p._id === u.parentId)))
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, MAX_CHOICES);
    // Drilling down from the whole scope lists its roots; from a unit, its children.
    if (parent || children.length > 1)
      for (const u of children)
        choices.push([{ data: summaryButton.pack("unit", unitKey(u._id), year), label: u.name }]);
    const subscribed = me?.weeklySummary;
    if (parent || target.units.length > 0) {
      const unitId = parent?._id ?? children[0]?._id;
      if (subscribed)
        choices.push([{ data: summaryButton.pack("weekly", "off"), label: t("summary-weekly-off") }]);
      else if (unitId && (parent || children.length === 1))
        choices.push([
          { data: summaryButton.pack("weekly", "on", unitKey(unitId)), label: t("summary-weekly-on") },
        ]);
    }
    await audit(conv, me, "summary.view", "ok", {
      ...(parent ? { scopeUnitId: parent._id } : {}),
      details: { year, units: target.units.length },
    });
    const replies: Outbound[] = [{ text, ...(choices.length ? { choices } : {}) }];
    try {
      const picture = await chart(figures, title, locale);
      if (picture) replies.push(picture);
    } catch {
      // The text has every number; a chart that cannot be drawn is only a missing picture.
    }
    return replies;
  }

  function thisYear(me: Person | null): number {
    return Number(localClock(deps.now(), me?.timeZone ?? "Asia/Jakarta").date.slice(0, 4));
  }

  /** Finds the unit a typed argument means among the reader's units. */
  function matchUnits(query: string, units: readonly OrgUnit[]): OrgUnit[] {
    const q = query.toLowerCase();
    const exact = units.filter((u) => u._id === q || u.name.toLowerCase() === q);
    return exact.length > 0 ? exact : units.filter((u) => u.name.toLowerCase().includes(q));
  }

  return {
    /** /ringkasan [unit] [tahun] for a supervisor (or admin); `progress` hears first when a summary is being put together. */
    async show(
      conv: Conversation,
      args: string,
      bootstrapAdmin: boolean,
      progress?: Progress,
    ): Promise<Outbound[]> {
      const t = (key: string, args2?: Record<string, string | number>) =>
        deps.translate(conv.profile.locale, key, args2);
      const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      const units = await unitsInScope(me, bootstrapAdmin);
      if (units === "none" || units.length === 0) return [{ text: t("summary-no-scope") }];
      const words = args.split(/\s+/).filter(Boolean);
      const yearWord = words.length > 0 && /^\d{4}$/.test(words[words.length - 1]!) ? words.pop() : undefined;
      const year = yearWord ? Number(yearWord) : thisYear(me);
      if (year < 2000 || year > thisYear(me) + 1)
        return [{ text: t("summary-bad-year", { year: String(year) }) }];
      const query = words.join(" ").trim().slice(0, 200);
      if (!query) return answer(conv, me, { units, scope: units }, year, progress);
      const found = matchUnits(query, units);
      if (found.length === 1)
        return answer(
          conv,
          me,
          { unit: found[0]!, units: subtreeOf(found[0]!, units), scope: units },
          year,
          progress,
        );
      if (found.length === 0) {
        // Outside the scope is refused (and written down); a name that matches nothing is a typo.
        const anywhere = matchUnits(query, await deps.repos.orgUnits.all());
        if (anywhere.length > 0) {
          await audit(conv, me, "summary.view", "refused", { details: { query, year } });
          return [{ text: t("summary-out-of-scope") }];
        }
        return [{ text: t("summary-unit-unknown", { query }) }];
      }
      return [
        {
          text: t("summary-choose-unit", { count: found.length }),
          choices: found
            .slice(0, MAX_CHOICES)
            .map((u) => [{ data: summaryButton.pack("unit", unitKey(u._id), year), label: u.name }]),
        },
      ];
    },

    /** The summary buttons: drill into a unit, subscribe to or stop the weekly summary. */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<SummaryAction>,
      bootstrapAdmin: boolean,
      progress?: Progress,
    ): Promise<Outbound[] | undefined> {
      const t = (key: string) => deps.translate(conv.profile.locale, key);
      // rks|u|<unit>|<year> (drill down), rks|w|on|<unit> (subscribe), rks|w|off (stop).
      const action = press.action === "unit" ? "u" : "w";
      const [a, b] = press.args;
      const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      if (action === "w" && a === "off") {
        if (me) await deps.repos.people.update(me._id, {}, ["weeklySummary"]);
        return [{ text: t("summary-weekly-stopped") }];
      }
      const units = await unitsInScope(me, bootstrapAdmin);
      const key = action === "w" ? b : a;
      const unit = units === "none" ? undefined : units.find((u) => unitKey(u._id) === key);
      if (units === "none" || !unit) {
        await audit(conv, me, "summary.view", "refused", {
          details: { button: [press.action, ...press.args].join("|") },
        });
        return [{ text: t("summary-out-of-scope") }];
      }
      if (action === "u" && b && /^\d{4}$/.test(b))
        return answer(conv, me, { unit, units: subtreeOf(unit, units), scope: units }, Number(b), progress);
      if (action === "w" && a === "on" && me) {
        await deps.repos.people.update(me._id, { weeklySummary: { unitId: unit._id, since: deps.now() } });
        await audit(conv, me, "summary.subscribe", "ok", { scopeUnitId: unit._id });
        return [
          {
            text: deps.translate(conv.profile.locale, "summary-weekly-started", { unit: unit.name }),
          },
        ];
      }
      return undefined;
    },

    /**
     * The weekly summaries of one zone at `tick` (Monday 07:00 there): each subscriber whose role
     * still covers the unit gets this year's summary of it through the outbox, once per week.
     */
    async weekly(timeZone: string, tick: Date): Promise<{ scheduled: number; skipped: number }> {
      const { date } = localClock(tick, timeZone);
      const year = Number(date.slice(0, 4));
      let scheduled = 0;
      let skipped = 0;
      const subscribers = (await deps.repos.people.listWeeklySubscribers()).filter(
        (p) => p.timeZone === timeZone,
      );
      if (subscribers.length > 0) await deps.totals.fold(FOLD_ON_REQUEST * 5).catch(() => undefined);
      for (const person of subscribers) {
        const units = await unitsInScope(person, false);
        const unit = units === "none" ? undefined : units.find((u) => u._id === person.weeklySummary!.unitId);
        if (units === "none" || !unit) {
          skipped++;
          continue;
        }
        const locale = person.locale;
        const text = render(
          await figuresFor(
            { unit, units: subtreeOf(unit, units), scope: units },
            year,
            await seenBy(person, year),
          ),
          unit.name,
          locale,
        );
        const outcome = await deps.outbox.schedule({
          purpose: "summary.weekly",
          occurrence: date,
          personId: person._id,
          message: {
            text: `${deps.translate(locale, "summary-weekly-intro")}\n\n${text}`,
            choices: [
              [
                {
                  data: summaryButton.pack("unit", unitKey(unit._id), year),
                  label: deps.translate(locale, "summary-weekly-open"),
                },
                {
                  data: summaryButton.pack("weekly", "off"),
                  label: deps.translate(locale, "summary-weekly-off"),
                },
              ],
            ],
          },
          // Monday 07:00; on a holiday the next working morning, and after the person's quiet hours.
          dueAt: morningOf(date, "07:00", timeZone, quietHoursOf(person), deps.holidays),
        });
        if (outcome === "scheduled") scheduled++;
      }
      return { scheduled, skipped };
    },
  };
}
export type SummaryReport = ReturnType<typeof createSummaryReport>;
