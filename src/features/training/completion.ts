import type { Certificate, Completion } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Competency } from "../../domain/competency.js";
import { isMethod, type JpCreditRules, kindOf, type Method } from "../../domain/learning-methods.js";
import type { ComputeService, OptionSource } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, IncomingFile, Outbound } from "../../engine/types.js";
import { formatDate, formatNumber } from "../../i18n/format.js";
import type { CourseCatalog } from "../../services/course-catalog.js";
import { type JpLedger, localDateOf } from "../../services/jp-ledger.js";
import { jpStandingLines } from "../../services/jp-standing-text.js";

const OTHER = "other";

/** Which kind of competency a course develops, for the SIASN record: that of its first competency. */
export function competencyTypeOf(codes: readonly string[], competencies: readonly Competency[]): string {
  const first = competencies.find((c) => c.code === codes[0]);
  return first?.type ?? "manajerial";
}

/** Services of flows/selesai.yaml: the person's open trainings, nonklasikal kinds, and recording one. */
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

  /** Enrolments that have started and are not recorded yet, then "another activity". */
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
    return [...items, { id: OTHER, label: t("completion-other") }];
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

  const complete: ComputeService = async ({ runId, conversation, answers, now }) => {
    const t = tr(conversation);
    const personId = conversation.profile.personId;
    const person = personId ? await deps.repos.people.get(personId) : null;
    if (!person) return { outbound: [{ text: t("onboarding-needed") }] };
    const file = answers.cert as IncomingFile | undefined;
    const certificate: Certificate | undefined = file
      ? {
          kind: file.kind === "photo" ? "photo" : "pdf",
          channel: file.channel,
          fileId: file.fileId,
          mime: file.mime,
          ...(file.size !== undefined ? { size: file.size } : {}),
          ...(file.name ? { filename: file.name } : {}),
          ...(typeof answers.cert_no === "string" ? { number: answers.cert_no } : {}),
          ...(typeof answers.cert_date === "string" ? { issuedOn: answers.cert_date } : {}),
        }
      : undefined;

    let completion: Completion;
    if (answers.which === OTHER) {
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
    optionSources: { "training.open": open, "training.methods": methods },
    services: { "training.complete": complete } satisfies Record<string, ComputeService>,
  };
}
