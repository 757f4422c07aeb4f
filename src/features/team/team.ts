import { z } from "zod";
import { type Picture, photoOf } from "../../charts/picture.js";
import type { Assessment, CompetencyResult, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import { type Competency, compareCompetencyCodes } from "../../domain/competency.js";
import { CONFIRMATION_NOTE_MAX, countedLevel, isConfirmed } from "../../domain/counted-level.js";
import { type ReportAccess, reportAccess } from "../../domain/direct-report.js";
import type { ComputeResult, ComputeService, OptionSource, TextSource } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDate } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { jpStandingLines } from "../../services/jp-standing-text.js";
import type { ConfirmLevel } from "../assessment/level-confirmation.js";
import type { Acting, ButtonPress } from "../feature.js";
import { teamButton } from "./buttons.js";

/** The flow an atasan reviews one staff member's levels in (flows/tim-tinjau.yaml). */
export const REVIEW_FLOW = "tim-tinjau";

/** The heatmap /tim draws: competency columns, one row per consenting staff member. */
export interface TeamHeatmapInput {
  columns: string[];
  rows: { person: string; cells: ({ level: number; required: number } | null)[] }[];
}

/** Draws the heatmap (src/charts/team-heatmap.ts in the app; tests may record it). */
export type RenderTeamHeatmap = (
  heatmap: TeamHeatmapInput,
  labels: { title: string; below: string; meets: string; above: string },
) => Picture | Promise<Picture>;

/** One consenting staff member as /tim shows them. */
interface ReportView {
  person: Person;
  latest: Assessment | undefined;
}

/** What the review flow's last step gets from the run: checked here, as anything from outside. */
const reviewAnswers = z.object({
  person: z.string().min(1).max(40),
  assessmentId: z.string().min(1).max(80),
  competency: z.string().min(1).max(40),
  level: z.union([z.literal("ok"), z.enum(["0", "1", "2", "3", "4", "5"])]),
  note: z.string().trim().min(1).max(CONFIRMATION_NOTE_MAX),
});

/**
 * /tim: a direct atasan's view of their staff who agreed to it, and the review of their
 * self-assessed levels. The relation (the staff member's atasan NIP is the actor's verified NIP)
 * and the consent are read from the database on every command, press and flow step; unit roles
 * play no part, either way. Staff who did not agree are only counted.
 */
