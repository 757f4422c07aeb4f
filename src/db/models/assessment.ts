import { Schema } from "mongoose";
import type { LevelConfirmation } from "../../domain/counted-level.js";
import { newId } from "./ids.js";

/** One competency's outcome in an assessment. */
export interface CompetencyResult {
  competency: string;
  /** The self-assessed level, as the person's answers gave it; a confirmation never changes it. */
  assessed: number;
  required: number;
  /**
   * required − the level that counts (the confirmed level, else `assessed`: see
   * src/domain/counted-level.ts); positive means below the standard of the jabatan.
   */
  gap: number;
  /** The answers contradicted each other even when asked again: the lower result stands. */
  mixed?: boolean;
  /** An atasan's confirmation or correction of the level; from then on it is the level that counts. */
  confirmation?: LevelConfirmation;
}

/**
 * One completed self-assessment: a fact, appended; its answers and self-assessed levels never
 * change. Only an atasan's confirmation is added to a result later, with that result's gap. Unit,
 * instansi, jabatan and year are copied onto it, because reports group by them and FerretDB has no
 * $lookup.
 */
export interface Assessment {
  _id: string;
  personId: string;
  instansiId?: string;
  unitId?: string;
  jabatanId?: string;
  tier?: string;
  year: number;
  completedAt: Date;
  statements: number;
  results: CompetencyResult[];
  previousId?: string;
  /** Who confirmed any of its levels: a top-level copy of results[].confirmation.byPersonId, for the index. */
  confirmedBy?: string[];
  /**
   * What the required levels were: the jabatan's imported SKJ, or the tier defaults. Absent on
   * assessments recorded before SKJ imports existed, which were all measured against defaults.
   */
  standardSource?: "skj" | "default";
  /** The SKJ's name when standardSource is "skj". */
  standardName?: string;
}

export const assessmentSchema = new Schema<Assessment>(
  {
    _id: { type: String, default: () => newId("s") },
    personId: { type: String, required: true },
    instansiId: String,
    unitId: String,
    jabatanId: String,
    tier: String,
    year: { type: Number, required: true },
    completedAt: { type: Date, required: true },
    statements: { type: Number, required: true },
    results: {
      type: [
        new Schema(
          {
            competency: { type: String, required: true },
            // 0 is "belum mencapai level 1": not even level 1 is held.
            assessed: { type: Number, min: 0, max: 5, required: true },
            required: { type: Number, min: 1, max: 5, required: true },
            gap: { type: Number, required: true },
            mixed: Boolean,
            confirmation: {
              type: new Schema(
                {
                  level: { type: Number, min: 0, max: 5, required: true },
                  byPersonId: { type: String, required: true },
                  at: { type: Date, required: true },
                  note: { type: String, maxlength: 300 },
                },
                { _id: false },
              ),
              default: undefined,
            },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    previousId: String,
    confirmedBy: { type: [String], default: undefined },
    standardSource: { type: String, enum: ["skj", "default"] },
    standardName: String,
  },
  { collection: "assessments", versionKey: false },
);
assessmentSchema.index({ personId: 1, completedAt: -1 });
assessmentSchema.index({ unitId: 1, year: 1 });
// The confirmations a person gave (their erasure takes their id out of them).
assessmentSchema.index({ confirmedBy: 1 });
