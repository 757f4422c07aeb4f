import type { AssessedLevel } from "./competency.js";

/**
 * Self-assessed and confirmed levels. A self-assessment's level stays as the person gave it; an
 * atasan may later confirm or correct it. Everything that uses a level (gaps, recommendations,
 * mentoring, unit summaries, "gap closed") uses the level that counts, so the two can never be
 * mixed up: the confirmed level when there is one, else the self-assessed level.
 */

/** A supervisor's confirmation (or correction) of one self-assessed level. */
export interface LevelConfirmation {
  /** 0–5; 0 is "belum mencapai level 1". */
  level: AssessedLevel;
  /** Who confirmed it; `ERASED_CONFIRMER` once that person's own data was erased. */
  byPersonId: string;
  at: Date;
  /** The atasan's short note to the person (why this level), when they wrote one. */
  note?: string;
}

/** The longest note an atasan may write with a confirmation. */
export const CONFIRMATION_NOTE_MAX = 300;

/**
 * What a confirmation's `byPersonId` becomes when the confirmer erases their data: the level stays
 * (it is the assessed person's record), the confirmer's id does not.
 */
export const ERASED_CONFIRMER = "erased";

/** What the rule reads of a competency result: the self-assessed level and any confirmation. */
export interface LevelledResult {
  assessed: number;
  confirmation?: { level: number } | undefined;
}

/** A result with the level its jabatan requires. */
export type RequiredResult = LevelledResult & { required: number };

/** True for the levels a result may hold: the whole numbers 0 to 5. */
export function isAssessedLevel(n: unknown): n is AssessedLevel {
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 5;
}

/** The level that counts: the confirmed level when there is one, else the self-assessed level. */
export function countedLevel(r: LevelledResult): number {
  return r.confirmation ? r.confirmation.level : r.assessed;
}

/** True when an atasan confirmed (or corrected) this result. */
export function isConfirmed<T extends LevelledResult>(
  r: T,
): r is T & { confirmation: NonNullable<T["confirmation"]> } {
  return r.confirmation !== undefined && r.confirmation !== null;
}

/** The gap under the rule: required − the level that counts; positive is below the standard. */
export function countedGap(r: RequiredResult): number {
  return r.required - countedLevel(r);
}

/** How many results are below the standard by the level that counts. */
export function gapCountOf(results: readonly RequiredResult[]): number {
  return results.filter((r) => countedGap(r) > 0).length;
}

/** The result with a confirmation added (or replaced) and its gap recomputed from it. */
export function withConfirmation<T extends RequiredResult>(
  r: T,
  confirmation: LevelConfirmation,
): T & { confirmation: LevelConfirmation; gap: number } {
  const confirmed = { ...r, confirmation };
  return { ...confirmed, gap: countedGap(confirmed) };
}

/**
 * True when a gap of the earlier result is closed in the later one (an achievement), both read by
 * the level that counts; nothing to close without an earlier result of that competency.
 */
export function gapClosed(before: RequiredResult | undefined, after: RequiredResult): boolean {
  return before !== undefined && countedGap(before) > 0 && countedGap(after) <= 0;
}
