import { Schema } from "mongoose";

/**
 * A token replaced whenever a set of documents held in memory changes (`courses`,
 * `mentors:<instansi>`): a process holding a copy checks the token, one read by `_id`, before
 * reading the whole set again. Written after the change, read before the set, so a copy is never
 * taken as current when it is not.
 */
export interface ChangeStamp {
  _id: string;
  token: string;
  at: Date;
}

export const changeStampSchema = new Schema<ChangeStamp>(
  {
    _id: { type: String, required: true },
    token: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: "change_stamps", versionKey: false },
);
