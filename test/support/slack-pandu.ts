import { pino } from "pino";
import type { ChannelContext, ChannelSetup } from "../../src/channels/channel.js";
import { type SlackChannelDeps, slackChannel } from "../../src/channels/slack/index.js";
import type { Repositories } from "../../src/db/repositories/index.js";
import type { Translate } from "../../src/engine/text.js";
import { type HttpServer, startHttpServer } from "../../src/http/server.js";
import { postToSlackEndpoint, type SlackWebApiEmulator } from "./slack-emulator.js";

/**
 * What every channel is given, as tests give it: `handle` (the app's conversation service, or a
 * wrapper), silent logs, a fixed failure text, and outbox settings over the test's repositories.
 */
export function testChannelContext(
  repos: Repositories,
  translate: Translate,
  handle: ChannelContext["handle"],
  overrides: Partial<ChannelContext> = {},
): ChannelContext {
  return {
    handle,
    admitGroup: () => true,
    translate,
    failureText: () => "gagal",
    logger: pino({ level: "silent" }),
    observe: () => () => {},
    onRateLimited: () => {},
    outbox: { repos, leaseSeconds: 30, sendLeaseSeconds: 60 },
    ...overrides,
  };
}

/** How Slack encodes what it posts: events as JSON, commands and interactions as a form. */
type SlackBodyType = "application/json" | "application/x-www-form-urlencoded";

/** Pandu's Slack channel against the emulator, taking events on a local port. */
export interface SlackPandu {
  channel: ChannelSetup;
  http: HttpServer;
  /** Posts one signed body to /slack/events, as Slack does. */
  post(body: string, type: SlackBodyType): Promise<Response>;
  /** `/pandu <text>` typed by `user` in their direct message, with the given trigger id. */
  command(user: string, text: string, triggerId: string): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts the Slack channel as main.ts sets it up, with `deps` over stubs of what Slack needs. */
export async function startSlackPandu(opts: {
  slack: SlackWebApiEmulator;
  context: ChannelContext;
  token: string;
  secret: string;
  team: string;
  deps?: Partial<SlackChannelDeps>;
}): Promise<SlackPandu> {
  const channel = slackChannel(
    { botToken: opts.token, signingSecret: opts.secret, apiUrl: opts.slack.apiUrl },
    opts.context,
    {
      homeView: async () => ({ sections: [] }),
      usePostChannels: () => {},
      onProfileChanged: () => {},
      ...opts.deps,
    },
  );
  const http = await startHttpServer(0, channel.routes);
  await channel.start();
  const post = (body: string, type: SlackBodyType) =>
    postToSlackEndpoint(`http://127.0.0.1:${http.port}`, opts.secret, body, type);
  return {
    channel,
    http,
    post,
    command: (user, text, triggerId) =>
      post(
        new URLSearchParams({
          command: "/pandu",
          text,
          user_id: user,
          team_id: opts.team,
          channel_id: `D${user}`,
          trigger_id: triggerId,
          response_url: "https://hooks.slack.invalid/x",
        }).toString(),
        "application/x-www-form-urlencoded",
      ),
    async stop() {
      await channel.stopIntake();
      await http.close(1_000);
    },
  };
}
