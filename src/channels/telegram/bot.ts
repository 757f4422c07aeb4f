import { autoRetry } from "@grammyjs/auto-retry";
import { type RunnerHandle, run, sequentialize } from "@grammyjs/runner";
import { Bot, type Context, InputFile, webhookCallback } from "grammy";
import type { Logger } from "pino";
import type { ConversationOrder } from "../../conversation/conversation-order.js";
import type { IncomingIdentity } from "../../conversation/router.js";
import type { Outbound } from "../../engine/types.js";
import type { Handle, TakeTurn } from "../channel.js";
import { createProgressNotes } from "../progress-notes.js";
import { SeenIds } from "../seen-ids.js";
import { botApiFetch } from "./http-client.js";
import { normalizeUpdate } from "./normalize.js";
import { keyboard, MAX_CAPTION, MAX_TEXT, splitText } from "./render.js";

/** The status Telegram shows while slow work prepares what comes: a text, a file or a picture. */
const CHAT_ACTIONS = { text: "typing", document: "upload_document", photo: "upload_photo" } as const;

export interface TelegramDeps {
  token: string;
  apiRoot: string;
  handle: Handle;
  /** Text for a group chat: Pandu talks about personal data only in private chats. */
  groupText: (languageCode?: string) => string;
  /** What to tell a person when their message could not be handled (by the kind of failure). */
  errorText: (who: IncomingIdentity, err: unknown) => string;
  /** What to tell a person whose first message waits its turn (see `order`); nothing without it. */
  busyText?: (who: IncomingIdentity) => string;
  logger: Logger;
  /**
   * Told when an update from a person is taken up, with its kind (text, command, button…); the
   * returned function is called once its replies are out (metrics, and a graceful stop waits).
   */
  observe?: (kind: string) => () => void;
  /** Told of every 429 the Bot API answered a reply with (auto-retry then waits and tries again). */
  onRateLimited?: () => void;
  /**
   * Takes each message sent or edited in a chat its turn in the bot's send budget, which the outbox
   * shares: a reply waits only where Pandu's own sends would get it refused.
   */
  takeTurn?: TakeTurn;
  /**
   * Whether a command in a group chat may be answered (counted per chat and per person); every
   * one is answered without it.
   */
  admitGroup?: (who: IncomingIdentity, chat: string) => boolean;
  /**
   * Who is answered first when more people write than the machine can answer promptly: private
   * chats' updates run through it. Without it every update is answered at once.
   */
  order?: ConversationOrder;
}

/** Command menus, per language code ("" for the default). */
export type CommandMenus = {
  language: "" | "id" | "en";
  commands: { command: string; description: string }[];
}[];

/** A pressed question younger than this is edited alongside the replies after it (see `answer`). */
const EDIT_ALONGSIDE_SECONDS = 24 * 3600;

/**
 * Whether the question a button was on may be edited while the next messages go. An older one
 * may no longer be editable: its edit is awaited, and if it fails the answer is sent as a message
 * of its own, before the next question.
 */
export function editsAlongside(sentAt: number | undefined, nowMs: number): boolean {
  return sentAt !== undefined && nowMs / 1000 - sentAt < EDIT_ALONGSIDE_SECONDS;
}

