import { Schema } from "mongoose";

/**
 * A person's place in a session. `_id` is `<session>|<person>` (one place per person and session)
 * and `seat` is `<session>#<n>` with n ≤ quota, unique: the quota holds because two people can
 * never insert the same seat, which FerretDB enforces atomically (a guarded $inc it does not).
 * Cancelling deletes the document, which frees the seat for the next person.
 */
export interface Enrollment {
  _id: string;
  seat: string;
  personId: string;
  courseId: string;
  sessionId: string;
  title: string;
  jp: number;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  enrolledAt: Date;
  /** The person's answer to a reminder: coming, or cannot come (for the coordinator). */
  attendance?: "hadir" | "tidak";
  attendanceAt?: Date;
  /** The person's unit when they enrolled (a hint for /peserta's session list; scope reads the person). */
  unitId?: string;
  /** What a koordinator marked in /peserta: present or absent (overrides the answer above). */
  checkedIn?: "hadir" | "tidak";
  checkedInAt?: Date;
  checkedInBy?: string;
}

export const enrollmentSchema = new Schema<Enrollment>(
  {
    _id: { type: String, required: true },
    seat: { type: String, required: true },
    personId: { type: String, required: true },
    courseId: { type: String, required: true },
    sessionId: { type: String, required: true },
    title: { type: String, required: true },
    jp: { type: Number, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    timeZone: { type: String, required: true },
    enrolledAt: { type: Date, required: true },
    attendance: { type: String, enum: ["hadir", "tidak"] },
    attendanceAt: Date,
    unitId: String,
    checkedIn: { type: String, enum: ["hadir", "tidak"] },
    checkedInAt: Date,
    checkedInBy: String,
  },
  { collection: "enrollments", versionKey: false },
);
enrollmentSchema.index({ seat: 1 }, { unique: true });
enrollmentSchema.index({ personId: 1 });
enrollmentSchema.index({ sessionId: 1 });
enrollmentSchema.index({ courseId: 1 });
enrollmentSchema.index({ startsAt: 1 });
enrollmentSchema.index({ endsAt: 1 });
