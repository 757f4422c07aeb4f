import { Schema } from "mongoose";

export const UNIT_MOVE_STATES = ["pending", "approved", "declined", "withdrawn"] as const;
export type UnitMoveState = (typeof UNIT_MOVE_STATES)[number];

/**
 * A verified person's request to move to another unit (their unit comes from HR data, so they
 * cannot just change it): an admin whose scope covers the unit they want to join approves or
 * declines. One pending request per person: a new one withdraws the one before. `_id` is a random
 * id (it goes on buttons and in lease keys, and names nobody).
 */
export interface UnitMove {
  _id: string;
  personId: string;
  /** The person's unit and instansi when they asked (for the admin to read; the move re-reads). */
  fromUnitId?: string;
  fromInstansiId?: string;
  toUnitId: string;
  toInstansiId: string;
  requestedAt: Date;
  state: UnitMoveState;
  /** Who decided: an admin's person id, "admin" for a bootstrap admin with no person, or the person withdrawing. */
  decidedBy?: string;
  decidedAt?: Date;
}

export const unitMoveSchema = new Schema<UnitMove>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    fromUnitId: String,
    fromInstansiId: String,
    toUnitId: { type: String, required: true },
    toInstansiId: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    state: { type: String, enum: UNIT_MOVE_STATES, required: true },
    decidedBy: String,
    decidedAt: Date,
  },
  { collection: "unit_moves", versionKey: false },
);
// Pending requests by target unit (an admin's list), and a person's own (theirs, erasure, /dataku).
unitMoveSchema.index({ state: 1, toUnitId: 1 });
unitMoveSchema.index({ personId: 1 });
