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

/**
 * An opted-in mentor's levels that count (confirmed, else self-assessed), one document per mentor,
 * kept beside the people so that suggesting a mentor reads one small collection by instansi
 * instead of every mentor's latest assessment. Written when someone opts in or out, finishes an
 * assessment or has a level confirmed; a mentor who left the instansi or opted out since is
 * checked against their person document before being suggested.
 */
export interface MentorProfile {
  _id: string;
  instansiId: string;
  /** Only levels of 1 or more: "belum mencapai level 1" never mentors anyone. */
  levels: { competency: string; level: number }[];
  updatedAt: Date;
}

export const mentorProfileSchema = new Schema<MentorProfile>(
  {
    _id: { type: String, required: true },
    instansiId: { type: String, required: true },
    levels: [
      { _id: false, competency: { type: String, required: true }, level: { type: Number, required: true } },
    ],
    updatedAt: { type: Date, required: true },
  },
  { collection: "mentor_profiles", versionKey: false },
);
mentorProfileSchema.index({ instansiId: 1 });
