import { describe, expect, it } from "vitest";
import { loadDomainContent } from "../../../src/content/load.js";
import {
  type CatalogQuery,
  createCatalogQueries,
  emptyQuery,
  isEmptyQuery,
} from "../../../src/domain/catalog-query.js";
import { editDistance, searchWords } from "../../../src/domain/search-text.js";
import { FLOWS_DIR } from "../../../src/paths.js";

const queries = createCatalogQueries({
  competencies: [
    { code: "M.1", name: { id: "Integritas", en: "Integrity" } },
    { code: "M.2", name: { id: "Kerja Sama", en: "Teamwork" } },
    { code: "M.3", name: { id: "Komunikasi", en: "Communication" } },
    { code: "M.5", name: { id: "Pelayanan Publik", en: "Public Service" } },
  ],
  regions: [
    { id: "jambi", name: "Jambi" },
    { id: "nusa-tenggara-barat", name: "Nusa Tenggara Barat" },
    { id: "papua", name: "Papua" },
    { id: "papua-barat", name: "Papua Barat" },
    { id: "dki-jakarta", name: "DKI Jakarta" },
  ],
});

const q = (over: Partial<CatalogQuery>): CatalogQuery => ({ ...emptyQuery(), ...over });

describe("reading a /katalog query", () => {
  const table: [string, CatalogQuery][] = [
    ["", emptyQuery()],
    ["   ", emptyQuery()],
    ["arsip", q({ words: ["arsip"] })],
    ["Manajemen ARSIP Dinamis", q({ words: ["manajemen", "arsip", "dinamis"] })],
    ["Pelatihan Kéuangan Daérah", q({ words: ["pelatihan", "keuangan", "daerah"] })],
    ["arsip arsip", q({ words: ["arsip"] })],
    // Competencies by code (any case, known or not) and by name in either language.
    ["M.4", q({ competencies: ["M.4"] })],
    ["m.3 sk.1 t.ak.1", q({ competencies: ["M.3", "SK.1", "T.AK.1"] })],
    ["M.4.", q({ competencies: ["M.4"] })],
    ["komunikasi", q({ competencies: ["M.3"] })],
    ["Kerja sama tim", q({ competencies: ["M.2"], words: ["tim"] })],
    ["public service", q({ competencies: ["M.5"] })],
    ["kerja keras sama", q({ words: ["kerja", "keras", "sama"] })],
    // Methods by id, by their words and by the names people use, and kinds.
    ["e-learning", q({ methods: ["e-learning"] })],
    ["E-Learning", q({ methods: ["e-learning"] })],
    ["elearning", q({ methods: ["e-learning"] })],
    ["e learning", q({ methods: ["e-learning"] })],
    ["bimtek", q({ methods: ["bimtek"] })],
    ["bimbingan teknis", q({ methods: ["bimtek"] })],
    ["pelatihan teknis pengadaan", q({ methods: ["pelatihan-teknis"], words: ["pengadaan"] })],
    ["latsar", q({ methods: ["pelatihan-dasar"] })],
    ["seminar webinar", q({ methods: ["seminar"] })],
    ["klasikal", q({ kinds: ["klasikal"] })],
    ["non-klasikal", q({ kinds: ["nonklasikal"] })],
    ["non klasikal", q({ kinds: ["nonklasikal"] })],
    // Months by name or short name, with or without a year, and as numbers.
    ["maret", q({ months: [3] })],
    ["Maret 2027", q({ months: [3], years: [2027] })],
    ["mar 2027", q({ months: [3], years: [2027] })],
    ["Agt.", q({ months: [8] })],
    ["march", q({ months: [3] })],
    ["03/2027", q({ months: [3], years: [2027] })],
    ["3-2027", q({ months: [3], years: [2027] })],
    ["2027-11", q({ months: [11], years: [2027] })],
    ["2027", q({ years: [2027] })],
    ["13/2027", q({ words: ["13"], years: [2027] })],
    // Provinces by name, id or short name; the longest name wins.
    ["jambi", q({ regions: ["jambi"] })],
    ["NTB", q({ regions: ["nusa-tenggara-barat"] })],
    ["nusa tenggara barat", q({ regions: ["nusa-tenggara-barat"] })],
    ["nusa-tenggara-barat", q({ regions: ["nusa-tenggara-barat"] })],
    ["papua barat", q({ regions: ["papua-barat"] })],
    ["papua", q({ regions: ["papua"] })],
    ["jambi, bali", q({ regions: ["jambi"], words: ["bali"] })],
    ["jakarta", q({ regions: ["dki-jakarta"] })],
    // No phrase reads across a comma.
    ["kerja, sama", q({ words: ["kerja", "sama"] })],
    // Everything together, in any order.
    [
      "e-learning komunikasi Maret 2027 jambi publik",
      q({
        methods: ["e-learning"],
        competencies: ["M.3"],
        months: [3],
        years: [2027],
        regions: ["jambi"],
        words: ["publik"],
      }),
    ],
    // Odd input is words, never an error.
    ["<script>alert(1)</script>", q({ words: ["script", "alert", "1"] })],
    ["s1/d3 😀 k3", q({ words: ["s1", "d3", "k3"] })],
    ["--- ... ///", emptyQuery()],
  ];

  it.each(table)("reads %j", (text, expected) => {
    expect(queries.parse(text)).toEqual(expected);
  });

  it.each(table)("writes %j in a key that reads back the same and fits button data", (text) => {
    const parsed = queries.parse(text);
    const key = queries.keyOf(parsed);
    expect(queries.parse(key)).toEqual(parsed);
    if (key) expect(key).toMatch(/^[a-z0-9.:-]+$/);
  });

  it("writes filters in their shortest form", () => {
    expect(queries.keyOf(queries.parse("nusa tenggara barat Maret 2027 e-learning M.3 arsip"))).toBe(
      "m.3:e-learning:mar:2027:ntb:arsip",
    );
  });

  it("keeps words apart in the key, so they never join into a filter's name", () => {
    const parsed = queries.parse("kerja M.4 sama");
    expect(parsed).toEqual(q({ competencies: ["M.4"], words: ["kerja", "sama"] }));
    expect(queries.parse(queries.keyOf(parsed))).toEqual(parsed);
  });

  it("tells an empty query", () => {
    expect(isEmptyQuery(queries.parse(" ... "))).toBe(true);
    expect(isEmptyQuery(queries.parse("ntb"))).toBe(false);
  });

  it("reads every competency and province of the shipped content as itself", () => {
    const content = loadDomainContent(FLOWS_DIR);
    const real = createCatalogQueries({ competencies: content.allCompetencies, regions: content.regions });
    for (const c of content.allCompetencies) {
      expect(real.parse(c.code).competencies, c.code).toEqual([c.code]);
      expect(real.parse(c.name.id).competencies, c.name.id).toEqual([c.code]);
    }
    for (const r of content.regions) {
      expect(real.parse(r.name).regions, r.name).toEqual([r.id]);
      expect(real.parse(r.id).regions, r.id).toEqual([r.id]);
      expect(real.keyOf(real.parse(r.name)).length, r.id).toBeLessThanOrEqual(15);
    }
  });
});

describe("search text", () => {
  it("folds case and accents and keeps codes and hyphenated words whole", () => {
    expect(searchWords("Pelatihan (e-Learning) M.3, Kéuangan!")).toEqual([
      "pelatihan",
      "e-learning",
      "m.3",
      "keuangan",
    ]);
  });

  it.each([
    ["komunikasi", "komunikasi", 0],
    ["komunkasi", "komunikasi", 1],
    ["komuniaksi", "komunikasi", 1],
    ["elarning", "elearning", 1],
    ["arsip", "arisp", 1],
    ["abc", "xyz", 3],
    ["pendek", "panjang sekali", 3],
  ])("counts %s → %s as %i edits (at most 2 counted)", (a, b, d) => {
    expect(editDistance(a, b, 2)).toBe(Math.min(d, 3));
  });
});
