import type { Completion } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { countsTowardJp, stateOf } from "../../domain/completion-state.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound, Progress } from "../../engine/types.js";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format.js";
import { shortKey } from "../../services/course-catalog.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { jpBasis, jpStandingLines, periodLabel } from "../../services/jp-standing-text.js";
import { courseButton } from "../enrolment/enrollment.js";
import type { Waitlist } from "../enrolment/waitlist.js";
import { buttonCodec } from "../feature.js";
import { startFlowButton } from "../help/buttons.js";
import { siasnCsv } from "./siasn-export.js";

/** /pelatihan's button: the SIASN export of completed training. */
export const siasnButton = buttonCodec("training-export", "trn", { export: ["siasn", 0] });

/**
 * /pelatihan: upcoming and running trainings, completed ones with whether each counts yet (waiting
 * for a koordinator, or returned with their reason), and the JP that counts against the person's
 * own rule.
 */
export function createTrainingView(deps: {
  repos: Pick<Repositories, "people" | "enrollments" | "completions">;
  ledger: JpLedger;
  translate: Translate;
  now: () => Date;
  /** The person's places on waiting lists, shown with their position and a way off. */
  waitlist?: Pick<Waitlist, "waitingOf" | "leaveChoice">;
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
      /** One completed training: its JP, whether a certificate came with it, and its state. */
      const completionLine = (c: Completion): string => {
        const line = `• ${c.title} — ${jp(c.jp)} JP${c.certificate ? " 📄" : ""}`;
        switch (stateOf(c)) {
          case "pending":
            return `${line} ${t("training-state-pending")}`;
          case "returned":
            return `${line} ${t("training-state-returned", { reason: c.returnReason ?? "—" })}`;
          case "unknown":
            return `${line} ${t("training-state-unknown")}`;
          default:
            return line;
        }
      };
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
      const queued = (await deps.waitlist?.waitingOf(person._id)) ?? [];
      if (queued.length > 0) {
        lines.push("", t("training-waiting"));
        for (const w of queued) {
          lines.push(t("training-waiting-line", { title: w.title, position: w.position }));
          rows.push(...deps.waitlist!.leaveChoice(locale, w.sessionId));
        }
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
      for (const c of thisYear) lines.push(completionLine(c));
      const earlier = completions.length - thisYear.length;
      if (earlier > 0) lines.push(t("training-earlier", { count: earlier }));
      const waiting = thisYear.filter((c) => stateOf(c) === "pending");
      if (waiting.length > 0)
        lines.push("", t("training-pending-total", { jp: jp(waiting.reduce((sum, c) => sum + c.jp, 0)) }));
      // A returned record stays as it was; the corrected one is a new record.
      if (thisYear.some((c) => stateOf(c) === "returned")) lines.push("", t("training-returned-hint"));
      rows.push([{ data: startFlowButton.pack("start", "selesai"), label: t("training-record") }]);
      if (completions.some(countsTowardJp))
        rows.push([{ data: siasnButton.pack("export"), label: t("training-export") }]);
      return [{ text: lines.join("\n"), choices: rows }];
    },

    /**
     * The person's completed trainings that count (verified, or never needing it) as a SIASN-ready
     * CSV file; `progress` hears first that the file is being prepared.
     */
    async exportSiasn(conv: Conversation, progress?: Progress): Promise<Outbound[]> {
      const locale = conv.profile.locale;
      const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
      const personId = conv.profile.personId;
      if (!personId) return [{ text: t("onboarding-needed") }];
      await progress?.({ text: t("training-export-preparing"), preparing: "document" });
      const all = await deps.repos.completions.listForPerson(personId);
      // SIASN gets only what a koordinator would stand behind: nothing waiting or returned.
      const completions = all.filter(countsTowardJp);
      const left = all.length - completions.length;
      const leftNote = left > 0 ? `\n${t("training-export-left-out", { count: left })}` : "";
      if (completions.length === 0) return [{ text: `${t("training-export-empty")}${leftNote}` }];
      const csv = siasnCsv(completions, locale, deps.translate);
      return [
        {
          text: `${t("training-export-caption", { count: completions.length })}${leftNote}`,
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
