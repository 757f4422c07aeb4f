import type { JpPeriod, JpStanding } from "../domain/jp.js";
import type { Translate } from "../engine/text.js";
import { formatLocalDay, formatNumber } from "../i18n/format.js";
import type { Locale } from "../i18n/locales.js";

/** "2026", "tahun kontrak 1 Maret 2026 – 28 Februari 2027", or the calendar year standing in for one. */
export function periodLabel(period: JpPeriod, translate: Translate, locale: Locale): string {
  const year = period.start.slice(0, 4);
  if (period.kind === "calendar-year") return year;
  if (period.assumed) return translate(locale, "jp-period-assumed", { year });
  return translate(locale, "jp-period-contract", {
    start: formatLocalDay(period.start, locale),
    end: formatLocalDay(period.end, locale),
  });
}

/** A progress bar of `width` blocks, full at `limit`. */
export function progressBar(total: number, limit: number, width = 10): string {
  const filled = limit > 0 ? Math.min(width, Math.floor((total / limit) * width)) : width;
  return "█".repeat(filled) + "░".repeat(width - filled);
}

/**
 * How a person's JP reads against their own rule: a minimum shows what is left to reach, a ceiling
 * shows what is still allowed (never a target to chase).
 */
export function jpStandingLines(
  s: JpStanding,
  translate: Translate,
  locale: Locale,
): { headline: string; detail: string } {
  const n = (x: number) => formatNumber(x, locale);
  const period = periodLabel(s.period, translate, locale);
  if (s.rule.kind === "minimum") {
    return {
      headline: `${progressBar(s.total, s.rule.jp)} ${translate(locale, "jp-min-standing", { total: n(s.total), limit: n(s.rule.jp), period })}`,
      detail: s.reached
        ? translate(locale, "jp-min-reached")
        : translate(locale, "jp-min-remaining", { remaining: n(s.remaining) }),
    };
  }
  return {
    headline: `${progressBar(s.total, s.rule.jp)} ${translate(locale, "jp-max-standing", { total: n(s.total), limit: n(s.rule.jp), period })}`,
    detail: s.over
      ? translate(locale, "jp-max-over", {
          over: n(Math.round((s.total - s.rule.jp) * 100) / 100),
          limit: n(s.rule.jp),
        })
      : translate(locale, "jp-max-headroom", { headroom: n(s.headroom) }),
  };
}

/** The rule's source in the person's language, shown under the standing. */
export function jpBasis(s: JpStanding, locale: Locale): string {
  return s.rule.basis[locale];
}
