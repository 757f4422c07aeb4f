import { z } from "zod";
import {
  type AssessedLevel,
  type BilingualText,
  bilingualTextSchema,
  type Competency,
  compareCompetencyCodes,
  type Level,
  levelSchema,
} from "./competency.js";
import { parseWith } from "./validation.js";

/** Standar Kompetensi Jabatan (SKJ): the level of each competency a jabatan requires. */

export const TIER_IDS = [
  "jpt-utama",
  "jpt-madya",
  "jpt-pratama",
  "administrator",
  "pengawas",
  "pelaksana",
  "fungsional-ahli-utama",
  "fungsional-ahli-madya",
  "fungsional-ahli-muda",
  "fungsional-ahli-pertama",
  "fungsional-penyelia",
  "fungsional-mahir",
  "fungsional-terampil",
  "fungsional-pemula",
] as const;
export type JabatanTier = (typeof TIER_IDS)[number];

export interface TierInfo {
  id: JabatanTier;
  name: BilingualText;
}

/** Every jabatan tier with its official Indonesian name, in the order they are offered. */
export const TIERS: readonly TierInfo[] = [
  {
    id: "jpt-utama",
    name: { id: "Jabatan Pimpinan Tinggi Utama", en: "Principal High Leadership (JPT Utama)" },
  },
  {
    id: "jpt-madya",
    name: { id: "Jabatan Pimpinan Tinggi Madya", en: "Middle High Leadership (JPT Madya)" },
  },
  {
    id: "jpt-pratama",
    name: { id: "Jabatan Pimpinan Tinggi Pratama", en: "Primary High Leadership (JPT Pratama)" },
  },
  { id: "administrator", name: { id: "Jabatan Administrator", en: "Administrator" } },
  { id: "pengawas", name: { id: "Jabatan Pengawas", en: "Supervisor (Pengawas)" } },
  { id: "pelaksana", name: { id: "Jabatan Pelaksana", en: "Staff (Pelaksana)" } },
  {
    id: "fungsional-ahli-utama",
    name: { id: "Jabatan Fungsional Ahli Utama", en: "Functional, Principal Expert" },
  },
  {
    id: "fungsional-ahli-madya",
    name: { id: "Jabatan Fungsional Ahli Madya", en: "Functional, Senior Expert" },
  },
  {
    id: "fungsional-ahli-muda",
    name: { id: "Jabatan Fungsional Ahli Muda", en: "Functional, Junior Expert" },
  },
  {
    id: "fungsional-ahli-pertama",
    name: { id: "Jabatan Fungsional Ahli Pertama", en: "Functional, Entry Expert" },
  },
  {
    id: "fungsional-penyelia",
    name: { id: "Jabatan Fungsional Penyelia", en: "Functional, Supervising Skilled" },
  },
  { id: "fungsional-mahir", name: { id: "Jabatan Fungsional Mahir", en: "Functional, Advanced Skilled" } },
  { id: "fungsional-terampil", name: { id: "Jabatan Fungsional Terampil", en: "Functional, Skilled" } },
  { id: "fungsional-pemula", name: { id: "Jabatan Fungsional Pemula", en: "Functional, Beginner" } },
];

/** True when `s` is one of the tier ids. */
export function isJabatanTier(s: unknown): s is JabatanTier {
  return typeof s === "string" && (TIER_IDS as readonly string[]).includes(s);
}

/** Editable default required levels per tier, used where a jabatan has no SKJ of its own. */
export interface SkjDefaults {
  /** Says on every screen that these are editable defaults, not the law. */
  label: BilingualText;
  levels: Record<JabatanTier, Record<string, Level>>;
}

const codeSchema = z.string().regex(/^(M|SK|T(\.[A-Z][A-Z0-9]*)+)\.[1-9][0-9]*$/, "not a competency code");

export const skjDefaultsSchema = z.strictObject({
  label: bilingualTextSchema,
  // An enum-keyed record requires every tier, so a forgotten tier is caught when the file loads.
  levels: z.record(
    z.enum(TIER_IDS),
    z.record(codeSchema, levelSchema, {
      error: (issue) =>
        issue.input === undefined ? "this tier is missing; every tier needs its levels" : undefined,
    }),
  ),
});

/** Validates the content of skj-defaults.yaml; throws naming the path of each problem. */
export function parseSkjDefaults(raw: unknown): SkjDefaults {
  return parseWith(skjDefaultsSchema, raw);
}

/** Problems when the defaults do not give every tier a level for exactly the catalog's standard competencies. */
export function checkSkjCoverage(defaults: SkjDefaults, competencies: Competency[]): string[] {
  // Teknis competencies belong to one jabatan family, so only the standard ones get tier defaults.
  const standard = competencies.filter((c) => c.type !== "teknis").map((c) => c.code);
  const known = new Set(competencies.map((c) => c.code));
  const problems: string[] = [];
  for (const tier of TIER_IDS) {
    const row = defaults.levels[tier];
    for (const code of standard) {
      if (row[code] === undefined)
        problems.push(`levels.${tier}.${code}: missing (every tier needs every standard competency)`);
    }
    for (const code of Object.keys(row)) {
      if (!known.has(code)) problems.push(`levels.${tier}.${code}: not a competency in the catalog`);
    }
  }
  return problems;
}

export interface RequiredLevel {
  level: Level;
  source: "jabatan" | "default";
}

/**
 * The required level of each competency: the jabatan's own SKJ wins, else the tier default.
 * A competency with neither (a teknis one without an SKJ) is left out rather than guessed.
 */
export function requiredLevels(args: {
  jabatanStandard?: Record<string, Level>;
  tier: JabatanTier;
  defaults: SkjDefaults;
  competencies: string[];
}): Record<string, RequiredLevel> {
  const out: Record<string, RequiredLevel> = {};
  const tierDefaults = args.defaults.levels[args.tier];
  for (const code of args.competencies) {
    const own = args.jabatanStandard?.[code];
    if (own !== undefined) out[code] = { level: own, source: "jabatan" };
    else if (tierDefaults[code] !== undefined) out[code] = { level: tierDefaults[code], source: "default" };
  }
  return out;
}

export interface CompetencyGap {
  code: string;
  assessed: AssessedLevel;
  required: Level;
  /** required − assessed; negative when the person is above the standard. */
  gap: number;
}

/** Gaps for competencies both assessed and required, largest gap first, ties in code order. */
export function competencyGaps(
  assessed: Record<string, AssessedLevel>,
  required: Record<string, Level>,
): CompetencyGap[] {
  return Object.keys(assessed)
    .filter((code) => required[code] !== undefined)
    .map((code) => ({
      code,
      assessed: assessed[code]!,
      required: required[code]!,
      gap: required[code]! - assessed[code]!,
    }))
    .sort((a, b) => b.gap - a.gap || compareCompetencyCodes(a.code, b.code));
}
