import { Schema } from "mongoose";

/**
 * A person's data being erased (/hapusdata). `_id` is the person id, so two requests for one
 * person are one (a unique insert). Written before the first deletion and removed after the last,
 * so whoever finds it (a retried /hapusdata, the housekeeping job) finishes what a crash left.
 * It holds only opaque ids, and only while the erasure runs.
 */
export interface ErasureRequest {
  _id: string;
  /** Random: makes the ids of de-identified copies repeatable within this erasure only. */
  token: string;
  /** The person's chat identities when the erasure began (they are deleted early). */
  identityIds: string[];
  requestedAt: Date;
}

export const erasureRequestSchema = new Schema<ErasureRequest>(
  {
    _id: { type: String, required: true },
    token: { type: String, required: true },
    identityIds: { type: [String], default: [] },
    requestedAt: { type: Date, required: true },
  },
  { collection: "erasure_requests", versionKey: false },
);
erasureRequestSchema.index({ requestedAt: 1 });
