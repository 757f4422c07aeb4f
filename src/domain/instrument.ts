import { z } from "zod";
import {
  type BilingualText,
  bilingualTextSchema,
  type Competency,
  competencySchema,
  LEVELS,
  type Level,
  levelSchema,
} from "./competency.js";
import { type JabatanTier, TIER_IDS } from "./skj.js";
import { parseWith } from "./validation.js";

/** The self-assessment instrument: behaviour statements per competency and level. */

const statementsByLevel = z.record(
  z.enum(["1", "2", "3", "4", "5"]),
  z.array(bilingualTextSchema).min(1).max(4),
  {
    error: (issue) => (issue.input === undefined ? "every level 1–5 needs its statements" : undefined),
  },
);

const codeSchema = z.string().regex(/^(M|SK|T(\.[A-Z][A-Z0-9]*)+)\.[1-9][0-9]*$/, "not a competency code");

export const standardStatementsSchema = z.strictObject({
  statements: z.record(codeSchema, statementsByLevel),
});

export const teknisSampleSchema = z.strictObject({
  label: bilingualTextSchema,
  families: z
    .array(
      z.strictObject({
        family: z.string().regex(/^[a-z][a-z0-9-]{0,59}$/),
        name: bilingualTextSchema,
        /** Required level of this family's teknis competencies per tier, where the jabatan has no SKJ. */
        required: z.partialRecord(z.enum(TIER_IDS), levelSchema),
        competencies: z
          .array(competencySchema.and(z.object({ statements: statementsByLevel })))
          .min(1)
          .max(10),
      }),
    )
    .min(1),
});

/** A jabatan family's teknis competencies (sample data until an instansi imports its own). */
export interface TeknisFamily {
  family: string;
  name: BilingualText;
  required: Partial<Record<JabatanTier, Level>>;
  codes: string[];
}

/** Statements for every competency the instrument can assess, and the teknis families. */
export interface Instrument {
  /** The statement at `index` of `level` for `code`; undefined when there is none. */
  statement(code: string, level: Level, index: number): BilingualText | undefined;
  /** How many statements a level has. */
  count(code: string, level: Level): number;
  /** True when every level of `code` has at least one statement. */
  covers(code: string): boolean;
  families: TeknisFamily[];
  teknisCompetencies: Competency[];
  teknisLabel: BilingualText;
}

/** Builds the instrument from the parsed standard statements and teknis sample files. */
export function buildInstrument(
  standard: z.output<typeof standardStatementsSchema>,
  teknis: z.output<typeof teknisSampleSchema>,
): Instrument {
  const table = new Map<string, BilingualText[][]>();
  const put = (code: string, byLevel: Record<string, BilingualText[]>) =>
    table.set(
      code,
      LEVELS.map((l) => byLevel[String(l)] ?? []),
    );
  for (const [code, byLevel] of Object.entries(standard.statements)) put(code, byLevel);
  const teknisCompetencies: Competency[] = [];
  for (const f of teknis.families) {
    for (const c of f.competencies) {
      put(c.code, c.statements);
      const { statements: _, ...competency } = c;
      teknisCompetencies.push(competency);
    }
  }
  return {
    statement: (code, level, index) => table.get(code)?.[level - 1]?.[index],
    count: (code, level) => table.get(code)?.[level - 1]?.length ?? 0,
    covers: (code) =>
      (table.get(code) ?? []).length === LEVELS.length && table.get(code)!.every((s) => s.length > 0),
    families: teknis.families.map((f) => ({
      family: f.family,
      name: f.name,
      required: f.required,
      codes: f.competencies.map((c) => c.code),
    })),
    teknisCompetencies,
    teknisLabel: teknis.label,
  };
}

/** Validates instrument.yaml; throws naming the path of each problem. */
export function parseStandardStatements(raw: unknown) {
  return parseWith(standardStatementsSchema, raw);
}

/** Validates teknis-sample.yaml; throws naming the path of each problem. */
export function parseTeknisSample(raw: unknown) {
  return parseWith(teknisSampleSchema, raw);
}

/**
 * Statements each level of a standard competency needs: two that agree decide a level, and the
 * third settles a split or asks once more when answers contradict (src/domain/assessment.ts).
 */
export const STANDARD_STATEMENTS_PER_LEVEL = 3;

/** Problems when a standard competency of the catalog has too few statements for some level. */
export function checkInstrumentCoverage(instrument: Instrument, competencies: Competency[]): string[] {
  const problems: string[] = [];
  for (const c of competencies) {
    if (c.type === "teknis") continue;
    if (!instrument.covers(c.code)) {
      problems.push(`statements.${c.code}: every level 1–5 needs at least one statement`);
      continue;
    }
    for (const l of LEVELS) {
      if (instrument.count(c.code, l) < STANDARD_STATEMENTS_PER_LEVEL)
        problems.push(
          `statements.${c.code}.${l}: ${STANDARD_STATEMENTS_PER_LEVEL} statements needed, so two can agree after a split`,
        );
    }
  }
  return problems;
}
