import { setFlagsFromString } from "node:v8";
import { appSettingsOf, createApp } from "./app.js";
import type { ChannelContext, ChannelSetup } from "./channels/channel.js";
import { commandMenus } from "./channels/menus.js";
import { telegramChannel } from "./channels/telegram/index.js";
import { runTerminal, terminalIdentity } from "./channels/terminal/terminal.js";
import { type Config, ConfigError, loadConfig } from "./config/config.js";
import { conversationOrderFor } from "./conversation/conversation-order.js";
import { GoMissingError } from "./db/embedded/build.js";
import { CHANNELS } from "./db/models/identity.js";
import type { Delivery } from "./db/models/index.js";
import { embeddedSqliteDir, openStorage, type Storage } from "./db/open-storage.js";
import { labelled } from "./db/query-origin.js";
import { isDatabaseUnavailable } from "./db/repositories/errors.js";
import { createOldestDue } from "./delivery/due-reader.js";
import { INSTANCE_ID } from "./delivery/runtime.js";
import { FlowFileError } from "./engine/catalog.js";
import { createMetrics } from "./http/metrics.js";
import type { Route } from "./http/server.js";
import { type HttpServer, healthRoutes, startHttpServer } from "./http/server.js";
import { loadTranslations } from "./i18n/i18n.js";
import { DEFAULT_LOCALE, type Locale } from "./i18n/locales.js";
import { createWorkTracker, settleBy } from "./lifecycle.js";
import { createLogger, redactUrl } from "./logging/logger.js";
import { LOCALES_DIR } from "./paths.js";
import { createAppScheduler } from "./scheduler/app-scheduler.js";
import { seedCoursesIfEmpty } from "./services/course-seed.js";
import { seedDemoIfEmpty } from "./services/demo-seed.js";

/**
 * How long start-up waits for the database, and how long a message waits for it later before the
 * person hears "try again in a moment".
 */
const SERVER_SELECTION_TIMEOUT_MS = 5_000;
/** A readiness probe's database ping: short, as load balancers probe every few seconds. */
const READY_PING_MS = 1_000;
/** How often the outbox lag is read (by due keys, as the dispatchers read the outbox). */
const OUTBOX_LAG_SAMPLE_MS = 15_000;

/**
 * How far the JavaScript heap may grow past what the last full collection kept before the next
 * one, in percent. Pandu keeps little (about 75 MB with 10,000 people mid-assessment, caches
 * included) and makes much short-lived garbage per update; each full collection is cheap, so V8
 * chose to let the heap grow to about three times that (over 200 MB, RSS near 400 MB) before
 * collecting. At 1.5 times, RSS stays under 300 MB, for about twice as many full collections
 * (each a few ms on the main thread, most of the marking done beside it).
 */
const HEAP_GROWING_PERCENT = 50;

