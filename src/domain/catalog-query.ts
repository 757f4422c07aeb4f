import { METHODS, type Method, type MethodKind } from "./learning-methods.js";
import { foldText } from "./search-text.js";

/**
 * What a person types after /katalog, read as filters and words. Filters are plain words: a
 * competency code ("M.4") or name ("kerja sama"), a method ("e-learning", "bimtek") or its kind
 * ("klasikal"), a month ("maret", "Maret 2027", "03/2027") or a year, a province ("jambi", "ntb").
 * Whatever is not a filter is a word that the course's title or provider must contain. Several
 * filters of one sort mean either of them; filters of different sorts and every word must all hold.
 */
export interface CatalogQuery {
  words: string[];
  /** Competency codes, as the catalog writes them ("M.4", "T.AK.1"). */
  competencies: string[];
  methods: Method[];
  kinds: MethodKind[];
  /** 1–12. */
  months: number[];
  years: number[];
  /** Province ids ("nusa-tenggara-barat"). */
  regions: string[];
}

/** The names a query may use for competencies and provinces (content that admins may edit). */
export interface QueryVocabulary {
  competencies: readonly { code: string; name: { id: string; en: string } }[];
  regions: readonly { id: string; name: string }[];
}

type Term =
  | { sort: "competency"; code: string }
  | { sort: "method"; method: Method }
  | { sort: "kind"; kind: MethodKind }
  | { sort: "month"; month: number }
  | { sort: "region"; id: string };

/** Other ways people name a method than its id. */
const METHOD_ALIASES: Readonly<Record<string, Method>> = {
  latsar: "pelatihan-dasar",
  elearning: "e-learning",
  "e learning": "e-learning",
  pjj: "jarak-jauh",
  "bimbingan teknis": "bimtek",
  lokakarya: "workshop",
  konferensi: "seminar",
  webinar: "seminar",
  "studi banding": "patok-banding",
  "praktik kerja": "magang",
};

const KIND_WORDS: Readonly<Record<string, MethodKind>> = {
  klasikal: "klasikal",
  nonklasikal: "nonklasikal",
  "non-klasikal": "nonklasikal",
  "non klasikal": "nonklasikal",
};

/** Month names and their usual short forms, Indonesian and English; the first is the canonical one. */
const MONTH_WORDS: readonly (readonly string[])[] = [
  ["jan", "januari", "january"],
  ["feb", "februari", "pebruari", "february"],
  ["mar", "maret", "march"],
  ["apr", "april"],
  ["mei", "may"],
  ["jun", "juni", "june"],
  ["jul", "juli", "july"],
  ["agu", "agustus", "agt", "ags", "august", "aug"],
  ["sep", "september", "sept"],
  ["okt", "oktober", "october", "oct"],
  ["nov", "november", "nopember"],
  ["des", "desember", "december", "dec"],
];

/** The short names provinces go by, keyed by the stable province id. */
const REGION_ALIASES: Readonly<Record<string, readonly string[]>> = {
  aceh: ["nad"],
  "sumatera-utara": ["sumut"],
  "sumatera-barat": ["sumbar"],
  "sumatera-selatan": ["sumsel"],
  "kepulauan-bangka-belitung": ["babel", "bangka belitung"],
  "kepulauan-riau": ["kepri"],
  "dki-jakarta": ["dki", "jakarta"],
  "jawa-barat": ["jabar"],
  "jawa-tengah": ["jateng"],
  "di-yogyakarta": ["diy", "yogyakarta", "jogja", "yogya"],
  "jawa-timur": ["jatim"],
  "nusa-tenggara-barat": ["ntb"],
  "nusa-tenggara-timur": ["ntt"],
  "kalimantan-barat": ["kalbar"],
  "kalimantan-tengah": ["kalteng"],
  "kalimantan-selatan": ["kalsel"],
  "kalimantan-timur": ["kaltim"],
  "kalimantan-utara": ["kaltara"],
  "sulawesi-utara": ["sulut"],
  "sulawesi-tengah": ["sulteng"],
  "sulawesi-selatan": ["sulsel"],
  "sulawesi-tenggara": ["sultra"],
  "sulawesi-barat": ["sulbar"],
  "maluku-utara": ["malut"],
  "papua-barat": ["pabar"],
  "papua-selatan": ["pasel"],
  "papua-tengah": ["papteng"],
  "papua-pegunungan": ["papeg"],
  "papua-barat-daya": ["pbd"],
};

const COMPETENCY_CODE = /^(m|sk|t(\.[a-z][a-z0-9]*)+)\.[1-9][0-9]*$/;
const YEAR = /^20[0-9]{2}$/;
/** 03/2027, 3-2027, 2027-03. */
const MONTH_YEAR = /^(?:(0?[1-9]|1[0-2])[/-](20[0-9]{2})|(20[0-9]{2})[/-](0?[1-9]|1[0-2]))$/;

/** Punctuation people put between filters ("jambi, bali"); no phrase reads across it. */
const BOUNDARY = /[,;:|]+/;
/** The separator of a query's key: a boundary, so a key reads back exactly as it was written. */
const KEY_SEPARATOR = ":";

