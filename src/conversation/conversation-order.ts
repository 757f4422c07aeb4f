import { machinePressure, type Pressure } from "./machine-load.js";

/**
 * When more people write at once than the machine can answer promptly, the people already in a
 * conversation are answered first: a message that starts a conversation waits while the machine
 * is saturated, and newcomers are let in as it has room. Answering everyone a little at a time
 * instead makes every step of every conversation slow (200 people starting an assessment together
 * on two cores waited over half a second for every answer, and nobody finished sooner). Servers
 * call this session-based admission control. While the machine has room nothing waits.
 */
export interface ConversationOrder {
  /**
   * Runs `work` for the chat `key`: at once when the chat is in a conversation or the machine has
   * room, otherwise when its turn comes. `heldLong` is called once if the work is still waiting
   * after `noticeMs` (the channel tells the person that their message arrived).
   */
  run<T>(key: string, work: () => Promise<T>, heldLong?: () => void): Promise<T>;
  /** Work running and first messages waiting, now. */
  load(): { running: number; waiting: number };
}

/** Cancels a timer set through `OrderTimers`. */
type Cancel = () => void;

/** How the order reads the time and sets timers: the real ones, or a test's clock. */
export interface OrderTimers {
  now(): number;
  after(ms: number, fn: () => void): Cancel;
}

const realTimers: OrderTimers = {
  now: () => Date.now(),
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return () => clearTimeout(t);
  },
};

export interface ConversationOrderOptions {
  /** How busy the machine is (see machine-load.ts). */
  pressure: Pressure;
  /** At or above this pressure the machine counts as saturated. */
  threshold: number;
  /**
   * Newcomers wait only while the machine is saturated and answers take at least this long (their
   * mean over the last tick). Below it, more conversations at once still share the work well: the
   * database and the Bot API get more at a time, and every answer stays quick.
   */
  targetMs: number;
  /** How often newcomers are let in, and how many at most each time. */
  tickMs: number;
  perTick: number;
  /** A chat that wrote within this time is in a conversation: it never waits here. */
  quietMs: number;
  /** The longest a first message waits, whatever keeps the machine busy. */
  maxWaitMs: number;
  /** After how long a waiting message's `heldLong` is called. */
  noticeMs: number;
  timers?: OrderTimers;
}

/** The settings Pandu runs with; `targetMs` comes from BUSY_TARGET_MS. */
export const ORDER_DEFAULTS = {
  threshold: 0.9,
  tickMs: 100,
  perTick: 10,
  quietMs: 10 * 60_000,
  maxWaitMs: 60_000,
  noticeMs: 3_000,
} as const;

interface Waiter {
  key: string;
  at: number;
  start: () => void;
  cancelNotice?: Cancel;
}

/** Lets first messages in as the machine has room; messages within a conversation go at once. */
export function createConversationOrder(opts: ConversationOrderOptions): ConversationOrder {
  const timers = opts.timers ?? realTimers;
  /** When each chat last wrote (chats quiet for `quietMs` are forgotten now and then). */
  const lastSeen = new Map<string, number>();
  const queue: Waiter[] = [];
  /** Chats with messages waiting, and how many: a chat's next message waits behind them. */
  const queued = new Map<string, number>();
  let head = 0;
  let running = 0;
  let allowance = opts.perTick;
  let refillAt = 0;
  let sweepAt = 0;
  let wake: Cancel | undefined;
  /** Answers finished since the last tick: their number, how many were newcomers', summed time. */
  let answered = 0;
  let answeredNew = 0;
  let answerMs = 0;
  let answerMean = 0;

  const waiting = () => queue.length - head;

  /** Whether the chat `key` is in a conversation, counting this message. */
  function inConversation(key: string, t: number): boolean {
    if (t >= sweepAt) {
      sweepAt = t + opts.quietMs;
      for (const [k, last] of lastSeen) if (t - last > opts.quietMs) lastSeen.delete(k);
    }
    const last = lastSeen.get(key);
    lastSeen.set(key, t);
    return last !== undefined && t - last <= opts.quietMs;
  }

  /** Each tick: newcomers may come in (see below), or none while the machine is saturated and slow. */
  function refill(t: number) {
    if (t < refillAt) return;
    refillAt = t + opts.tickMs;
    if (answered > 0) answerMean = answerMs / answered;
    const hold = opts.pressure() >= opts.threshold && answerMean >= opts.targetMs;
    // Otherwise at least `perTick`, and one newcomer in for each newcomer answered in the last
    // tick: a steady stream of one-message newcomers (everyone pressing a button once) keeps its
    // pace instead of being cut to `perTick`.
    allowance = hold ? 0 : Math.max(opts.perTick, answeredNew);
    answered = 0;
    answeredNew = 0;
    answerMs = 0;
  }

  /** Lets waiting newcomers in, first come first; wakes again next tick while any still wait. */
  function admit() {
    wake?.();
    wake = undefined;
    const t = timers.now();
    refill(t);
    while (waiting() > 0) {
      const w = queue[head]!;
      const overdue = t - w.at >= opts.maxWaitMs;
      // With nothing running, waiting helps nobody: whatever keeps the machine busy is not a chat.
      if (!overdue && allowance <= 0 && running > 0) break;
      if (!overdue && allowance > 0) allowance--;
      queue[head++] = undefined as unknown as Waiter;
      const left = (queued.get(w.key) ?? 1) - 1;
      if (left > 0) queued.set(w.key, left);
      else queued.delete(w.key);
      w.cancelNotice?.();
      running++;
      w.start();
    }
    // The queue is an array read from `head`: its front is dropped once it is most of it.
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    if (waiting() > 0) wake = timers.after(Math.max(1, refillAt - t), admit);
  }

  return {
    async run<T>(key: string, work: () => Promise<T>, heldLong?: () => void): Promise<T> {
      const t = timers.now();
      // A chat whose earlier message still waits is answered in order: this one waits behind it.
      const known = inConversation(key, t) && !queued.has(key);
      refill(t);
      if (known || (waiting() === 0 && (allowance > 0 || running === 0))) {
        if (!known && allowance > 0) allowance--;
        running++;
      } else {
        await new Promise<void>((start) => {
          const w: Waiter = { key, at: t, start };
          queued.set(key, (queued.get(key) ?? 0) + 1);
          if (heldLong)
            w.cancelNotice = timers.after(opts.noticeMs, () => {
              w.cancelNotice = undefined;
              heldLong();
            });
          queue.push(w);
          admit();
        });
      }
      const began = timers.now();
      try {
        return await work();
      } finally {
        running--;
        const ended = timers.now();
        answered++;
        if (!known) answeredNew++;
        answerMs += ended - began;
        lastSeen.set(key, ended);
        if (waiting() > 0 && running === 0) admit();
      }
    },
    load: () => ({ running, waiting: waiting() }),
  };
}

/**
 * The order a running Pandu uses (main.ts): the machine's load sampled every tick, the defaults,
 * and `targetMs` from BUSY_TARGET_MS; undefined (nothing ever waits) when that is 0.
 */
export function conversationOrderFor(targetMs: number): ConversationOrder | undefined {
  if (targetMs <= 0) return undefined;
  return createConversationOrder({
    ...ORDER_DEFAULTS,
    targetMs,
    pressure: machinePressure(ORDER_DEFAULTS.tickMs),
  });
}
