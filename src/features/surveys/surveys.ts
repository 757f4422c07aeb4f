import { createHmac, randomBytes } from "node:crypto";
import type { Person, SurveyInvitation } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import { computeIkm, type IkmResult } from "../../domain/ikm.js";
import { isUnverified } from "../../domain/membership.js";
import { afterQuiet, localClock, quietHoursOf } from "../../domain/reminder-time.js";
import { mayAct } from "../../domain/scope.js";
import { byArrival, countedInSteps, MIN_GROUP, type SurveyDefinition } from "../../domain/survey.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { formatDate, formatDateTime, formatNumber, midSentence } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import { actingPerson } from "../../services/actor.js";
import { shortKey } from "../../services/course-catalog.js";
import { type ButtonPress, buttonCodec } from "../feature.js";

/** Survey buttons: open an invitation, answer item `i` with a value, go back one item. */
export const surveyButton = buttonCodec("survey", "srv", {
  open: ["o", 1],
  answer: ["a", 3],
  back: ["b", 1],
});
type SurveyAction = Parameters<typeof surveyButton.pack>[0];

const DAY = 86_400_000;

/** Adds calendar months to an instant (the follow-up survey "3 months later"). */
function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** One group's result: its IKM and grade, or hidden below the minimum group size. `respondents` counts the answers the result is over. */
export type GroupResult =
  | { group: string; respondents: number; hidden: false; ikm: IkmResult }
  | { group: string; respondents: number; hidden: true };

/**
 * Satisfaction surveys: invitations after training and on periodic crons, reminders on the
 * configured days, closing, answering item by item with buttons, and results with the IKM formula.
 * Anonymous surveys store responses without the person; a keyed hash stops a second answer.
 */
