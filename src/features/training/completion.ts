import { z } from "zod";
import type { Certificate, Completion } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Competency } from "../../domain/competency.js";
import { initialState, isStatedJp } from "../../domain/completion-state.js";
import { isMethod, type JpCreditRules, kindOf, type Method } from "../../domain/learning-methods.js";
import type { ComputeService, OptionSource, TextSource } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDate, formatNumber, midSentence } from "../../i18n/format.js";
import type { CourseCatalog } from "../../services/course-catalog.js";
import { type JpLedger, localDateOf } from "../../services/jp-ledger.js";
import { jpStandingLines } from "../../services/jp-standing-text.js";
import { methodsOfGroup } from "./method-groups.js";

/** The `which` answer for a nonklasikal activity at the agency's JP. */
const OTHER = "other";
/** The `which` answer for any training outside the catalog, at the JP of its certificate. */
const OUTSIDE = "outside";

/** A certificate file as the flow's file step stored it, checked before it is kept. */
const fileAnswer = z.object({
  kind: z.enum(["photo", "document"]),
  channel: z.string().min(1).max(40),
  fileId: z.string().min(1).max(300),
  mime: z.string().max(200),
  name: z.string().max(255).optional(),
  size: z.number().int().nonnegative().optional(),
});

/** The certificate of a record from the flow's answers (the required or the optional step), if any. */
function certificateOf(answers: Record<string, unknown>): Certificate | undefined {
  const parsed = fileAnswer.safeParse(answers.cert_req ?? answers.cert);
  if (!parsed.success) return undefined;
  const file = parsed.data;
  const number = z.string().min(1).max(100).safeParse(answers.cert_no);
  const issuedOn = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .safeParse(answers.cert_date);
  return {
    kind: file.kind === "photo" ? "photo" : "pdf",
    channel: file.channel,
    fileId: file.fileId,
    mime: file.mime,
    ...(file.size !== undefined ? { size: file.size } : {}),
    ...(file.name ? { filename: file.name } : {}),
    ...(number.success ? { number: number.data } : {}),
    ...(issuedOn.success ? { issuedOn: issuedOn.data } : {}),
  };
}

/** What a person reports of a training outside the catalog, checked at the edge. */
const outsideAnswers = z.object({
  any_method: z.string().refine(isMethod),
  title: z.string().trim().min(3).max(200),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  jp: z.number().refine(isStatedJp),
  ctype: z.enum(["teknis", "manajerial", "sosial-kultural"]),
});

/** Which kind of competency a course develops, for the SIASN record: that of its first competency. */
export function competencyTypeOf(codes: readonly string[], competencies: readonly Competency[]): string {
  const first = competencies.find((c) => c.code === codes[0]);
  return first?.type ?? "manajerial";
}

/**
 * Services of flows/selesai.yaml: the person's open trainings, nonklasikal kinds, every method for a
 * training outside the catalog, and recording one (waiting for a koordinator when it must).
 */
