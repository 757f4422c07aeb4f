import { Schema } from "mongoose";

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
 * One completed development activity: a catalog course or a self-reported nonklasikal one. `_id`
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
  },
  { collection: "completions", versionKey: false },
);
completionSchema.index({ personId: 1 });
completionSchema.index({ year: 1 });
