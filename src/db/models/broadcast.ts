import { Schema } from "mongoose";
import { attachmentFields, type DeliveryAttachment } from "./delivery.js";

/** What a coordinator chose as the audience of a broadcast. */
export interface BroadcastAudience {
  kind: "all" | "unit" | "tier" | "region" | "session" | "course" | "not-assessed" | "below-pace";
  value?: string;
  /** Several chosen units (kind "unit"); `value` holds the one unit of older broadcasts. */
  values?: string[];
}

/** A broadcast's file: a reference of platform `channel` (a Telegram file_id, a Slack file id). */
export interface BroadcastAttachment extends Omit<DeliveryAttachment, "note"> {
  channel: string;
}

/** The answer a broadcast asks of its recipients: none, "Sudah dibaca", or "Saya hadir / Tidak bisa". */
export type BroadcastAck = "read" | "attendance";
/** One answer a recipient can give by a button. */
export type BroadcastAnswer = "read" | "attend" | "absent";

/**
 * The coordinator's status message of a sending broadcast, edited in place as it goes: where it
 * is (the coordinator's chat account) and, once posted, the platform's reference to it.
 */
export interface BroadcastProgress {
  identityId: string;
  channel: string;
  address: string;
  locale: "id" | "en";
  /** The platform's reference (a Telegram message id, a Slack `channel:ts`), once posted. */
  ref?: string;
  /** The text last shown, so an unchanged one is not sent again. */
  text?: string;
  shownAt?: Date;
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
  /** The answer asked of recipients; none when absent. */
  ack?: BroadcastAck;
  /** The coordinator's status message, edited while the broadcast is sending. */
  progress?: BroadcastProgress;
  /** True until the status message showed the final counts (found again after a restart). */
  progressOpen?: boolean;
}

/** A recipient's answer to a broadcast: one per (broadcast, person), changed in place. */
export interface BroadcastAckEntry {
  /** `<broadcast id>|<person id>`. */
  _id: string;
  broadcastId: string;
  personId: string;
  answer: BroadcastAnswer;
  at: Date;
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
    ack: { type: String, enum: ["read", "attendance"] },
    progress: {
      type: new Schema<BroadcastProgress>(
        {
          identityId: { type: String, required: true },
          channel: { type: String, required: true },
          address: { type: String, required: true },
          locale: { type: String, required: true },
          ref: String,
          text: String,
          shownAt: Date,
        },
        { _id: false },
      ),
      default: undefined,
    },
    progressOpen: Boolean,
  },
  { collection: "broadcasts", versionKey: false },
);
broadcastSchema.index({ createdBy: 1 });
broadcastSchema.index({ month: 1 });
broadcastSchema.index({ progressOpen: 1 });

export const broadcastAckSchema = new Schema<BroadcastAckEntry>(
  {
    _id: { type: String, required: true },
    broadcastId: { type: String, required: true },
    personId: { type: String, required: true },
    answer: { type: String, enum: ["read", "attend", "absent"], required: true },
    at: { type: Date, required: true },
  },
  { collection: "broadcast_acks", versionKey: false },
);
broadcastAckSchema.index({ broadcastId: 1 });
broadcastAckSchema.index({ personId: 1 });
