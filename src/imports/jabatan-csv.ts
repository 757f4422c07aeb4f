import { z } from "zod";
import { type BilingualText, compareCompetencyCodes } from "../domain/competency.js";
import { isJabatanTier, type JabatanTier, TIER_IDS } from "../domain/skj.js";
import type { ImportProblem } from "./course-csv.js";
import { readCsv } from "./org-csv.js";

/**
 * The jabatan of an agency with their Standar Kompetensi Jabatan, and the teknis competencies
 * those refer to, as CSV files checked as a whole: either every row is good, or nothing is
 * returned but every problem with its row and column.
 */

const KINDS = ["struktural", "fungsional", "pelaksana"] as const;
export type JabatanKind = (typeof KINDS)[number];

/** One jabatan as read, in the shape it is stored. */
export interface JabatanRow {
  /** The row of the file it came from, for problems found later (scope). */
  row: number;
  _id: string;
  name: string;
  tier: JabatanTier;
  kind: JabatanKind;
  family?: string;
  instansiId?: string;
  standard: { competency: string; level: number }[];
  standardSource: "skj" | "default";
  standardRef?: string;
}

/** One teknis competency as read, in the shape it is stored. */
export interface TeknisRow {
  _id: string;
  name: BilingualText;
  description?: BilingualText;
  levels: BilingualText[];
}

const JABATAN_ALIASES: Record<string, string> = {
  id: "code",
  kode: "code",
  kode_jabatan: "code",
  nama: "name",
  nama_jabatan: "name",
  jenis: "kind",
  jenis_jabatan: "kind",
  jenjang: "tier",
  jenjang_jabatan: "tier",
  rumpun: "family",
  rumpun_jabatan: "family",
  kelompok: "family",
  kelompok_jabatan: "family",
  sumber_skj: "skj",
  nama_skj: "skj",
  dasar_skj: "skj",
  kompetensi_teknis: "teknis",
};
const JABATAN_COLUMNS = ["code", "name", "kind", "tier", "family", "instansi", "skj", "teknis"];

/** "M.1", "m.1 integritas", "SK.1 Perekat Bangsa" → the competency code; undefined for other headers. */
function competencyHeader(key: string): string | undefined {
  const m = /^(m|sk)\.([1-9][0-9]*)(_.*)?$/.exec(key);
  return m ? `${m[1]!.toUpperCase()}.${m[2]}` : undefined;
}

/** "Ahli Muda", "JPT Pratama", "fungsional ahli muda" → a tier id; undefined when it is none. */
export function tierOf(cell: string): JabatanTier | undefined {
  const id = cell
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  if (isJabatanTier(id)) return id;
  const fungsional = `fungsional-${id}`;
  return isJabatanTier(fungsional) ? fungsional : undefined;
}

/** The kind of jabatan a tier belongs to. */
export function kindOfTier(tier: JabatanTier): JabatanKind {
  if (tier === "pelaksana") return "pelaksana";
  return tier.startsWith("fungsional-") ? "fungsional" : "struktural";
}

const codeSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/);
const familySchema = z.string().regex(/^[a-z][a-z0-9-]{0,59}$/);
const levelCell = (s: string): number | undefined => (/^[1-5]$/.test(s) ? Number(s) : undefined);

export interface JabatanCsvContext {
  /** The standard (manajerial and sosial-kultural) competency codes: every SKJ sets all of them. */
  standardCodes: readonly string[];
  /** Teknis codes that exist: the catalog's and those imported before. */
  teknisCodes: ReadonlySet<string>;
  /** Ids of the instansi (root units), for jabatan that belong to one instansi only. */
  instansiIds: ReadonlySet<string>;
}

/**
 * Reads jabatan: `code, name, tier` and optionally `kind, family, instansi, skj`, one column per
 * standard competency code (M.1 … M.8, SK.1) and `teknis` ("T.AK.1:3; T.AK.2:2"). A row with levels
 * is an imported SKJ and must give every standard competency; a row without is measured against
 * the tier defaults.
 */
