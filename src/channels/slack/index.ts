import type { Config } from "../../config/config.js";
import { DEFAULT_LOCALE } from "../../i18n/locales.js";
import { type ChannelContext, type ChannelSetup, channelOutbox } from "../channel.js";
import { createSlackApp, type SlackDeps } from "./app.js";
import { slackChannelLister } from "./channels.js";
import { createSlackSender } from "./sender.js";
import { createSlackStatusMessages } from "./status.js";

/** What only Slack needs besides the channel context. */
export interface SlackChannelDeps {
  /** A person's App Home (profile, latest result, JP, upcoming trainings). */
  homeView: SlackDeps["homeView"];
  /** Hands features the list of Slack channels the bot is in (a broadcast may also go to one). */
  usePostChannels(list: () => Promise<{ id: string; name: string }[]>): void;
  /** Subscribes to changes of a person's profile, told the identity they came through. */
  onProfileChanged(listener: (identityId: string) => Promise<void>): void;
  /** How long a modal submission's answer may take before the modal says it is working (tests). */
  modalAnswerInTimeMs?: () => number;
}

/**
 * The Slack channel: Bolt over HTTP events (or Socket Mode with an app token), App Home kept up to
 * date, the channel lister for broadcasts, and its outbox dispatcher sharing the bot's send budget
 * with its replies.
 */
export function slackChannel(
  config: NonNullable<Config["slack"]>,
  context: ChannelContext,
  deps: SlackChannelDeps,
): ChannelSetup {
  const { logger } = context;
  const outbox = channelOutbox(
    context.outbox,
    createSlackSender({ botToken: config.botToken, apiUrl: config.apiUrl }),
  );
  const slack = createSlackApp({
    botToken: config.botToken,
    signingSecret: config.signingSecret,
    appToken: config.appToken,
    apiUrl: config.apiUrl,
    handle: context.handle,
    homeView: deps.homeView,
    errorText: (err) => context.failureText(DEFAULT_LOCALE, err),
    translate: context.translate,
    ...(deps.modalAnswerInTimeMs ? { modalAnswerInTimeMs: deps.modalAnswerInTimeMs } : {}),
    logger: logger.child({ channel: "slack" }),
    observe: (kind) => context.observe("slack", kind),
    onRateLimited: () => context.onRateLimited("slack"),
    recordSend: outbox.recordSend,
    // A unique key in leases: the instances behind a load balancer agree on who answers a retry.
    // Housekeeping purges keys older than a day, long after Slack stops retrying.
    claimOnce: (key) => context.outbox.repos.leases.takeKey(`slack-once:${key}`, "slack", new Date()),
  });
  // Coordinators on Slack may also post a broadcast to a channel the bot is in.
  deps.usePostChannels(slackChannelLister({ botToken: config.botToken, apiUrl: config.apiUrl }));
  // App Home shows profile and JP: publish it again when they change, on every Slack account.
  const { identities } = context.outbox.repos;
  deps.onProfileChanged(async (identityId) => {
    try {
      const identity = await identities.get(identityId);
      const all = identity ? await identities.listForPerson(identity.personId) : [];
      for (const i of all.filter((x) => x.channel === "slack")) {
        await slack.refreshHome({ id: i._id, channel: "slack" });
      }
    } catch (err) {
      logger.warn({ err }, "App Home refresh failed");
    }
  });

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
