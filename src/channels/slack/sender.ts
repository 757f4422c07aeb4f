import { webApi } from "@slack/bolt";
import type { DeliveryMessage } from "../../db/models/index.js";
import type { ChannelSender, SendOutcome } from "../../delivery/sender.js";
import { slackMessages } from "./render.js";

/** Slack allows about one message a second per channel; overall we stay well inside its tiers. */
export const SLACK_LIMITS = { perSecond: 20, perChatMs: 1_000 };

/** Errors that mean the person cannot be reached on Slack any more. */
const UNREACHABLE = new Set([
  "account_inactive",
  "user_not_found",
  "channel_not_found",
  "is_archived",
  "not_in_channel",
  "cannot_dm_bot",
  "user_disabled",
  "team_access_not_granted",
]);

/** Slack's answer to one send, as the dispatcher needs it. */
export function classifySlackError(err: unknown): Exclude<SendOutcome, { kind: "sent" }> {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
  if (e.code === webApi.ErrorCode.RateLimitedError) {
    return { kind: "rate-limited", retryAfterMs: (e.retryAfter ?? 1) * 1_000, error: "ratelimited" };
  }
  if (e.code === webApi.ErrorCode.PlatformError) {
    const code = e.data?.error ?? "unknown";
    if (code === "ratelimited") return { kind: "rate-limited", retryAfterMs: 1_000, error: code };
    if (UNREACHABLE.has(code)) return { kind: "unreachable", error: code };
    if (code === "fatal_error" || code === "internal_error" || code === "service_unavailable")
      return { kind: "transient", error: code };
    return { kind: "rejected", error: code };
  }
  return { kind: "transient", error: e.message ?? String(err) };
}

/**
 * Sends outbox messages to Slack direct messages (the address is the user id, which opens the
 * bot's DM) or to a channel (the address is its id). Its own WebClient without retries: the
 * dispatcher decides about waits and backoff. A message's attachment is a Telegram file_id, which
 * means nothing to Slack: it is never sent here (a broadcast puts a note in the text instead).
 */
export function createSlackSender(opts: { botToken: string; apiUrl: string }): ChannelSender {
  const client = new webApi.WebClient(opts.botToken, {
    slackApiUrl: opts.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  /** The messages an outbox message takes: one, unless its text is longer than one holds. */
  const messagesOf = (message: DeliveryMessage) =>
    slackMessages({ text: message.text, ...(message.choices ? { choices: message.choices } : {}) });
  return {
    channel: "slack",
    limits: SLACK_LIMITS,
    partsOf: (message) => messagesOf(message).length,
    async send(address: string, message: DeliveryMessage, progress): Promise<SendOutcome> {
      // Escaped as replies are: a broadcast's text is a coordinator's, never markup. A long text
      // goes in parts; a retry after a failure resumes at the first part that did not go.
      let partsSent = progress?.partsSent ?? 0;
      try {
        const messages = messagesOf(message);
        for (let k = partsSent; k < messages.length; k++) {
          await client.chat.postMessage({ channel: address, ...messages[k]! });
          partsSent = k + 1;
        }
        return { kind: "sent" };
      } catch (err) {
        const outcome = classifySlackError(err);
        return partsSent > 0 ? { ...outcome, partsSent } : outcome;
      }
    },
  };
}
