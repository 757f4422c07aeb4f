import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver, LogLevel, webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { ConversationOrder } from "../../conversation/conversation-order.js";
import type { IncomingIdentity } from "../../conversation/router.js";
import type { Translate } from "../../engine/text.js";
import type { Inbound, Outbound } from "../../engine/types.js";
import type { HomeSummary } from "../../services/home.js";
import type { Handle, RecordSend } from "../channel.js";
import { createProgressNotes } from "../progress-notes.js";
import { createRepeatFilter } from "../repeats.js";
import { slackInboundFiles } from "./files.js";
import { createFlowModals, opensInModal } from "./modals.js";
import { fitsComment, homeBlocks, slackMessages, slackText, toBlocks } from "./render.js";
import { BoundedWebClient, type ReplyRetryPolicy, replyRetryPolicy } from "./retry.js";

export interface SlackDeps {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl: string;
  handle: Handle;
  /** The App Home view for a person (profile, latest result, JP, upcoming trainings). */
  homeView: (who: IncomingIdentity) => Promise<HomeSummary>;
  /** What to tell a person when their message could not be handled (by the kind of failure). */
  errorText: (who: IncomingIdentity, err: unknown) => string;
  /**
   * Who is answered first when more people write than the machine can answer promptly (messages,
   * commands and buttons run through it), and what a person whose first message waits is told.
   */
  order?: ConversationOrder;
  busyText?: (who: IncomingIdentity) => string;
  /** Words for the flow modals (buttons, field labels), in the run's language. */
  translate: Translate;
  /** How long a modal submission's answer may take before the modal says it is working (tests). */
  modalAnswerInTimeMs?: () => number;
  logger: Logger;
  /**
   * Told when an event from a person is taken up, with its kind (text, command, button, home…);
   * the returned function is called once its replies are out (metrics, and a graceful stop waits).
   */
  observe?: (kind: string) => () => void;
  /** Told of every 429 Slack answered the replies' client with (the client waits and retries). */
  onRateLimited?: () => void;
  /**
   * Records each message, edit, upload and App Home the replies' client sends in the bot's send
   * budget, which the outbox shares. A direct message counts under the person's user id, as the
   * outbox addresses it, so the two also keep the per-conversation gap between them.
   */
  recordSend?: RecordSend;
  /**
   * Claims a delivery's key among all processes (true for the first claim), so a retry that
   * reaches another instance is dropped there too; without it repeats are caught per process.
   */
  claimOnce?: (key: string) => Promise<boolean>;
  /** How replies retry (default: a few times within a minute, see retry.ts); tests pass their clock. */
  replyRetry?: Partial<ReplyRetryPolicy>;
}

/** Slack retries an event for a few minutes; a repeat within this window is answered once. */
const SLACK_REPEAT_WINDOW_MS = 5 * 60_000;

/** Web API methods that put something in front of a person, and where: each is one send. */
const SENT_TO: Record<string, (args: Record<string, unknown>) => unknown> = {
  "chat.postMessage": (a) => a.channel,
  "chat.update": (a) => a.channel,
  "files.completeUploadExternal": (a) => a.channel_id,
  // App Home is no conversation: it counts overall, but keeps no gap with the person's messages.
  "views.publish": (a) => `home:${String(a.user_id)}`,
};

/**
 * A Web API client that tells `sending` of every send before it leaves, and calls what that
 * returned once Slack's final answer came (after its bounded retries): one send in the budget,
 * however often it was tried.
 */
class RecordingWebClient extends BoundedWebClient {
  constructor(
    token: string,
    options: webApi.WebClientOptions,
    policy: ReplyRetryPolicy,
    private readonly sending: (method: string, args: Record<string, unknown>) => (() => void) | undefined,
  ) {
    super(token, options, policy);
  }

  override async apiCall(
    method: string,
    options?: Record<string, unknown>,
  ): Promise<webApi.WebAPICallResult> {
    const done = this.sending(method, options ?? {});
    try {
      return await super.apiCall(method, options);
    } finally {
      done?.();
    }
  }
}