export function createCompletion(deps: {
  repos: Pick<Repositories, "people" | "enrollments" | "completions">;
  ledger: JpLedger;
  catalog: CourseCatalog;
  competencies: readonly Competency[];
  rules: JpCreditRules;
  translate: Translate;
  now: () => Date;
}) {
  const tr = (conv: Conversation) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  /** Enrolments that have started and are not recorded yet, then "another activity" and "outside the catalog". */
  const open: OptionSource = async ({ conversation }) => {
    const t = tr(conversation);
    const personId = conversation.profile.personId;
    if (!personId) return [];
    const person = await deps.repos.people.get(personId);
    const [enrollments, completions] = await Promise.all([
      deps.repos.enrollments.listForPerson(personId),
      deps.repos.completions.listForPerson(personId),
    ]);
    const done = new Set(completions.flatMap((c) => (c.courseId ? [c.courseId] : [])));
    const now = deps.now().getTime();
    const items = enrollments
      .filter((e) => !done.has(e.courseId) && e.startsAt.getTime() <= now)
      .map((e) => ({
        id: e._id,
        label: `${e.title} (${formatDate(e.startsAt, { locale: conversation.profile.locale, timeZone: person?.timeZone ?? e.timeZone })})`,
      }));
    return [
      ...items,
      { id: OTHER, label: t("completion-other") },
      { id: OUTSIDE, label: t("completion-outside") },
    ];
  };

  const methods: OptionSource = async ({ conversation }) => {
    const t = tr(conversation);
    return Object.entries(deps.rules.nonklasikal).map(([method, jp]) => ({
      id: method,
      label: t("completion-method-option", {
        method: t(`method-${method}`),
        jp: formatNumber(jp ?? 0, conversation.profile.locale),
      }),
    }));
  };

  /** The methods of the group picked for a training outside the catalog, by their names. */
  const groupMethods: OptionSource = async ({ conversation, answers }) => {
    const t = tr(conversation);
    return methodsOfGroup(answers.group).map((method) => ({ id: method, label: t(`method-${method}`) }));
  };

  /** The JP question, saying whether this kind of training waits for a koordinator and why. */
  const jpQuestion: TextSource = ({ answers, locale }) => {
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    const method = answers.any_method;
    const credited = isMethod(method) ? deps.rules.nonklasikal[method] : undefined;
    const note =
      isMethod(method) && kindOf(method) === "nonklasikal" && credited !== undefined
        ? t("completion-jp-note-default", {
            method: midSentence(t(`method-${method}`)),
            jp: formatNumber(credited, locale),
          })
        : t("completion-jp-note-verify");
    return `${t("completion-jp-question")}\n\n${note}`;
  };

  /** A training outside the catalog as the person reported it; undefined when an answer is unusable. */
  function outsideRecord(
    personId: string,
    runId: string,
    answers: Record<string, unknown>,
    now: Date,
  ): Completion | undefined {
    const parsed = outsideAnswers.safeParse(answers);
    const certificate = certificateOf(answers);
    if (!parsed.success || !certificate) return undefined;
    const a = parsed.data;
    const method = a.any_method as Method;
    return {
      _id: `${personId}|self|${runId}`,
      personId,
      source: "self",
      kind: kindOf(method),
      method,
      jp: a.jp,
      title: a.title,
      competencyType: a.ctype,
      completedOn: a.date,
      year: Number(a.date.slice(0, 4)),
      certificate,
      recordedAt: now,
    };
  }

  const complete: ComputeService = async ({ runId, conversation, answers, now }) => {
    const t = tr(conversation);
    const personId = conversation.profile.personId;
    const person = personId ? await deps.repos.people.get(personId) : null;
    if (!person) return { outbound: [{ text: t("onboarding-needed") }] };
    const certificate = certificateOf(answers);
    let completion: Completion;
    if (answers.which === OUTSIDE) {
      const reported = outsideRecord(person._id, runId, answers, now);
      if (!reported) return { outbound: [{ text: t("completion-outside-incomplete") }] };
      completion = reported;
    } else if (answers.which === OTHER) {
      const method = String(answers.method);
      const jp = isMethod(method) ? deps.rules.nonklasikal[method] : undefined;
      if (!isMethod(method) || jp === undefined)
        return { outbound: [{ text: t("completion-method-unknown") }] };
      const completedOn = String(answers.date);
      completion = {
        _id: `${person._id}|self|${runId}`,
        personId: person._id,
        source: "self",
        title: String(answers.title),
        method,
        kind: kindOf(method as Method),
        competencyType: String(answers.ctype ?? "manajerial"),
        jp,
        completedOn,
        year: Number(completedOn.slice(0, 4)),
        ...(certificate ? { certificate } : {}),
        recordedAt: now,
      };
    } else {
      const enrollment = (await deps.repos.enrollments.listForPerson(person._id)).find(
        (e) => e._id === answers.which,
      );
      if (!enrollment) return { outbound: [{ text: t("completion-enrolment-gone") }] };
      const course = await deps.catalog.get(enrollment.courseId);
      // Finished at the end of the session, or today if it is recorded before the session's last day.
      const finished = new Date(Math.min(enrollment.endsAt.getTime(), now.getTime()));
      const local = localDateOf(finished, person.timeZone);
      completion = {
        _id: `${person._id}|course|${enrollment.courseId}`,
        personId: person._id,
        source: "course",
        courseId: enrollment.courseId,
        title: enrollment.title,
        method: course?.method ?? "pelatihan-teknis",
        kind: course?.kind ?? "klasikal",
        competencyType: competencyTypeOf(course?.competencies.map((c) => c.code) ?? [], deps.competencies),
        jp: enrollment.jp,
        completedOn: local.date,
        year: local.year,
        ...(certificate ? { certificate } : {}),
        recordedAt: now,
      };
    }
    // One rule for every path: a catalog course or the agency's own JP counts at once, the rest waits.
    const state = initialState(completion, deps.rules.nonklasikal);
    if (state) completion = { ...completion, state };
    const outcome = await deps.ledger.record(person, completion, now);
    const s = outcome.standing;
    const locale = conversation.profile.locale;
    const jp = (n: number) => formatNumber(n, locale);
    const standing = jpStandingLines(s, deps.translate, locale);
    const out: Outbound[] = [
      {
        text: [
          t(outcome.recorded ? "completion-saved" : "completion-already", {
            title: completion.title,
            jp: jp(completion.jp),
          }),
          ...(outcome.pending ? [t("completion-pending", { jp: jp(completion.jp) })] : []),
          ...(certificate ? [t("completion-certificate-kept")] : []),
          "",
          standing.headline,
          // A ceiling is shown only when it matters: nearing or past it. A minimum always shows what is left.
          ...(s.rule.kind === "minimum" || s.over || s.headroom < s.rule.jp / 4 ? [standing.detail] : []),
        ].join("\n"),
      },
    ];
    if (outcome.goalReachedNow)
      out.push({
        text: t("recognition-jp-goal", { goal: jp(s.rule.jp), year: s.period.start.slice(0, 4) }),
      });
    return { outbound: out };
  };

  return {
    optionSources: {
      "training.open": open,
      "training.methods": methods,
      "training.group-methods": groupMethods,
    },
    textSources: { "training.jpQuestion": jpQuestion } satisfies Record<string, TextSource>,
    services: { "training.complete": complete } satisfies Record<string, ComputeService>,
  };
}