/** An empty query: everything the person may take. */
export function emptyQuery(): CatalogQuery {
  return { words: [], competencies: [], methods: [], kinds: [], months: [], years: [], regions: [] };
}

/** True when the query neither filters nor names a word. */
export function isEmptyQuery(q: CatalogQuery): boolean {
  return Object.values(q).every((list: unknown[]) => list.length === 0);
}

const addOnce = <T>(list: T[], value: T) => {
  if (!list.includes(value)) list.push(value);
};

/** The tokens of one stretch between boundaries: words, with "/" splitting all but dates. */
function tokensOf(segment: string): string[] {
  return segment
    .split(/[^a-z0-9./-]+/)
    .flatMap((t) => (MONTH_YEAR.test(t) ? [t] : t.split("/")))
    .map((t) => t.replace(/^[.-]+|[.-]+$/g, ""))
    .filter((t) => t.length > 0);
}

/**
 * Reads and writes /katalog queries over a vocabulary. `parse` never fails: what is not a filter
 * is a word. `keyOf` writes a query in the shortest form `parse` reads back to the same query,
 * in the characters button data allows, so paging buttons carry the query itself.
 */
export function createCatalogQueries(vocabulary: QueryVocabulary) {
  const terms = new Map<string, Term>();
  const define = (phrase: string, term: Term) => {
    const key = foldText(phrase).split(/\s+/).filter(Boolean).join(" ");
    if (key && !terms.has(key)) terms.set(key, term);
  };
  for (const c of vocabulary.competencies) {
    define(c.code, { sort: "competency", code: c.code });
    define(c.name.id, { sort: "competency", code: c.code });
    define(c.name.en, { sort: "competency", code: c.code });
  }
  for (const method of METHODS) {
    define(method, { sort: "method", method });
    define(method.replace(/-/g, " "), { sort: "method", method });
  }
  for (const [alias, method] of Object.entries(METHOD_ALIASES)) define(alias, { sort: "method", method });
  for (const [word, kind] of Object.entries(KIND_WORDS)) define(word, { sort: "kind", kind });
  MONTH_WORDS.forEach((names, i) => {
    for (const name of names) define(name, { sort: "month", month: i + 1 });
  });
  const regionKeys = new Map<string, string>();
  for (const r of vocabulary.regions) {
    const names = [r.id, r.name, r.id.replace(/-/g, " "), ...(REGION_ALIASES[r.id] ?? [])];
    for (const name of names) define(name, { sort: "region", id: r.id });
    // The shortest one-word name that still reads back as this province.
    const single = names.filter((n) => !/\s/.test(n) && terms.get(foldText(n))?.sort === "region");
    regionKeys.set(r.id, single.sort((a, b) => a.length - b.length)[0] ?? r.id);
  }
  const longest = Math.max(...[...terms.keys()].map((k) => k.split(" ").length));

  function apply(q: CatalogQuery, term: Term): void {
    if (term.sort === "competency") addOnce(q.competencies, term.code);
    else if (term.sort === "method") addOnce(q.methods, term.method);
    else if (term.sort === "kind") addOnce(q.kinds, term.kind);
    else if (term.sort === "month") addOnce(q.months, term.month);
    else addOnce(q.regions, term.id);
  }

  /** One token that is no known phrase: a code, a date, a year, or else a word. */
  function single(q: CatalogQuery, token: string): void {
    const date = MONTH_YEAR.exec(token);
    if (COMPETENCY_CODE.test(token)) addOnce(q.competencies, token.toUpperCase());
    else if (date) {
      addOnce(q.months, Number(date[1] ?? date[4]));
      addOnce(q.years, Number(date[2] ?? date[3]));
    } else if (YEAR.test(token)) addOnce(q.years, Number(token));
    else addOnce(q.words, token);
  }

  /** The query a text asks for. */
  function parse(text: string): CatalogQuery {
    const q = emptyQuery();
    for (const segment of foldText(text).split(BOUNDARY)) {
      const tokens = tokensOf(segment);
      let i = 0;
      while (i < tokens.length) {
        let taken = 0;
        for (let n = Math.min(longest, tokens.length - i); n > 0 && taken === 0; n--) {
          const term = terms.get(tokens.slice(i, i + n).join(" "));
          if (term) {
            apply(q, term);
            taken = n;
          }
        }
        if (taken === 0) {
          single(q, tokens[i]!);
          taken = 1;
        }
        i += taken;
      }
    }
    return q;
  }

  /** The query in its shortest written form; `parse(keyOf(q))` is `q` again. */
  function keyOf(q: CatalogQuery): string {
    return [
      ...q.competencies.map((c) => c.toLowerCase()),
      ...q.methods,
      ...q.kinds,
      ...q.months.map((m) => MONTH_WORDS[m - 1]![0]!),
      ...q.years.map(String),
      ...q.regions.map((r) => regionKeys.get(r) ?? r),
      ...q.words,
    ].join(KEY_SEPARATOR);
  }

  return {
    parse,
    keyOf,
    /** Every one-word name of a filter, for suggesting what a mistyped word meant. */
    filterWords: [...terms.keys()].filter((k) => !k.includes(" ")),
  };
}
export type CatalogQueries = ReturnType<typeof createCatalogQueries>;
