import { Schema } from "mongoose";
import { attachmentFields, type DeliveryAttachment } from "./delivery.js";

/** What a coordinator chose as the audience of a broadcast. */
export interface BroadcastAudience {
  kind: "all" | "unit" | "tier" | "region" | "session" | "course" | "not-assessed" | "below-pace";
  value?: string;
  /** Several chosen units (kind "unit"); `value` holds the one unit of older broadcasts. */
  values?: string[];
}

/** A broadcast's file: a platform reference that only `channel` can send (a Telegram file_id). */
export interface BroadcastAttachment extends DeliveryAttachment {
  channel: string;
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
  attachment?: BroadcastAttachment;
  audience: BroadcastAudience;
  /** The coordinator's scope when it was sent (unit roots; absent = everything). */
  scopeRoots?: string[];
  /** People reached (a Slack channel post is not counted: its members cannot be counted here). */
  recipients: number;
  /** Also posted to this Slack channel (the coordinator chose it on Slack). */
  slackChannel?: { id: string; name: string };
  dueAt: Date;
  status: "scheduled" | "cancelled";
  createdAt: Date;
  /** "2026-12": the month of `createdAt` (UTC), so the latest are found by index. */
  month?: string;
  cancelledAt?: Date;
}

export const broadcastSchema = new Schema<Broadcast>(
  {
    _id: { type: String, required: true },
    createdBy: String,
    createdByIdentity: { type: String, required: true },
    text: { type: String, required: true, maxlength: 4000 },
    attachment: {
      type: new Schema<BroadcastAttachment>(
        { ...attachmentFields, channel: { type: String, required: true } },
        { _id: false },
      ),
      default: undefined,
    },
    audience: {
      type: new Schema(
        {
          kind: { type: String, required: true },
          value: String,
          values: { type: [String], default: undefined },
        },
        { _id: false },
      ),
      required: true,
    },
    scopeRoots: { type: [String], default: undefined },
    recipients: { type: Number, required: true },
    slackChannel: {
      type: new Schema({ id: { type: String, required: true }, name: String }, { _id: false }),
      default: undefined,
    },
    dueAt: { type: Date, required: true },
    status: { type: String, enum: ["scheduled", "cancelled"], required: true },
    createdAt: { type: Date, required: true },
    month: String,
    cancelledAt: Date,
  },
  { collection: "broadcasts", versionKey: false },
);
broadcastSchema.index({ createdBy: 1 });
broadcastSchema.index({ month: 1 });
