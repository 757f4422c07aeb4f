import { Schema } from "mongoose";
import { COMPLETION_STATES, type CompletionState } from "../../domain/completion-state.js";

/** A certificate the person sent: a reference to the file on its channel, never the bytes. */
export interface Certificate {
  kind: "photo" | "pdf";
  channel: string;
  fileId: string;
  mime: string;
  size?: number;
  filename?: string;
  number?: string;
  /** YYYY-MM-DD as written on the certificate. */
  issuedOn?: string;
}

/**
 * One completed development activity: a catalog course, or one the person reported themself (a
 * nonklasikal activity, or any training outside the catalog with the JP of its certificate). `_id`
 * is a key that makes recording it twice impossible (`<person>|course|<course>` or
 * `<person>|self|<run>`).
 */
export interface Completion {
  _id: string;
  personId: string;
  source: "course" | "self";
  courseId?: string;
  title: string;
  method: string;
  kind: "klasikal" | "nonklasikal";
  /** teknis, manajerial or sosial-kultural: the SIASN record asks for it. */
  competencyType: string;
  jp: number;
  /** Local date in the person's zone, and its year: JP counts in the year it was completed. */
  completedOn: string;
  year: number;
  certificate?: Certificate;
  recordedAt: Date;
  /**
   * Absent for a record that counted at once (and for every record older than verification);
   * `pending` until a koordinator verifies or returns it (src/domain/completion-state.ts).
   */
  state?: CompletionState;
  /** Why a koordinator returned it, in their words: the person reads it to correct the record. */
  returnReason?: string;
  /** When a koordinator verified or returned it (who did is in the audit log). */
  decidedAt?: Date;
}

export const completionSchema = new Schema<Completion>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    source: { type: String, enum: ["course", "self"], required: true },
    courseId: String,
    title: { type: String, required: true },
    method: { type: String, required: true },
    kind: { type: String, enum: ["klasikal", "nonklasikal"], required: true },
    competencyType: { type: String, required: true },
    jp: { type: Number, required: true, min: 0 },
    completedOn: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    year: { type: Number, required: true },
    certificate: {
      type: new Schema(
        {
          kind: { type: String, enum: ["photo", "pdf"] },
          channel: String,
          fileId: String,
          mime: String,
          size: Number,
          filename: String,
          number: String,
          issuedOn: String,
        },
        { _id: false },
      ),
      default: undefined,
    },
    recordedAt: { type: Date, required: true },
    state: { type: String, enum: COMPLETION_STATES },
    returnReason: String,
    decidedAt: Date,
  },
  { collection: "completions", versionKey: false },
);
completionSchema.index({ personId: 1 });
completionSchema.index({ year: 1 });
// The koordinators' list reads the records waiting for them (a top-level field: FerretDB is slow on paths).
completionSchema.index({ state: 1 });
