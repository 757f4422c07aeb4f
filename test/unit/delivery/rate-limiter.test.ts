import { describe, expect, it } from "vitest";
import { backoffMs, MAX_ATTEMPTS } from "../../../src/delivery/backoff.js";
import { createRateLimiter } from "../../../src/delivery/rate-limiter.js";

/** Sends as fast as the limiter allows for `ms`, to `chats` chats in turn; returns the send times. */
function drive(
  limiter: ReturnType<typeof createRateLimiter>,
  ms: number,
  chats: number,
  lateBy: () => number = () => 0,
): number[] {
  const times: number[] = [];
  let now = 0;
  let i = 0;
  while (now < ms) {
    const chat = String(i % chats);
    const at = limiter.readyAt(chat, now);
    if (at > now) {
      // A busy process wakes up late.
      now = at + lateBy();
      continue;
    }
    // The platform answers 3 ms later.
    limiter.record(chat, now).done(now + 3);
    times.push(now);
    i++;
  }
  return times;
}

const maxInWindow = (times: number[], window: number) => {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= window) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
};

describe("the send pacing", () => {
  it("stays under 30 a second overall, yet above 95% of it", () => {
    const times = drive(createRateLimiter({ perSecond: 30, perChatMs: 1000 }), 60_000, 5000);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(30);
    expect(times.length / 60).toBeGreaterThanOrEqual(28.5);
  });

  it("makes up for a process that wakes up late, without ever going above the limit", () => {
    let seed = 7;
    const late = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed / 2 ** 31) * 5; // 0–5 ms late, every time
    };
    const times = drive(createRateLimiter({ perSecond: 30, perChatMs: 1000 }), 60_000, 5000, late);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(30);
    expect(times.length / 60).toBeGreaterThanOrEqual(28.5);
  });

  it("never lets the platform see more than 30 in a second, however unevenly requests travel", () => {
    const limiter = createRateLimiter({ perSecond: 30, perChatMs: 1000 });
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // Requests in flight: when they reach the platform, and when their answer comes back.
    const pending: { arrives: number; answers: number; mark: { done(at: number): void } }[] = [];
    const arrivals: number[] = [];
    for (let now = 0, i = 0; now < 20_000; now++) {
      for (const p of pending.filter((x) => x.answers <= now)) p.mark.done(now);
      pending.splice(0, pending.length, ...pending.filter((x) => x.answers > now));
      while (limiter.canSend(String(i), now)) {
        // Usually 2 ms on the way, sometimes 150 ms (a slow network, a busy platform).
        const travel = random() < 0.1 ? 150 : 2;
        pending.push({
          arrives: now + travel,
          answers: now + travel + 1,
          mark: limiter.record(String(i++), now),
        });
        arrivals.push(now + travel);
      }
    }
    arrivals.sort((a, b) => a - b);
    expect(maxInWindow(arrivals, 1000)).toBeLessThanOrEqual(30);
    expect(arrivals.length / 20).toBeGreaterThan(25);
  });

  it("sends at most one message a second to any one chat", () => {
    const times = drive(createRateLimiter({ perSecond: 30, perChatMs: 1000 }), 10_000, 1);
    expect(maxInWindow(times, 1000)).toBe(1);
    expect(times.length).toBeGreaterThanOrEqual(9);
  });

  it("counts replies against the same budget, and holds everything during a 429 pause", () => {
    const limiter = createRateLimiter({ perSecond: 30, perChatMs: 1000 });
    const first = limiter.record("reply-chat", 0);
    for (let i = 1; i < 30; i++) limiter.record(`reply-${i}`, i * 20).done(i * 20 + 5);
    // 30 replies in the last second: a scheduled send waits until the first leaves the window,
    // counted from its answer; while that answer has not come, it waits however long it takes.
    expect(limiter.canSend("other", 1_500)).toBe(false);
    first.done(8);
    expect(limiter.canSend("other", 600)).toBe(false);
    expect(limiter.canSend("other", 1_020)).toBe(true);
    limiter.record("other", 1_020).done(1_025);
    limiter.pauseUntil(5_000);
    expect(limiter.readyAt("other", 100)).toBe(5_000);
  });
});

describe("backoff after transient failures", () => {
  it("doubles from about 2 s, is capped at 10 minutes, and jitters by at most 20%", () => {
    expect(backoffMs(1, () => 0.5)).toBe(2_000);
    expect(backoffMs(3, () => 0.5)).toBe(8_000);
    expect(backoffMs(MAX_ATTEMPTS + 10, () => 0.5)).toBe(600_000);
    expect(backoffMs(1, () => 0)).toBe(1_600);
    expect(backoffMs(1, () => 1)).toBe(2_400);
  });
});
