import type { Update } from "grammy/types";
import { parseCommand } from "../../conversation/parse-command.js";
import type { Inbound, MediaKind } from "../../engine/types.js";

/** A Telegram update reduced to what Pandu needs; undefined for updates it ignores. */
export interface TelegramInbound {
  userId: number;
  chatId: number;
  privateChat: boolean;
  languageCode?: string;
  inbound: Inbound;
  /** The message a pressed button belongs to (edited to show the answer). */
  buttonMessageId?: number;
  /** When that message was sent (Unix seconds); absent when Telegram no longer shows it to the bot. */
  buttonMessageDate?: number;
  /** The person's message (sent or edited), so the adapter knows which of theirs is the latest. */
  messageId?: number;
}

/** Telegram message fields Pandu cannot read, by the kind the reply names (in the person's language). */
const KINDS: [string, MediaKind][] = [
  ["sticker", "sticker"],
  ["photo", "photo"],
  ["document", "document"],
  ["voice", "voice"],
  ["video", "video"],
  ["video_note", "video"],
  ["audio", "audio"],
  ["location", "location"],
  ["contact", "contact"],
  ["animation", "animation"],
  ["poll", "poll"],
];

/**
 * Maps a Telegram update to a channel-neutral inbound message; undefined for what Pandu ignores,
 * such as a command addressed to another bot (`/bantuan@OtherBot`). `me` is the bot's username.
 */
export function normalizeUpdate(update: Update, me: string | undefined): TelegramInbound | undefined {
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
      // An inaccessible message (deleted, or too old for the bot) comes with date 0.
      ...(cq.message?.date ? { buttonMessageDate: cq.message.date } : {}),
    };
  }
  const edited = update.edited_message;
  if (edited) {
    if (!edited.from || edited.from.is_bot) return undefined;
    const text = typeof edited.text === "string" ? edited.text : undefined;
    // An edited command is not run again, and an edited caption is no answer: neither is read.
    const plain = text !== undefined && !parseCommand(text) ? text : undefined;
    return {
      userId: edited.from.id,
      chatId: edited.chat.id,
      privateChat: edited.chat.type === "private",
      languageCode: edited.from.language_code,
      messageId: edited.message_id,
      // `latest` is the adapter's to say: it knows the person's later messages.
      inbound: {
        kind: "edit",
        ...(plain !== undefined ? { text: plain } : {}),
        sentAt: new Date(edited.date * 1000),
        latest: true,
      },
    };
  }
  const m = update.message;
  if (!m?.from || m.from.is_bot) return undefined;
  const base = {
    userId: m.from.id,
    chatId: m.chat.id,
    privateChat: m.chat.type === "private",
    languageCode: m.from.language_code,
    messageId: m.message_id,
  };
  if (typeof m.text === "string") {
    const command = parseCommand(m.text);
    // Telegram usernames are case-insensitive; in a group several bots see every command.
    if (command?.to && command.to.toLowerCase() !== me?.toLowerCase()) return undefined;
    return {
      ...base,
      inbound: command
        ? { kind: "command", command: command.name, args: command.args }
        : { kind: "text", text: m.text },
    };
  }
  if (m.photo && m.photo.length > 0) {
    // Telegram sends every size it made; the last is the largest.
    const best = m.photo[m.photo.length - 1]!;
    return {
      ...base,
      inbound: {
        kind: "file",
        file: {
          kind: "photo",
          channel: "telegram",
          fileId: best.file_id,
          mime: "image/jpeg",
          ...(best.file_size !== undefined ? { size: best.file_size } : {}),
        },
      },
    };
  }
  if (m.document) {
    const d = m.document;
    return {
      ...base,
      inbound: {
        kind: "file",
        file: {
          kind: "document",
          channel: "telegram",
          fileId: d.file_id,
          mime: d.mime_type ?? "application/octet-stream",
          ...(d.file_name ? { name: d.file_name } : {}),
          ...(d.file_size !== undefined ? { size: d.file_size } : {}),
        },
      },
    };
  }
  const kind = KINDS.find(([field]) => field in m);
  return { ...base, inbound: { kind: "unsupported", what: kind?.[1] ?? "message" } };
}
