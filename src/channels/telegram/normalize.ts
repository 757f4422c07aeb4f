import type { Update } from "grammy/types";
import type { Inbound } from "../../engine/types.js";
import { parseCommand } from "../../services/commands.js";

/** A Telegram update reduced to what Pandu needs; undefined for updates it ignores. */
export interface TelegramInbound {
  userId: number;
  chatId: number;
  privateChat: boolean;
  languageCode?: string;
  inbound: Inbound;
  /** The message a pressed button belongs to (edited to show the answer). */
  buttonMessageId?: number;
}

const KINDS: [string, string][] = [
  ["sticker", "stiker"],
  ["photo", "foto"],
  ["document", "berkas"],
  ["voice", "pesan suara"],
  ["video", "video"],
  ["video_note", "video"],
  ["audio", "audio"],
  ["location", "lokasi"],
  ["contact", "kontak"],
  ["animation", "GIF"],
  ["poll", "jajak pendapat"],
];

/** Maps a Telegram update to a channel-neutral inbound message. */
export function normalizeUpdate(update: Update): TelegramInbound | undefined {
  const cq = update.callback_query;
  if (cq) {
    const chat = cq.message?.chat;
    return {
      userId: cq.from.id,
      chatId: chat?.id ?? cq.from.id,
      privateChat: chat ? chat.type === "private" : true,
      languageCode: cq.from.language_code,
      inbound: { kind: "button", data: (cq.data ?? "").slice(0, 64) },
      buttonMessageId: cq.message?.message_id,
    };
  }
  const m = update.message;
  if (!m?.from || m.from.is_bot) return undefined;
  const base = {
    userId: m.from.id,
    chatId: m.chat.id,
    privateChat: m.chat.type === "private",
    languageCode: m.from.language_code,
  };
  if (typeof m.text === "string") {
    const command = parseCommand(m.text);
    return {
      ...base,
      inbound: command
        ? { kind: "command", command: command.name, args: command.args }
        : { kind: "text", text: m.text },
    };
  }
  const kind = KINDS.find(([field]) => field in m);
  return { ...base, inbound: { kind: "unsupported", what: kind?.[1] ?? "pesan ini" } };
}
