import { webApi } from "@slack/bolt";
import type { DeliveryMessage } from "../../db/models/index.js";
import type { ChannelSender, SendOutcome } from "../../delivery/sender.js";
import { createFileCache, type FileRef } from "./file-cache.js";
import { fitsComment, slackMessages, slackText } from "./render.js";

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

/** The direct-message channels opened for user ids are remembered, up to this many. */
const MAX_DM_CHANNELS = 10_000;

/** A user id (a person's address), whose direct message must be opened for a file upload. */
const USER_ID = /^[UW][A-Z0-9]+$/;

/** The name a file is uploaded under when its platform gave none (a Telegram photo has none). */
const nameOf = (file: NonNullable<DeliveryMessage["attachment"]>) =>
  file.filename ?? (file.kind === "photo" ? "foto.jpg" : "lampiran");

/**
 * Sends outbox messages to Slack direct messages (the address is the user id, which opens the
 * bot's DM) or to a channel (the address is its id). Its own WebClient without retries: the
 * dispatcher decides about waits and backoff.
 *
 * A message's attachment is a platform's reference (a Slack file id, or a Telegram file_id): Slack
 * cannot send a file again by reference, so its bytes are read through `readFile` (the app's file
 * readers, which know every platform) and uploaded into the conversation through the external
 * upload flow, the text as the file's comment when it fits and has no buttons, else as messages
 * after the file. The bytes are kept a short while (file-cache.ts), so a broadcast reads its file
 * once. A file that cannot be read (deleted, too large, no reader) or that Slack refuses is
 * logged, and the text goes alone with the attachment's note in its place: never a stuck delivery.
 */
export function createSlackSender(opts: {
  botToken: string;
  apiUrl: string;
  readFile?: (file: FileRef) => Promise<Uint8Array>;
  logger?: { warn(obj: object, msg: string): void };
  now?: () => number;
}): ChannelSender {
  const client = new webApi.WebClient(opts.botToken, {
    slackApiUrl: opts.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const readFile = opts.readFile;
  // Each failed read is logged once: the cache remembers it, so the next recipients do not read again.
  const files = createFileCache({
    ...(opts.now ? { now: opts.now } : {}),
    read: async (file) => {
      if (!readFile) throw new Error(`no file reader for ${file.channel}`);
      try {
        return await readFile(file);
      } catch (err) {
        opts.logger?.warn(
          { err, file: file.fileId, from: file.channel },
          "broadcast file not readable; the text goes with a note",
        );
        throw err;
      }
    },
  });
  const dmChannels = new Map<string, string>();
  /** Where a file goes: a user's direct message (Slack's upload takes no user id), or the channel. */
  async function conversationOf(address: string): Promise<string> {
    if (!USER_ID.test(address)) return address;
    const known = dmChannels.get(address);
    if (known) return known;
    const opened = await client.conversations.open({ users: address });
    const id = opened.channel?.id;
    if (!id) throw new Error("conversations.open returned no channel");
    if (dmChannels.size >= MAX_DM_CHANNELS) dmChannels.delete(dmChannels.keys().next().value!);
    dmChannels.set(address, id);
    return id;
  }
  /** Whether the text rides as the file's comment: a comment is plain text, without buttons. */
  const commented = (message: DeliveryMessage) => !message.choices && fitsComment(message.text);
  /** The messages of a text: one, unless it is longer than one holds. */
  const messagesOf = (message: DeliveryMessage) =>
    slackMessages({ text: message.text, ...(message.choices ? { choices: message.choices } : {}) });
  /** The same message without its file, the note saying what became of it. */
  const withoutFile = ({ attachment, ...rest }: DeliveryMessage): DeliveryMessage => ({
    ...rest,
    text: attachment?.note ? `${rest.text}\n\n${attachment.note}` : rest.text,
  });

  /** Whether the file can be read (from the cache while it keeps the answer). */
  const readable = (file: NonNullable<DeliveryMessage["attachment"]>) =>
    files.get({ channel: file.channel ?? "slack", fileId: file.fileId }).then(
      () => true,
      () => false,
    );

  /**
   * Uploads the file, with the text as comment when `comment`; false when it cannot go (not
   * readable, or refused by Slack), which the caller answers with the text and the note.
   * Rate limits and Slack's own failures are thrown, for the dispatcher to retry.
   */
  async function upload(address: string, message: DeliveryMessage, comment: boolean): Promise<boolean> {
    const file = message.attachment!;
    let bytes: Uint8Array;
    try {
      bytes = await files.get({ channel: file.channel ?? "slack", fileId: file.fileId });
    } catch {
      return false;
    }
    try {
      await client.files.uploadV2({
        channel_id: await conversationOf(address),
        file: Buffer.from(bytes),
        filename: nameOf(file),
        ...(comment ? { initial_comment: slackText(message.text) } : {}),
      });
      return true;
    } catch (err) {
      const outcome = classifySlackError(err);
      if (outcome.kind !== "rejected") throw err;
      opts.logger?.warn(
        { err, file: file.fileId },
        "slack refused the broadcast file; the text goes with a note",
      );
      return false;
    }
  }

  return {
    channel: "slack",
    limits: SLACK_LIMITS,
    // The upload's three calls make one file in the conversation: one send, as a message is.
    partsOf: (message) =>
      message.attachment
        ? commented(message)
          ? 1
          : 1 + messagesOf(message).length
        : messagesOf(message).length,
    async send(address: string, message: DeliveryMessage, progress): Promise<SendOutcome> {
      // Escaped as replies are: a broadcast's text is a coordinator's, never markup. A long text
      // goes in parts; a retry after a failure resumes at the first part that did not go (the
      // file, when there is one, is the first part).
      let partsSent = progress?.partsSent ?? 0;
      try {
        let text: DeliveryMessage = message;
        if (message.attachment) {
          const { attachment: _, ...bare } = message;
          text = bare;
          if (partsSent === 0) {
            const comment = commented(message);
            const uploaded = await upload(address, message, comment);
            partsSent = 1;
            if (uploaded && comment) return { kind: "sent" };
            if (!uploaded) text = withoutFile(message);
          } else if (!(await readable(message.attachment))) {
            // A retry after the file's turn: the note goes with the text if the file could not.
            text = withoutFile(message);
          }
        }
        const messages = messagesOf(text);
        const first = message.attachment ? 1 : 0;
        for (let k = partsSent - first; k < messages.length; k++) {
          await client.chat.postMessage({ channel: address, ...messages[k]! });
          partsSent = k + 1 + first;
        }
        return { kind: "sent" };
      } catch (err) {
        const outcome = classifySlackError(err);
        return partsSent > 0 ? { ...outcome, partsSent } : outcome;
      }
    },
  };
}
