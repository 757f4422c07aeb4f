import { Schema } from "mongoose";

/**
 * A mentee's request for mentoring in one competency, addressed to one opted-in colleague.
 * `_id` is `<mentee>|<competency>`: one open request per competency. Names are shown to either side
 * only once the mentor has accepted (the mentee agreed by asking).
 */
export interface MentoringRequest {
  _id: string;
  menteeId: string;
  mentorId: string;
  competency: string;
  instansiId?: string;
  status: "pending" | "accepted" | "declined";
  createdAt: Date;
  decidedAt?: Date;
}

export const mentoringRequestSchema = new Schema<MentoringRequest>(
  {
    _id: { type: String, required: true },
    menteeId: { type: String, required: true },
    mentorId: { type: String, required: true },
    competency: { type: String, required: true },
    instansiId: String,
    status: { type: String, enum: ["pending", "accepted", "declined"], required: true },
    createdAt: { type: Date, required: true },
    decidedAt: Date,
  },
  { collection: "mentoring_requests", versionKey: false },
);
mentoringRequestSchema.index({ mentorId: 1 });
mentoringRequestSchema.index({ menteeId: 1 });
