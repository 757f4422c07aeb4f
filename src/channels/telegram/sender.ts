import { Api, GrammyError, HttpError } from "grammy";
import type { DeliveryMessage } from "../../db/models/index.js";
import type { ChannelSender, SendOutcome } from "../../delivery/sender.js";
import { botApiFetch } from "./http-client.js";
import { keyboard, MAX_CAPTION, splitText } from "./render.js";

/** Bot API limits for bulk sends: about 30 messages a second overall, 1 a second per chat. */
export const TELEGRAM_LIMITS = { perSecond: 30, perChatMs: 1_000 };

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
  const api = new Api(opts.token, { apiRoot: opts.apiRoot, timeoutSeconds: 30, fetch: botApiFetch });
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
    partsOf: (message) =>
      message.attachment && !splitsCaption(message)
        ? 1
        : (message.attachment ? 1 : 0) + splitText(message.text).length,
    /**
     * A message with a file goes as one sendPhoto/sendDocument with the text as caption. A text
     * longer than a caption goes in two calls, the file first and then the text, because:
     * the file is the call that can be refused on its own (an expired file_id, a blocked bot), so a
     * refusal comes before anything arrived and the delivery is rightly counted as failed; the
     * reader sees the same order as a short caption (file, then words); and the text keeps its
     * buttons at the bottom. A text over 4,096 characters goes as several messages, split at a
     * paragraph or line break, never cut. If a later call fails, the outcome says how many parts
     * arrived (`partsSent`) and the retry sends only the rest. Only a crash between two calls
     * (the send lease lapses) sends a part again; that resend is counted like any other.
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
        // The file (if any), then the text in parts Telegram accepts, its buttons under the last;
        // a retry after a failure resumes at the first part that did not go.
        const calls = [
          ...(file ? [() => sendFile(chat, file, {})] : []),
          ...splitText(message.text).map(
            (part, i, all) => () => api.sendMessage(chat, part, i === all.length - 1 ? extra : {}),
          ),
        ];
        for (let k = partsSent; k < calls.length; k++) {
          await calls[k]!();
          partsSent = k + 1;
        }
        return { kind: "sent" };
      } catch (err) {
        const outcome = classifyTelegramError(err);
        return partsSent > 0 ? { ...outcome, partsSent } : outcome;
      }
    },
  };
}
