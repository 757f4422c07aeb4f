/**
 * Paces sends for one bot: at most `perSecond` overall and one per `perChatMs` per chat. Sends are
 * spaced evenly (never bunched), a little under the platform's limit, because requests can arrive
 * at the platform closer together than they left. Pure: the caller passes the clock.
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

/** A limiter for `perSecond` messages a second overall and one per `perChatMs` per chat. */
export function createRateLimiter(opts: {
  perSecond: number;
  perChatMs: number;
  headroom?: number;
}): RateLimiter {
  const spacing = 1000 / (opts.perSecond * (opts.headroom ?? RATE_HEADROOM));
  const perChat = opts.perChatMs / (opts.headroom ?? RATE_HEADROOM);
  let nextOverall = 0;
  let pausedUntil = 0;
  const lastByChat = new Map<string, number>();
  const overallReadyAt = (now: number) => Math.max(now, nextOverall, pausedUntil);
  const readyAt = (chat: string, now: number) => {
    const last = lastByChat.get(chat);
    return Math.max(overallReadyAt(now), last === undefined ? 0 : last + perChat);
  };
  return {
    readyAt,
    overallReadyAt,
    canSend: (chat, now) => readyAt(chat, now) <= now,
    record(chat, now) {
      nextOverall = Math.max(nextOverall, now) + spacing;
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
