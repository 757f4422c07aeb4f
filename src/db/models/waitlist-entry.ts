import { Schema } from "mongoose";

/** Where a waiting-list entry stands: waiting, offered a freed seat, or done with the list. */
export const WAITLIST_STATES = ["waiting", "offered", "seated", "left", "declined", "expired"] as const;
export type WaitlistState = (typeof WAITLIST_STATES)[number];

/**
 * A person's place on a full session's waiting list. `_id` is `<session>~<n>`: inserted with n one
 * past the highest taken, then the next on a duplicate, so positions are handed out in the order
 * the server accepted the inserts, never twice and without gaps (FerretDB has no guarded $inc, but a
 * duplicate `_id` is refused atomically). `member` is `<session>|<person>` while the person is on
 * the list (one entry each); when they leave it (seated, left, declined, expired) it becomes
 * `<session>|<person>#<n>` and the entry stays, so n is never handed out again and the order holds.
 */
export interface WaitlistEntry {
  _id: string;
  member: string;
  n: number;
  sessionId: string;
  courseId: string;
  personId: string;
  title: string;
  state: WaitlistState;
  joinedAt: Date;
  /** When a freed seat was offered, and until when the person may take it. */
  offeredAt?: Date;
  offerExpiresAt?: Date;
  /** How many times a seat was offered (one that was taken by someone else first goes back to waiting). */
  offers?: number;
  /** When the entry left the list (seated, left, declined, expired). */
  closedAt?: Date;
}

export const waitlistEntrySchema = new Schema<WaitlistEntry>(
  {
    _id: { type: String, required: true },
    member: { type: String, required: true },
    n: { type: Number, required: true },
    sessionId: { type: String, required: true },
    courseId: { type: String, required: true },
    personId: { type: String, required: true },
    title: { type: String, required: true },
    state: { type: String, enum: WAITLIST_STATES, required: true },
    joinedAt: { type: Date, required: true },
    offeredAt: Date,
    offerExpiresAt: Date,
    offers: Number,
    closedAt: Date,
  },
  { collection: "waitlist", versionKey: false },
);
waitlistEntrySchema.index({ member: 1 }, { unique: true });
waitlistEntrySchema.index({ sessionId: 1 });
waitlistEntrySchema.index({ personId: 1 });
waitlistEntrySchema.index({ state: 1 });
