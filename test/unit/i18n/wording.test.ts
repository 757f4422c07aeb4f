import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { midSentence } from "../../../src/i18n/format.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { FLOWS_DIR, LOCALES_DIR, REPO_ROOT } from "../../../src/paths.js";

const translator = loadTranslations(LOCALES_DIR);

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });

/** The Indonesian halves of every `{ id, en }` text in a parsed YAML document. */
function indonesianTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(indonesianTexts);
  if (!node || typeof node !== "object") return [];
  const o = node as Record<string, unknown>;
  const own = typeof o.id === "string" && typeof o.en === "string" ? [o.id] : [];
  return [...own, ...Object.values(o).flatMap(indonesianTexts)];
}

/** English words that had crept into Indonesian texts; the Indonesian words are in the comments. */
const ENGLISH_IN_INDONESIAN = [
  /\bgaps?\b/i, // kesenjangan kompetensi
  /\bsupervisors?\b/i, // atasan
  /\bskor\b|\bscore\b/i, // level (a competency has a level, not a score)
];

describe("Indonesian texts", () => {
  it("use the Indonesian words, in locales/id.ftl and in the flows", () => {
    // Values only: keys (role-supervisor) and arguments ({ $gaps }) are code.
    const ftl = readFileSync(join(LOCALES_DIR, "id.ftl"), "utf8")
      .split("\n")
      .filter((line) => !line.startsWith("#"))
      .map((line) => line.replace(/^[a-zA-Z][\w-]*\s*=/, "").replace(/\$[\w-]+/g, ""))
      .map((line, i) => ({ where: `locales/id.ftl:${i + 1}`, text: line }));
    const flows = walk(FLOWS_DIR).flatMap((file) =>
      indonesianTexts(parse(readFileSync(file, "utf8"))).map((text) => ({
        where: relative(REPO_ROOT, file),
        text,
      })),
    );
    const found = [...ftl, ...flows]
      .filter(({ text }) => ENGLISH_IN_INDONESIAN.some((re) => re.test(text)))
      .map(({ where, text }) => `${where}: ${text.slice(0, 80)}`);
    expect(found).toEqual([]);
  });
});

describe("English texts", () => {
  // CSV column names, the SKJ notes in flows/ and the literal words of a command line may say
  // jabatan; a sentence in en.ftl may not.
  it("say position, not jabatan (but for a gloss in brackets)", () => {
    const ftl = readFileSync(join(LOCALES_DIR, "en.ftl"), "utf8")
      .split("\n")
      .filter((line) => !line.startsWith("#"))
      .map((line) => line.replace(/^[a-zA-Z][\w-]*\s*=/, "").replace(/\$[\w-]+/g, ""))
      .map((text) => text.replace(/npm run \S+ -- \S+/g, ""));
    expect(ftl.filter((text) => /\bjabatan\b(?!\))/i.test(text))).toEqual([]);
  });
});

describe("English counts", () => {
  // Every English text that counts something, with a count of 1 (other arguments filled in).
  const ONE: [string, Record<string, string | number>][] = [
    ["home-assessed", { gaps: 1 }],
    ["input-too-short", { min: 1 }],
    ["input-too-long", { max: 1 }],
    ["assessment-result-summary", { gaps: 1 }],
    ["import-courses-done", { created: 1, updated: 0, unchanged: 0 }],
    ["import-units-done", { created: 1, updated: 0, unchanged: 0 }],
    ["import-people-done", { created: 1, updated: 0, unchanged: 0 }],
    ["import-more-problems", { count: 1 }],
    ["training-export-caption", { count: 1 }],
    ["training-earlier", { count: 1 }],
    ["training-export-left-out", { count: 1 }],
    ["verification-title", { count: 1, page: 1, pages: 1 }],
    ["srv-invite", { title: "survey", count: 1 }],
    ["srv-results-line", { group: "All", count: 1, ikm: "75.00", grade: "C" }],
    ["srv-results-too-few", { count: 1, min: 5 }],
    ["export-caption", { count: 1, year: "2026" }],
    ["brd-sending", { count: 1 }],
    ["brd-scheduled", { count: 1, when: "Monday" }],
    ["brd-cancelled", { count: 1 }],
    ["brd-attached-elsewhere", { count: 1 }],
    ["brd-ask-when", { count: 1, extras: "" }],
    ["brd-confirm-now", { count: 1, alsoChannel: "" }],
    ["brd-confirm-later", { count: 1, alsoChannel: "", whenText: "Monday" }],
    ["summary-too-few", { count: 1, min: 5 }],
    ["summary-people", { count: 1, registered: 100, assessed: 100, assessedCount: 1 }],
    ["summary-competency", { name: "X", assessed: 1, required: 2, below: 100, people: 1 }],
    ["summary-improvements", { gaps: 1, reached: 1, goal: 20 }],
    ["summary-ikm", { score: 80, grade: "B", respondents: 1 }],
    ["summary-ikm-hidden", { respondents: 1, min: 5 }],
    ["summary-catching-up", { count: 1 }],
    ["cli-summaries-done", { seconds: "1.0", people: 1, contributions: 1, units: 1, changed: 1 }],
  ];
  const PLURAL_AFTER_ONE =
    /\b1 (people|persons|characters|competencies|employees|courses|units|problems|trainings|questions|respondents|answers|messages|recipients|gaps|documents|records|changes)\b/;

  it("say 1 in the singular", () => {
    const wrong = ONE.map(([key, args]) => [key, translator.t("en", key, args)] as const).filter(
      ([, text]) => PLURAL_AFTER_ONE.test(text) || text.includes("{"),
    );
    expect(wrong).toEqual([]);
  });

  it("say 2 in the plural", () => {
    const t = (key: string, args: Record<string, string | number>) => translator.t("en", key, args);
    expect([
      t("brd-sending", { count: 2 }),
      t("home-assessed", { gaps: 2 }),
      t("brd-ask-when", { count: 2, extras: "\n📎 With an attachment: a photo." }),
    ]).toEqual([
      "📣 The announcement is going out to 2 people. Follow it in /siaran.",
      "Latest assessment: 2 competencies are still below your position's standard.",
      "2 people will receive this announcement.\n📎 With an attachment: a photo.\nWhen should it go?",
    ]);
  });
});

describe("a title inside a sentence", () => {
  it("drops its first capital, unless it starts with an acronym", () => {
    expect(["Asesmen kompetensi", "Profile", "SKM triwulan", "", "É"].map(midSentence)).toEqual([
      "asesmen kompetensi",
      "profile",
      "SKM triwulan",
      "",
      "é",
    ]);
  });
});