/** The Slack channel: Bolt with an HTTP receiver (or Socket Mode), thin over the conversation service. */
export function createSlackApp(deps: SlackDeps) {
  const receiver = deps.appToken
    ? undefined
    : new HTTPReceiver({
        signingSecret: deps.signingSecret ?? "",
        endpoints: "/slack/events",
        // Acknowledge at once (within Slack's 3 seconds); the work continues after.
        processBeforeResponse: false,
      });
  const app = new App({
    token: deps.botToken,
    ...(receiver ? { receiver } : { appToken: deps.appToken, socketMode: true }),
    clientOptions: { slackApiUrl: deps.apiUrl },
    logLevel: LogLevel.WARN,
    deferInitialization: true,
    tokenVerificationEnabled: false,
  });
  // Slack sends an event again (X-Slack-Retry-Num) when our 200 did not reach it in 3 s, and a
  // command or a press may arrive twice; each would otherwise be answered twice, or recorded twice
  // where no flow claim guards it (a command's handler, an App Home).
  const repeats = createRepeatFilter({
    windowMs: SLACK_REPEAT_WINDOW_MS,
    now: Date.now,
    ...(deps.claimOnce ? { claim: deps.claimOnce } : {}),
  });
  /** True for a delivery not seen before; a repeat is only noted at debug level. */
  const firstTime = async (kind: string, key: string | undefined): Promise<boolean> => {
    if (await repeats.first(key)) return true;
    deps.logger.debug({ kind }, "repeated slack delivery dropped");
    return false;
  };
  const dmChannels = new Map<string, string>();
  // The other way round: whose direct message a channel is (opened here, or where a button was pressed).
  const dmUsers = new Map<string, string>();
  const rememberDm = (channel: string, user: string) => {
    dmUsers.set(channel, user);
    // Bounded like the seen ids: a forgotten one only loses the per-conversation gap.
    if (dmUsers.size > 10_000) dmUsers.delete(dmUsers.keys().next().value!);
  };
  let started = false;
  const recordSend = deps.recordSend;
  // Replies go through this client rather than Bolt's own app.client, so each is recorded.
  const client = new RecordingWebClient(
    deps.botToken,
    { slackApiUrl: deps.apiUrl, logLevel: LogLevel.WARN },
    replyRetryPolicy({
      onRetry: (info) => deps.logger.warn(info, "slack reply failed; retrying"),
      ...deps.replyRetry,
    }),
    (method, args) => {
      const where = SENT_TO[method]?.(args);
      if (!recordSend || typeof where !== "string") return undefined;
      return recordSend(dmUsers.get(where) ?? where);
    },
  );
  const onRateLimited = deps.onRateLimited;
  if (onRateLimited) client.on(webApi.WebClientEvent.RATE_LIMITED, () => onRateLimited());

  /** Runs one event's work under `observe`, so it is counted, timed and waited for on stop. */
  async function observed(kind: string, work: () => Promise<void>): Promise<void> {
    const done = deps.observe?.(kind);
    try {
      await work();
    } finally {
      done?.();
    }
  }

  const identityOf = (team: string | undefined, user: string): IncomingIdentity => ({
    id: `slack:${team ?? "T0"}:${user}`,
    channel: "slack",
  });

  async function dmChannel(user: string): Promise<string> {
    const known = dmChannels.get(user);
    if (known) return known;
    const opened = await client.conversations.open({ users: user });
    const id = opened.channel?.id;
    if (!id) throw new Error("conversations.open returned no channel");
    dmChannels.set(user, id);
    rememberDm(id, user);
    return id;
  }

  /** Answers one message, command or press, in its turn when the machine is saturated (see `order`). */
  async function deliver(
    who: IncomingIdentity,
    user: string,
    inbound: Inbound,
    prompt?: { channel: string; ts: string },
  ): Promise<void> {
    if (!deps.order) return answer(who, user, inbound, prompt);
    await deps.order.run(
      who.id,
      () => answer(who, user, inbound, prompt),
      () => {
        const text = deps.busyText?.(who);
        if (!text) return;
        dmChannel(user)
          .then((channel) => client.chat.postMessage({ channel, text: slackText(text) }))
          .catch((err) => deps.logger.warn({ err }, "telling a waiting person failed"));
      },
    );
  }

  /** Hands one inbound to the conversation service and sends its replies. */
  async function answer(
    who: IncomingIdentity,
    user: string,
    inbound: Inbound,
    prompt?: { channel: string; ts: string },
  ): Promise<void> {
    // Slow work says so at once, in the conversation its replies will go to. A note that replaces
    // an earlier one (an export's or an import's count) updates that message in place.
    const notes = new Map<string, { channel: string; ts: string }>();
    const { progress, settled } = createProgressNotes(async (note) => {
      try {
        const to = prompt?.channel ?? (await dmChannel(user));
        const message = { text: slackText(note.text), blocks: toBlocks(note) };
        const earlier = note.replace ? notes.get(note.replace) : undefined;
        const updated =
          earlier !== undefined &&
          (await client.chat.update({ ...earlier, ...message }).then(
            () => true,
            (err) => {
              deps.logger.debug({ err }, "updating a slack progress note failed, posting it instead");
              return false;
            },
          ));
        if (updated) return;
        const sent = await client.chat.postMessage({ channel: to, ...message });
        if (note.replace && sent.ts) notes.set(note.replace, { channel: sent.channel ?? to, ts: sent.ts });
      } catch (err) {
        deps.logger.warn({ err }, "sending a progress note to slack failed; the work goes on");
      }
    });
    let replies: Outbound[];
    try {
      replies = await deps.handle(who, inbound, progress);
    } catch (err) {
      deps.logger.error({ err }, "handling slack message failed");
      replies = [{ text: deps.errorText(who, err) }];
    }
    await settled();
    // A button pressed in a direct message (Slack's ids for those start with D): the person's own.
    if (prompt?.channel.startsWith("D")) rememberDm(prompt.channel, user);
    await sendReplies(user, replies, prompt);
  }

  /** Sends replies to the person's direct message, or where the button answered was pressed. */
  async function sendReplies(user: string, replies: Outbound[], prompt?: { channel: string; ts: string }) {
    const channel = prompt?.channel ?? (await dmChannel(user));
    const updates: Promise<unknown>[] = [];
    try {
      for (const [index, reply] of replies.entries()) {
        await sendReply(reply, index < replies.length - 1);
      }
    } finally {
      await Promise.all(updates);
    }

    /** One reply; `more`: others follow it. */
    async function sendReply(reply: Outbound, more: boolean) {
      // A reply longer than one message holds goes as several, never cut (the first replaces the prompt).
      const [first, ...rest] = slackMessages(reply);
      if (reply.replacesPrompt && prompt) {
        const update = client.chat.update({ channel: prompt.channel, ts: prompt.ts, ...first! });
        // The answered question shows its answer while the next question goes: an update changes
        // a message in place, so the order in the chat is the same, and the next question no
        // longer waits a round trip to Slack behind it.
        if (rest.length === 0 && more) {
          updates.push(
            update.catch((err) =>
              deps.logger.warn({ err }, "showing the answer on its question in slack failed"),
            ),
          );
          return;
        }
        await update;
        for (const message of rest) await client.chat.postMessage({ channel: prompt.channel, ...message });
        return;
      }
      if (reply.media) {
        // A text longer than a comment follows the file as messages of its own, whole.
        const commented = fitsComment(reply.text);
        try {
          await client.files.uploadV2({
            channel_id: channel,
            file: Buffer.from(reply.media.bytes),
            filename: reply.media.filename,
            ...(commented && reply.text ? { initial_comment: slackText(reply.text) } : {}),
          });
          if (commented) return;
        } catch (err) {
          deps.logger.warn({ err }, "slack upload failed; the text still goes");
        }
      }
      for (const message of [first!, ...rest]) await client.chat.postMessage({ channel, ...message });
    }
  }

  // /selesai, /umumkan and /profil open as modals from the slash command (which carries a trigger).
  const modals = createFlowModals({
    app,
    client,
    handle: deps.handle,
    translate: deps.translate,
    logger: deps.logger,
    identityOf,
    sendToChat: (user, replies) => sendReplies(user, replies),
    observed,
    errorText: deps.errorText,
    ...(deps.modalAnswerInTimeMs !== undefined ? { answerInTimeMs: deps.modalAnswerInTimeMs } : {}),
  });

  app.command(/^\/pandu/, async ({ command, ack }) => {
    await ack();
    // A trigger id is Slack's own for one invocation: a second delivery carries the same.
    const key = command.trigger_id ? `command:${command.team_id}:${command.trigger_id}` : undefined;
    if (!(await firstTime("command", key))) return;
    const [name = "menu", ...rest] = command.text.trim().split(/\s+/).filter(Boolean);
    const who = identityOf(command.team_id, command.user_id);
    const commandName = name.toLowerCase().replace(/^\//, "");
    if (opensInModal(commandName) && command.trigger_id) {
      const trigger = command.trigger_id;
      await observed("command", () =>
        modals.open(who, command.user_id, commandName, rest.join(" "), trigger),
      );
      return;
    }
    await observed("command", () =>
      deliver(who, command.user_id, { kind: "command", command: commandName, args: rest.join(" ") }),
    );
  });

  app.action(/^pandu_/, async ({ body, action, ack }) => {
    await ack();
    if (body.type !== "block_actions" || action.type !== "button") return;
    // A press is one action_ts under one trigger id; pressing again makes new ones.
    const press = [(action as { action_ts?: string }).action_ts, body.trigger_id].filter(Boolean).join(":");
    const key = press ? `action:${body.team?.id ?? body.user.team_id}:${body.user.id}:${press}` : undefined;
    if (!(await firstTime("button", key))) return;
    const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
    const prompt =
      container?.channel_id && container.message_ts
        ? { channel: container.channel_id, ts: container.message_ts }
        : undefined;
    await observed("button", () =>
      deliver(
        identityOf(body.team?.id ?? body.user.team_id, body.user.id),
        body.user.id,
        { kind: "button", data: action.value ?? "" },
        prompt,
      ),
    );
  });

  app.event("message", async ({ event, body }) => {
    const e = event as {
      channel_type?: string;
      user?: string;
      text?: string;
      subtype?: string;
      bot_id?: string;
      files?: unknown[];
    };
    if (e.channel_type !== "im" || !e.user || e.bot_id || (e.subtype && e.subtype !== "file_share")) return;
    // Only what would be answered is claimed: other messages cost no write.
    if (!(await firstTime("message", eventKey(body)))) return;
    const who = identityOf((body as { team_id?: string }).team_id, e.user);
    // Files go to the flow as Telegram documents and photos do, each in turn; the text with them is
    // no answer (as a caption is not).
    const inbounds: Inbound[] =
      e.files?.length || e.subtype === "file_share"
        ? slackInboundFiles(e.files)
        : [{ kind: "text", text: e.text ?? "" }];
    await observed(inbounds[0]!.kind, async () => {
      for (const inbound of inbounds) await deliver(who, e.user!, inbound);
    });
  });

  // A workspace subscribed to file_shared (Pandu's manifest is not) gets it for every file a
  // message carries: the message event above is the one taken, so a file never reaches a flow twice.
  app.event("file_shared", async () => {});

  app.event("app_home_opened", async ({ event, body }) => {
    if (event.tab !== "home") return;
    if (!(await firstTime("home", eventKey(body)))) return;
    const who = identityOf((body as { team_id?: string }).team_id, event.user);
    await observed("home", async () => {
      await client.views.publish({
        user_id: event.user,
        view: { type: "home", blocks: homeBlocks(await deps.homeView(who)) },
      });
    });
  });

  app.error(async (err) => {
    deps.logger.error({ err }, "slack error");
  });

  return {
    app,
    /** Publishes a person's App Home again after their data changed. */
    async refreshHome(who: IncomingIdentity): Promise<void> {
      const user = who.id.split(":")[2];
      if (!user) return;
      await client.views.publish({
        user_id: user,
        view: { type: "home", blocks: homeBlocks(await deps.homeView(who)) },
      });
    },
    /** Handles /slack/events on Pandu's own HTTP server (HTTP mode only). */
    async route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      if (!receiver || req.url?.split("?")[0] !== "/slack/events") return false;
      receiver.requestListener(req, res);
      return true;
    },
    /** Initialises Bolt (and connects, in Socket Mode). */
    async start(): Promise<void> {
      await app.init();
      if (!receiver) await app.start();
      started = true;
    },
    /** True between start() and stop(): events are being taken (readiness). */
    isStarted(): boolean {
      return started;
    },
    /** Stops taking events: disconnects Socket Mode (HTTP events stop with Pandu's HTTP server). */
    async stop(): Promise<void> {
      started = false;
      if (!receiver) await app.stop();
    },
  };
}

/** An event's key: its event_id, the same on every retry of it. */
function eventKey(body: unknown): string | undefined {
  const id = (body as { event_id?: string }).event_id;
  return id ? `event:${id}` : undefined;
}
