import { type App, appSettingsOf, createApp } from "../../src/app.js";
import type { ChannelContext, ChannelSetup } from "../../src/channels/channel.js";
import { commandMenus } from "../../src/channels/menus.js";
import { telegramChannel } from "../../src/channels/telegram/index.js";
import { type Config, parseConfig } from "../../src/config/config.js";
import { conversationOrderFor } from "../../src/conversation/conversation-order.js";
import type { IncomingIdentity } from "../../src/conversation/router.js";
import type { Database } from "../../src/db/connection.js";
import { isDatabaseUnavailable } from "../../src/db/repositories/errors.js";
import { INSTANCE_ID } from "../../src/delivery/runtime.js";
import type { Translate } from "../../src/engine/text.js";
import type { Inbound } from "../../src/engine/types.js";
import { createMetrics } from "../../src/http/metrics.js";
import type { Locale } from "../../src/i18n/locales.js";
import { createWorkTracker } from "../../src/lifecycle.js";
import { createLogger } from "../../src/logging/logger.js";
import { createAppScheduler } from "../../src/scheduler/app-scheduler.js";
import { seedCoursesIfEmpty } from "../../src/services/course-seed.js";
import { seedDemoIfEmpty } from "../../src/services/demo-seed.js";
import { type SentMessage, TelegramEmulator } from "../support/telegram-emulator.js";

/** One command's round trip through the Telegram adapter. */
export interface TimedReply {
  /** From the emulator handing the update to getUpdates until it received the last reply. */
  ms: number;
  /** Every message the bot sent in the chat for it, in order. */
  replies: SentMessage[];
  /** The handler threw (the person got the apology instead of an answer). */
  failed: boolean;
}

/** Pandu serving Telegram through a local Bot API emulator, as `main.ts` wires it. */
export interface TelegramPandu {
  app: App;
  emulator: TelegramEmulator;
  config: Config;
  /** Sends `text` as Telegram user `chat` and resolves once all its replies are in. One at a time. */
  time(chat: number, text: string): Promise<TimedReply>;
  /** Presses the button `data` under message `messageId`; resolves once Pandu has handled it. */
  press(chat: number, messageId: number, data: string): Promise<TimedReply>;
  /** Stops taking updates, lets the dispatcher finish and stops the emulator. */
  stop(): Promise<void>;
}

/** Pandu wired to some Bot API root, as `main.ts` wires it; the emulator is the caller's. */
export interface WiredPandu {
  app: App;
  config: Config;
  /** Updates whose handler threw so far (the person got the apology instead of an answer). */
  failures(): number;
  /** Called whenever Pandu finished handling an update (its replies are out). */
  onHandled?: () => void;
  /** Stops taking updates, lets the dispatcher finish and releases the leases. */
  stop(): Promise<void>;
}

/** Options shared by both ways of starting Pandu for a benchmark. */
export interface PanduOptions {
  database: Database;
  translate: Translate;
  now?: () => Date;
  prepare?: (app: App) => Promise<void>;
  logLevel?: string;
  /** Environment beside the token and API root (a load test raises the per-person flood limit). */
  env?: Record<string, string>;
  /** Also run the scheduler's cron jobs, as main.ts does (SCHEDULER_ENABLED in the environment does too). */
  jobs?: boolean;
  /** Wraps the handling of every update (a benchmark counts each one's database commands). */
  aroundHandle?: <T>(who: IncomingIdentity, inbound: Inbound, work: () => Promise<T>) => Promise<T>;
}

/**
 * Starts Pandu on `database` the way `src/main.ts` does (configuration from a production
 * environment with only the bot token and API root set, the app built with those settings, the
 * demo seeds, the catalog warmed, the Telegram channel with its metrics, failure texts, command
 * menus and outbox dispatcher, a broadcast's progress in its coordinator's chat, and the scheduler's
 * cron jobs with `jobs` or when the configuration enables them, SCHEDULER_ENABLED), talking to the
 * Bot API at `apiRoot`. What main.ts does beyond that is left out: the HTTP server and Slack.
 *
 * `prepare` runs after the app is built and before anything is served: a benchmark puts its
 * data there, as an agency's database is full before Pandu starts. `now` replaces the clock.
 */
