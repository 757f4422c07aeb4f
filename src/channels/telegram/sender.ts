import { Api, GrammyError, HttpError } from "grammy";
import type { DeliveryMessage } from "../../db/models/index.js";
import type { ChannelSender, SendOutcome } from "../../delivery/sender.js";
import { keyboard, MAX_TEXT } from "./render.js";

/** Bot API limits for bulk sends: about 30 messages a second overall, 1 a second per chat. */
export const TELEGRAM_LIMITS = { perSecond: 30, perChatMs: 1_000 };

/** Telegram's answer to one send, as the dispatcher needs it. */
export function classifyTelegramError(err: unknown): Exclude<SendOutcome, { kind: "sent" }> {
  if (err instanceof GrammyError) {
    const error = `${err.error_code} ${err.description}`;
    if (err.error_code === 429) {
      return { kind: "rate-limited", retryAfterMs: (err.parameters.retry_after ?? 1) * 1_000, error };
    }
    if (err.error_code === 403) return { kind: "unreachable", error };
    if (err.error_code === 400 && /chat not found|user is deactivated/i.test(err.description)) {
      return { kind: "unreachable", error };
    }
    if (err.error_code >= 500) return { kind: "transient", error };
    return { kind: "rejected", error };
  }
  if (err instanceof HttpError) return { kind: "transient", error: `network: ${err.message}` };
  return { kind: "transient", error: (err as Error)?.message ?? String(err) };
}

/**
 * Sends outbox messages through the Bot API. Its own Api instance, without auto-retry: the
 * dispatcher decides about 429 waits and backoff, so no sleep here can outlast a send lease.
 */
export function createTelegramSender(opts: {
  token: string;
  apiRoot: string;
  limits?: { perSecond: number; perChatMs: number };
}): ChannelSender {
  const api = new Api(opts.token, { apiRoot: opts.apiRoot });
  return {
    channel: "telegram",
    limits: opts.limits ?? TELEGRAM_LIMITS,
    async send(address: string, message: DeliveryMessage): Promise<SendOutcome> {
      try {
        const markup = keyboard(message.choices);
        await api.sendMessage(
          Number(address),
          message.text.slice(0, MAX_TEXT),
          markup ? { reply_markup: markup } : {},
        );
        return { kind: "sent" };
      } catch (err) {
        return classifyTelegramError(err);
      }
    },
  };
}
