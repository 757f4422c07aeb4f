/**
 * Paces sends for one bot: at most `perSecond` overall and one per `perChatMs` per chat. Pure: the
 * caller passes the clock (`turn` also its sleep).
 *
 * The platform counts requests when they arrive, and a request may arrive any time between the
 * moment it left and the moment its answer came back. So a send counts in the window from when it
 * left until its answer arrived (`done`), and the next send that would make `perSecond` in a window
 * waits until the answer of the send `perSecond` places back plus the window. Then however late a
 * request travels, the platform never sees more than `perSecond` in any second, and only a thin
 * headroom is needed for clock granularity.
 */
export interface RateLimiter {
  /** When the next send to `chat` may start (≥ now). */
  readyAt(chat: string, now: number): number;
  /** When the next send to any chat may start. */
  overallReadyAt(now: number): number;
  /** True when a send to `chat` may start now. */
  canSend(chat: string, now: number): boolean;
  /**
   * When a reply to `chat` may start (≥ now). A reply follows the person's own message, so it
   * waits for nothing of the conversation: only for a second after Pandu's own last send in the
   * chat, and for room in the window while Pandu's own sends are in it (a broadcast). Replies alone
   * are never held back, however many.
   */
  replyReadyAt(chat: string, now: number): number;
  /**
   * Records a send to `chat` leaving at `now`; call `done` when its answer came. `own` (the
   * default): Pandu's own, such as the outbox's or a progress message; `reply`: an answer to a person.
   */
  record(chat: string, now: number, kind?: SendKind): SendMark;
  /**
   * Waits until a send of `kind` to `chat` may start, then records it. While a reply waits, Pandu's
   * own sends wait behind it: the person is waiting for it, the outbox is not.
   */
  turn(
    chat: string,
    kind: SendKind,
    clock: { now(): number; sleep(ms: number): Promise<void> },
  ): Promise<SendMark>;
  /** Holds every send until `until` (a platform-wide 429). */
  pauseUntil(until: number): void;
}

/** Pandu's own send (the outbox, a progress message), or a reply to a person. */
export type SendKind = "own" | "reply";

/** A recorded send: tell it when the platform's answer arrived. */
export interface SendMark {
  done(at: number): void;
}

/** Keeps this fraction of the platform limit as headroom (timer and clock granularity). */
export const RATE_HEADROOM = 0.99;

/** How often to look again while the send that holds the window is still waiting for its answer. */
const OPEN_POLL_MS = 2;

interface Entry {
  left: number;
  kind: SendKind;
  /** When the answer came; undefined while the request is on its way. */
  answered?: number;
}

/**
 * A limiter for `perSecond` messages a second overall and one per `perChatMs` per chat: at most
 * `perSecond` sends between any answer and a window (`1000 / headroom` ms) later, and no two sends
 * leaving closer than 90% of the even spacing (catching up after a late start, but never in a burst).
 */
export function createRateLimiter(opts: {
  perSecond: number;
  perChatMs: number;
  headroom?: number;
}): RateLimiter {
  const headroom = opts.headroom ?? RATE_HEADROOM;
  const windowMs = 1000 / headroom;
  const limit = Math.max(1, Math.floor(opts.perSecond));
  const minGap = (windowMs / limit) * 0.9;
  const perChat = opts.perChatMs / headroom;
  // The last `limit` sends, oldest first.
  const recent: Entry[] = [];
  let pausedUntil = 0;
  // The last send to each chat, and the last of Pandu's own (what a reply keeps its distance from).
  const lastByChat = new Map<string, Entry>();
  const lastOwnByChat = new Map<string, Entry>();
  // Replies waiting for their turn: Pandu's own sends wait while there are any.
  let repliesWaiting = 0;
  /** When an entry stops counting against a window starting after it. */
  const settledAt = (e: Entry, now: number) => e.answered ?? now + OPEN_POLL_MS - windowMs;
  /** When the window has room for one more send. */
  const windowReadyAt = (now: number) =>
    recent.length >= limit ? settledAt(recent[recent.length - limit]!, now) + windowMs : now;
  /** When a send to `chat` keeps the per-chat gap after `last`. */
  const chatReadyAt = (last: Entry | undefined, now: number) =>
    last === undefined ? now : last.answered === undefined ? now + OPEN_POLL_MS : last.answered + perChat;
  const overallReadyAt = (now: number) => {
    let at = Math.max(now, pausedUntil, windowReadyAt(now));
    const last = recent.at(-1);
    if (last !== undefined) at = Math.max(at, last.left + minGap);
    if (repliesWaiting > 0) at = Math.max(at, now + OPEN_POLL_MS);
    return at;
  };
  const readyAt = (chat: string, now: number) =>
    Math.max(overallReadyAt(now), chatReadyAt(lastByChat.get(chat), now));
  const replyReadyAt = (chat: string, now: number) => {
    let at = Math.max(now, pausedUntil, chatReadyAt(lastOwnByChat.get(chat), now));
    // Pandu's own sends are in the window: a reply on top of a full window would be refused.
    const ownInWindow = recent.some((e) => e.kind === "own" && settledAt(e, now) + windowMs > now);
    if (ownInWindow) at = Math.max(at, windowReadyAt(now));
    return at;
  };
  const forget = (map: Map<string, Entry>, now: number) => {
    // Bounded: chats not written to for a minute no longer constrain anything.
    if (map.size > 50_000) for (const [c, e] of map) if (now - e.left > 60_000) map.delete(c);
  };
  const record = (chat: string, now: number, kind: SendKind = "own"): SendMark => {
    const entry: Entry = { left: now, kind };
    recent.push(entry);
    if (recent.length > limit) recent.shift();
    lastByChat.set(chat, entry);
    forget(lastByChat, now);
    if (kind === "own") {
      lastOwnByChat.set(chat, entry);
      forget(lastOwnByChat, now);
    }
    return {
      done(at) {
        entry.answered = Math.max(at, entry.left);
      },
    };
  };
  return {
    readyAt,
    overallReadyAt,
    canSend: (chat, now) => readyAt(chat, now) <= now,
    replyReadyAt,
    record,
    async turn(chat, kind, clock) {
      const waitUntil = async (ready: (t: number) => number) => {
        for (let t = clock.now(), at = ready(t); at > t; t = clock.now(), at = ready(t)) {
          await clock.sleep(Math.max(1, Math.ceil(at - t)));
        }
      };
      if (kind === "own") {
        await waitUntil((t) => readyAt(chat, t));
        return record(chat, clock.now(), kind);
      }
      // The chat's gap first, with everything else going on meanwhile; then room in the window,
      // which Pandu's own sends leave to the reply.
      await waitUntil((t) => Math.max(pausedUntil, chatReadyAt(lastOwnByChat.get(chat), t)));
      repliesWaiting++;
      try {
        await waitUntil((t) => replyReadyAt(chat, t));
      } finally {
        repliesWaiting--;
      }
      return record(chat, clock.now(), kind);
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}