/** Builds the grammY bot: normalise, hand to the conversation service, render the replies. */
export function createTelegramBot(deps: TelegramDeps): Bot {
  const bot = new Bot(deps.token, { client: { apiRoot: deps.apiRoot, fetch: botApiFetch } });
  // Installed first, so it sits inside auto-retry and sees every 429, also those retried away.
  const onRateLimited = deps.onRateLimited;
  if (onRateLimited)
    bot.api.config.use(async (prev, method, payload, signal) => {
      const res = await prev(method, payload, signal);
      if (!res.ok && res.error_code === 429) onRateLimited();
      return res;
    });
  // Replies retry on 429 and 5xx; scheduled sends go through the outbox instead.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10 }));
  // Installed last, so outside auto-retry: a reply is one send in the budget, however often it
  // was retried, and it holds its place there until its final answer came.
  const takeTurn = deps.takeTurn;
  if (takeTurn)
    bot.api.config.use(async (prev, method, payload, signal) => {
      const chat = (payload as { chat_id?: number | string }).chat_id;
      // A chat action ("sending a file…") is no message: it takes nothing from the budget.
      const counted = /^(send|edit)/.test(method) && method !== "sendChatAction";
      const done = chat !== undefined && counted ? await takeTurn(String(chat), "reply") : undefined;
      try {
        return await prev(method, payload, signal);
      } finally {
        done?.();
      }
    });
  // One update at a time per chat, so answers are taken in the order they were given.
  bot.use(sequentialize((ctx: Context) => String(ctx.chat?.id ?? ctx.from?.id ?? "")));

  const seen = new SeenIds();
  const latest = new LatestMessages();
  bot.use(async (ctx) => {
    if (!seen.first(ctx.update.update_id)) return;
    const n = normalizeUpdate(ctx.update, ctx.me.username);
    if (!n) return;
    if (n.inbound.kind === "edit") n.inbound.latest = latest.isLatest(n.chatId, n.messageId);
    else if (n.messageId !== undefined) latest.saw(n.chatId, n.messageId);
    const done = deps.observe?.(n.privateChat ? n.inbound.kind : "group");
    const log = deps.logger.child({ update: ctx.update.update_id, user: n.userId });
    // The press is acknowledged while the answer is worked out (or waits its turn), not before:
    // the spinner stops as soon as Telegram hears back, and the reply never waits behind it.
    const acknowledged = ctx.callbackQuery
      ? ctx.answerCallbackQuery().catch((err) => log.warn({ err }, "answerCallbackQuery failed"))
      : undefined;
    const who: IncomingIdentity = {
      id: `telegram:${n.userId}`,
      channel: "telegram",
      languageHint: n.languageCode,
    };
    try {
      const order = n.privateChat ? deps.order : undefined;
      if (!order) await answer(ctx, n, who, log);
      else
        await order.run(
          who.id,
          () => answer(ctx, n, who, log),
          () => {
            if (!deps.busyText) return;
            ctx.api
              .sendMessage(n.chatId, deps.busyText(who))
              .catch((err) => log.warn({ err }, "telling a waiting person failed"));
          },
        );
    } finally {
      // Settled before the update counts as handled, so a failed acknowledgement is still logged here.
      await acknowledged;
      done?.();
    }
  });

  /** Hands one normalised update to the conversation service and sends its replies. */
  async function answer(
    ctx: Context,
    n: NonNullable<ReturnType<typeof normalizeUpdate>>,
    who: IncomingIdentity,
    log: Logger,
  ): Promise<void> {
    /** Edits of the answered question still on their way (see below). */
    const edits: Promise<unknown>[] = [];
    try {
      if (!n.privateChat) {
        if (n.inbound.kind !== "command") return;
        // The router's limits never see a group (nothing there reaches it): a busy group or one
        // person typing commands in it would otherwise make Pandu post the invitation each time.
        if (deps.admitGroup && !deps.admitGroup(who, String(n.chatId))) return;
        await ctx.reply(deps.groupText(n.languageCode));
        return;
      }
      // Slow work says so at once, and the chat shows "sending a file…" while it goes on. A note
      // that replaces an earlier one (an import's count) edits that message in place.
      const notes = new Map<string, number>();
      const { progress, settled } = createProgressNotes(async (note) => {
        try {
          const earlier = note.replace ? notes.get(note.replace) : undefined;
          const edited =
            earlier !== undefined &&
            (await ctx.api.editMessageText(n.chatId, earlier, note.text).then(
              () => true,
              (err) => {
                log.debug({ err }, "editing a progress note failed, sending it instead");
                return false;
              },
            ));
          if (!edited) {
            const sent = await ctx.api.sendMessage(n.chatId, note.text);
            if (note.replace) notes.set(note.replace, sent.message_id);
          }
          if (note.preparing) await ctx.api.sendChatAction(n.chatId, CHAT_ACTIONS[note.preparing]);
        } catch (err) {
          log.warn({ err }, "sending a progress note failed; the work goes on");
        }
      });
      let replies: Outbound[];
      try {
        replies = await deps.handle(who, n.inbound, progress);
      } catch (err) {
        log.error({ err }, "handling update failed");
        replies = [{ text: deps.errorText(who, err) }];
      }
      await settled();
      const alongside = editsAlongside(n.buttonMessageDate, Date.now());
      for (const [index, reply] of replies.entries()) {
        // An answer too long for one message is sent in parts below rather than cut into the prompt.
        if (reply.replacesPrompt && n.buttonMessageId !== undefined && reply.text.length <= MAX_TEXT) {
          const edit = ctx.api.editMessageText(n.chatId, n.buttonMessageId, reply.text, {
            reply_markup: keyboard(reply.choices) ?? { inline_keyboard: [] },
          });
          // The answered question shows its answer while the next question goes: an edit changes
          // a message in place, so the chat's order is the same, and the next question no longer
          // waits a round trip to Telegram behind it.
          if (alongside && index < replies.length - 1) {
            edits.push(edit.catch((err) => log.warn({ err }, "showing the answer on its question failed")));
            continue;
          }
          try {
            await edit;
            continue;
          } catch (err) {
            // "message is not modified" or too old to edit: send it as a new message instead.
            log.debug({ err }, "edit failed, sending instead");
          }
        }
        if (reply.media) {
          const file = new InputFile(reply.media.bytes, reply.media.filename);
          // A text longer than a caption follows the file as messages of its own, whole.
          const captioned = reply.text.length <= MAX_CAPTION;
          const other = captioned && reply.text ? { caption: reply.text } : {};
          const send =
            reply.media.kind === "photo"
              ? ctx.api.sendPhoto(n.chatId, file, other)
              : ctx.api.sendDocument(n.chatId, file, other);
          const sent = await send.then(
            () => true,
            (err) => {
              log.warn({ err }, "sending media failed; the text still goes");
              return false;
            },
          );
          if (sent && captioned) continue;
        }
        const parts = splitText(reply.text);
        for (const [i, part] of parts.entries()) {
          // No parse_mode: what people typed is never read as markup.
          await ctx.api.sendMessage(n.chatId, part, {
            reply_markup: i === parts.length - 1 ? keyboard(reply.choices) : undefined,
          });
        }
      }
    } finally {
      // Settled before the update counts as handled, so a failed edit is still logged here.
      await Promise.all(edits);
    }
  }

  bot.catch((err) => deps.logger.error({ err: err.error }, "telegram middleware error"));
  return bot;
}