export async function wireTelegramPandu(opts: PanduOptions & { apiRoot: string }): Promise<WiredPandu> {
  const config = parseConfig({
    TELEGRAM_BOT_TOKEN: "123456:BENCH-token-for-the-emulator_000",
    TELEGRAM_API_ROOT: opts.apiRoot,
    ...opts.env,
  });
  const telegram = config.telegram!;
  const { translate } = opts;
  const logger = createLogger(opts.logLevel ?? "warn");
  const metrics = createMetrics();
  const work = createWorkTracker();

  // The app exactly as main.ts builds it from the configuration, with the benchmark's clock.
  const app = createApp({
    database: opts.database,
    translate,
    ...appSettingsOf(config),
    instanceId: INSTANCE_ID,
    onFlowStep: (flowId) => metrics.flowSteps(flowId),
    ...(opts.now ? { now: opts.now } : {}),
  });
  await opts.prepare?.(app);
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await seedCoursesIfEmpty(app.courseCatalog, app.repos.courses.count, app.courseSeedFile);
  // main.ts starts this load without waiting; people write only after it is done.
  await app.courseCatalog.all();

  let failures = 0;
  const counted = metrics.countingFailures(app.conversations.handle);
  const around =
    opts.aroundHandle ?? (<T>(_w: IncomingIdentity, _i: Inbound, work: () => Promise<T>) => work());
  const wired: WiredPandu = {
    app,
    config,
    failures: () => failures,
    async stop() {
      await channel.stopIntake();
      await scheduler?.stop(Date.now() + 10_000);
      await app.broadcastProgress.stop();
      await work.idle(Date.now() + 10_000);
      await channel.dispatcher.stop(Date.now() + 10_000);
      await app.releaseLeases();
    },
  };
  const order = conversationOrderFor(config.busyTargetMs);
  const context: ChannelContext = {
    handle: async (who, inbound, progress) => {
      try {
        return await around(who, inbound, () => counted(who, inbound, progress));
      } catch (err) {
        failures++;
        throw err;
      }
    },
    translate,
    admitGroup: app.conversations.admitGroup,
    failureText: (locale: Locale, err: unknown) =>
      translate(locale, isDatabaseUnavailable(err) ? "error-db-unavailable" : "error-generic"),
    logger,
    observe: (channel, kind) => {
      const stopClock = metrics.update(channel, kind);
      const done = work.begin();
      return () => {
        stopClock();
        done();
        wired.onHandled?.();
      };
    },
    onRateLimited: (channel) => metrics.rateLimited(channel, "reply"),
    ...(order ? { order } : {}),
    outbox: {
      repos: app.repos,
      leaseSeconds: config.outbox.leaseSeconds,
      sendLeaseSeconds: config.outbox.sendLeaseSeconds,
      events: { error: (err) => logger.error({ err }, "outbox dispatcher failed") },
    },
  };
  const menus = commandMenus({
    repos: app.repos,
    adminIds: config.adminIds,
    commandsFor: app.registry.commandsFor,
    translate,
    logger,
    onRolesChanged: (listener) => app.onRolesChanged(listener),
    onProfileChanged: (listener) => app.onProfileChanged(listener),
    onIdentitiesErased: (listener) => app.onIdentitiesErased(listener),
  });
  // The per-role menus read every person with a role once at start; wait for that before timing.
  let menusRead!: () => void;
  const menusDone = new Promise<void>((ok) => {
    menusRead = ok;
  });
  const channel: ChannelSetup = telegramChannel(telegram, context, {
    perSecond: config.outbox.telegramPerSecond,
    registerFileReader: (read) => app.files.register("telegram", read),
    onBotKnown: (username) => app.deepLinks.useTelegramBot(username),
    menus: {
      ...menus,
      withRoles: (ch) => menus.withRoles(ch).finally(menusRead),
    },
  });
  await channel.start();
  app.onDeliveryScheduled(() => channel.dispatcher.poke());
  channel.dispatcher.start();
  // As main.ts: a sending broadcast's progress edited in its coordinator's chat, and the cron jobs.
  if (channel.statusMessages) app.broadcastProgress.useChannel(channel.statusMessages);
  app.broadcastProgress.start({
    failed: (err, broadcast) => logger.warn({ err, broadcast }, "broadcast progress not shown; tried again"),
  });
  const scheduler =
    opts.jobs || config.schedulerEnabled
      ? createAppScheduler({ jobs: app.jobs, leases: app.repos.leases, holder: INSTANCE_ID, logger })
      : undefined;
  scheduler?.start();
  await menusDone;
  return wired;
}

/** Starts Pandu as `wireTelegramPandu` does, talking to a Telegram emulator in this process. */
export async function startTelegramPandu(
  opts: PanduOptions & {
    /** How long one command may take before the benchmark gives up on it. */
    timeoutMs?: number;
    /** Keep the emulator's log of every call (a test reads it; a benchmark makes thousands). */
    logCalls?: boolean;
  },
): Promise<TelegramPandu> {
  const emulator = new TelegramEmulator();
  emulator.logCalls = opts.logCalls ?? false;
  await emulator.start();
  const wired = await wireTelegramPandu({ ...opts, apiRoot: emulator.apiRoot });
  const { app, config } = wired;
  // The update in flight, told when its replies are out.
  let inFlight: { resolve: () => void } | undefined;
  wired.onHandled = () => inFlight?.resolve();

  const delivered = new Map<number, number>();
  emulator.hooks.delivered = (updateId, at) => delivered.set(updateId, at);
  const timeoutMs = opts.timeoutMs ?? 300_000;

  /**
   * Sends one update and waits until Pandu finished handling it: the time runs from the emulator
   * handing it over to the last message sent in the chat (`needsReply`), or else to the end of
   * handling (a button whose answer edits the message it was on).
   */
  async function roundTrip(
    chat: number,
    what: string,
    send: () => number,
    needsReply: boolean,
  ): Promise<TimedReply> {
    if (inFlight) throw new Error("bench: one command at a time");
    const seen = emulator.lastByChat.get(chat)?.message_id ?? 0;
    const failuresBefore = wired.failures();
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<void>((resolve, reject) => {
      inFlight = { resolve };
      timer = setTimeout(
        () => reject(new Error(`bench: no reply to ${what} within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    const updateId = send();
    try {
      await answered;
    } finally {
      clearTimeout(timer);
      inFlight = undefined;
    }
    const handledAt = performance.now();
    const replies = [...emulator.messages.values()]
      .filter((m) => m.chat_id === chat && m.message_id > seen)
      .sort((a, b) => a.message_id - b.message_id);
    const at = delivered.get(updateId);
    delivered.delete(updateId);
    if (at === undefined || (needsReply && replies.length === 0))
      throw new Error(`bench: ${what} got no reply`);
    return {
      ms: (replies.length > 0 ? Math.max(...replies.map((r) => r.at)) : handledAt) - at,
      replies,
      failed: wired.failures() > failuresBefore,
    };
  }

  return {
    app,
    emulator,
    config,
    time(chat, text) {
      return roundTrip(chat, text, () => emulator.sendText(chat, text), true);
    },
    press(chat, messageId, data) {
      return roundTrip(chat, data, () => emulator.press(chat, messageId, data), false);
    },
    async stop() {
      await wired.stop();
      await emulator.stop();
    },
  };
}
