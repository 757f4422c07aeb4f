import { Schema } from "mongoose";

/** A one-time code that links another chat identity to a person; `_id` is the code. */
export interface LinkCode {
  _id: string;
  personId: string;
  createdAt: Date;
  /** Filtered on read and purged by age (FerretDB has no TTL indexes). */
  expiresAt: Date;
}

export const linkCodeSchema = new Schema<LinkCode>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: "link_codes", versionKey: false },
);
linkCodeSchema.index({ personId: 1 });
linkCodeSchema.index({ expiresAt: 1 });

/** Wrong codes typed by one identity, so guessing is cut off after a few tries. */
export interface LinkAttempt {
  _id: string;
  failures: number;
  firstAt: Date;
}

export const linkAttemptSchema = new Schema<LinkAttempt>(
  {
    _id: { type: String, required: true },
    failures: { type: Number, required: true },
    firstAt: { type: Date, required: true },
  },
  { collection: "link_attempts", versionKey: false },
);
linkAttemptSchema.index({ firstAt: 1 });
