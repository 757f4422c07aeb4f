import { dayOfYear, isLeapYear, splitLocalDate } from "./local-date.js";

/**
 * Jam pelajaran (JP): PP 11/2017 asks every PNS for at least 20 JP of competency development a
 * year. Both the length of a JP and the goal are configuration, passed in, never read here.
 */

export interface JpRules {
  /** Minutes in one JP (45 per secondary sources; configurable). */
  minutesPerJp: number;
  /** JP to reach each calendar year. */
  yearlyGoal: number;
}

export const DEFAULT_JP_RULES: Readonly<JpRules> = { minutesPerJp: 45, yearlyGoal: 20 };

export interface JpCompletion {
  jp: number;
  /** YYYY-MM-DD, the local date in the person's own time zone. */
  completedOn: string;
}

export interface JpProgress {
  year: number;
  total: number;
  goal: number;
  reached: boolean;
  remaining: number;
}

/** Rounds away float noise (0.1 + 0.2) without disturbing values kept to one or two decimals. */
const tidy = (n: number): number => Math.round(n * 100) / 100;

function checkRules(rules: JpRules): void {
  if (!(rules.minutesPerJp > 0) || !(rules.yearlyGoal >= 0)) {
    throw new RangeError(`invalid JP rules: ${JSON.stringify(rules)}`);
  }
}

function partsOf(localDate: string) {
  const parts = splitLocalDate(localDate);
  if (!parts) throw new RangeError(`"${localDate}" is not a YYYY-MM-DD date`);
  return parts;
}

/**
 * JP earned by minutes of learning, rounded DOWN to one decimal: a record never credits more than was
 * spent (44 minutes is 0.9 JP, not 1), while partial JP from short sessions still adds up.
 */
export function minutesToJp(minutes: number, rules: JpRules): number {
  checkRules(rules);
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`minutes must be 0 or more, got ${minutes}`);
  // The tiny allowance keeps 27.000000001-style inputs from losing a tenth to float error.
  return Math.floor((minutes * 10) / rules.minutesPerJp + 1e-9) / 10;
}

/** Total JP completed in one calendar year against the goal; a completion counts only in its own year. */
export function jpProgress(completions: JpCompletion[], year: number, rules: JpRules): JpProgress {
  checkRules(rules);
  let sum = 0;
  for (const c of completions) {
    if (!Number.isFinite(c.jp) || c.jp < 0) throw new RangeError(`JP must be 0 or more, got ${c.jp}`);
    if (partsOf(c.completedOn).year === year) sum += c.jp;
  }
  const total = tidy(sum);
  return {
    year,
    total,
    goal: rules.yearlyGoal,
    reached: total >= rules.yearlyGoal,
    remaining: tidy(Math.max(0, rules.yearlyGoal - total)),
  };
}

/** JP a person on an even pace has by the end of `localDate`: goal × day of year ÷ days in the year. */
export function expectedJpByDate(localDate: string, rules: JpRules): number {
  checkRules(rules);
  const parts = partsOf(localDate);
  return (rules.yearlyGoal * dayOfYear(parts)) / (isLeapYear(parts.year) ? 366 : 365);
}

/** True when `total` (this year's JP so far) is behind the even pace on `localDate`. */
export function isBelowPace(total: number, localDate: string, rules: JpRules): boolean {
  return total < expectedJpByDate(localDate, rules);
}
