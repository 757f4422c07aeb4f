import { Schema } from "mongoose";

/** What a coordinator chose as the audience of a broadcast. */
export interface BroadcastAudience {
  kind: "all" | "unit" | "tier" | "region" | "session" | "not-assessed" | "below-pace";
  value?: string;
}

/**
 * An announcement from a coordinator: its text, audience and time. The messages themselves are
 * deliveries in the outbox under the purpose `broadcast.<id>`; `_id` comes from the flow run, so a
 * retried confirmation creates one broadcast.
 */
export interface Broadcast {
  _id: string;
  createdBy?: string;
  createdByIdentity: string;
  text: string;
  audience: BroadcastAudience;
  /** The coordinator's scope when it was sent (unit roots; absent = everything). */
  scopeRoots?: string[];
  recipients: number;
  dueAt: Date;
  status: "scheduled" | "cancelled";
  createdAt: Date;
  cancelledAt?: Date;
}

export const broadcastSchema = new Schema<Broadcast>(
  {
    _id: { type: String, required: true },
    createdBy: String,
    createdByIdentity: { type: String, required: true },
    text: { type: String, required: true, maxlength: 4000 },
    audience: {
      type: new Schema({ kind: { type: String, required: true }, value: String }, { _id: false }),
      required: true,
    },
    scopeRoots: { type: [String], default: undefined },
    recipients: { type: Number, required: true },
    dueAt: { type: Date, required: true },
    status: { type: String, enum: ["scheduled", "cancelled"], required: true },
    createdAt: { type: Date, required: true },
    cancelledAt: Date,
  },
  { collection: "broadcasts", versionKey: false },
);
broadcastSchema.index({ createdBy: 1 });
