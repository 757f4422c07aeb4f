import type { DeliveryMessage } from "../db/models/index.js";

/**
 * What a platform said to one send. A failure may carry `partsSent`: a message that takes several
 * platform calls (a file, then a long text) failed after its first parts had arrived.
 */
export type SendOutcome =
  | { kind: "sent" }
  /** Too many requests: wait this long before sending anything on this bot. */
  | { kind: "rate-limited"; retryAfterMs: number; error: string; partsSent?: number }
  /** 5xx or a network error: try again later. */
  | { kind: "transient"; error: string; partsSent?: number }
  /** Blocked, kicked, deactivated: stop sending to this identity. */
  | { kind: "unreachable"; error: string; partsSent?: number }
  /** The platform refused this message itself (400): retrying will not help. */
  | { kind: "rejected"; error: string; partsSent?: number };

/** Sends one outbox message on one platform. Implemented by each channel adapter. */
export interface ChannelSender {
  channel: string;
  /** Platform limits: messages per second overall, and minimum gap per chat. */
  limits: { perSecond: number; perChatMs: number };
  /**
   * Sends one message; `progress.partsSent` parts of it already arrived in an earlier attempt and
   * must not be sent again.
   */
  send(address: string, message: DeliveryMessage, progress?: { partsSent: number }): Promise<SendOutcome>;
  /** How many platform calls a message takes (default 1): each counts against the rate limit. */
  partsOf?(message: DeliveryMessage): number;
}
