import { type Picture, photoOf } from "../../charts/picture.js";
import type { Assessment, CompetencyResult } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { type Competency, compareCompetencyCodes } from "../../domain/competency.js";
import { countedLevel, isConfirmed } from "../../domain/counted-level.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDate } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";

/** Draws the assessed-vs-required chart (src/charts in the app, a failing stub in tests). */
export type RenderChart = (
  rows: { label: string; assessed: number; required: number }[],
  labels: { title: string; assessed: string; required: string; below?: string },
) => Picture | Promise<Picture>;

/** Which standard an assessment was measured against: the instansi's SKJ by name, or the tier defaults. */
export function describeStandard(
  translate: Translate,
  locale: Locale,
  standard: Pick<Assessment, "standardSource" | "standardName">,
): string {
  // Assessments from before SKJ imports carry no source: they were all measured against defaults.
  return standard.standardSource === "skj"
    ? translate(locale, "results-standard-skj", { name: standard.standardName ?? "" })
    : translate(locale, "results-standard-default");
}

/** Largest gap first, as recorded; a confirmation since may have moved a result up or down. */
const byGap = (rows: readonly CompetencyResult[]) =>
  [...rows].sort((a, b) => b.gap - a.gap || compareCompetencyCodes(a.competency, b.competency));

/** Shows assessment results: right after an assessment, and on /hasil. */
export function createAssessmentResults(deps: {
  repos: Pick<Repositories, "people" | "assessments">;
  competencies: readonly Competency[];
  translate: Translate;
  renderChart?: RenderChart;
  /** Told when drawing the chart failed: the person still has the text. */
  onChartError?: (err: unknown) => void;
}) {
  const nameOf = (code: string, conv: Conversation) => {
    const c = deps.competencies.find((x) => x.code === code);
    return c ? (conv.profile.locale === "en" ? c.name.en : c.name.id) : code;
  };

  /**
   * The result as text: largest gaps first, each with the level that counts, the required level
   * and the change since last time (a level an atasan confirmed shows the self-assessed one too),
   * then (given the assessment) which standard the levels come from.
   */
  function resultMessage(
    conv: Conversation,
    rows: CompetencyResult[],
    before: CompetencyResult[],
    standard?: Pick<Assessment, "standardSource" | "standardName">,
  ): Outbound {
    const t = (key: string, args?: Record<string, string | number>) =>
      deps.translate(conv.profile.locale, key, args);
    const lines = byGap(rows).map((r) => {
      const prev = before.find((b) => b.competency === r.competency);
      const level = countedLevel(r);
      const delta = prev ? level - countedLevel(prev) : 0;
      const change = delta !== 0 ? ` (${delta > 0 ? "+" : ""}${delta})` : "";
      const mark = r.gap > 0 ? "🔸" : "✅";
      const mixed = r.mixed ? " ⚠️" : "";
      const row = isConfirmed(r)
        ? t("assessment-row-confirmed", { level, self: r.assessed, required: r.required })
        : t("assessment-row", { assessed: r.assessed, required: r.required });
      // The atasan's note goes with the level it explains.
      const note = r.confirmation?.note
        ? `\n   ${t("results-confirmed-note-text", { note: r.confirmation.note })}`
        : "";
      return `${mark} ${nameOf(r.competency, conv)}: ${row}${change}${mixed}${note}`;
    });
    const gaps = rows.filter((r) => r.gap > 0).length;
    const mixed = rows.filter((r) => r.mixed).map((r) => nameOf(r.competency, conv));
    const warning = mixed.length > 0 ? ["", t("assessment-mixed", { competencies: mixed.join(", ") })] : [];
    const confirmed = rows.some((r) => isConfirmed(r)) ? ["", t("results-confirmed-note")] : [];
    return {
      text: [
        t("assessment-result-title"),
        "",
        ...lines,
        "",
        t("assessment-result-summary", { gaps }),
        ...confirmed,
        ...warning,
        ...(standard ? [describeStandard(deps.translate, conv.profile.locale, standard)] : []),
      ].join("\n"),
    };
  }

  /** The chart as a photo message, or nothing when it cannot be drawn (the text carries the result). */
  async function chartMessage(conv: Conversation, rows: CompetencyResult[]): Promise<Outbound[]> {
    if (!deps.renderChart || rows.length === 0) return [];
    const t = (key: string) => deps.translate(conv.profile.locale, key);
    try {
      const picture = await deps.renderChart(
        byGap(rows).map((r) => ({
          label: nameOf(r.competency, conv),
          assessed: countedLevel(r),
          required: r.required,
        })),
        {
          title: t("assessment-chart-title"),
          assessed: t("assessment-chart-assessed"),
          required: t("assessment-chart-required"),
          below: t("assessment-chart-below"),
        },
      );
      return [{ text: t("assessment-chart-caption"), media: photoOf(picture, "hasil-asesmen") }];
    } catch (err) {
      deps.onChartError?.(err);
      return [];
    }
  }

  return {
    resultMessage,
    chartMessage,
    /** /hasil: the latest result with its date, or how to get one. */
    async latest(conv: Conversation): Promise<Outbound[]> {
      const t = (key: string, args?: Record<string, string | number>) =>
        deps.translate(conv.profile.locale, key, args);
      const personId = conv.profile.personId;
      const [latest, previous] = personId ? await deps.repos.assessments.listForPerson(personId, 2) : [];
      if (!latest) return [{ text: t("results-none") }];
      // The chart is most of the wait: it is drawn while the rest is put together.
      const chart = chartMessage(conv, latest.results);
      const timeZone =
        conv.profile.timeZone ?? (await deps.repos.people.get(latest.personId))?.timeZone ?? "Asia/Jakarta";
      const when = formatDate(latest.completedAt, { locale: conv.profile.locale, timeZone });
      const message = resultMessage(conv, latest.results, previous?.results ?? [], latest);
      return [
        { text: `${message.text}\n\n${t("results-taken-on", { date: when, previous: String(!!previous) })}` },
        ...(await chart),
      ];
    },
  };
}
export type AssessmentResults = ReturnType<typeof createAssessmentResults>;
