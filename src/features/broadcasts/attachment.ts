import { z } from "zod";
import type { BroadcastAttachment } from "../../db/models/index.js";

/** The file answer of the flow's attachment step, checked before it is carried into a broadcast. */
const attachmentAnswer = z.object({
  kind: z.enum(["photo", "document"]),
  channel: z.string().min(1),
  fileId: z.string().min(1).max(300),
  mime: z.string().max(200).optional(),
  name: z.string().max(255).optional(),
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