/**
 * Sets everyone's command menus, per language, for private chats only: groups get no personal
 * commands (Pandu answers them only with an invitation to a private chat). The menus an earlier
 * version set as the bot's default, which groups showed, are deleted first. A failure is logged
 * and never stops Pandu.
 */
export async function publishCommands(
  bot: Bot,
  deps: { commands: CommandMenus; logger: Logger },
): Promise<void> {
  for (const menu of deps.commands) {
    const language = menu.language ? { language_code: menu.language } : {};
    await bot.api
      .deleteMyCommands(language)
      .catch((err) => deps.logger.warn({ err, language: menu.language }, "deleting the default menu failed"));
    try {
      await bot.api.setMyCommands(menu.commands, { scope: { type: "all_private_chats" }, ...language });
    } catch (err) {
      deps.logger.warn({ err, language: menu.language }, "setMyCommands failed; menus stay as they were");
    }
  }
}

/**
 * Sets one chat's own menu (a person with roles sees their role's commands there), or deletes it
 * when `commands` is null, so the private-chat menu shows again. A failure is logged only.
 */
export async function publishChatMenu(
  bot: Bot,
  chatId: number,
  commands: { command: string; description: string }[] | null,
  logger: Logger,
): Promise<void> {
  const scope = { scope: { type: "chat" as const, chat_id: chatId } };
  try {
    if (commands) await bot.api.setMyCommands(commands, scope);
    else await bot.api.deleteMyCommands(scope);
  } catch (err) {
    logger.warn(
      { err, chatId },
      commands ? "setMyCommands for a chat failed" : "deleteMyCommands for a chat failed",
    );
  }
}

/** The updates Pandu asks Telegram for: messages, their edits, and button presses. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query"] as const;

/** Long polling through grammY's runner; returns a handle to stop it. */
export async function startPolling(bot: Bot): Promise<RunnerHandle> {
  await bot.init();
  await bot.api.deleteWebhook().catch(() => {});
  return run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
}

/**
 * The newest message each person sent per chat, kept in this process (at most `max` chats, the
 * oldest forgotten first): an edit of anything older is not the answer to the open question.
 * A chat not seen since start-up counts as latest; the flow's own check still applies.
 */
class LatestMessages {
  private readonly last = new Map<number, number>();
  constructor(private readonly max = 10_000) {}
  saw(chat: number, messageId: number): void {
    this.last.delete(chat);
    this.last.set(chat, messageId);
    if (this.last.size > this.max) this.last.delete(this.last.keys().next().value!);
  }
  isLatest(chat: number, messageId: number | undefined): boolean {
    const last = this.last.get(chat);
    return last === undefined || messageId === undefined || messageId >= last;
  }
}

/** The webhook handler for node:http, refusing requests without the secret header (401). */
export function telegramWebhook(bot: Bot, secret: string) {
  return webhookCallback(bot, "http", {
    secretToken: secret,
    onTimeout: "return",
    timeoutMilliseconds: 9_000,
  });
}

/** Reads a file a person sent, through the Bot API's getFile and file download URL. */
export function telegramFileReader(bot: Bot, apiRoot: string, token: string, maxBytes = 5_000_000) {
  return async (fileId: string): Promise<Uint8Array> => {
    const file = await bot.api.getFile(fileId);
    if (!file.file_path) throw new Error("Telegram gave no file path");
    if ((file.file_size ?? 0) > maxBytes) throw new Error(`file larger than ${maxBytes} bytes`);
    const res = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`);
    if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > maxBytes) throw new Error(`file larger than ${maxBytes} bytes`);
    return bytes;
  };
}
