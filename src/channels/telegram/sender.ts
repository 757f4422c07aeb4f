import { Api, GrammyError, HttpError } from "grammy";
import type { DeliveryMessage } from "../../db/models/index.js";
import type { ChannelSender, SendOutcome } from "../../delivery/sender.js";
import { keyboard, MAX_TEXT } from "./render.js";

/** Bot API limits for bulk sends: about 30 messages a second overall, 1 a second per chat. */
export const TELEGRAM_LIMITS = { perSecond: 30, perChatMs: 1_000 };

/** The Bot API takes at most 1024 characters as a photo's or document's caption. */
export const MAX_CAPTION = 1024;

/** Whether a message with a file takes two calls: its text is too long to be the caption. */
const splitsCaption = (message: DeliveryMessage) =>
  message.attachment !== undefined && message.text.length > MAX_CAPTION;

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
  // A send that hangs gives up after 30 s and is retried, instead of holding a slot for grammY's 500 s.
  const api = new Api(opts.token, { apiRoot: opts.apiRoot, timeoutSeconds: 30 });
  /** Sends a file by its Telegram file_id (the bytes never pass through Pandu). */
  const sendFile = (
    chat: number,
    file: NonNullable<DeliveryMessage["attachment"]>,
    other: { caption?: string; reply_markup?: ReturnType<typeof keyboard> },
  ) =>
    file.kind === "photo"
      ? api.sendPhoto(chat, file.fileId, other)
      : api.sendDocument(chat, file.fileId, other);
  return {
    channel: "telegram",
    limits: opts.limits ?? TELEGRAM_LIMITS,
    partsOf: (message) => (splitsCaption(message) ? 2 : 1),
    /**
     * A message with a file goes as one sendPhoto/sendDocument with the text as caption. A text
     * longer than a caption goes in two calls, the file first and then the text, because:
     * the file is the call that can be refused on its own (an expired file_id, a blocked bot), so a
     * refusal comes before anything arrived and the delivery is rightly counted as failed; the
     * reader sees the same order as a short caption (file, then words); and the text keeps its
     * buttons at the bottom. If the text call then fails, the outcome says the file arrived
     * (`partsSent: 1`) and the retry sends only the text. Only a crash between the two calls
     * (the send lease lapses) sends the file again; that resend is counted like any other.
     */
    async send(address, message, progress): Promise<SendOutcome> {
      const chat = Number(address);
      const markup = keyboard(message.choices);
      const extra = markup ? { reply_markup: markup } : {};
      let partsSent = progress?.partsSent ?? 0;
      try {
        const file = message.attachment;
        if (file && !splitsCaption(message)) {
          await sendFile(chat, file, { ...(message.text ? { caption: message.text } : {}), ...extra });
          return { kind: "sent" };
        }
        if (file && partsSent < 1) {
          await sendFile(chat, file, {});
          partsSent = 1;
        }
        await api.sendMessage(chat, message.text.slice(0, MAX_TEXT), extra);
        return { kind: "sent" };
      } catch (err) {
        const outcome = classifyTelegramError(err);
        return partsSent > 0 ? { ...outcome, partsSent } : outcome;
      }
    },
  };
}
