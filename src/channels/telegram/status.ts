import { Api, GrammyError } from "grammy";
import type { StatusMessages } from "../../delivery/status-message.js";
import type { RecordSend } from "../channel.js";
import { MAX_TEXT } from "./render.js";

/**
 * Status messages on Telegram: sendMessage, then editMessageText in place. Its own Api without
 * auto-retry (the caller tries again at its next look), and every call is recorded in the bot's
 * send budget, which edits count against too.
 */
export function createTelegramStatusMessages(opts: {
  token: string;
  apiRoot: string;
  recordSend?: RecordSend;
}): StatusMessages {
  const api = new Api(opts.token, { apiRoot: opts.apiRoot, timeoutSeconds: 30 });
  const recorded = async <T>(chat: string, call: () => Promise<T>): Promise<T> => {
    const done = opts.recordSend?.(chat);
    try {
      return await call();
    } finally {
      done?.();
    }
  };
  return {
    channel: "telegram",
    async post(address, text) {
      const sent = await recorded(address, () => api.sendMessage(Number(address), text.slice(0, MAX_TEXT)));
      return String(sent.message_id);
    },
    async edit(address, ref, text) {
      try {
        await recorded(address, () =>
          api.editMessageText(Number(address), Number(ref), text.slice(0, MAX_TEXT)),
        );
        return "edited";
      } catch (err) {
        if (err instanceof GrammyError && err.error_code === 400) {
          // The same text again is no failure; a message that is gone gets posted anew.
          if (/message is not modified/i.test(err.description)) return "edited";
          if (/message to edit not found|message can't be edited/i.test(err.description)) return "gone";
        }
        throw err;
      }
    },
  };
}