/** Sets the heap's growing factor, unless the operator gave one on node's command line. */
function limitHeapGrowth(): void {
  if (process.execArgv.some((a) => a.startsWith("--heap-growing-percent"))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** Builds Pandu from configuration, serves until SIGTERM/SIGINT, and returns the exit code. */
async function main(): Promise<number> {
  limitHeapGrowth();
  const translator = loadTranslations(LOCALES_DIR);
  // Operator notices are plain lines on stderr, in Indonesian first: stdout belongs to the terminal chat.
  const notice = (key: string, args?: Record<string, string | number>) =>
    process.stderr.write(`${translator.t(DEFAULT_LOCALE, key, args)}\n`);

  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      notice("config-invalid", { variable: err.variable, problem: err.problem });
      return 1;
    }
    throw err;
  }
  const terminal = !config.telegram && !config.slack;
  // In the terminal the chat is the screen: only warnings and errors unless LOG_LEVEL says more.
  const logger = createLogger(config.logLevel ?? (terminal ? "warn" : "info"));
  const translate = translator.t.bind(translator);
  // A background promise that fails while the database is away (a connection attempt the driver
  // makes on its own) must not take the whole process, and every chat with it, down: everything
  // Pandu owes people is in the durable outbox and is retried. It is logged loudly instead. Seen
  // in CI: a database restart under a running app killed it with an unhandled MongoNetworkError.
  process.on("unhandledRejection", (err) => {
    logger.error({ err }, "unhandled rejection: a background task failed and was dropped");
  });

  let storage: Storage;
  try {
    storage = await openStorage({
      storage: config.storage,
      poolSize: config.mongoPoolSize,
      serverSelectionTimeoutMs: SERVER_SELECTION_TIMEOUT_MS,
      onBuild: () => notice("startup-building-db"),
    });
  } catch (err) {
    if (err instanceof GoMissingError) {
      notice("startup-go-missing");
      return 1;
    }
    const name = (err as Error).name;
    if (name === "MongoParseError" || name === "MongoAPIError") {
      notice("config-invalid", { variable: "MONGODB_URI", problem: (err as Error).message });
      return 1;
    }
    const target = config.storage.kind === "mongodb" ? redactUrl(config.storage.uri) : "embedded FerretDB";
    notice("startup-db-unreachable", { target, seconds: SERVER_SELECTION_TIMEOUT_MS / 1000 });
    logger.debug({ err }, "database start failed");
    return 1;
  }
  if (storage.embedded) {
    const where =
      config.storage.kind === "embedded-postgresql"
        ? redactUrl(config.storage.postgresqlUrl)
        : embeddedSqliteDir(config.dataDir);
    notice("startup-embedded-db", { dir: where });
  }
  if (storage.created.length > 0) logger.info({ created: storage.created }, "database schema created");

  const metrics = createMetrics();
  // Updates being answered: counted and timed, and waited for when Pandu stops.
  const work = createWorkTracker();
  const observe = (channel: string, kind: string) => {
    const stopClock = metrics.update(channel, kind);
    const done = work.begin();
    return () => {
      stopClock();
      done();
    };
  };

  let app: ReturnType<typeof createApp>;
  try {
    app = createApp({
      database: storage.database,
      translate,
      ...appSettingsOf(config),
      instanceId: INSTANCE_ID,
      onFlowStep: (flowId) => metrics.flowSteps(flowId),
    });
  } catch (err) {
    await storage.close();
    if (err instanceof FlowFileError) {
      process.stderr.write(`${translator.t(DEFAULT_LOCALE, "startup-flows-invalid")}\n${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (await seedDemoIfEmpty(app.repos, app.seedFile)) logger.info("demo org tree and jabatan loaded");
  const withoutKey = app.surveys.disabled();
  if (withoutKey.length > 0)
    logger.warn(
      { surveys: withoutKey },
      "anonymous surveys are not sent: set SURVEY_HASH_KEY to enable them",
    );
  // Mentor profiles arrived after people had opted in: a database from before them is filled once.
  if (storage.created.includes("mentor_profiles")) {
    const filled = await app.mentoring.backfillProfiles();
    if (filled > 0) logger.info({ mentors: filled }, "mentor profiles filled");
  }
  if (await seedCoursesIfEmpty(app.courseCatalog, app.repos.courses.count, app.courseSeedFile))
    logger.info("sample course catalog loaded");
  // Ranking reads the whole catalog; load it now so the first /rekomendasi does not wait for it.
  void app.courseCatalog.all().catch((err) => logger.warn({ err }, "loading the course catalog failed"));

  const countReminder = (d: Delivery, ok: boolean) =>
    app.summaries.deliveryFinished(d, ok).catch((err) => logger.warn({ err }, "summary mark failed"));
  // While the database is away, say so (and that earlier answers are safe), not "something broke".
  const failureText = (locale: Locale, err: unknown) =>
    translate(locale, isDatabaseUnavailable(err) ? "error-db-unavailable" : "error-generic");
  // Every update's handling failures are counted (the channels count and time the updates).
  const handle = metrics.countingFailures(app.conversations.handle);
  const order = conversationOrderFor(config.busyTargetMs);
  if (order) metrics.watchOrder(order.load);
  const context: ChannelContext = {
    handle,
    admitGroup: app.conversations.admitGroup,
    ...(order ? { order } : {}),
    translate,
    failureText,
    knownLocale: app.conversations.knownLocale,
    logger,
    observe,
    onRateLimited: (channel) => metrics.rateLimited(channel, "reply"),
    // Every channel's dispatcher: the same lease settings, and failures logged by delivery id only.
    outbox: {
      repos: app.repos,
      leaseSeconds: config.outbox.leaseSeconds,
      sendLeaseSeconds: config.outbox.sendLeaseSeconds,
      events: {
        // Finished training reminders count in the unit summaries (sent, or failed for good).
        sent: (d) => {
          metrics.delivery(d, "sent");
          void countReminder(d, true);
        },
        failed: (d, outcome, dead) => {
          logger.warn(
            { delivery: d._id, outcome: outcome.kind, error: outcome.error, dead },
            "delivery not sent",
          );
          metrics.delivery(d, dead ? "dead" : "retried");
          if (outcome.kind === "rate-limited") metrics.rateLimited(d.channel, "outbox");
          if (dead) void countReminder(d, false);
        },
        error: (err) => logger.error({ err }, "outbox dispatcher failed"),
      },
    },
  };
  // Each channel sets itself up from its own configuration section and what it needs of the app.
  const channels: ChannelSetup[] = [];
  if (config.telegram)
    channels.push(
      telegramChannel(config.telegram, context, {
        perSecond: config.outbox.telegramPerSecond,
        registerFileReader: (read) => app.files.register("telegram", read),
        onBotKnown: (username) => app.deepLinks.useTelegramBot(username),
        menus: commandMenus({
          repos: app.repos,
          adminIds: config.adminIds,
          commandsFor: app.registry.commandsFor,
          translate,
          logger,
          onRolesChanged: (listener) => app.onRolesChanged(listener),
          onProfileChanged: (listener) => app.onProfileChanged(listener),
          onIdentitiesErased: (listener) => app.onIdentitiesErased(listener),
        }),
      }),
    );
  // Bolt and its HTTP client are some 9 MB of a process that has no Slack to talk to: loaded only
  // when Slack is configured.
  if (config.slack) {
    const { slackChannel } = await import("./channels/slack/index.js");
    channels.push(
      slackChannel(config.slack, context, {
        homeView: labelled("chat:home", app.home),
        usePostChannels: (list) => app.broadcasts.useSlackChannels(list),
        registerFileReader: (read) => app.files.register("slack", read),
        readFile: (file) => app.files.read(file),
        onProfileChanged: (listener) => app.onProfileChanged(listener),
        onProgressChanged: (listener) => app.onProgressChanged(listener),
      }),
    );
  }

  let phase: "starting" | "ready" | "stopping" = "starting";
  const readiness = async (): Promise<string[]> => {
    if (phase !== "ready") return [phase === "starting" ? "starting" : "shutting down"];
    const found = (await storage.database.ping(READY_PING_MS)) ? [] : ["database unreachable"];
    // Each channel says what is wrong with it, if anything.
    for (const channel of channels) {
      const problem = channel.health();
      if (problem) found.push(problem);
    }
    return found;
  };
  // The public port carries webhooks and a bare readiness; metrics and the reasons a process is
  // not ready are on an internal port (loopback by default), never next to the webhooks.
  const routes: Route[] = [healthRoutes(readiness, { details: false }), ...channels.flatMap((c) => c.routes)];
  for (const channel of channels) await channel.start();

  const http: HttpServer = await startHttpServer(config.port, routes, {
    bodyLimitBytes: config.httpBodyLimitBytes,
  });
  const internal: HttpServer = await startHttpServer(
    config.metrics.port,
    [healthRoutes(readiness, { details: true }), metrics.route()],
    { bodyLimitBytes: config.httpBodyLimitBytes, host: config.metrics.host },
  );
  const dispatchers = channels.map((c) => c.dispatcher);
  app.onDeliveryScheduled(() => {
    for (const d of dispatchers) d.poke();
  });
  for (const d of dispatchers) d.start();
  // A sending broadcast's progress, edited in its coordinator's chat where the platform can edit.
  for (const c of channels) if (c.statusMessages) app.broadcastProgress.useChannel(c.statusMessages);
  app.broadcastProgress.start({
    failed: (err, broadcast) => logger.warn({ err, broadcast }, "broadcast progress not shown; tried again"),
  });
  const scheduler = config.schedulerEnabled
    ? createAppScheduler({ jobs: app.jobs, leases: app.repos.leases, holder: INSTANCE_ID, logger })
    : undefined;
  scheduler?.start();
  const stopLagSampling = metrics.sampleOutboxLag(
    createOldestDue({ deliveries: app.repos.deliveries, channels: CHANNELS }),
    OUTBOX_LAG_SAMPLE_MS,
    (err) => logger.debug({ err }, "outbox lag not sampled"),
  );

  if (terminal) {
    notice("startup-no-channels");
    notice("startup-channel-hint");
  }
  phase = "ready";
  notice("startup-ready", { port: String(http.port) });
  notice("startup-metrics", { host: config.metrics.host, port: String(internal.port) });
  logger.info(
    { port: http.port, channels: channels.map((c) => c.name), storage: config.storage.kind },
    "pandu ready",
  );

  await new Promise<void>((done) => {
    const stop = (signal: string) => {
      logger.info({ signal }, "shutting down");
      done();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
    if (terminal) {
      // End of input (a piped script, or Ctrl-D) ends Pandu normally.
      void runTerminal({
        handle,
        input: process.stdin,
        output: process.stdout,
        interactive: process.stdin.isTTY === true,
        errorText: (err) =>
          failureText(app.conversations.knownLocale(terminalIdentity()) ?? DEFAULT_LOCALE, err),
        onError: (err) => logger.error({ err }, "terminal message failed"),
      }).then(() => stop("end of input"));
    }
  });
  // Graceful stop, bounded by SHUTDOWN_TIMEOUT_SECONDS: no new work, the work taken finishes,
  // then whatever this process holds in the database is handed back so another takes over at once.
  phase = "stopping";
  const deadline = Date.now() + config.shutdownTimeoutSeconds * 1_000;
  // 1. Take no more updates: webhook and Slack HTTP requests (those in progress still finish),
  //    long polling and Socket Mode.
  const httpClosed = http.close(config.shutdownTimeoutSeconds * 1_000);
  // Metrics stay readable while the public port drains; they go with it.
  const internalClosed = internal.close(config.shutdownTimeoutSeconds * 1_000);
  for (const channel of channels) {
    const stopped = channel.stopIntake().catch((err) => logger.warn({ err }, "stopping intake failed"));
    if (!(await settleBy(stopped, deadline))) logger.warn("taking updates did not stop in time");
  }
  // 2. Start no more jobs (nor progress edits); a tick in progress finishes.
  await scheduler?.stop(deadline);
  await settleBy(app.broadcastProgress.stop(), deadline);
  stopLagSampling();
  // 3. Let updates being answered and sends on the wire finish. A dispatcher puts back what it
  //    claimed but did not send, and a send still unanswered at the deadline as in doubt, then
  //    gives up its sender lease.
  const [answered] = await Promise.all([
    work.idle(deadline),
    ...dispatchers.map((d) =>
      d.stop(deadline).catch((err) => logger.error({ err }, "dispatcher stop failed")),
    ),
  ]);
  if (!answered) logger.warn({ unfinished: work.active() }, "stopped with updates still being answered");
  // 4. The summary folder's and progress leases, so another process takes over at once.
  await app.releaseLeases().catch((err) => logger.warn({ err }, "leases not released"));
  await settleBy(httpClosed, deadline);
  await settleBy(internalClosed, deadline);
  await storage.close();
  logger.info("stopped");
  logger.flush();
  return 0;
}

main().then(
  (code) => {
    // Everything is closed; stdin (the terminal chat) would otherwise keep the process alive.
    process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`Pandu berhenti karena galat tak terduga: ${(err as Error)?.message ?? err}\n`);
    // Exit even with pollers and sockets still open: a half-started process must not linger.
    process.exit(1);
  },
);
