import { Schema } from "mongoose";

/**
 * A file sent with a message, by the platform's own reference (a Telegram file_id, a Slack file
 * id): Pandu never keeps the bytes. Telegram sends its own files again by reference; Slack's sender
 * reads the bytes through the file readers (`channel` says whose reference it is) and uploads them.
 */
export interface DeliveryAttachment {
  kind: "photo" | "document";
  fileId: string;
  filename?: string;
  mime?: string;
  /** The platform the reference belongs to; absent on older deliveries (then the sender's own). */
  channel?: string;
  /**
   * What the text says instead when the file cannot be sent after all (deleted, too large to
   * read), in the recipient's language; absent, the text goes alone.
   */
  note?: string;
}

/** A message Pandu sends on its own, as stored: channel-neutral text and buttons, maybe a file. */
export interface DeliveryMessage {
  text: string;
  choices?: { data: string; label: string }[][];
  attachment?: DeliveryAttachment;
}

export const DELIVERY_STATUSES = ["pending", "sending", "sent", "failed", "dead"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message to one recipient for one occurrence of one purpose. `_id` is the idempotency key
 * (`<purpose>:<occurrence>:<recipient>`), so scheduling it twice stores it once. Only deliveries
 * still to be sent live here; sent and dead ones move to `delivery_log`. Deliveries dated for later
 * (a month of reminders) can still be many: the dispatcher reads by `dueKey`, never by a range.
 */
export interface Delivery {
  _id: string;
  purpose: string;
  personId?: string;
  identityId: string;
  channel: string;
  /** Where the platform sends it: a Telegram chat id, a Slack channel id. */
  address: string;
  message: DeliveryMessage;
  dueAt: Date;
  /**
   * In the outbox only: where the dispatcher finds it, `<channel>@now` when it was due as it was
   * scheduled, else `<channel>@<minute it becomes due>` (see `dueKeyOf`). The dispatcher reads a
   * handful of these keys by equality, so the patched FerretDB reads only what is (nearly) due
   * through the index, never the deliveries dated for later.
   */
  dueKey?: string;
  status: DeliveryStatus;
  attempts: number;
  /** While `sending`: when the claim lapses and another worker may send it again. */
  leaseUntil?: Date;
  lastError?: string;
  /** Times it was sent again after a lapsed lease (a crash mid-send): each may be a duplicate. */
  resends: number;
  /**
   * Parts of a message that takes several platform calls (a file, then a long text) that already
   * arrived before a failed attempt: the retry sends only the rest.
   */
  partsSent?: number;
  /**
   * Put back by a process that stopped while this send was unanswered: the platform may have it,
   * so the next attempt counts as a resend.
   */
  inDoubt?: boolean;
  createdAt: Date;
  sentAt?: Date;
}

/**
 * How a message is stored: FerretDB rejects arrays nested directly in arrays, so each row of
 * buttons is wrapped in an object. The repository converts both ways.
 */
export interface StoredDeliveryMessage {
  text: string;
  rows?: { buttons: { data: string; label: string }[] }[];
  attachment?: DeliveryAttachment;
}

/** The fields of a stored attachment (a broadcast's adds the channel it belongs to). */
export const attachmentFields = {
  kind: { type: String, enum: ["photo", "document"], required: true },
  fileId: { type: String, required: true },
  filename: String,
  mime: String,
};

const attachmentSchema = new Schema<DeliveryAttachment>(
  { ...attachmentFields, channel: String, note: String },
  { _id: false },
);

const messageSchema = new Schema<StoredDeliveryMessage>(
  {
    text: { type: String, required: true },
    rows: { type: Schema.Types.Mixed, default: undefined },
    attachment: { type: attachmentSchema, default: undefined },
  },
  { _id: false },
);

const fields = {
  _id: { type: String, required: true },
  purpose: { type: String, required: true },
  personId: String,
  identityId: { type: String, required: true },
  channel: { type: String, required: true },
  address: { type: String, required: true },
  message: { type: messageSchema, required: true },
  dueAt: { type: Date, required: true },
  status: { type: String, enum: DELIVERY_STATUSES, required: true },
  attempts: { type: Number, default: 0 },
  leaseUntil: Date,
  lastError: String,
  resends: { type: Number, default: 0 },
  partsSent: Number,
  inDoubt: Boolean,
  createdAt: { type: Date, required: true },
  sentAt: Date,
};

export const deliverySchema = new Schema<Delivery>(
  { ...fields, dueKey: { type: String, required: true } },
  { collection: "deliveries", versionKey: false },
);
// The dispatcher's read of what is due: an `$in` of a few due keys (no index may start with
// `channel`: the patched FerretDB would serve an equality on it before the `$in`, and read every
// delivery of the channel).
deliverySchema.index({ dueKey: 1, dueAt: 1 });
// A broadcast's progress and cancellation, and a person's waiting messages (/dataku, erasure).
deliverySchema.index({ purpose: 1 });
deliverySchema.index({ personId: 1 });

/** Sent and dead deliveries: history, appended once per key, never claimed again. */
export const deliveryLogSchema = new Schema<Delivery>(fields, {
  collection: "delivery_log",
  versionKey: false,
});
deliveryLogSchema.index({ personId: 1 });
deliveryLogSchema.index({ purpose: 1 });
// The retention purge deletes by age (no TTL indexes on FerretDB).
deliveryLogSchema.index({ createdAt: 1 });

/**
 * The right to make attempt n of a delivery: `_id` is `<delivery>#<n>`. A unique insert is atomic on
 * FerretDB where a filtered update is not, so exactly one worker wins each attempt.
 */
export interface DeliveryClaim {
  _id: string;
  at: Date;
}
export const deliveryClaimSchema = new Schema<DeliveryClaim>(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: "delivery_claims", versionKey: false },
);
deliveryClaimSchema.index({ at: 1 });

/**
 * Time-slot leases: `_id` is `<name>@<slot number>`. Whoever inserts a slot holds the lease for it;
 * the holder inserts the next slot before its own ends (renewal), so others only win a slot
 * nobody renewed (takeover after a crash).
 */
export interface Lease {
  _id: string;
  holder: string;
  at: Date;
}
export const leaseSchema = new Schema<Lease>(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: "leases", versionKey: false },
);
leaseSchema.index({ at: 1 });
