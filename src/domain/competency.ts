import { z } from "zod";
import { parseWith } from "./validation.js";

/** Competency levels of PermenPANRB 38/2017: 1 lowest, 5 highest. */
export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];

/**
 * A level as assessed: 1–5, or 0 for "belum mencapai level 1" (not even level 1 held), which is a
 * gap wherever a level is required. Requirements stay `Level`: no jabatan requires level 0.
 */
export type AssessedLevel = 0 | Level;

/** The assessed level of someone who holds no level: "belum mencapai level 1". */
export const BELOW_LEVEL_1 = 0;

/** True for the whole numbers 1 to 5. */
export function isLevel(n: unknown): n is Level {
  return typeof n === "number" && (LEVELS as readonly number[]).includes(n);
}

export const COMPETENCY_TYPES = ["manajerial", "sosial-kultural", "teknis"] as const;
export type CompetencyType = (typeof COMPETENCY_TYPES)[number];

/** A text in Indonesian and English. */
export interface BilingualText {
  id: string;
  en: string;
}

export interface CompetencyLevel {
  level: Level;
  summary: BilingualText;
}

/** One competency of the catalog with what each of its five levels means. */
export interface Competency {
  /** "M.1" … "M.8", "SK.1", teknis e.g. "T.AK.1" */
  code: string;
  type: CompetencyType;
  name: BilingualText;
  description: BilingualText;
  levels: CompetencyLevel[];
}

/** The code prefix each type must use, so a code alone tells its type. */
const CODE_PATTERN: Record<CompetencyType, RegExp> = {
  manajerial: /^M\.[1-9][0-9]*$/,
  "sosial-kultural": /^SK\.[1-9][0-9]*$/,
  teknis: /^T\.[A-Z][A-Z0-9]*(\.[A-Z][A-Z0-9]*)*\.[1-9][0-9]*$/,
};

export const levelSchema = z.literal(LEVELS, { error: "a level is a whole number from 1 to 5" });

export const bilingualTextSchema = z.strictObject({
  id: z.string().trim().min(1).max(1000),
  en: z.string().trim().min(1).max(1000),
});

export const competencySchema = z
  .strictObject({
    code: z.string(),
    type: z.enum(COMPETENCY_TYPES),
    name: bilingualTextSchema,
    description: bilingualTextSchema,
    levels: z
      .array(z.strictObject({ level: levelSchema, summary: bilingualTextSchema }))
      .length(LEVELS.length, `exactly ${LEVELS.length} levels, 1 to ${LEVELS.length}`),
  })
  .superRefine((c, ctx) => {
    if (!CODE_PATTERN[c.type].test(c.code)) {
      ctx.addIssue({
        code: "custom",
        path: ["code"],
        message: `"${c.code}" is not a ${c.type} code (M.1, SK.1, T.AK.1 …)`,
      });
    }
    c.levels.forEach((l, i) => {
      if (l.level !== i + 1) {
        ctx.addIssue({
          code: "custom",
          path: ["levels", i, "level"],
          message: `expected level ${i + 1} here`,
        });
      }
    });
  });

export const competencyCatalogSchema = z
  .strictObject({ competencies: z.array(competencySchema).min(1) })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.competencies.forEach((c, i) => {
      if (seen.has(c.code)) {
        ctx.addIssue({
          code: "custom",
          path: ["competencies", i, "code"],
          message: `duplicate code "${c.code}"`,
        });
      }
      seen.add(c.code);
    });
  });

/** Validates a competency catalog file's content (`{ competencies: [...] }`); throws naming the path. */
export function parseCompetencyCatalog(raw: unknown): Competency[] {
  return parseWith(competencyCatalogSchema, raw).competencies;
}

/** Orders codes as people expect: M.2 before M.10, manajerial before sosial-kultural before teknis. */
export function compareCompetencyCodes(a: string, b: string): number {
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const nx = /^[0-9]+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^[0-9]+$/.test(y) ? Number(y) : Number.NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}
