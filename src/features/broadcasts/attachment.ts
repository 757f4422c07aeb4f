import { z } from "zod";
import type { BroadcastAttachment } from "../../db/models/index.js";

/**
 * The largest file whose bytes a broadcast reads (the Slack and Telegram file readers' limit):
 * a file on Slack goes out only by being read and uploaded again, so a larger one is refused at
 * the attachment step rather than turning into a note for everyone at sending.
 */
export const ATTACHMENT_READ_MAX_BYTES = 5_000_000;

/** The file answer of the flow's attachment step, checked before it is carried into a broadcast. */
const attachmentAnswer = z.object({
  kind: z.enum(["photo", "document"]),
  channel: z.string().min(1),
  fileId: z.string().min(1).max(300),
  mime: z.string().max(200).optional(),
  name: z.string().max(255).optional(),
  size: z.number().int().nonnegative().optional(),
});

/** The file of a broadcast from the flow's answers, if the coordinator attached one. */
export function attachmentOf(answers: Record<string, unknown>): BroadcastAttachment | undefined {
  const parsed = attachmentAnswer.safeParse(answers.attachment);
  if (!parsed.success) return undefined;
  const f = parsed.data;
  return {
    kind: f.kind,
    channel: f.channel,
    fileId: f.fileId,
    ...(f.name ? { filename: f.name } : {}),
    ...(f.mime ? { mime: f.mime } : {}),
  };
}

/** Whether the attached file is one that can only go out by being read, and is too large to read. */
export function attachmentTooLarge(answers: Record<string, unknown>): boolean {
  const parsed = attachmentAnswer.safeParse(answers.attachment);
  return (
    parsed.success && parsed.data.channel === "slack" && (parsed.data.size ?? 0) > ATTACHMENT_READ_MAX_BYTES
  );
}

/**
 * Whether a recipient reached on `recipientChannel` gets the file itself: on its own platform
 * (Telegram sends its file_id again), and on Slack from any platform, whose sender reads the
 * bytes through the file readers and uploads them. Telegram cannot send a Slack file by reference,
 * so people there get the text with a note.
 */
export function carriesFile(recipientChannel: string | undefined, fileChannel: string): boolean {
  return recipientChannel === fileChannel || recipientChannel === "slack";
}
