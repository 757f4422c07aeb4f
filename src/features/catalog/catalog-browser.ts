import type { Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import {
  type CatalogQuery,
  createCatalogQueries,
  emptyQuery,
  isEmptyQuery,
} from "../../domain/catalog-query.js";
import {
  type CatalogHit,
  type CatalogIndex,
  indexCatalog,
  respell,
  searchCatalog,
} from "../../domain/catalog-search.js";
import type { Competency } from "../../domain/competency.js";
import type { Course } from "../../domain/course.js";
import type { JpStanding } from "../../domain/jp.js";
import { attendableSession } from "../../domain/recommend.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import type { CourseAccessService } from "../../services/course-access.js";
import type { CourseCatalog } from "../../services/course-catalog.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { courseCard } from "../enrolment/course-card.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import { describeQuery } from "./describe-query.js";

/**
 * /katalog's page buttons: `kat|p|<page>|<query key>…`. The query travels in the button as its
 * key (at most two arguments of 40 characters) and is read again like typed text when it comes
 * back, so nothing is stored per search and a forged button is just another search.
 */
export const catalogButton = buttonCodec("catalog", "kat", { page: ["p", [1, 3]] });
type CatalogAction = Parameters<typeof catalogButton.pack>[0];

/** Courses on one page: a page is one message, and six cards keep it readable on a phone. */
export const PAGE_SIZE = 6;
const MAX_ARG = 40;
const MAX_BUTTON_BYTES = 64;
const PAGE_ARG = /^[0-9]{1,4}$/;

type T = (key: string, args?: Record<string, string | number>) => string;

/**
 * /katalog: browse and search the whole catalog, showing only courses the person may take (their
 * status, tier, jabatan kind and years of service against each course's eligibility), a page at a
 * time, each course with Daftar, Ajukan or Detail by the rules every course card follows.
 */
export function createCatalogBrowser(deps: {
  repos: Pick<Repositories, "people">;
  catalog: Pick<CourseCatalog, "all">;
  access: CourseAccessService;
  ledger: Pick<JpLedger, "ruleOf" | "standingOf">;
  competencies: readonly Competency[];
  regions: readonly { id: string; name: string }[];
  translate: Translate;
  now: () => Date;
}) {
  const queries = createCatalogQueries({ competencies: deps.competencies, regions: deps.regions });
  // The catalog hands out the same array until it reloads: index each loaded catalog once.
  const indexes = new WeakMap<readonly Course[], CatalogIndex>();

  async function currentIndex(): Promise<CatalogIndex> {
    const courses = await deps.catalog.all();
    let index = indexes.get(courses);
    if (!index) {
      index = indexCatalog(courses);
      indexes.set(courses, index);
    }
    return index;
  }

  /** A button opening a page of a query; undefined when the query is too long to carry. */
  function pageButton(page: number, q: CatalogQuery, label: string): Choice | undefined {
    const key = queries.keyOf(q);
    const parts = key.match(new RegExp(`.{1,${MAX_ARG}}`, "g")) ?? [];
    if (parts.length > 2) return undefined;
    const data = catalogButton.pack("page", page, ...parts);
    // Keys are ASCII, so characters are bytes.
    return data.length <= MAX_BUTTON_BYTES ? { data, label } : undefined;
  }

  const describe = (conv: Conversation, q: CatalogQuery) =>
    describeQuery(q, {
      locale: conv.profile.locale,
      translate: deps.translate,
      competencies: deps.competencies,
      regions: deps.regions,
    });

  /** Nothing found: say how the search was read, what it may have meant, and how to search. */
  function nothingFound(
    t: T,
    conv: Conversation,
    q: CatalogQuery,
    opts: { suggestion: CatalogQuery | undefined; replaces: boolean },
  ): Outbound[] {
    const { suggestion } = opts;
    if (isEmptyQuery(q)) return [{ text: t("cat-empty"), replacesPrompt: opts.replaces }];
    const meant = suggestion && pageButton(1, suggestion, t("cat-did-you-mean-button"));
    const all = pageButton(1, emptyQuery(), t("cat-see-all"))!;
    return [
      {
        text: [
          t("cat-none", { query: describe(conv, q) }),
          ...(meant && suggestion ? [t("cat-did-you-mean", { query: describe(conv, suggestion) })] : []),
          "",
          t("cat-try"),
          t("cat-help"),
        ].join("\n"),
        choices: [[...(meant ? [meant] : []), all]],
        replacesPrompt: opts.replaces,
      },
    ];
  }

  function card(t: T, conv: Conversation, person: Person, hit: CatalogHit, n: number, standing?: JpStanding) {
    const locale = conv.profile.locale;
    const when = hit.session
      ? `${formatDateTime(hit.session.startsAt, { locale, timeZone: person.timeZone })}${
          hit.laterSessions > 0 ? ` ${t("cat-more-sessions", { count: hit.laterSessions })}` : ""
        }`
      : t("rec-self-paced");
    return courseCard(t, {
      course: hit.course,
      heading: `${n}. ${hit.course.title}`,
      when,
      ...(hit.session ? { session: hit.session } : {}),
      // Online, or in the person's province: Daftar is only offered for what one can attend.
      reachable: attendableSession(hit.course, person.regionId, deps.now()) !== null,
      ...(standing ? { standing } : {}),
      regions: deps.regions,
    });
  }

  /** One page of what a query finds for the person. */
  async function render(
    conv: Conversation,
    q: CatalogQuery,
    page: number,
    opts: { help: boolean; replaces: boolean },
  ): Promise<Outbound[]> {
    const t: T = (key, args) => deps.translate(conv.profile.locale, key, args);
    const person = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
    if (!person) return [{ text: t("onboarding-needed") }];
    const now = deps.now();
    const [index, candidate] = await Promise.all([currentIndex(), deps.access.candidateFor(person)]);
    const include = (c: Course) => deps.access.accessOf(c, candidate).may;
    const hits = searchCatalog(index, q, { now, include });
    if (hits.length === 0) {
      const respelled = respell(q, index, queries);
      const found = respelled && searchCatalog(index, respelled, { now, include }).length > 0;
      return nothingFound(t, conv, q, { suggestion: found ? respelled : undefined, replaces: opts.replaces });
    }
    const pages = Math.ceil(hits.length / PAGE_SIZE);
    if (page < 1 || page > pages) {
      const choices = [
        pageButton(1, q, t("cat-to-page", { page: 1 })),
        pages > 1 ? pageButton(pages, q, t("cat-to-page", { page: pages })) : undefined,
      ].filter((c): c is Choice => c !== undefined);
      return [
        {
          text: t("cat-page-gone", { page, pages }),
          ...(choices.length ? { choices: [choices] } : {}),
          replacesPrompt: opts.replaces,
        },
      ];
    }
    // Only a ceiling (PPPK) is worth a warning on a card, and only then is the standing read.
    const standing =
      deps.ledger.ruleOf(person).kind === "maximum" ? await deps.ledger.standingOf(person, now) : undefined;
    const first = (page - 1) * PAGE_SIZE;
    const cards = hits.slice(first, first + PAGE_SIZE).map((hit, i) => {
      const n = first + i + 1;
      return { n, ...card(t, conv, person, hit, n, standing) };
    });
    const paging = [
      page > 1 ? pageButton(page - 1, q, t("cat-prev")) : undefined,
      page < pages ? pageButton(page + 1, q, t("cat-next")) : undefined,
    ].filter((c): c is Choice => c !== undefined);
    // A search too long for button data still shows its first page, and says why there is no other.
    const tooLong = pages > 1 && pageButton(1, q, "") === undefined;
    const head = [
      ...(opts.help ? [t("cat-help"), ""] : []),
      isEmptyQuery(q)
        ? t("cat-all", { count: hits.length })
        : t("cat-found", { count: hits.length, query: describe(conv, q) }),
      t("cat-page", { page, pages }),
      ...(tooLong ? [t("cat-too-long")] : []),
    ];
    return [
      {
        text: [head.join("\n"), ...cards.map((c) => c.text)].join("\n\n"),
        choices: [
          ...cards.map(({ n, enrol, detail }) => [
            ...(enrol ? [{ ...enrol, label: `${n}. ${enrol.label}` }] : []),
            { ...detail, label: `${n}. ${detail.label}` },
          ]),
          ...(paging.length ? [paging] : []),
        ],
        replacesPrompt: opts.replaces,
      },
    ];
  }

  return {
    /** /katalog [words]: the first page, with how to search when no words were given. */
    show(conv: Conversation, args: string): Promise<Outbound[]> {
      const q = queries.parse(args);
      return render(conv, q, 1, { help: isEmptyQuery(q), replaces: false });
    },
    /** A page button: the query it carries is read again like typed text; the page replaces the last. */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<CatalogAction>,
    ): Promise<Outbound[] | undefined> {
      const [page = "", ...key] = press.args;
      if (!PAGE_ARG.test(page)) return undefined;
      return render(conv, queries.parse(key.join("")), Number(page), { help: false, replaces: true });
    },
  };
}
export type CatalogBrowser = ReturnType<typeof createCatalogBrowser>;
