import type { Logger } from "pino";
import type { ConversationOrder } from "../conversation/conversation-order.js";
import type { IncomingIdentity } from "../conversation/router.js";
import type { Channel } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Dispatcher, DispatcherEvents } from "../delivery/dispatcher.js";
import type { SendKind } from "../delivery/rate-limiter.js";
import { createChannelDelivery, type DeliveryClock } from "../delivery/runtime.js";
import type { ChannelSender } from "../delivery/sender.js";
import type { StatusMessages } from "../delivery/status-message.js";
import type { Translate } from "../engine/text.js";
import type { Inbound, Outbound, Progress } from "../engine/types.js";
import type { Route } from "../http/server.js";
import type { Locale } from "../i18n/locales.js";

/**
 * A configured chat platform, set up by its own module, as the composition root sees it: the
 * same for every platform, so `main.ts` starts, probes and stops them in one loop.
 */
export interface ChannelSetup {
  name: Channel;
  /** Requests it takes on Pandu's HTTP server (Telegram webhook, Slack events); may be none. */
  routes: Route[];
  /** Starts taking updates (long polling, Socket Mode, the webhook's registration). */
  start(): Promise<void>;
  /** Stops taking updates; updates already taken are still answered (a graceful stop waits). */
  stopIntake(): Promise<void>;
  /** Sends the channel's outbox, paced by the same limiter its replies are recorded in. */
  dispatcher: Dispatcher;
  /** Messages posted once and edited from background work (a broadcast's progress), if it can. */
  statusMessages?: StatusMessages;
  /** What is wrong with the channel for readiness (`/readyz`), or undefined when nothing is. */
  health(): string | undefined;
}

/**
 * Answers one message from a person: the conversation service. The channel passes `progress`, its
 * way of sending a word at once while the replies are still being worked out.
 */
export type Handle = (who: IncomingIdentity, inbound: Inbound, progress?: Progress) => Promise<Outbound[]>;

/** What every channel is set up with, whatever its platform. */
export interface ChannelContext {
  handle: Handle;
  /** Whether a command in a group chat may be answered: the router's limits, per chat and per person. */
  admitGroup: (who: IncomingIdentity, chat: string) => boolean;
  translate: Translate;
  /** What to tell a person whose message could not be handled, by the kind of failure. */
  failureText: (locale: Locale, err: unknown) => string;
  /** The person's language as the router last knew it, without database work (see `replyLocale`). */
  knownLocale?: (who: IncomingIdentity) => Locale | undefined;
  logger: Logger;
  /**
   * Marks an update of `kind` taken up on `channel`; the returned function is called once its
   * replies are out (metrics, and a graceful stop waits for it).
   */
  observe: (channel: Channel, kind: string) => () => void;
  /** Told of every 429 the platform answered a reply with. */
  onRateLimited: (channel: Channel) => void;
  outbox: OutboxSettings;
  /** Which chat's message is answered first when more arrive than can be answered at once. */
  order?: ConversationOrder;
}

/**
 * The language to answer `who` in when the conversation service could not (a failure): their own
 * as last known, else the platform's hint (Telegram's language_code), else Indonesian.
 */
export function replyLocale(context: Pick<ChannelContext, "knownLocale">, who: IncomingIdentity): Locale {
  return context.knownLocale?.(who) ?? (who.languageHint?.toLowerCase().startsWith("en") ? "en" : "id");
}

/** How every channel's dispatcher reads, claims and reports deliveries. */
export interface OutboxSettings {
  repos: Pick<Repositories, "deliveries" | "identities" | "leases">;
  /** The sender lease's slot (one process per channel sends). */
  leaseSeconds: number;
  /** How long a claimed send is ours before another process may send it again. */
  sendLeaseSeconds: number;
  events?: DispatcherEvents;
  /** Defaults to the real clock; replies are recorded on the same one. */
  clock?: DeliveryClock;
}

/** One entry of a platform's command menu. */
export interface MenuCommand {
  command: string;
  description: string;
}

/** The command menus a platform can show (Telegram's `/` menu). */
export interface CommandMenus {
  /** Everyone's commands, described in `locale`. */
  everyone(locale: Locale): MenuCommand[];
  /** A menu per identity on `channel` whose person holds roles (and per bootstrap admin). */
  withRoles(channel: Channel): Promise<{ identityId: string; commands: MenuCommand[] }[]>;
  /**
   * Calls `publish` with a chat's menu whenever it changed (a role granted or revoked, a language
   * chosen): the commands in the person's language, or null when they hold no role any more.
   */
  follow(
    channel: Channel,
    publish: (menu: { identityId: string; commands: MenuCommand[] | null }) => Promise<void>,
  ): void;
}

/**
 * Records one reply leaving for `chat` in the channel's send budget; the returned function is
 * called when the platform answered. What the adapters take, so they need no limiter of their own.
 */
export type RecordSend = (chat: string) => () => void;

/**
 * Waits for the turn of a send to `chat` in the channel's send budget (see RateLimiter.turn), then
 * records it; the returned function is called when the platform answered. `reply`: an answer to a
 * person, which waits only where it would otherwise be refused; `own`: a message Pandu sends on its
 * own (a progress message), paced like the outbox.
 */
export type TakeTurn = (chat: string, kind: SendKind) => Promise<() => void>;

/**
 * A channel's outbox dispatcher over `sender`, and how its replies are recorded in the same rate
 * limiter: a reply waits only when Pandu's own sends would make it refused (a message of Pandu's
 * own in the chat less than the per-chat gap ago, or a window full during a broadcast), and every
 * reply the outbox sees in its window makes it send later.
 */
export function channelOutbox(
  settings: OutboxSettings,
  sender: ChannelSender,
): { dispatcher: Dispatcher; recordSend: RecordSend; takeTurn: TakeTurn } {
  const { limiter, dispatcher } = createChannelDelivery({ ...settings, sender });
  const now = () => settings.clock?.now() ?? Date.now();
  const clock = settings.clock ?? { now, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  return {
    dispatcher,
    recordSend: (chat) => {
      const mark = limiter.record(chat, now(), "reply");
      return () => mark.done(now());
    },
    takeTurn: async (chat, kind) => {
      const mark = await limiter.turn(chat, kind, clock);
      return () => mark.done(now());
    },
  };
}
