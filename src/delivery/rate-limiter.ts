/**
 * Paces sends for one bot: at most `perSecond` overall and one per `perChatMs` per chat, a little
 * under the platform's limits, because requests can arrive at the platform closer together than
 * they left. Pure: the caller passes the clock.
 */
export interface RateLimiter {
  /** When the next send to `chat` may start (≥ now). */
  readyAt(chat: string, now: number): number;
  /** When the next send to any chat may start. */
  overallReadyAt(now: number): number;
  /** True when a send to `chat` may start now. */
  canSend(chat: string, now: number): boolean;
  /** Records a send (scheduled or a reply) to `chat` at `now`. */
  record(chat: string, now: number): void;
  /** Holds every send until `until` (a platform-wide 429). */
  pauseUntil(until: number): void;
}

/** Keeps this fraction of the platform limit as headroom against network jitter. */
export const RATE_HEADROOM = 0.97;

/**
 * A limiter for `perSecond` messages a second overall and one per `perChatMs` per chat. Overall it
 * is a sliding window: at most `perSecond` sends in any `1000 / headroom` ms, and no two sends
 * closer than 90% of the even spacing. The window (not a fixed gap after the last send) is what
 * keeps the rate up when this process runs late: a send that left 10 ms late is made up by the
 * next one, where a fixed gap would lose those 10 ms for good.
 */
export function createRateLimiter(opts: {
  perSecond: number;
  perChatMs: number;
  headroom?: number;
}): RateLimiter {
  const headroom = opts.headroom ?? RATE_HEADROOM;
  const windowMs = 1000 / headroom;
  const limit = Math.max(1, Math.floor(opts.perSecond));
  // Catching up is allowed, but only gently: bursts are what a platform sees as a flood.
  const minGap = (windowMs / limit) * 0.9;
  const perChat = opts.perChatMs / headroom;
  // The last `limit` send times, oldest first.
  const recent: number[] = [];
  let pausedUntil = 0;
  const lastByChat = new Map<string, number>();
  const overallReadyAt = (now: number) => {
    let at = Math.max(now, pausedUntil);
    const last = recent.at(-1);
    if (last !== undefined) at = Math.max(at, last + minGap);
    if (recent.length >= limit) at = Math.max(at, recent[recent.length - limit]! + windowMs);
    return at;
  };
  const readyAt = (chat: string, now: number) => {
    const last = lastByChat.get(chat);
    return Math.max(overallReadyAt(now), last === undefined ? 0 : last + perChat);
  };
  return {
    readyAt,
    overallReadyAt,
    canSend: (chat, now) => readyAt(chat, now) <= now,
    record(chat, now) {
      recent.push(now);
      if (recent.length > limit) recent.shift();
      lastByChat.set(chat, now);
      // Bounded: chats not written to for a minute no longer constrain anything.
      if (lastByChat.size > 50_000) {
        for (const [c, t] of lastByChat) if (now - t > 60_000) lastByChat.delete(c);
      }
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}
