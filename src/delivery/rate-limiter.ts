/**
 * Paces sends for one bot: at most `perSecond` overall and one per `perChatMs` per chat. Pure: the
 * caller passes the clock.
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
  /** Records a send (scheduled or a reply) to `chat` leaving at `now`; call `done` when its answer came. */
  record(chat: string, now: number): SendMark;
  /** Holds every send until `until` (a platform-wide 429). */
  pauseUntil(until: number): void;
}

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
  const lastByChat = new Map<string, Entry>();
  /** When an entry stops counting against a window starting after it. */
  const settledAt = (e: Entry, now: number) => e.answered ?? now + OPEN_POLL_MS - windowMs;
  const overallReadyAt = (now: number) => {
    let at = Math.max(now, pausedUntil);
    const last = recent.at(-1);
    if (last !== undefined) at = Math.max(at, last.left + minGap);
    if (recent.length >= limit) at = Math.max(at, settledAt(recent[recent.length - limit]!, now) + windowMs);
    return at;
  };
  const readyAt = (chat: string, now: number) => {
    const last = lastByChat.get(chat);
    if (last === undefined) return overallReadyAt(now);
    const chatReady = last.answered === undefined ? now + OPEN_POLL_MS : last.answered + perChat;
    return Math.max(overallReadyAt(now), chatReady);
  };
  return {
    readyAt,
    overallReadyAt,
    canSend: (chat, now) => readyAt(chat, now) <= now,
    record(chat, now) {
      const entry: Entry = { left: now };
      recent.push(entry);
      if (recent.length > limit) recent.shift();
      lastByChat.set(chat, entry);
      // Bounded: chats not written to for a minute no longer constrain anything.
      if (lastByChat.size > 50_000) {
        for (const [c, e] of lastByChat) if (now - e.left > 60_000) lastByChat.delete(c);
      }
      return {
        done(at) {
          entry.answered = Math.max(at, entry.left);
        },
      };
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}
