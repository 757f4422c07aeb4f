import { randomBytes } from "node:crypto";
import type { Repositories } from "../db/repositories/index.js";
import { createDispatcher, type Dispatcher, type DispatcherEvents } from "./dispatcher.js";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";
import type { ChannelSender } from "./sender.js";
import { createSlotLease } from "./slot-lease.js";

/** This process's name in leases: host-independent, unique per start. */
export const INSTANCE_ID = `i-${process.pid}-${randomBytes(4).toString("hex")}`;

/** The time a channel's sending runs on: the real clock, or a test's controllable one. */
export interface DeliveryClock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * One channel's outbox sending in this process: its rate limiter (which the channel's replies
 * also feed, so people's replies come first) and its dispatcher, active only while this process
 * holds the channel's sender lease.
 */
export function createChannelDelivery(opts: {
  repos: Pick<Repositories, "deliveries" | "identities" | "leases">;
  sender: ChannelSender;
  leaseSeconds: number;
  /** How long a claimed send is ours before another process may send it again. */
  sendLeaseSeconds?: number;
  events?: DispatcherEvents;
  /** Defaults to the real clock. */
  clock?: DeliveryClock;
}): { limiter: RateLimiter; dispatcher: Dispatcher } {
  const clock = opts.clock;
  const now = () => (clock ? clock.now() : Date.now());
  const limiter = createRateLimiter(opts.sender.limits);
  const dispatcher = createDispatcher({
    repos: opts.repos,
    sender: opts.sender,
    limiter,
    lease: createSlotLease({
      leases: opts.repos.leases,
      name: `sender:${opts.sender.channel}`,
      holder: INSTANCE_ID,
      slotMs: opts.leaseSeconds * 1_000,
      now,
    }),
    now: () => new Date(now()),
    // A send waits at most for its HTTP call; 60 s is far beyond that, and a crashed sender's
    // deliveries are picked up again after it.
    sendLeaseMs: (opts.sendLeaseSeconds ?? 60) * 1_000,
    ...(opts.events ? { events: opts.events } : {}),
    ...(clock ? { sleep: (ms: number) => clock.sleep(ms) } : {}),
  });
  return { limiter, dispatcher };
}