export function createTeam(deps: {
  repos: Pick<Repositories, "people" | "assessments" | "enrollments" | "placeRequests" | "audit">;
  ledger: Pick<JpLedger, "standingOf">;
  confirmLevel: ConfirmLevel;
  outbox: Pick<Outbox, "schedule">;
  competencies: readonly Competency[];
  translate: Translate;
  now: () => Date;
  renderHeatmap?: RenderTeamHeatmap;
  /** Told when drawing the heatmap failed: the atasan still has the text. */
  onChartError?: (err: unknown) => void;
}) {
  const { repos } = deps;
  const tr = (locale: Locale) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(locale, key, args);
  const nameOf = (code: string, locale: Locale) => {
    const c = deps.competencies.find((x) => x.code === code);
    return c ? c.name[locale] : code;
  };
  const sortedResults = (a: Assessment) =>
    [...a.results].sort((x, y) => compareCompetencyCodes(x.competency, y.competency));

  /** The acting person and the staff member, with whether the one may see the other now. */
  async function relation(
    conv: Conversation,
    personId: string,
  ): Promise<{ me: Person | null; report: Person | null; access: ReportAccess }> {
    const [me, report] = await Promise.all([
      conv.profile.personId ? repos.people.get(conv.profile.personId) : null,
      repos.people.get(personId),
    ]);
    return { me, report, access: me && report ? reportAccess(me, report) : "not-atasan" };
  }

  /** Writes a refused look at someone's data (a forged or stale button) to the audit log. */
  async function refused(conv: Conversation, personId: string, access: ReportAccess) {
    await repos.audit.append({
      at: deps.now(),
      ...(conv.profile.personId ? { actorPersonId: conv.profile.personId } : {}),
      actorIdentityId: conv.identityId,
      action: "team.review",
      outcome: "refused",
      targetKind: "person",
      targetId: personId,
      details: { reason: access },
    });
  }

  const refusalText = (locale: Locale, access: ReportAccess) =>
    tr(locale)(access === "no-consent" ? "team-no-consent-now" : "team-not-your-staff");

  /** The text table of one staff member: each competency's level that counts against the standard. */
  function reportLines(view: ReportView, locale: Locale, timeZone: string): string[] {
    const t = tr(locale);
    const lines = [`👤 ${view.person.name}`];
    if (!view.latest) return [...lines, t("team-not-assessed")];
    const gaps = view.latest.results.filter((r) => r.gap > 0).length;
    lines.push(
      t("team-assessed-on", {
        date: formatDate(view.latest.completedAt, { locale, timeZone }),
        gaps,
        total: view.latest.results.length,
      }),
    );
    for (const r of sortedResults(view.latest)) lines.push(resultLine(r, locale));
    return lines;
  }

  function resultLine(r: CompetencyResult, locale: Locale): string {
    const t = tr(locale);
    const mark = r.gap > 0 ? "🔸" : "✅";
    const level = isConfirmed(r)
      ? t("team-row-confirmed", { level: countedLevel(r), self: r.assessed, required: r.required })
      : t("team-row", { level: r.assessed, required: r.required });
    return `${mark} ${r.competency} ${nameOf(r.competency, locale)}: ${level}`;
  }

  /** JP this year, enrolments still to come and open Ajukan requests of one staff member. */
  async function trainingLines(person: Person, locale: Locale, now: Date): Promise<string[]> {
    const t = tr(locale);
    const [standing, enrolments, requests] = await Promise.all([
      deps.ledger.standingOf(person, now),
      repos.enrollments.listForPerson(person._id),
      repos.placeRequests.forPerson(person._id),
    ]);
    const coming = enrolments.filter((e) => e.endsAt >= now).sort((a, b) => +a.startsAt - +b.startsAt);
    const open = requests.filter((r) => r.state === "pending");
    return [
      jpStandingLines(standing, deps.translate, locale).headline,
      coming.length > 0
        ? t("team-enrolments", { count: coming.length, titles: coming.map((e) => e.title).join("; ") })
        : t("team-enrolments-none"),
      ...(open.length > 0
        ? [t("team-requests", { count: open.length, titles: open.map((r) => r.title).join("; ") })]
        : []),
    ];
  }

  /** The heatmap's columns (every competency any of them was assessed in) and rows. */
  function heatmapOf(views: readonly ReportView[]): TeamHeatmapInput {
    const columns = [...new Set(views.flatMap((v) => v.latest?.results.map((r) => r.competency) ?? []))].sort(
      compareCompetencyCodes,
    );
    return {
      columns,
      rows: views
        .filter((v) => v.latest)
        .map((v) => ({
          person: v.person.name,
          cells: columns.map((c) => {
            const r = v.latest!.results.find((x) => x.competency === c);
            return r ? { level: countedLevel(r), required: r.required } : null;
          }),
        })),
    };
  }

  async function heatmapMessage(views: readonly ReportView[], locale: Locale): Promise<Outbound[]> {
    const heatmap = heatmapOf(views);
    if (!deps.renderHeatmap || heatmap.rows.length === 0) return [];
    const t = tr(locale);
    try {
      const picture = await deps.renderHeatmap(heatmap, {
        title: t("team-chart-title"),
        below: t("team-chart-below"),
        meets: t("team-chart-meets"),
        above: t("team-chart-above"),
      });
      return [{ text: t("team-chart-caption"), media: photoOf(picture, "tim") }];
    } catch (err) {
      deps.onChartError?.(err);
      return [];
    }
  }

  /** /tim: the atasan's consenting staff, one by one, with the heatmap and a Tinjau button each. */
  async function show(conv: Conversation): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = tr(locale);
    const me = conv.profile.personId ? await repos.people.get(conv.profile.personId) : null;
    // Only a verified NIP makes someone an atasan: a self-declared one could be anybody's.
    const staff = me?.nip && me.unverified !== true ? await repos.people.listByAtasanNip(me.nip) : [];
    const consenting: Person[] = [];
    let withheld = 0;
    for (const p of staff) {
      const access = reportAccess(me!, p);
      if (access === "ok") consenting.push(p);
      else if (access === "no-consent") withheld++;
    }
    if (consenting.length === 0 && withheld === 0) return [{ text: t("team-none") }];
    const now = deps.now();
    const views: ReportView[] = await Promise.all(
      consenting.map(async (person) => ({
        person,
        latest: (await repos.assessments.listForPerson(person._id, 1))[0],
      })),
    );
    const blocks: string[] = [];
    for (const view of views)
      blocks.push(
        [...reportLines(view, locale, me!.timeZone), ...(await trainingLines(view.person, locale, now))].join(
          "\n",
        ),
      );
    const header = t("team-title", { count: consenting.length });
    const withheldLine = withheld > 0 ? [t("team-withheld", { count: withheld })] : [];
    const reviewable = views.filter((v) => v.latest);
    return [
      {
        text: [header, ...blocks, ...withheldLine, t("team-help")].join("\n\n"),
        ...(reviewable.length > 0
          ? {
              choices: reviewable.map((v) => [
                {
                  data: teamButton.pack("review", v.person._id),
                  label: t("team-review-button", { name: v.person.name }),
                },
              ]),
            }
          : {}),
      },
      ...(await heatmapMessage(views, locale)),
    ];
  }

  /** The person's own answer to the consent question (after /asesmen or from an old message). */
  async function setConsent(conv: Conversation, allowed: boolean): Promise<Outbound[]> {
    const t = tr(conv.profile.locale);
    const personId = conv.profile.personId;
    if (!personId) return [{ text: t("onboarding-needed") }];
    const at = deps.now();
    await repos.people.update(personId, { atasanConsent: { allowed, at } });
    await repos.audit.append({
      at,
      actorPersonId: personId,
      actorIdentityId: conv.identityId,
      action: "person.atasan-consent",
      outcome: "ok",
      targetKind: "person",
      targetId: personId,
      details: { allowed },
    });
    return [{ text: t(allowed ? "team-consent-yes" : "team-consent-no"), replacesPrompt: true }];
  }

  /** A press of a /tim button: the consent answer, or Tinjau (the relation checked again now). */
  async function press(acting: Acting, p: ButtonPress<"consent" | "review">): Promise<Outbound[]> {
    const conv = acting.conv;
    if (p.action === "consent") {
      if (p.args[0] !== "y" && p.args[0] !== "n")
        return [{ text: tr(conv.profile.locale)("flow-button-expired") }];
      return setConsent(conv, p.args[0] === "y");
    }
    const personId = p.args[0]!;
    const { access } = await relation(conv, personId);
    if (access !== "ok") {
      await refused(conv, personId, access);
      return [{ text: refusalText(conv.profile.locale, access) }];
    }
    return acting.router.startFlow(REVIEW_FLOW, { person: personId });
  }

  /** The run's staff member, checked again; a refusal ends the flow with why. */
  async function guardRun(
    conversation: Conversation,
    answers: Record<string, unknown>,
  ): Promise<{ refusal: ComputeResult } | { me: Person; report: Person }> {
    const personId = typeof answers.person === "string" ? answers.person : "";
    const found = await relation(conversation, personId);
    if (found.access !== "ok" || !found.me || !found.report) {
      await refused(conversation, personId, found.access);
      return {
        refusal: {
          outbound: [{ text: refusalText(conversation.profile.locale, found.access) }],
          goto: "stop",
        },
      };
    }
    return { me: found.me, report: found.report };
  }

  const reviewBegin: ComputeService = async ({ conversation, answers }) => {
    const checked = await guardRun(conversation, answers);
    if ("refusal" in checked) return checked.refusal;
    const locale = conversation.profile.locale;
    const [latest] = await repos.assessments.listForPerson(checked.report._id, 1);
    if (!latest)
      return {
        outbound: [{ text: tr(locale)("team-review-not-assessed", { name: checked.report.name }) }],
        goto: "stop",
      };
    return {
      outbound: [
        { text: reportLines({ person: checked.report, latest }, locale, checked.me.timeZone).join("\n") },
      ],
      setAnswers: { assessmentId: latest._id },
    };
  };

  /** The result of the run's assessment in the competency picked, if the run still names one. */
  async function pickedResult(answers: Record<string, unknown>) {
    const assessment =
      typeof answers.assessmentId === "string" ? await repos.assessments.get(answers.assessmentId) : null;
    if (!assessment || assessment.personId !== answers.person) return undefined;
    const result = assessment.results.find((r) => r.competency.toLowerCase() === answers.competency);
    return result ? { assessment, result } : undefined;
  }

  const competencyOptions: OptionSource = async ({ conversation, answers }) => {
    const checked = await guardRun(conversation, answers);
    if ("refusal" in checked || typeof answers.assessmentId !== "string") return [];
    const assessment = await repos.assessments.get(answers.assessmentId);
    if (!assessment || assessment.personId !== checked.report._id) return [];
    // Option ids are lower-case: the codes as such (m.3, t.ak.1) fit the engine's id rule.
    return sortedResults(assessment).map((r) => ({
      id: r.competency.toLowerCase(),
      label: resultLine(r, conversation.profile.locale),
    }));
  };

  const levelQuestion: TextSource = async ({ answers, locale }) => {
    const picked = await pickedResult(answers);
    if (!picked) return tr(locale)("team-level-question-plain");
    return tr(locale)("team-level-question", {
      competency: nameOf(picked.result.competency, locale),
      self: picked.result.assessed,
      required: picked.result.required,
    });
  };

  const levelOptions: OptionSource = async ({ conversation, answers }) => {
    const t = tr(conversation.profile.locale);
    const picked = await pickedResult(answers);
    if (!picked) return [];
    return [
      { id: "ok", label: t("team-level-agree", { level: picked.result.assessed }) },
      ...[0, 1, 2, 3, 4, 5]
        .filter((l) => l !== picked.result.assessed)
        .map((l) => ({
          id: String(l),
          label: l === 0 ? t("team-level-zero") : t("team-level-n", { level: l }),
        })),
    ];
  };

  const reviewSave: ComputeService = async ({ runId, conversation, answers }) => {
    const checked = await guardRun(conversation, answers);
    if ("refusal" in checked) return checked.refusal;
    const locale = conversation.profile.locale;
    const t = tr(locale);
    const parsed = reviewAnswers.safeParse({
      ...answers,
      competency: typeof answers.competency === "string" ? answers.competency : "",
    });
    const picked = parsed.success ? await pickedResult(answers) : undefined;
    if (!parsed.success || !picked) return { outbound: [{ text: t("team-review-gone") }], goto: "stop" };
    const { result, assessment } = picked;
    const level = parsed.data.level === "ok" ? result.assessed : Number(parsed.data.level);
    const outcome = await deps.confirmLevel({
      assessmentId: assessment._id,
      competency: result.competency,
      level,
      byPersonId: checked.me._id,
      actorIdentityId: conversation.identityId,
      note: parsed.data.note,
    });
    if (outcome.kind !== "confirmed") return { outbound: [{ text: t("team-review-gone") }], goto: "stop" };
    const report = checked.report;
    const told = await deps.outbox.schedule({
      purpose: "team.level-confirmed",
      // One message per review: the same competency reviewed again later is told again.
      occurrence: `${runId}.${result.competency}.${deps.now().getTime()}`,
      personId: report._id,
      message: {
        text: tr(report.locale)("team-told", {
          atasan: checked.me.name,
          competency: nameOf(result.competency, report.locale),
          self: result.assessed,
          level,
          note: parsed.data.note,
        }),
      },
      dueAt: deps.now(),
    });
    return {
      outbound: [
        {
          text: t(told === "unreachable" ? "team-review-saved-unreachable" : "team-review-saved", {
            name: report.name,
            competency: nameOf(result.competency, locale),
            level,
          }),
        },
      ],
    };
  };

  return {
    show,
    press,
    setConsent,
    services: {
      "team.reviewBegin": reviewBegin,
      "team.reviewSave": reviewSave,
    } satisfies Record<string, ComputeService>,
    optionSources: {
      "team.competencies": competencyOptions,
      "team.levels": levelOptions,
    } satisfies Record<string, OptionSource>,
    textSources: { "team.levelQuestion": levelQuestion } satisfies Record<string, TextSource>,
  };
}
export type Team = ReturnType<typeof createTeam>;