export function parseJabatanCsv(
  text: string,
  ctx: JabatanCsvContext,
): { ok: true; jabatan: JabatanRow[] } | { ok: false; problems: ImportProblem[] } {
  const headerCodes: string[] = [];
  const alias = (key: string) => {
    const code = competencyHeader(key);
    if (code) {
      headerCodes.push(code);
      return code;
    }
    return JABATAN_ALIASES[key] ?? key;
  };
  const known = [...JABATAN_COLUMNS, ...ctx.standardCodes];
  const read = readCsv(text, alias, known, ["code", "name", "tier"]);
  // A competency column the catalog lacks gets its own wording rather than "unknown column".
  const problems: ImportProblem[] = [];
  const unknownCodes = new Set(headerCodes.filter((c) => !ctx.standardCodes.includes(c)));
  if ("problems" in read) {
    for (const p of read.problems) {
      if (p.column && unknownCodes.has(p.column))
        problems.push({
          row: 1,
          column: p.column,
          key: "import-unknown-competency",
          args: { code: p.column },
        });
      else problems.push(p);
    }
    return { ok: false, problems };
  }
  // Levels given for some standard competencies but not all: the SKJ columns come as a set.
  const givenCodes = ctx.standardCodes.filter((c) => headerCodes.includes(c));
  if (givenCodes.length > 0)
    for (const c of ctx.standardCodes)
      if (!givenCodes.includes(c)) problems.push({ row: 1, column: c, key: "import-missing-column" });
  if (problems.length > 0) return { ok: false, problems };

  const rowOf = new Map<string, number>();
  const jabatan: JabatanRow[] = [];
  for (const { row, cells } of read.rows) {
    const cell = (c: string) => (cells[c] ?? "").trim();
    const before = problems.length;
    const code = cell("code").toLowerCase();
    if (!codeSchema.safeParse(code).success)
      problems.push({ row, column: "code", key: "import-jabatan-code" });
    else if (rowOf.has(code))
      problems.push({
        row,
        column: "code",
        key: "import-duplicate-id",
        args: { row: String(rowOf.get(code)) },
      });
    rowOf.set(code, row);
    const name = cell("name");
    if (name.length < 2 || name.length > 200) problems.push({ row, column: "name", key: "import-required" });
    const tier = tierOf(cell("tier"));
    if (!tier)
      problems.push({ row, column: "tier", key: "import-one-of", args: { options: TIER_IDS.join(", ") } });
    const kindCell = cell("kind").toLowerCase();
    const kind = kindCell ? KINDS.find((k) => k === kindCell) : tier && kindOfTier(tier);
    if (kindCell && !kind)
      problems.push({ row, column: "kind", key: "import-one-of", args: { options: KINDS.join(", ") } });
    else if (kind && tier && kind !== kindOfTier(tier))
      problems.push({ row, column: "kind", key: "import-kind-tier", args: { tier } });
    // "Analis Kebijakan" → analis-kebijakan, the id the teknis families use.
    const family = cell("family")
      .toLowerCase()
      .replace(/[\s_]+/g, "-");
    if (family && !familySchema.safeParse(family).success)
      problems.push({ row, column: "family", key: "import-invalid" });
    const instansi = cell("instansi").toLowerCase();
    if (instansi && !ctx.instansiIds.has(instansi))
      problems.push({
        row,
        column: "instansi",
        key: "import-unknown-instansi",
        args: { unit: cell("instansi") },
      });
    const ref = cell("skj");
    if (ref.length > 200) problems.push({ row, column: "skj", key: "import-too-big", args: { max: "200" } });

    const standard: { competency: string; level: number }[] = [];
    const blanks: string[] = [];
    for (const c of givenCodes) {
      if (!cell(c)) {
        blanks.push(c);
        continue;
      }
      const level = levelCell(cell(c));
      if (level === undefined) problems.push({ row, column: c, key: "import-level" });
      else standard.push({ competency: c, level });
    }
    const teknis = parseTeknisLevels(cell("teknis"));
    if (!teknis) problems.push({ row, column: "teknis", key: "import-teknis-format" });
    for (const t of teknis ?? []) {
      if (!ctx.teknisCodes.has(t.competency))
        problems.push({
          row,
          column: "teknis",
          key: "import-unknown-competency",
          args: { code: t.competency },
        });
      else if (standard.some((s) => s.competency === t.competency))
        problems.push({ row, column: "teknis", key: "import-invalid" });
      else standard.push(t);
    }
    // An SKJ is whole: levels, teknis or a reference all say "this row is the SKJ".
    const isSkj = blanks.length < givenCodes.length || (teknis?.length ?? 0) > 0 || ref !== "";
    if (isSkj) for (const c of blanks) problems.push({ row, column: c, key: "import-skj-incomplete" });
    if (isSkj && givenCodes.length === 0)
      problems.push({ row, column: cell("teknis") ? "teknis" : "skj", key: "import-skj-incomplete" });
    if (problems.length > before || !tier || !kind) continue;
    jabatan.push({
      row,
      _id: code,
      name,
      tier,
      kind,
      ...(family ? { family } : {}),
      ...(instansi ? { instansiId: instansi } : {}),
      standard: isSkj ? standard.sort((a, b) => compareCompetencyCodes(a.competency, b.competency)) : [],
      standardSource: isSkj ? "skj" : "default",
      ...(isSkj && ref ? { standardRef: ref } : {}),
    });
  }
  problems.sort((a, b) => a.row - b.row || (a.column ?? "").localeCompare(b.column ?? ""));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, jabatan };
}

