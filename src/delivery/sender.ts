import type { DeliveryMessage } from "../db/models/index.js";

/** What a platform said to one send. */
export type SendOutcome =
  | { kind: "sent" }
  /** Too many requests: wait this long before sending anything on this bot. */
  | { kind: "rate-limited"; retryAfterMs: number; error: string }
  /** 5xx or a network error: try again later. */
  | { kind: "transient"; error: string }
  /** Blocked, kicked, deactivated: stop sending to this identity. */
  | { kind: "unreachable"; error: string }
  /** The platform refused this message itself (400): retrying will not help. */
  | { kind: "rejected"; error: string };

/** Sends one outbox message on one platform. Implemented by each channel adapter. */
export interface ChannelSender {
  channel: string;
  /** Platform limits: messages per second overall, and minimum gap per chat. */
  limits: { perSecond: number; perChatMs: number };
  send(address: string, message: DeliveryMessage): Promise<SendOutcome>;
}
