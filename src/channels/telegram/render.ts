import type { InlineKeyboardMarkup } from "grammy/types";
import type { Choice } from "../../engine/types.js";
import { splitAtBreaks } from "../split-text.js";

/** Telegram's limits: 4096 characters a message, 64 bytes of callback data. */
export const MAX_TEXT = 4096;
/** The Bot API takes at most 1024 characters as a photo's or document's caption. */
export const MAX_CAPTION = 1024;

/** Inline keyboard rows from channel-neutral choices. */
export function keyboard(choices: Choice[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!choices?.length) return undefined;
  return {
    inline_keyboard: choices.map((row) =>
      row.map((c) =>
        c.url
          ? { text: c.label.slice(0, 64), url: c.url }
          : { text: c.label.slice(0, 64), callback_data: c.data },
      ),
    ),
  };
}

/** Splits a long text at paragraph or line breaks into messages Telegram accepts. */
export function splitText(text: string, max = MAX_TEXT): string[] {
  return splitAtBreaks(text, max);
}