export function createSurveys(deps: {
  repos: Pick<Repositories, "surveys" | "enrollments" | "people" | "orgUnits">;
  outbox: Pick<Outbox, "schedule">;
  surveys: readonly SurveyDefinition[];
  translate: Translate;
  now: () => Date;
  /** SURVEY_HASH_KEY; anonymous surveys are not sent without it. */
  hashKey?: string;
  /** Told of each stored answer set (summary totals count post-training satisfaction by unit). */
  onAnswered?: (surveyId: string, unitId: string | undefined, answeredOn: string) => Promise<unknown>;
  /** Told when one of a person's invitations was opened, answered or closed (their App Home lists the open ones). */
  onInvitationChanged?: (personId: string) => void;
}) {
  const byId = new Map(deps.surveys.map((s) => [s.id, s]));
  const t = (locale: Locale, key: string, args?: Record<string, string | number>) =>
    deps.translate(locale, key, args);
  const usable = (s: SurveyDefinition) => !s.anonymous || Boolean(deps.hashKey);
  /** Where an anonymous survey's answers so far are kept: a keyed hash of the invitation's random token. */
  const draftId = (token: string) =>
    createHmac("sha256", deps.hashKey!).update(`draft:${token}`).digest("hex");

  /**
   * The answers given so far. An anonymous survey keeps them apart from the named invitation,
   * under a keyed hash of a random token the invitation holds; without SURVEY_HASH_KEY nothing
   * stored ties the two, and once the token is dropped (answered, closed, erased) nothing can.
   * Answers an older version left on an anonymous invitation are read once and moved.
   */
  async function answersSoFar(def: SurveyDefinition, inv: SurveyInvitation): Promise<number[]> {
    if (!def.anonymous || !deps.hashKey) return [...inv.answers];
    return inv.draft ? deps.repos.surveys.draftAnswers(draftId(inv.draft)) : [...inv.answers];
  }

  /** Keeps the answers given so far (see answersSoFar). */
  async function saveAnswers(def: SurveyDefinition, inv: SurveyInvitation, answers: number[]): Promise<void> {
    if (!def.anonymous || !deps.hashKey) return deps.repos.surveys.setAnswers(inv._id, answers);
    const token = inv.draft ?? randomBytes(18).toString("base64url");
    // The draft first: a crash before the token is stored leaves an orphan that expires unread.
    await deps.repos.surveys.putDraft(draftId(token), answers, inv.closesAt);
    if (!inv.draft || inv.answers.length > 0) await deps.repos.surveys.setDraftToken(inv._id, token);
  }

  /** Deletes an anonymous survey's answers so far (the response is stored, or the survey closed). */
  async function dropDraft(inv: SurveyInvitation): Promise<void> {
    if (inv.draft && deps.hashKey) await deps.repos.surveys.removeDraft(draftId(inv.draft));
  }

  /**
   * The message asking a person to answer (or, as a reminder, still to answer) an invitation:
   * what it is about, that it is anonymous (in the invitation), when it closes, and the button.
   */
  function surveyMessage(
    person: Person,
    def: SurveyDefinition,
    inv: { _id: string; subject?: string; closesAt: Date },
    kind: "invite" | "reminder",
  ) {
    const locale = person.locale;
    const about = inv.subject ? t(locale, "srv-about", { subject: inv.subject }) : "";
    const headline =
      kind === "invite"
        ? t(locale, "srv-invite", { title: midSentence(def.title[locale]), count: def.items.length })
        : t(locale, "srv-reminder", { title: midSentence(def.title[locale]) });
    return {
      text: [
        headline + about,
        kind === "invite" && def.anonymous ? t(locale, "srv-anonymous-note") : "",
        t(locale, "srv-closes", { date: formatDate(inv.closesAt, { locale, timeZone: person.timeZone }) }),
      ]
        .filter(Boolean)
        .join("\n"),
      choices: [[{ data: surveyButton.pack("open", shortKey(inv._id)), label: t(locale, "srv-start") }]],
    };
  }

  /**
   * Invites one person to one occurrence (once: the invitation id is the key) and schedules the
   * invitation message at `at`, or after the person's quiet hours.
   */
  async function invite(
    def: SurveyDefinition,
    person: Person,
    occurrence: string,
    at: Date,
    about: { subject?: string; courseId?: string } = {},
  ): Promise<boolean> {
    const openedAt = afterQuiet(at, person.timeZone, quietHoursOf(person));
    const inv = {
      _id: `${def.id}:${occurrence}:${person._id}`,
      surveyId: def.id,
      occurrence,
      personId: person._id,
      openedAt,
      closesAt: new Date(openedAt.getTime() + def.closeDays * DAY),
      ...about,
      ...(person.instansiId ? { instansiId: person.instansiId } : {}),
      ...(person.unitId ? { unitId: person.unitId } : {}),
    };
    if (!(await deps.repos.surveys.invite(inv))) return false;
    deps.onInvitationChanged?.(person._id);
    await deps.outbox.schedule({
      purpose: `survey.${def.id}`,
      occurrence,
      personId: person._id,
      message: surveyMessage(person, def, inv, "invite"),
      dueAt: openedAt,
    });
    return true;
  }

  /** Post-training and follow-up invitations for sessions that ended long enough ago. */
  async function inviteAfterTraining(now: Date): Promise<number> {
    let invited = 0;
    for (const def of deps.surveys) {
      if (!usable(def) || (def.kind !== "post-training" && def.kind !== "follow-up")) continue;
      // Sessions whose "send at" moment lies in the last `closeDays` (older ones are not worth asking).
      const sendAfter = (endsAt: Date) =>
        def.kind === "post-training"
          ? new Date(endsAt.getTime() + def.afterHours * 3_600_000)
          : addMonths(endsAt, def.afterMonths);
      const latestEnd =
        def.kind === "post-training"
          ? new Date(now.getTime() - def.afterHours * 3_600_000)
          : addMonths(now, -def.afterMonths);
      const earliestEnd = new Date(latestEnd.getTime() - def.closeDays * DAY);
      const places = (
        await deps.repos.enrollments.listEndedBetween(earliestEnd, new Date(latestEnd.getTime() + 1))
      ).filter((e) => e.attendance !== "tidak");
      const people = await deps.repos.people.byIds(places.map((e) => e.personId));
      for (const e of places) {
        const person = people.get(e.personId);
        if (!person) continue;
        const at = sendAfter(e.endsAt);
        if (
          await invite(def, person, e.sessionId, at > now ? at : now, {
            subject: e.title,
            courseId: e.courseId,
          })
        )
          invited++;
      }
    }
    return invited;
  }

  /** Reminds people who have not answered on the configured days, and closes what is due to close. */
  async function remindAndClose(now: Date): Promise<{ reminded: number; closed: number }> {
    let reminded = 0;
    let closed = 0;
    const open = await deps.repos.surveys.listOpen();
    const people = await deps.repos.people.byIds(open.map((i) => i.personId));
    for (const inv of open) {
      const def = byId.get(inv.surveyId);
      if (!def || now >= inv.closesAt) {
        await dropDraft(inv);
        await deps.repos.surveys.close(inv._id);
        deps.onInvitationChanged?.(inv.personId);
        closed++;
        continue;
      }
      const person = people.get(inv.personId);
      if (!person) continue;
      // Only the latest reminder whose day has come: a late run does not send two at once.
      let due = inv.reminded;
      while (
        due < def.remindDays.length &&
        now.getTime() >= inv.openedAt.getTime() + def.remindDays[due]! * DAY
      )
        due++;
      if (due === inv.reminded) continue;
      const day = def.remindDays[due - 1]!;
      await deps.outbox.schedule({
        purpose: `survey.${def.id}.remind${day}`,
        occurrence: inv.occurrence,
        personId: person._id,
        message: surveyMessage(person, def, inv, "reminder"),
        dueAt: afterQuiet(now, person.timeZone, quietHoursOf(person)),
      });
      await deps.repos.surveys.setReminded(inv._id, due);
      reminded++;
    }
    return { reminded, closed };
  }

  /** Opens a periodic survey's occurrence for its audience (its cron tick). */
  async function openPeriodic(surveyId: string, tick: Date): Promise<number> {
    const def = byId.get(surveyId);
    if (def?.kind !== "periodic" || !usable(def)) return 0;
    const occurrence = localClock(tick, def.timeZone).date;
    // Periodic results are official figures of a unit: someone not yet verified is not asked.
    const audience = (await deps.repos.people.listOnboarded()).filter(
      (p) =>
        !isUnverified(p) &&
        (!def.audience.instansi?.length || (p.instansiId && def.audience.instansi.includes(p.instansiId))) &&
        (!def.audience.tiers?.length || (p.tier && def.audience.tiers.includes(p.tier))),
    );
    let invited = 0;
    for (const person of audience) if (await invite(def, person, occurrence, tick)) invited++;
    return invited;
  }

  // --- answering -------------------------------------------------------------------------------

  function question(
    person: Person,
    def: SurveyDefinition,
    inv: SurveyInvitation,
    answers: number[],
  ): Outbound[] {
    const locale = person.locale;
    const key = shortKey(inv._id);
    const i = answers.length;
    const item = def.items[i]!;
    const rows: Choice[][] = item.answers[locale].map((label, v) => [
      { data: surveyButton.pack("answer", key, i, v + 1), label: `${v + 1} · ${label}` },
    ]);
    if (i > 0) rows.push([{ data: surveyButton.pack("back", key), label: t(locale, "srv-back") }]);
    return [
      {
        text: `${t(locale, "srv-progress", { title: def.title[locale], n: i + 1, total: def.items.length })}\n\n${item.text[locale]}`,
        choices: rows,
        replacesPrompt: true,
      },
    ];
  }

  async function submit(
    person: Person,
    def: SurveyDefinition,
    inv: SurveyInvitation,
    answers: number[],
  ): Promise<Outbound[]> {
    const locale = person.locale;
    const now = deps.now();
    const group = {
      ...(inv.courseId ? { courseId: inv.courseId } : {}),
      ...(inv.instansiId ? { instansiId: inv.instansiId } : {}),
      ...(inv.unitId ? { unitId: inv.unitId } : {}),
    };
    if (def.anonymous) {
      // The key first: a crash after it loses this one answer rather than allowing a second.
      const key = createHmac("sha256", deps.hashKey!)
        .update(`${def.id}:${inv.occurrence}:${person._id}`)
        .digest("hex");
      if (!(await deps.repos.surveys.takeAnswerKey(key))) {
        await dropDraft(inv);
        await deps.repos.surveys.markAnswered(inv._id);
        deps.onInvitationChanged?.(person._id);
        return [{ text: t(locale, "srv-already"), replacesPrompt: true }];
      }
      // Next in the order of arrival, which results count in steps of MIN_GROUP.
      await deps.repos.surveys.respondInOrder({
        surveyId: def.id,
        occurrence: inv.occurrence,
        answers,
        ...group,
        answeredOn: localClock(now, "Asia/Jakarta").date,
      });
      await dropDraft(inv);
    } else {
      const fresh = await deps.repos.surveys.respond({
        _id: inv._id,
        surveyId: def.id,
        occurrence: inv.occurrence,
        personId: person._id,
        answers,
        ...group,
        answeredOn: localClock(now, person.timeZone).date,
        answeredAt: now,
      });
      if (!fresh) {
        await deps.repos.surveys.markAnswered(inv._id);
        deps.onInvitationChanged?.(person._id);
        return [{ text: t(locale, "srv-already"), replacesPrompt: true }];
      }
    }
    await deps.repos.surveys.markAnswered(inv._id);
    deps.onInvitationChanged?.(person._id);
    await deps.onAnswered?.(
      def.id,
      inv.unitId,
      localClock(now, def.anonymous ? "Asia/Jakarta" : person.timeZone).date,
    );
    return [{ text: t(locale, def.anonymous ? "srv-thanks-anonymous" : "srv-thanks"), replacesPrompt: true }];
  }

  async function invitationByKey(personId: string, key: string): Promise<SurveyInvitation | undefined> {
    return (await deps.repos.surveys.listForPerson(personId)).find((i) => shortKey(i._id) === key);
  }

  /**
   * Results of one survey occurrence by group. For an anonymous survey each group counts its
   * answers in whole steps of MIN_GROUP in order of arrival (`countedInSteps`), and the overall
   * result is those groups' counted answers together: one more answer changes nothing until it
   * completes a step, and the overall result minus the groups shown leaves nobody.
   */
  async function results(
    surveyId: string,
    occurrence: string | undefined,
    groupBy: "instansiId" | "unitId" | "courseId",
    /** Only answers this accepts, by unit or else instansi (a reader's scope); all when absent. */
    inScope?: (unitId: string | undefined) => boolean,
  ): Promise<{ overall?: IkmResult; respondents: number; counted: number; groups: GroupResult[] }> {
    const def = byId.get(surveyId);
    const responses = (await deps.repos.surveys.responses(surveyId, occurrence)).filter(
      // An anonymous answer keeps only its instansi: the reader then needs the whole instansi.
      (r) =>
        (!def || r.answers.length === def.items.length) && (!inScope || inScope(r.unitId ?? r.instansiId)),
    );
    const anonymous = def?.anonymous ?? false;
    // Order of arrival; responses from before the order was kept come first, by day.
    if (anonymous) responses.sort(byArrival);
    const groups = new Map<string, number[][]>();
    for (const r of responses) {
      const g = r[groupBy] ?? "-";
      groups.set(g, [...(groups.get(g) ?? []), r.answers]);
    }
    const counted = new Map([...groups].map(([g, rows]) => [g, anonymous ? countedInSteps(rows) : rows]));
    const overall = [...counted.values()].flat();
    return {
      respondents: responses.length,
      counted: overall.length,
      ...(overall.length > 0 ? { overall: computeIkm(overall) } : {}),
      groups: [...counted.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([group, rows]) =>
          rows.length > 0
            ? { group, respondents: rows.length, hidden: false, ikm: computeIkm(rows) }
            : { group, respondents: groups.get(group)!.length, hidden: true },
        ),
    };
  }

  return {
    invite,
    openPeriodic,
    results,
    /** A person's answers so far to one invitation (/dataku: an anonymous survey's are under its token). */
    answersSoFar: (inv: SurveyInvitation) => {
      const def = byId.get(inv.surveyId);
      return def ? answersSoFar(def, inv) : Promise.resolve([...inv.answers]);
    },
    /** Deletes an invitation's anonymous answers so far (erasure). */
    dropDraft,
    /** The post-training, follow-up, reminder and closing work of one tick. */
    async tick(now: Date) {
      const invited = await inviteAfterTraining(now);
      return { invited, ...(await remindAndClose(now)) };
    },
    /** Periodic surveys that can run (anonymous ones need SURVEY_HASH_KEY). */
    periodic(): Extract<SurveyDefinition, { kind: "periodic" }>[] {
      return deps.surveys.filter(
        (s): s is Extract<SurveyDefinition, { kind: "periodic" }> => s.kind === "periodic" && usable(s),
      );
    },
    /** Surveys left out because SURVEY_HASH_KEY is missing. */
    disabled(): string[] {
      return deps.surveys.filter((s) => !usable(s)).map((s) => s.id);
    },

    /** /survei: the person's open surveys, each with a button to answer. */
    async list(conv: Conversation): Promise<Outbound[]> {
      const locale = conv.profile.locale;
      if (!conv.profile.personId) return [{ text: t(locale, "onboarding-needed") }];
      const person = await deps.repos.people.get(conv.profile.personId);
      if (!person) return [{ text: t(locale, "onboarding-needed") }];
      const now = deps.now();
      const open = (await deps.repos.surveys.listForPerson(person._id)).filter(
        (i) => i.status === "open" && i.closesAt > now && i.openedAt <= now && byId.has(i.surveyId),
      );
      if (open.length === 0) return [{ text: t(locale, "srv-none") }];
      return [
        {
          text: [
            t(locale, "srv-list-title"),
            ...open.map((i) => {
              const def = byId.get(i.surveyId)!;
              return `• ${def.title[locale]}${i.subject ? ` — ${i.subject}` : ""} (${t(locale, "srv-until", {
                date: formatDateTime(i.closesAt, { locale, timeZone: person.timeZone }),
              })})`;
            }),
          ].join("\n"),
          choices: open.map((i) => [
            {
              data: surveyButton.pack("open", shortKey(i._id)),
              label: `${t(locale, "srv-start")}: ${i.subject ?? byId.get(i.surveyId)!.title[locale]}`.slice(
                0,
                60,
              ),
            },
          ]),
        },
      ];
    },

    /** Handles a `srv|…` button; undefined when the data is not one of ours. */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<SurveyAction>,
    ): Promise<Outbound[] | undefined> {
      const { action } = press;
      const [key, index, value] = press.args as [string, string?, string?];
      if (!conv.profile.personId) return undefined;
      const person = await deps.repos.people.get(conv.profile.personId);
      if (!person) return undefined;
      const locale = person.locale;
      const inv = await invitationByKey(person._id, key);
      const def = inv ? byId.get(inv.surveyId) : undefined;
      if (!inv || !def) return [{ text: t(locale, "srv-gone") }];
      if (inv.status === "answered") return [{ text: t(locale, "srv-already") }];
      const now = deps.now();
      if (inv.status === "closed" || now >= inv.closesAt) return [{ text: t(locale, "srv-closed") }];
      const answers = await answersSoFar(def, inv);
      if (action === "back") {
        answers.pop();
        await saveAnswers(def, inv, answers);
        return question(person, def, inv, answers);
      }
      if (action === "answer") {
        const v = Number(value);
        // A button from an earlier screen: show where the person really is.
        if (Number(index) !== answers.length || !Number.isInteger(v) || v < 1 || v > 4)
          return question(person, def, inv, answers);
        answers.push(v);
        if (answers.length === def.items.length) return submit(person, def, inv, answers);
        await saveAnswers(def, inv, answers);
      }
      return question(person, def, inv, answers);
    },

    /**
     * /survei hasil for staff: the latest occurrence of each survey by instansi, small groups
     * hidden, counting only answers from units where the reader is a coordinator or supervisor
     * (a bootstrap admin: all).
     */
    async summary(conv: Conversation, bootstrapAdmin: boolean): Promise<Outbound[]> {
      const locale = conv.profile.locale;
      const { actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
      const units = await deps.repos.orgUnits.all();
      const byUnit = new Map(units.map((u) => [u._id, u]));
      const inScope = (unitId: string | undefined) => {
        if (!unitId) return false;
        // A code missing from the tree has no ancestors: only a grant on it (or everything) reaches it.
        const unit = byUnit.get(unitId) ?? { _id: unitId, path: [] };
        return mayAct(actor, "koordinator", unit) || mayAct(actor, "supervisor", unit);
      };
      const lines: string[] = [t(locale, bootstrapAdmin ? "srv-results-title" : "srv-results-title-scoped")];
      // Groups are instansi codes: shown by name, as the reader knows them.
      const names = new Map(units.map((u) => [u._id, u.name]));
      const groupName = (code: string) =>
        code === "-" ? t(locale, "srv-results-no-instansi") : (names.get(code) ?? code);
      for (const def of deps.surveys) {
        const r = await results(def.id, undefined, "instansiId", bootstrapAdmin ? undefined : inScope);
        lines.push("", `${def.title[locale]}${def.anonymous ? ` (${t(locale, "srv-anonymous")})` : ""}`);
        if (!r.overall) {
          lines.push(
            t(locale, "srv-results-too-few", { count: r.respondents, min: def.anonymous ? MIN_GROUP : 1 }),
          );
          continue;
        }
        lines.push(
          t(locale, "srv-results-line", {
            group: t(locale, "srv-results-all"),
            count: r.counted,
            ikm: formatNumber(r.overall.ikm, locale, 2),
            grade: `${r.overall.grade} (${r.overall.label[locale]})`,
          }),
        );
        for (const g of r.groups) {
          lines.push(
            g.hidden
              ? t(locale, "srv-results-hidden", { group: groupName(g.group), min: MIN_GROUP })
              : t(locale, "srv-results-line", {
                  group: groupName(g.group),
                  count: g.respondents,
                  ikm: formatNumber(g.ikm.ikm, locale, 2),
                  grade: `${g.ikm.grade} (${g.ikm.label[locale]})`,
                }),
          );
        }
        // Said, so a reader does not wait for a result to move with each answer.
        if (def.anonymous && r.respondents > r.counted)
          lines.push(t(locale, "srv-results-steps", { count: r.respondents - r.counted, step: MIN_GROUP }));
      }
      return [{ text: lines.join("\n") }];
    },
  };
}
export type Surveys = ReturnType<typeof createSurveys>;
