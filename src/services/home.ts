import type { Person } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Competency } from "../domain/competency.js";
import { countedGap, countedLevel, gapCountOf } from "../domain/counted-level.js";
import type { SurveyDefinition } from "../domain/survey.js";
import type { Translate } from "../engine/text.js";
import type { Choice } from "../engine/types.js";
import { formatDate, formatDateTime } from "../i18n/format.js";
import type { JpLedger } from "./jp-ledger.js";
import { jpStandingLines } from "./jp-standing-text.js";

/** One part of the overview: a heading, its lines, and buttons that open what it is about. */
export interface HomeSection {
  heading: string;
  lines: string[];
  /** Pressed like any chat button: the flow or command starts in the person's direct message. */
  choices?: Choice[];
}

/** A channel-neutral overview of a person (Slack renders it as App Home). */
export interface HomeSummary {
  sections: HomeSection[];
}

/** The button data the overview's buttons carry (the features' own codecs, handed in by the app). */
export interface HomeButtons {
  /** Opens a command as if typed: `asesmen`, `hasil`, `rekomendasi`, `pelatihan`, `selesai`. */
  command(name: string): string;
  /** Opens an invitation to a survey for answering. */
  survey(invitationId: string): string;
}

/** How many upcoming sessions, gaps and open surveys the overview lists (the rest is a button away). */
const MAX_LISTED = 3;

/**
 * Builds the person's overview from what is current: profile, the latest assessment (date and the
 * largest gaps), JP against their own rule, the sessions they hold a place in, and the surveys
 * waiting for their answer, with buttons that start the matching flows. Every read is by id or by
 * the indexed person id.
 */
export function createHome(deps: {
  repos: Pick<
    Repositories,
    "identities" | "people" | "orgUnits" | "jabatan" | "assessments" | "enrollments" | "surveys"
  >;
  ledger: Pick<JpLedger, "standingOf">;
  competencies: readonly Pick<Competency, "code" | "name">[];
  surveys: readonly Pick<SurveyDefinition, "id" | "title">[];
  buttons: HomeButtons;
  translate: Translate;
  now: () => Date;
}) {
  const surveyById = new Map(deps.surveys.map((s) => [s.id, s]));

  return async function home(who: { id: string }): Promise<HomeSummary> {
    const identity = await deps.repos.identities.get(who.id);
    const person = identity ? await deps.repos.people.get(identity.personId) : null;
    if (!person) {
      return {
        sections: [
          {
            heading: deps.translate("id", "home-title"),
            lines: [deps.translate("id", "home-not-registered")],
          },
        ],
      };
    }
    const locale = person.locale;
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    const open = (name: string, label: string): Choice => ({ data: deps.buttons.command(name), label });
    const now = deps.now();
    const status = person.status ?? {};
    const [unit, jabatan, latest, standing, places, invitations] = await Promise.all([
      person.unitId ? deps.repos.orgUnits.get(person.unitId) : null,
      person.jabatanId ? deps.repos.jabatan.get(person.jabatanId) : null,
      status.lastAssessmentId ? deps.repos.assessments.get(status.lastAssessmentId) : null,
      deps.ledger.standingOf(person, now),
      deps.repos.enrollments.listForPerson(person._id),
      deps.repos.surveys.listForPerson(person._id),
    ]);
    const jp = jpStandingLines(standing, deps.translate, locale);
    const when = { locale, timeZone: person.timeZone };

    const assessmentLines: string[] = [];
    if (latest) {
      // By the level that counts: an atasan's confirmation since the assessment may have moved a gap.
      assessmentLines.push(
        t("home-assessed", { gaps: gapCountOf(latest.results) }),
        t("home-assessed-on", { date: formatDate(latest.completedAt, when) }),
      );
      const gaps = latest.results
        .filter((r) => countedGap(r) > 0)
        .sort((a, b) => countedGap(b) - countedGap(a));
      for (const r of gaps.slice(0, MAX_LISTED))
        assessmentLines.push(
          t("home-gap", { name: nameOf(r.competency, person), level: countedLevel(r), required: r.required }),
        );
    } else {
      assessmentLines.push(
        status.assessedAt ? t("home-assessed", { gaps: status.gapCount ?? 0 }) : t("home-not-assessed"),
      );
    }

    // Sorted soonest first by the repository; a place in a session that has begun is no longer "upcoming".
    const upcoming = places.filter((e) => e.startsAt > now);
    const sessionLines = upcoming
      .slice(0, MAX_LISTED)
      .map((e) => `• ${e.title} — ${formatDateTime(e.startsAt, when)}`);
    if (upcoming.length > MAX_LISTED)
      sessionLines.push(t("home-more", { count: upcoming.length - MAX_LISTED }));

    const waiting = invitations.filter(
      (i) => i.status === "open" && i.openedAt <= now && i.closesAt > now && surveyById.has(i.surveyId),
    );
    const surveyLines = waiting.slice(0, MAX_LISTED).map((i) => {
      const title = surveyById.get(i.surveyId)!.title[locale];
      const until = t("srv-until", { date: formatDate(i.closesAt, when) });
      return `• ${title}${i.subject ? ` — ${i.subject}` : ""} (${until})`;
    });

    return {
      sections: [
        {
          heading: t("home-title"),
          lines: [person.name, jabatan?.name ?? "", unit?.name ?? ""].filter(Boolean),
        },
        {
          heading: t("home-assessment"),
          lines: assessmentLines,
          choices: [
            open("asesmen", t("menu-asesmen")),
            ...(latest || status.assessedAt
              ? [open("hasil", t("home-see-result")), open("rekomendasi", t("menu-rekomendasi"))]
              : []),
          ],
        },
        {
          heading: t("home-jp"),
          lines: [jp.headline, jp.detail],
          choices: [open("selesai", t("training-record"))],
        },
        {
          heading: t("home-trainings"),
          lines: sessionLines.length ? sessionLines : [t("home-no-trainings")],
          choices: [open("pelatihan", t("menu-pelatihan"))],
        },
        {
          heading: t("home-surveys"),
          lines: surveyLines.length ? surveyLines : [t("home-no-surveys")],
          choices: waiting.slice(0, MAX_LISTED).map((i) => ({
            data: deps.buttons.survey(i._id),
            label: `${t("srv-start")}: ${i.subject ?? surveyById.get(i.surveyId)!.title[locale]}`.slice(
              0,
              60,
            ),
          })),
        },
      ],
    };
  };

  function nameOf(code: string, person: Pick<Person, "locale">): string {
    return deps.competencies.find((c) => c.code === code)?.name[person.locale] ?? code;
  }
}
