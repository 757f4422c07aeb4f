import type { Config } from "../../config/config.js";
import { type ChannelContext, type ChannelSetup, channelOutbox, replyLocale } from "../channel.js";
import { createSlackApp, type SlackDeps } from "./app.js";
import { slackChannelLister } from "./channels.js";
import { slackFileReader } from "./files.js";
import { createHomePublisher } from "./home-publisher.js";
import { createSlackSender } from "./sender.js";
import { createSlackStatusMessages } from "./status.js";

/** What only Slack needs besides the channel context. */
export interface SlackChannelDeps {
  /** A person's App Home (profile, latest result, JP, upcoming sessions, open surveys, buttons). */
  homeView: SlackDeps["homeView"];
  /** Hands features the list of Slack channels the bot is in (a broadcast may also go to one). */
  usePostChannels(list: () => Promise<{ id: string; name: string }[]>): void;
  /** Subscribes to changes of a person's profile, told the identity they came through. */
  onProfileChanged(listener: (identityId: string) => Promise<void>): void;
  /** How replies retry (tests pass a clock of their own); by default a few times within a minute. */
  replyRetry?: SlackDeps["replyRetry"];
  /** Subscribes to the other changes App Home shows (assessment, enrolment, JP, surveys), told the person. */
  onProgressChanged?(listener: (personId: string) => Promise<void>): void;
  /** Lets services read the files people share in a direct message (certificates, imports). */
  registerFileReader?(read: (fileId: string) => Promise<Uint8Array>): void;
  /**
   * Reads a file of any platform (the app's file readers): a broadcast's attachment is uploaded to
   * each Slack recipient from its bytes. Without it, recipients get the text and the note.
   */
  readFile?(file: { channel: string; fileId: string }): Promise<Uint8Array>;
  /** How long a modal submission's answer may take before the modal says it is working (tests). */
  modalAnswerInTimeMs?: () => number;
}

/**
 * The Slack channel: Bolt over HTTP events (or Socket Mode with an app token), its file reader,
 * App Home kept up to date, the channel lister for broadcasts, and its outbox dispatcher sharing
 * the bot's send budget with its replies.
 */
export function slackChannel(
  config: NonNullable<Config["slack"]>,
  context: ChannelContext,
  deps: SlackChannelDeps,
): ChannelSetup {
  const { logger } = context;
  const outbox = channelOutbox(
    context.outbox,
    createSlackSender({
      botToken: config.botToken,
      apiUrl: config.apiUrl,
      ...(deps.readFile ? { readFile: deps.readFile } : {}),
      logger: logger.child({ channel: "slack" }),
    }),
  );
  const slack = createSlackApp({
    botToken: config.botToken,
    signingSecret: config.signingSecret,
    appToken: config.appToken,
    apiUrl: config.apiUrl,
    handle: context.handle,
    homeView: deps.homeView,
    errorText: (who, err) => context.failureText(replyLocale(context, who), err),
    ...(context.order ? { order: context.order } : {}),
    busyText: (who) => context.translate(replyLocale(context, who), "busy-please-wait"),
    translate: context.translate,
    ...(deps.modalAnswerInTimeMs ? { modalAnswerInTimeMs: deps.modalAnswerInTimeMs } : {}),
    logger: logger.child({ channel: "slack" }),
    observe: (kind) => context.observe("slack", kind),
    onRateLimited: () => context.onRateLimited("slack"),
    recordSend: outbox.recordSend,
    // A unique key in leases: the instances behind a load balancer agree on who answers a retry.
    // Housekeeping purges keys older than a day, long after Slack stops retrying.
    claimOnce: (key) => context.outbox.repos.leases.takeKey(`slack-once:${key}`, "slack", new Date()),
    ...(deps.replyRetry ? { replyRetry: deps.replyRetry } : {}),
  });
  deps.registerFileReader?.(slackFileReader({ botToken: config.botToken, apiUrl: config.apiUrl }));
  // Coordinators on Slack may also post a broadcast to a channel the bot is in.
  deps.usePostChannels(slackChannelLister({ botToken: config.botToken, apiUrl: config.apiUrl }));
  // App Home shows the profile, results, JP, sessions and surveys: it is published again when any
  // of them changes, on every Slack account of the person.
  const { identities } = context.outbox.repos;
  const homes = createHomePublisher({
    slackIdentitiesOf: async (personId) =>
      (await identities.listForPerson(personId)).filter((i) => i.channel === "slack").map((i) => i._id),
    publish: (id) => slack.refreshHome({ id, channel: "slack" }),
    logger,
  });
  deps.onProfileChanged(async (identityId) => {
    try {
      const identity = await identities.get(identityId);
      if (identity) homes.changed(identity.personId);
    } catch (err) {
      logger.warn({ err }, "App Home refresh failed");
    }
  });
  deps.onProgressChanged?.(async (personId) => homes.changed(personId));

  return {
    name: "slack",
    routes: [slack.route],
    start: slack.start,
    // HTTP events stop with Pandu's HTTP server; Socket Mode disconnects here.
    stopIntake: slack.stop,
    dispatcher: outbox.dispatcher,
    statusMessages: createSlackStatusMessages({
      botToken: config.botToken,
      apiUrl: config.apiUrl,
      recordSend: outbox.recordSend,
    }),
    health: () => (slack.isStarted() ? undefined : "slack not started"),
  };
}
