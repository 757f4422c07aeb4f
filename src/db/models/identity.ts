import { Schema } from "mongoose";

export const CHANNELS = ["telegram", "slack", "terminal"] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * A chat identity (`telegram:123`, `slack:T01:U456`, `terminal:budi`) bound to one person.
 * Its own collection, keyed by `_id`, because a unique index on an optional field of person would
 * collide on people without that channel (and partial indexes fail on FerretDB).
 */
export interface Identity {
  _id: string;
  channel: Channel;
  personId: string;
  /** Where to send: Telegram chat id, Slack DM channel id; absent until known. */
  address?: string;
  unreachable?: { at: Date; reason: string };
  linkedAt: Date;
}

export const identitySchema = new Schema<Identity>(
  {
    _id: { type: String, required: true },
    channel: { type: String, enum: CHANNELS, required: true },
    personId: { type: String, required: true },
    address: String,
    unreachable: { type: new Schema({ at: Date, reason: String }, { _id: false }), default: undefined },
    linkedAt: { type: Date, required: true },
  },
  { collection: "identities", versionKey: false },
);
identitySchema.index({ personId: 1 });
