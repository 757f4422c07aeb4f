import { z } from "zod";
import { bilingualTextSchema } from "./competency.js";
import {
  addYearsToDate,
  type DateParts,
  epochDay,
  formatLocalDate,
  previousDay,
  splitLocalDate,
} from "./local-date.js";

/**
 * Jam pelajaran (JP) and the yearly rule each status kepegawaian follows. PP 11/2017 asks every PNS
 * for at least 20 JP of competency development a calendar year; a PPPK's development is capped per
 * contract year instead (PP 49/2018). The rules are configuration (flows/content/jp-rules.yaml),
 * passed in, never read here.
 */

export const JP_STATUSES = ["CPNS", "PNS", "PPPK"] as const;
export type JpStatus = (typeof JP_STATUSES)[number];

/** One status's yearly rule: a minimum to reach or a maximum allowed, per calendar or contract year. */
export interface JpRule {
  kind: "minimum" | "maximum";
  jp: number;
  period: "calendar-year" | "contract-year";
  /** Where the rule comes from, shown with it; says so when it is not confirmed against the law. */
  basis: { id: string; en: string };
}

export const jpRuleSchema = z.strictObject({
  kind: z.enum(["minimum", "maximum"]),
  jp: z.number().positive().max(1000),
  period: z.enum(["calendar-year", "contract-year"]),
  basis: bilingualTextSchema,
});

/** The rule of each status, and the one assumed for a person whose status nobody stated. */
export interface JpRules {
  byStatus: Record<JpStatus, JpRule>;
  unknownStatus: JpStatus;
}

/** The rule a person follows: their own status's, or the assumed one when it is not known. */
export function ruleFor(rules: JpRules, status: JpStatus | undefined): JpRule {
  return rules.byStatus[status ?? rules.unknownStatus];
}

export interface JpCompletion {
  jp: number;
  /** YYYY-MM-DD, the local date in the person's own time zone. */
  completedOn: string;
}

/** The stretch of days a rule counts JP over. */
export interface JpPeriod {
  kind: "calendar-year" | "contract-year";
  /** First and last day, YYYY-MM-DD, both included. */
  start: string;
  end: string;
  /**
   * True when the rule counts a contract year but no contract start is known: the calendar year
   * stands in, and views say so rather than pretend.
   */
  assumed: boolean;
}

/** Where one person stands against their rule in the period containing a day. */
export interface JpStanding {
  rule: JpRule;
  period: JpPeriod;
  total: number;
  /** Minimum rules: the total reached the minimum. Always false for a maximum. */
  reached: boolean;
  /** Minimum rules: JP still to go (0 once reached). */
  remaining: number;
  /** Maximum rules: the total went past the ceiling. Always false for a minimum. */
  over: boolean;
  /** Maximum rules: JP still allowed in the period (0 once at or over the ceiling). */
  headroom: number;
}

/** Rounds away float noise (0.1 + 0.2) without disturbing values kept to one or two decimals. */
const tidy = (n: number): number => Math.round(n * 100) / 100;

function partsOf(localDate: string): DateParts {
  const parts = splitLocalDate(localDate);
  if (!parts) throw new RangeError(`"${localDate}" is not a YYYY-MM-DD date`);
  return parts;
}

/**
 * JP earned by minutes of learning, rounded DOWN to one decimal: a record never credits more than was
 * spent (44 minutes is 0.9 JP, not 1), while partial JP from short sessions still adds up.
 */
export function minutesToJp(minutes: number, minutesPerJp: number): number {
  if (!(minutesPerJp > 0)) throw new RangeError(`minutes per JP must be positive, got ${minutesPerJp}`);
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`minutes must be 0 or more, got ${minutes}`);
  // The tiny allowance keeps 27.000000001-style inputs from losing a tenth to float error.
  return Math.floor((minutes * 10) / minutesPerJp + 1e-9) / 10;
}

/**
 * The period of a rule that contains `localDate`. A contract year runs from the contract start to
 * the day before its anniversary; a date before the start belongs to the year that ends with it.
 */
export function periodOf(rule: JpRule, localDate: string, contractStart?: string): JpPeriod {
  const day = partsOf(localDate);
  const start = rule.period === "contract-year" && contractStart ? partsOf(contractStart) : undefined;
  if (!start) {
    return {
      kind: rule.period,
      start: `${day.year}-01-01`,
      end: `${day.year}-12-31`,
      assumed: rule.period === "contract-year",
    };
  }
  let years = day.year - start.year;
  if (epochDay(addYearsToDate(start, years)) > epochDay(day)) years -= 1;
  const from = addYearsToDate(start, years);
  const to = previousDay(addYearsToDate(start, years + 1));
  return { kind: "contract-year", start: formatLocalDate(from), end: formatLocalDate(to), assumed: false };
}

/** True when a YYYY-MM-DD date falls in the period (string order is date order for this shape). */
export function inPeriod(period: JpPeriod, localDate: string): boolean {
  partsOf(localDate);
  return localDate >= period.start && localDate <= period.end;
}

/** A person's JP in the period of their rule that contains `localDate`. */
export function jpStanding(
  rule: JpRule,
  completions: readonly JpCompletion[],
  localDate: string,
  contractStart?: string,
): JpStanding {
  const period = periodOf(rule, localDate, contractStart);
  let sum = 0;
  for (const c of completions) {
    if (!Number.isFinite(c.jp) || c.jp < 0) throw new RangeError(`JP must be 0 or more, got ${c.jp}`);
    if (inPeriod(period, c.completedOn)) sum += c.jp;
  }
  const total = tidy(sum);
  const minimum = rule.kind === "minimum";
  return {
    rule,
    period,
    total,
    reached: minimum && total >= rule.jp,
    remaining: minimum ? tidy(Math.max(0, rule.jp - total)) : 0,
    over: !minimum && total > rule.jp,
    headroom: minimum ? 0 : tidy(Math.max(0, rule.jp - total)),
  };
}

/** JP a person with a minimum rule has on an even pace by the end of `localDate`. */
export function expectedJpByDate(rule: JpRule, period: JpPeriod, localDate: string): number {
  const first = epochDay(partsOf(period.start));
  const days = epochDay(partsOf(period.end)) - first + 1;
  const elapsed = Math.min(days, Math.max(0, epochDay(partsOf(localDate)) - first + 1));
  return (rule.jp * elapsed) / days;
}

/**
 * True when the person is behind the even pace toward their minimum. Never for a maximum rule: a
 * ceiling is not a target, so nobody under one is pushed toward it.
 */
export function isBehindPace(standing: JpStanding, localDate: string): boolean {
  if (standing.rule.kind !== "minimum") return false;
  return standing.total < expectedJpByDate(standing.rule, standing.period, localDate);
}

/** A person's JP in one calendar year (the unit of yearly summaries and achievements). */
export function jpInYear(completions: readonly JpCompletion[], year: number): number {
  let sum = 0;
  for (const c of completions) {
    if (!Number.isFinite(c.jp) || c.jp < 0) throw new RangeError(`JP must be 0 or more, got ${c.jp}`);
    if (partsOf(c.completedOn).year === year) sum += c.jp;
  }
  return tidy(sum);
}
