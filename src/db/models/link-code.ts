import { Schema } from "mongoose";

/** A one-time code that links another chat identity to a person; `_id` is the code. */
export interface LinkCode {
  _id: string;
  personId: string;
  /** The chat account that asked for it: it approves the link. Absent in codes issued before. */
  issuedBy?: string;
  createdAt: Date;
  /** Filtered on read and purged by age (FerretDB has no TTL indexes). */
  expiresAt: Date;
}

export const linkCodeSchema = new Schema<LinkCode>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    issuedBy: String,
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

/**
 * A correct code typed on another account, waiting for the person to approve it from an account
 * already theirs; `_id` is a random token the approve and decline buttons carry.
 */
export interface LinkRequest {
  _id: string;
  personId: string;
  /** The account that asked for the code, where the question goes. */
  issuedBy?: string;
  /** The account that typed the code and would join the person. */
  requester: string;
  createdAt: Date;
  /** Filtered on read and purged by age. */
  expiresAt: Date;
}

export const linkRequestSchema = new Schema<LinkRequest>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    issuedBy: String,
    requester: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: "link_requests", versionKey: false },
);
linkRequestSchema.index({ personId: 1 });
linkRequestSchema.index({ expiresAt: 1 });
