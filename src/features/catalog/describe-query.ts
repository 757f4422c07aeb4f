import type { CatalogQuery } from "../../domain/catalog-query.js";
import type { Competency } from "../../domain/competency.js";
import type { Translate } from "../../engine/text.js";
import { formatMonth } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";

/**
 * A query as Pandu understood it, in the person's words: "Komunikasi (M.3) · E-learning · Maret ·
 * Jambi · kata "publik"". Shown above results and when nothing matched, so a word read as a filter
 * (or not) is never a mystery.
 */
export function describeQuery(
  q: CatalogQuery,
  deps: {
    locale: Locale;
    translate: Translate;
    competencies: readonly Pick<Competency, "code" | "name">[];
    regions: readonly { id: string; name: string }[];
  },
): string {
  const t = (key: string, args?: Record<string, string | number>) => deps.translate(deps.locale, key, args);
  const competency = (code: string) => {
    const found = deps.competencies.find((c) => c.code === code);
    return found ? `${found.name[deps.locale]} (${code})` : code;
  };
  return [
    ...q.competencies.map(competency),
    ...q.methods.map((m) => t(`method-${m}`)),
    ...q.kinds.map((k) => t(`method-kind-${k}`)),
    ...(q.months.length ? [q.months.map((m) => formatMonth(m, deps.locale)).join(", ")] : []),
    ...(q.years.length ? [q.years.join(", ")] : []),
    ...q.regions.map((id) => deps.regions.find((r) => r.id === id)?.name ?? id),
    ...(q.words.length ? [t("cat-words", { words: q.words.join(" ") })] : []),
  ].join(" · ");
}
