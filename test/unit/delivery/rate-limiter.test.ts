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

/** A clock the test moves: `sleep` resolves when `run` reaches its time. */
function fakeClock() {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
    /** Moves the time from sleeper to sleeper until `until`, letting woken work run between. */
    async run(until: number) {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers[0];
        if (!next || next.at > until) break;
        sleepers.shift();
        now = Math.max(now, next.at);
        next.wake();
      }
      now = until;
    },
  };
}

describe("replies and Pandu's own sends in one budget", () => {
  it("never holds replies back for one another, however many, when Pandu sends nothing of its own", () => {
    const limiter = createRateLimiter({ perSecond: 30, perChatMs: 1000 });
    for (let i = 0; i < 200; i++) {
      expect(limiter.replyReadyAt("busy-chat", 10)).toBe(10);
      expect(limiter.replyReadyAt(`chat-${i}`, 10)).toBe(10);
      limiter.record(i % 2 === 0 ? "busy-chat" : `chat-${i}`, 10, "reply");
    }
  });

  it("keeps a reply a per-chat gap after Pandu's own message in that chat, and nowhere else", () => {
    const limiter = createRateLimiter({ perSecond: 30, perChatMs: 1000 });
    const own = limiter.record("7001", 0);
    // Still on its way: the reply cannot know when it arrives, so it waits for the answer.
    expect(limiter.replyReadyAt("7001", 50)).toBeGreaterThan(50);
    own.done(3);
    expect(limiter.replyReadyAt("7001", 50)).toBeCloseTo(3 + 1000 / 0.99, 5);
    expect(limiter.replyReadyAt("7002", 50)).toBe(50);
    // And the outbox keeps its gap after a reply, as after anything sent in the chat.
    limiter.record("7002", 60, "reply").done(62);
    expect(limiter.readyAt("7002", 100)).toBeCloseTo(62 + 1000 / 0.99, 5);
  });

  it("lets a reply wait for room while the outbox fills the window, and sends it before the outbox's next", async () => {
    const limiter = createRateLimiter({ perSecond: 30, perChatMs: 1000 });
    const clock = fakeClock();
    for (let i = 0; i < 30; i++) limiter.record(`o${i}`, i * 31).done(i * 31 + 3);
    // 30 of Pandu's own in the window: a reply now would be refused, so it waits for the first to leave.
    expect(limiter.replyReadyAt("r1", 930)).toBeGreaterThan(930);
    await clock.run(930);
    const order: string[] = [];
    // The outbox asked first, and both wait for the same opening: the reply goes first.
    void limiter.turn("o30", "own", clock).then(() => order.push(`own@${Math.round(clock.now())}`));
    void limiter.turn("r1", "reply", clock).then(() => order.push(`reply@${Math.round(clock.now())}`));
    await clock.run(1_100);
    expect(order).toHaveLength(2);
    expect(order[0]).toBe(`reply@${Math.ceil(3 + 1000 / 0.99)}`);
    expect(order[1]).toMatch(/^own@/);
  });

  it("keeps a saturating broadcast and replies to its recipients within 30 a second and one a second per chat", async () => {
    const limiter = createRateLimiter({ perSecond: 30, perChatMs: 1000 });
    const clock = fakeClock();
    const travelMs = 2;
    const sends: { chat: string; at: number; kind: "own" | "reply" }[] = [];
    const send = async (chat: string, kind: "own" | "reply") => {
      const mark = await limiter.turn(chat, kind, clock);
      const left = clock.now();
      sends.push({ chat, at: left + travelMs, kind });
      await clock.sleep(travelMs + 1);
      mark.done(clock.now());
    };
    // 600 people get three messages each, in rounds; a tenth answer each message 1.5–8 s later.
    let seed = 5;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const waits: number[] = [];
    const outbox = (async () => {
      for (let round = 0; round < 3; round++)
        for (let p = 0; p < 600; p++) {
          await send(String(p), "own");
          if (random() < 0.1) {
            const chat = String(p);
            void clock.sleep(1_500 + random() * 6_500).then(async () => {
              const asked = clock.now();
              await send(chat, "reply");
              waits.push(clock.now() - asked);
            });
          }
        }
    })();
    await clock.run(90_000);
    await outbox;
    const times = sends.map((s) => s.at).sort((a, b) => a - b);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(30);
    const byChat = new Map<string, typeof sends>();
    for (const s of sends) byChat.set(s.chat, [...(byChat.get(s.chat) ?? []), s]);
    for (const list of byChat.values())
      for (let i = 1; i < list.length; i++)
        expect(list[i]!.at - list[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    const replies = sends.filter((s) => s.kind === "reply").length;
    expect(replies).toBeGreaterThan(100);
    const lastOwn = Math.max(...sends.filter((s) => s.kind === "own").map((s) => s.at));
    const during = sends.filter((s) => s.at <= lastOwn).length;
    expect(during / (lastOwn / 1000)).toBeGreaterThanOrEqual(28.5);
    // A reply waits at most for the per-chat gap after the broadcast's message in its chat.
    expect(Math.max(...waits)).toBeLessThanOrEqual(1_020);
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
