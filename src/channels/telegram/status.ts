import { Api, GrammyError } from "grammy";
import type { SendKind } from "../../delivery/rate-limiter.js";
import type { StatusMessages } from "../../delivery/status-message.js";
import type { TakeTurn } from "../channel.js";
import { botApiFetch } from "./http-client.js";
import { MAX_TEXT } from "./render.js";

/**
 * Status messages on Telegram: sendMessage, then editMessageText in place. Its own Api without
 * auto-retry (the caller tries again at its next look), and every call takes its turn in the bot's
 * send budget, which edits count against too; the first post is Pandu's own message, so it keeps
 * the per-chat gap to the coordinator's conversation in the same chat.
 */
export function createTelegramStatusMessages(opts: {
  token: string;
  apiRoot: string;
  takeTurn?: TakeTurn;
}): StatusMessages {
  const api = new Api(opts.token, { apiRoot: opts.apiRoot, timeoutSeconds: 30, fetch: botApiFetch });
  const recorded = async <T>(chat: string, kind: SendKind, call: () => Promise<T>): Promise<T> => {
    const done = await opts.takeTurn?.(chat, kind);
    try {
      return await call();
    } finally {
      done?.();
    }
  };
  return {
    channel: "telegram",
    async post(address, text) {
      const sent = await recorded(address, "own", () =>
        api.sendMessage(Number(address), text.slice(0, MAX_TEXT)),
      );
      return String(sent.message_id);
    },
    async edit(address, ref, text) {
      try {
        // An edit is no new message in the chat: it keeps no per-chat gap, only the budget.
        await recorded(address, "reply", () =>
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
