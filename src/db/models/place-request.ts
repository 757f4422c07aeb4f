import { Schema } from "mongoose";

/**
 * A person's request for a place in a session of a course by request ("Ajukan"). `_id` is
 * `<session>|<person>`: one request per session. A coordinator in scope approves (the person is
 * enrolled if a seat is free) or declines with a reason.
 */
export interface PlaceRequest {
  _id: string;
  /** A short stable key of the id, for buttons (Telegram allows 64 bytes of button data). */
  key: string;
  personId: string;
  courseId: string;
  sessionId: string;
  title: string;
  /** The person's unit when they asked: whose coordinators may decide. */
  unitId?: string;
  requestedAt: Date;
  state: "pending" | "approved" | "declined";
  reason?: string;
  decidedBy?: string;
  decidedAt?: Date;
}

export const placeRequestSchema = new Schema<PlaceRequest>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    personId: { type: String, required: true },
    courseId: { type: String, required: true },
    sessionId: { type: String, required: true },
    title: { type: String, required: true },
    unitId: String,
    requestedAt: { type: Date, required: true },
    state: { type: String, enum: ["pending", "approved", "declined"], required: true },
    reason: { type: String, maxlength: 500 },
    decidedBy: String,
    decidedAt: Date,
  },
  { collection: "place_requests", versionKey: false },
);
placeRequestSchema.index({ state: 1, unitId: 1 });
placeRequestSchema.index({ personId: 1 });
placeRequestSchema.index({ key: 1 });