/** "T.AK.1:3; T.AK.2:2" → required levels; [] for an empty cell, undefined when a part does not read. */
function parseTeknisLevels(cell: string): { competency: string; level: number }[] | undefined {
  const out: { competency: string; level: number }[] = [];
  for (const part of cell
    .split(/[;,|\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(T(?:\.[A-Z][A-Z0-9]*)+\.[1-9][0-9]*)\s*[:=]\s*([1-5])$/i.exec(part);
    if (!m) return undefined;
    out.push({ competency: m[1]!.toUpperCase(), level: Number(m[2]) });
  }
  return out;
}

const TEKNIS_ALIASES: Record<string, string> = {
  kode: "code",
  kode_kompetensi: "code",
  nama: "name",
  nama_kompetensi: "name",
  nama_en: "name_en",
  deskripsi: "description",
  uraian: "description",
  deskripsi_en: "description_en",
  description_en: "description_en",
};
const LEVEL_COLUMNS = ["level_1", "level_2", "level_3", "level_4", "level_5"];
const TEKNIS_COLUMNS = [
  "code",
  "name",
  "name_en",
  "description",
  "description_en",
  ...LEVEL_COLUMNS,
  ...LEVEL_COLUMNS.map((c) => `${c}_en`),
];
const TEKNIS_CODE = /^T(\.[A-Z][A-Z0-9]*)+\.[1-9][0-9]*$/;

/**
 * Reads teknis competencies: `code, name, level 1 … level 5` (what each level means) and
 * optionally `description` and English texts (`name_en`, `description_en`, `level_1_en` …; the
 * Indonesian text stands in where they are empty). Codes look like T.AK.1 and may not redefine a
 * competency of Pandu's catalog.
 */
export function parseTeknisCsv(
  text: string,
  ctx: { catalogCodes: ReadonlySet<string> },
): { ok: true; competencies: TeknisRow[] } | { ok: false; problems: ImportProblem[] } {
  const read = readCsv(text, TEKNIS_ALIASES, TEKNIS_COLUMNS, ["code", "name", ...LEVEL_COLUMNS]);
  if ("problems" in read) return { ok: false, problems: read.problems };
  const problems: ImportProblem[] = [];
  const rowOf = new Map<string, number>();
  const competencies: TeknisRow[] = [];
  const text1000 = (s: string) => s.length >= 1 && s.length <= 1000;
  for (const { row, cells } of read.rows) {
    const cell = (c: string) => (cells[c] ?? "").trim();
    const before = problems.length;
    const code = cell("code").toUpperCase();
    if (!TEKNIS_CODE.test(code)) problems.push({ row, column: "code", key: "import-teknis-code" });
    else if (ctx.catalogCodes.has(code))
      problems.push({ row, column: "code", key: "import-teknis-in-catalog" });
    else if (rowOf.has(code))
      problems.push({
        row,
        column: "code",
        key: "import-duplicate-id",
        args: { row: String(rowOf.get(code)) },
      });
    rowOf.set(code, row);
    for (const c of ["name", ...LEVEL_COLUMNS])
      if (!text1000(cell(c))) problems.push({ row, column: c, key: "import-required" });
    for (const c of ["name_en", "description", "description_en", ...LEVEL_COLUMNS.map((l) => `${l}_en`)])
      if (cell(c).length > 1000)
        problems.push({ row, column: c, key: "import-too-big", args: { max: "1000" } });
    if (problems.length > before) continue;
    const both = (c: string) => ({ id: cell(c), en: cell(`${c}_en`) || cell(c) });
    competencies.push({
      _id: code,
      name: both("name"),
      ...(cell("description") ? { description: both("description") } : {}),
      levels: LEVEL_COLUMNS.map(both),
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, competencies };
}
