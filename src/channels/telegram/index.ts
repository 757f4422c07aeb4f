import type { RunnerHandle } from "@grammyjs/runner";
import type { Config } from "../../config/config.js";
import type { Route } from "../../http/server.js";
import type { Locale } from "../../i18n/locales.js";
import {
  type ChannelContext,
  type ChannelSetup,
  type CommandMenus,
  channelOutbox,
  replyLocale,
} from "../channel.js";
import {
  ALLOWED_UPDATES,
  createTelegramBot,
  publishChatMenu,
  publishCommands,
  startPolling,
  telegramFileReader,
  telegramWebhook,
} from "./bot.js";
import { createTelegramSender, TELEGRAM_LIMITS } from "./sender.js";
import { createTelegramStatusMessages } from "./status.js";

/** What only Telegram needs besides the channel context. */
export interface TelegramChannelDeps {
  /** The bot's outbox sends a second, across all processes (TELEGRAM_MAX_PER_SECOND). */
  perSecond: number;
  /** Lets services read the files people send (certificates, imports). */
  registerFileReader(read: (fileId: string) => Promise<Uint8Array>): void;
  menus: CommandMenus;
  /** Told the bot's username once it is known (getMe at start-up): deep links are t.me/<username>. */
  onBotKnown?: (username: string) => void;
}

/** Telegram's language code as one of Pandu's locales. */
const localeOf = (code?: string): Locale => (code?.toLowerCase().startsWith("en") ? "en" : "id");

/**
 * The Telegram channel: the bot (webhook when configured, else long polling), its file reader, its
 * command menus, and its outbox dispatcher sharing the bot's send budget with its replies.
 */
export function telegramChannel(
  config: NonNullable<Config["telegram"]>,
  context: ChannelContext,
  deps: TelegramChannelDeps,
): ChannelSetup {
  const { logger } = context;
  const outbox = channelOutbox(
    context.outbox,
    createTelegramSender({
      token: config.token,
      apiRoot: config.apiRoot,
      limits: { ...TELEGRAM_LIMITS, perSecond: deps.perSecond },
    }),
  );
  const bot = createTelegramBot({
    token: config.token,
    apiRoot: config.apiRoot,
    handle: context.handle,
    groupText: (code) => context.translate(localeOf(code), "telegram-group-only"),
    errorText: (who, err) => context.failureText(replyLocale(context, who), err),
    logger: logger.child({ channel: "telegram" }),
    observe: (kind) => context.observe("telegram", kind),
    onRateLimited: () => context.onRateLimited("telegram"),
    // Replies to people count against the bot's limit too, and come first.
    takeTurn: outbox.takeTurn,
    admitGroup: context.admitGroup,
    // Only when polling: behind a webhook a waiting update would hold one of the few connections
    // Telegram sends updates on (40), and the people already talking would wait behind it.
    ...(context.order && !config.webhook ? { order: context.order } : {}),
    busyText: (who) => context.translate(replyLocale(context, who), "busy-please-wait"),
  });
  deps.registerFileReader(telegramFileReader(bot, config.apiRoot, config.token));
  const webhook = config.webhook;
  let runner: RunnerHandle | undefined;
  const routes: Route[] = [];
  if (webhook) {
    const handleWebhook = telegramWebhook(bot, webhook.secret);
    routes.push(async (req, res) => {
      if (req.url?.split("?")[0] !== "/telegram/webhook" || req.method !== "POST") return false;
      await handleWebhook(req, res);
      return true;
    });
  }

  const chatOf = (identityId: string) => Number(identityId.slice("telegram:".length));
  /** Not essential: runs in the background and only logs when it fails. */
  async function publishMenus(): Promise<void> {
    await publishCommands(bot, {
      commands: (["", "id", "en"] as const).map((language) => ({
        language,
        commands: deps.menus.everyone(language === "en" ? "en" : "id"),
      })),
      logger,
    });
    // People with roles (and the bootstrap admins) see their role's commands in their own chat.
    for (const menu of await deps.menus.withRoles("telegram")) {
      await publishChatMenu(bot, chatOf(menu.identityId), menu.commands, logger);
    }
  }

  return {
    name: "telegram",
    routes,
    async start() {
      if (webhook) {
        // Updates then come through the HTTP server, which is up while Pandu is ready.
        await bot.init();
        await bot.api
          .setWebhook(webhook.url, {
            secret_token: webhook.secret,
            allowed_updates: ALLOWED_UPDATES,
          })
          .catch((err) => logger.warn({ err }, "setWebhook failed; set it by hand or restart"));
      } else {
        runner = await startPolling(bot);
      }
      deps.onBotKnown?.(bot.botInfo.username);
      void publishMenus().catch((err) => logger.warn({ err }, "per-role command menus not published"));
      // From now on a chat's menu follows its person: roles granted or revoked, language chosen.
      deps.menus.follow("telegram", (menu) =>
        publishChatMenu(bot, chatOf(menu.identityId), menu.commands, logger),
      );
    },
    async stopIntake() {
      // Webhook updates stop with the HTTP server.
      if (runner?.isRunning()) await runner.stop();
    },
    dispatcher: outbox.dispatcher,
    // Edits count against the bot's budget like any send.
    statusMessages: createTelegramStatusMessages({
      token: config.token,
      apiRoot: config.apiRoot,
      takeTurn: outbox.takeTurn,
    }),
    health() {
      if (webhook) return undefined;
      return runner?.isRunning() ? undefined : "telegram polling stopped";
    },
  };
}
