import type { Repositories } from "../../db/repositories/index.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format.js";
import { shortKey } from "../../services/course-catalog.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { jpBasis, jpStandingLines, periodLabel } from "../../services/jp-standing-text.js";
import { courseButton } from "../enrolment/enrollment.js";
import { buttonCodec } from "../feature.js";
import { startFlowButton } from "../help/buttons.js";
import { siasnCsv } from "./siasn-export.js";

/** /pelatihan's button: the SIASN export of completed training. */
export const siasnButton = buttonCodec("training-export", "trn", { export: ["siasn", 0] });

/** /pelatihan: upcoming and running trainings, completed ones, and the JP against the person's own rule. */
export function createTrainingView(deps: {
  repos: Pick<Repositories, "people" | "enrollments" | "completions">;
  ledger: JpLedger;
  translate: Translate;
  now: () => Date;
}) {
  return {
    async show(conv: Conversation): Promise<Outbound[]> {
      const locale = conv.profile.locale;
      const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
      const person = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      if (!person) return [{ text: t("onboarding-needed") }];
      const now = deps.now();
      const opts = { locale, timeZone: person.timeZone };
      const [{ standing, completions }, enrollments] = await Promise.all([
        deps.ledger.standing(person, now),
        deps.repos.enrollments.listForPerson(person._id),
      ]);
      const done = new Set(completions.flatMap((c) => (c.courseId ? [c.courseId] : [])));
      const open = enrollments.filter((e) => !done.has(e.courseId));
      const upcoming = open.filter((e) => e.startsAt > now);
      const running = open.filter((e) => e.startsAt <= now);
      const thisYear = completions.filter(
        (c) => c.completedOn >= standing.period.start && c.completedOn <= standing.period.end,
      );
      const jpText = jpStandingLines(standing, deps.translate, locale);

      const jp = (n: number) => formatNumber(n, locale);
      const lines: string[] = [
        t("training-title"),
        "",
        jpText.headline,
        jpText.detail,
        `ℹ️ ${jpBasis(standing, locale)}`,
      ];
      const rows: Choice[][] = [];
      lines.push("", t("training-upcoming"));
      if (upcoming.length === 0) lines.push(t("training-none-upcoming"));
      for (const e of upcoming) {
        lines.push(`• ${e.title} — ${formatDateTime(e.startsAt, opts)}`);
        rows.push([
          {
            data: courseButton.pack("cancel", shortKey(e.sessionId)),
            label: t("training-cancel", { title: e.title.slice(0, 40) }),
          },
        ]);
      }
      if (running.length > 0) {
        lines.push("", t("training-running"));
        for (const e of running) lines.push(`• ${e.title} — ${formatDate(e.startsAt, opts)}`);
      }
      lines.push(
        "",
        standing.period.kind === "calendar-year" || standing.period.assumed
          ? t("training-completed", { year: standing.period.start.slice(0, 4) })
          : t("training-completed-period", { period: periodLabel(standing.period, deps.translate, locale) }),
      );
      if (thisYear.length === 0) lines.push(t("training-none-completed"));
      for (const c of thisYear) lines.push(`• ${c.title} — ${jp(c.jp)} JP${c.certificate ? " 📄" : ""}`);
      const earlier = completions.length - thisYear.length;
      if (earlier > 0) lines.push(t("training-earlier", { count: earlier }));
      rows.push([{ data: startFlowButton.pack("start", "selesai"), label: t("training-record") }]);
      if (completions.length > 0)
        rows.push([{ data: siasnButton.pack("export"), label: t("training-export") }]);
      return [{ text: lines.join("\n"), choices: rows }];
    },

    /** The person's completed trainings as a SIASN-ready CSV file. */
    async exportSiasn(conv: Conversation): Promise<Outbound[]> {
      const locale = conv.profile.locale;
      const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
      const personId = conv.profile.personId;
      if (!personId) return [{ text: t("onboarding-needed") }];
      const completions = await deps.repos.completions.listForPerson(personId);
      if (completions.length === 0) return [{ text: t("training-export-empty") }];
      const csv = siasnCsv(completions, locale, deps.translate);
      return [
        {
          text: t("training-export-caption", { count: completions.length }),
          media: {
            kind: "document",
            filename: "riwayat-pelatihan-siasn.csv",
            mime: "text/csv",
            bytes: new TextEncoder().encode(csv),
          },
        },
      ];
    },
  };
}
export type TrainingView = ReturnType<typeof createTrainingView>;
