import type { Repositories } from "../../db/repositories/index.js";
import type { Competency } from "../../domain/competency.js";
import { countedLevel } from "../../domain/counted-level.js";
import type { JpStanding } from "../../domain/jp.js";
import { type Recommendation, rankCourses } from "../../domain/recommend.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import type { CourseAccessService } from "../../services/course-access.js";
import { type CourseCatalog, shortKey } from "../../services/course-catalog.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { courseCard } from "../enrolment/course-card.js";
import { courseButton } from "../enrolment/enrollment.js";
import type { Mentoring } from "../mentoring/mentoring.js";
import { describeStandard } from "../results/assessment-result.js";

/** Telegram's limit is 4,096 characters a message; a list longer than this goes on in a second one. */
const MAX_LIST_CHARS = 3_500;

/**
 * Cards as one numbered list under `intro`: their texts one after another, their buttons in rows
 * labelled with the card's number ("2. Daftar", as /katalog does). Split in two only when too long for one message.
 */
export function numberedList(intro: string, cards: readonly Outbound[]): Outbound[] {
  const out: Outbound[] = [];
  let text = intro;
  let choices: NonNullable<Outbound["choices"]> = [];
  cards.forEach((c, i) => {
    if (text.length + c.text.length + 2 > MAX_LIST_CHARS && choices.length > 0) {
      out.push({ text, choices });
      text = "";
      choices = [];
    }
    text = text ? `${text}\n\n${c.text}` : c.text;
    for (const row of c.choices ?? [])
      choices.push(row.map((b) => ({ ...b, label: `${i + 1}. ${b.label}` })));
  });
  out.push({ text, choices });
  return out;
}

/** /rekomendasi: up to five courses for the person's largest gaps, each with its reason and buttons. */
export function createRecommendations(deps: {
  repos: Pick<Repositories, "people" | "assessments" | "enrollments">;
  catalog: CourseCatalog;
  /** Who may take which course: nothing is recommended to someone who may not take it. */
  access: CourseAccessService;
  ledger: JpLedger;
  competencies: readonly Competency[];
  translate: Translate;
  now: () => Date;
  mentoring?: Mentoring;
  /** Provinces by id, to name a course's province. */
  regions?: readonly { id: string; name: string }[];
}) {
  const nameOf = (code: string, locale: Locale) => {
    const c = deps.competencies.find((x) => x.code === code);
    return c ? c.name[locale] : code;
  };

  /** The ranked courses for a person, or why there are none. */
  async function forPerson(personId: string) {
    const person = await deps.repos.people.get(personId);
    if (!person) return { kind: "no-person" as const };
    const latestId = person.status?.lastAssessmentId;
    const latest = latestId ? await deps.repos.assessments.get(latestId) : null;
    if (!latest) return { kind: "no-assessment" as const, person };
    const now = deps.now();
    const [{ standing, completions }, enrollments, all, candidate] = await Promise.all([
      deps.ledger.standing(person, now),
      deps.repos.enrollments.listForPerson(person._id),
      deps.catalog.all(),
      deps.access.candidateFor(person),
    ]);
    const catalog = all.filter((c) => deps.access.accessOf(c, candidate).may);
    const taken = new Set<string>([
      ...completions.flatMap((c) => (c.courseId ? [c.courseId] : [])),
      ...enrollments.map((e) => e.courseId),
    ]);
    const items = rankCourses(catalog, {
      // Courses answer the level that counts: an atasan's confirmation over the self-assessment.
      gaps: latest.results.map((r) => ({
        code: r.competency,
        assessed: countedLevel(r),
        required: r.required,
      })),
      ...(person.regionId ? { regionId: person.regionId } : {}),
      preferences: person.learningModes,
      taken,
      // Only a minimum pulls toward bigger courses; under a ceiling (PPPK) remaining is 0, so nothing does.
      jpRemaining: standing.remaining,
      jpGoal: standing.rule.jp,
      now,
    });
    const gaps = latest.results.filter((r) => r.gap > 0).length;
    return { kind: "ranked" as const, person, items, gaps, standard: latest, standing };
  }

  /** The one-line reason in plain words: "Level Komunikasi Anda 2, sedangkan standar jabatan Anda 3". */
  function reason(item: Recommendation, locale: Locale): string {
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    const main = t("rec-reason", {
      competency: nameOf(item.because.code, locale),
      assessed: item.because.assessed,
      required: item.because.required,
    });
    const also = item.alsoCovers.length
      ? ` ${t("rec-also", { competencies: item.alsoCovers.map((c) => nameOf(c, locale)).join(", ") })}`
      : "";
    return `${main}${also}`;
  }

  function card(
    conv: Conversation,
    item: Recommendation,
    n: number,
    timeZone: string,
    standing: JpStanding,
  ): Outbound {
    const locale = conv.profile.locale;
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    const c = item.course;
    const drawn = courseCard(t, {
      course: c,
      heading: `${n}. ${c.title}`,
      when: item.session
        ? t("rec-session", { date: formatDateTime(item.session.startsAt, { locale, timeZone }) })
        : t("rec-self-paced"),
      ...(item.session ? { session: item.session } : {}),
      // Ranking keeps only courses the person can attend.
      reachable: true,
      notes: [`💡 ${reason(item, locale)}`],
      standing,
      regions: deps.regions,
    });
    const key = shortKey(c.id);
    // A self-paced course has no session to enrol in: its first button opens it.
    const first =
      drawn.enrol ??
      (c.admission !== "nomination" && !item.session
        ? { data: courseButton.pack("detail", key), label: t("rec-open") }
        : undefined);
    return {
      text: drawn.text,
      choices: [
        [
          ...(first ? [first] : []),
          drawn.detail,
          { data: courseButton.pack("later", key), label: t("rec-later") },
        ],
      ],
    };
  }

  return {
    forPerson,
    reason,
    /** /rekomendasi. */
    async show(conv: Conversation): Promise<Outbound[]> {
      const t = (key: string, args?: Record<string, string | number>) =>
        deps.translate(conv.profile.locale, key, args);
      if (!conv.profile.personId) return [{ text: t("onboarding-needed") }];
      const r = await forPerson(conv.profile.personId);
      if (r.kind === "no-person") return [{ text: t("onboarding-needed") }];
      if (r.kind === "no-assessment") return [{ text: t("rec-need-assessment") }];
      if (r.gaps === 0) return [{ text: t("rec-no-gaps") }];
      const mentors = deps.mentoring ? await deps.mentoring.suggestions(conv, r.person, r.standard) : [];
      if (r.items.length === 0) return [{ text: t("rec-none-available") }, ...mentors];
      // One message for the courses, one for the mentors: Telegram asks bots to keep to about one
      // message a second per chat, and a list reads better than a burst of cards.
      const cards = r.items.map((item, i) => card(conv, item, i + 1, r.person.timeZone, r.standing));
      return [
        ...numberedList(
          // The reasons quote required levels: say which standard they come from.
          `${t("rec-intro", { count: r.items.length })}\n${describeStandard(deps.translate, conv.profile.locale, r.standard)}`,
          cards,
        ),
        ...mentors,
      ];
    },
  };
}
export type Recommendations = ReturnType<typeof createRecommendations>;
