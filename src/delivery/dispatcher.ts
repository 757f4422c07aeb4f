import type { Delivery } from "../db/models/index.js";
import { withQueryOrigin } from "../db/query-origin.js";
import type { Repositories } from "../db/repositories/index.js";
import { settleBy } from "../lifecycle.js";
import { backoffMs, MAX_ATTEMPTS } from "./backoff.js";
import { createDueReader } from "./due-reader.js";
import type { RateLimiter, SendMark } from "./rate-limiter.js";
import type { ChannelSender, SendOutcome } from "./sender.js";
import type { SlotLease } from "./slot-lease.js";

/** What the dispatcher tells the outside (logs, metrics). */
export interface DispatcherEvents {
  sent?(d: Delivery, resend: boolean): void;
  failed?(d: Delivery, outcome: Exclude<SendOutcome, { kind: "sent" }>, dead: boolean): void;
  error?(err: unknown): void;
}

export interface DispatcherOptions {
  repos: Pick<Repositories, "deliveries" | "identities">;
  sender: ChannelSender;
  limiter: RateLimiter;
  lease: SlotLease;
  now: () => Date;
  /** How long a claimed delivery is ours: longer than any single send may take. */
  sendLeaseMs?: number;
  /** How many sends may be on the wire at once (pacing still decides when each starts). */
  maxInFlight?: number;
  /** How often to look for due deliveries when there are none. */
  idleMs?: number;
  events?: DispatcherEvents;
  sleep?: (ms: number) => Promise<void>;
  /** Pause after taking the lease over before the first send (default: the per-chat gap). */
  takeoverGraceMs?: number;
  /** Wait before the next attempt after a transient failure (tests shorten it). */
  backoff?: (attempt: number) => number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sends the outbox of one channel. Only the process holding the channel's sender lease sends, so
 * the platform's rate limits hold across all instances; each attempt is won by a unique claim, so
 * even two dispatchers that both think they hold the lease never send the same attempt twice.
 */
export function createDispatcher(opts: DispatcherOptions) {
  const sendLeaseMs = opts.sendLeaseMs ?? 60_000;
  const maxInFlight = opts.maxInFlight ?? 32;
  const idleMs = opts.idleMs ?? 250;
  const takeoverGraceMs = opts.takeoverGraceMs ?? opts.sender.limits.perChatMs;
  const sleep = opts.sleep ?? defaultSleep;
  const backoff = opts.backoff ?? ((attempt: number) => backoffMs(attempt));
  const { repos, sender, limiter } = opts;
  const inFlight = new Set<Promise<void>>();
  // Sends on the wire, by delivery id: what a stop that runs out of time puts back as in doubt.
  const onWire = new Map<string, Prepared>();
  // Deliveries this process is sending right now: the next pass must not try to claim them again.
  const busy = new Set<string>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  // Resolved by stop(): every wait in a pass ends early, so stopping never waits out a pause.
  let stopping: Promise<void> = new Promise(() => {});
  let signalStop: () => void = () => {};
  const nap = (ms: number) => Promise.race([sleep(ms), stopping]);

  /** Wins the next attempt of `d`, or undefined when someone else is on it. */
  async function claim(d: Delivery): Promise<number | undefined> {
    const now = opts.now();
    // A worker that died between winning a claim and marking the delivery leaves the claim
    // behind; once that claim is older than a send lease, the next attempt number is free to win.
    // That holds for a delivery still marked sending too (its sender died, then so did the next).
    for (let attempt = d.attempts + 1; attempt <= d.attempts + 3; attempt++) {
      if (await repos.deliveries.claim(d._id, attempt, now)) return attempt;
      const current = await repos.deliveries.get(d._id);
      if (!current || current.attempts >= attempt) return undefined;
      const claimedAt = await repos.deliveries.claimedAt(d._id, attempt);
      if (claimedAt && now.getTime() - claimedAt.getTime() < sendLeaseMs) return undefined;
    }
    return undefined;
  }

  async function settle(d: Delivery, attempt: number, outcome: SendOutcome, resend: boolean): Promise<void> {
    const now = opts.now();
    switch (outcome.kind) {
      case "sent":
        await repos.deliveries.finish(
          { ...d, attempts: attempt, resends: d.resends + (resend ? 1 : 0) },
          "sent",
          now,
        );
        opts.events?.sent?.(d, resend);
        return;
      case "rate-limited":
        // The whole bot is limited: hold everything, and try this one again after the wait.
        limiter.pauseUntil(now.getTime() + outcome.retryAfterMs);
        await repos.deliveries.retryAt(
          d,
          new Date(now.getTime() + outcome.retryAfterMs),
          outcome.error,
          outcome.partsSent,
        );
        opts.events?.failed?.(d, outcome, false);
        return;
      case "transient": {
        const dead = attempt >= MAX_ATTEMPTS;
        if (dead) await repos.deliveries.finish({ ...d, attempts: attempt }, "dead", now, outcome.error);
        else
          await repos.deliveries.retryAt(
            d,
            new Date(now.getTime() + backoff(attempt)),
            outcome.error,
            outcome.partsSent,
          );
        opts.events?.failed?.(d, outcome, dead);
        return;
      }
      case "unreachable":
        await repos.identities.markUnreachable(d.identityId, outcome.error, now);
        await repos.deliveries.finish({ ...d, attempts: attempt }, "dead", now, outcome.error);
        opts.events?.failed?.(d, outcome, true);
        return;
      case "rejected":
        await repos.deliveries.finish({ ...d, attempts: attempt }, "dead", now, outcome.error);
        opts.events?.failed?.(d, outcome, true);
        return;
    }
  }

  interface Prepared {
    d: Delivery;
    attempt: number;
    resend: boolean;
  }

  /**
   * Wins and marks the next attempt of `d`. These writes take a variable few milliseconds, so
   * they are done ahead of the delivery's turn: only the HTTP call itself is paced, and requests
   * reach the platform as evenly spaced as they were planned.
   */
  async function prepare(d: Delivery): Promise<Prepared | undefined> {
    const attempt = await claim(d);
    if (attempt === undefined) return undefined;
    const resend = d.status === "sending" || d.inDoubt === true;
    // A sender that logged a delivery and stopped (the database went away) before removing it from
    // the outbox leaves it there as still sending: it arrived, so it is only removed, and what
    // that sender could not tell of its outcome (metrics, unit counts) is told now.
    const logged = resend ? await repos.deliveries.getLogged(d._id) : null;
    if (logged) {
      await repos.deliveries.dropLogged(d._id);
      if (logged.status === "sent") opts.events?.sent?.(logged, false);
      return undefined;
    }
    await repos.deliveries.markSending(d, attempt, new Date(opts.now().getTime() + sendLeaseMs), resend);
    return { d, attempt, resend };
  }

  async function transmit(p: Prepared, mark: SendMark): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await sender.send(p.d.address, p.d.message, { partsSent: p.d.partsSent ?? 0 });
    } catch (err) {
      outcome = { kind: "transient", error: (err as Error).message ?? String(err) };
    } finally {
      mark.done(opts.now().getTime());
    }
    await settle(p.d, p.attempt, outcome, p.resend);
  }

  // About twenty seconds of sending per read of the outbox.
  const batch = Math.max(maxInFlight * 2, Math.ceil(sender.limits.perSecond * 20));
  const lowWater = Math.ceil(sender.limits.perSecond * 2);
  // Deliveries claimed and marked ahead of their turn (about half a second of sending).
  const depth = Math.max(2, Math.ceil(sender.limits.perSecond / 2));
  let prefetch: Promise<Delivery[]> | undefined;
  // Reads what is due by a few due keys, so deliveries dated for later are never read.
  const dueReader = createDueReader({ deliveries: repos.deliveries, channel: sender.channel });
  // How long the last read of what is due took (real time): it reads every delivery already due
  // (a broadcast of thousands), so it can take a good part of a second.
  let readMs = 0;
  // Deliveries taken up since the last read was started: that read may still list them as due.
  let takenSinceRead = new Set<string>();
  /** What is due now; deliveries on the wire may still read as due until marked, so fetch past them. */
  function fetchDue(): Promise<Delivery[]> {
    const started = performance.now();
    takenSinceRead = new Set();
    const p = dueReader.read(opts.now(), batch + busy.size);
    p.then(
      () => {
        readMs = performance.now() - started;
      },
      () => {}, // a failed prefetch surfaces when the next pass awaits it
    );
    return p;
  }

  /** One pass: sends what is due now, paced; returns how many it started. */
  async function pass(): Promise<number> {
    if (!(await opts.lease.holds())) return -1;
    // Just took over: the previous holder's last sends may still be arriving; let a per-chat gap
    // pass before adding ours, so the two never add up above the platform's limit.
    const since = opts.lease.heldSince();
    if (since !== undefined && opts.now().getTime() - since < takeoverGraceMs) {
      await nap(takeoverGraceMs - (opts.now().getTime() - since));
    }
    if (!running) return 0;
    // Taken before the wait: a prefetch that failed (the database was away) must not fail every
    // later pass too.
    const reading = prefetch ?? fetchDue();
    prefetch = undefined;
    const due = await reading;
    let started = 0;
    let seen = 0;
    let turnLost = false;
    const chatsThisPass = new Set<string>();
    const pipeline: { id: string; chat: string; ready: Promise<Prepared | undefined> }[] = [];

    /** Sends the oldest prepared delivery at its turn; false when the lease was lost meanwhile. */
    async function sendNext(): Promise<boolean> {
      const item = pipeline.shift()!;
      const p = await item.ready.catch((err) => {
        opts.events?.error?.(err);
        return undefined;
      });
      if (!p) {
        busy.delete(item.id);
        return true;
      }
      // Timers may fire a fraction early: wait until the limiter agrees.
      for (
        let t = opts.now().getTime();
        running && limiter.readyAt(item.chat, t) > t;
        t = opts.now().getTime()
      ) {
        await nap(Math.max(1, Math.ceil(limiter.readyAt(item.chat, t) - t)));
      }
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      // A pass can outlast a lease slot: check (and renew) the turn before every send, so two
      // processes never send side by side across a handover.
      const ours = running && (await opts.lease.holds().catch(() => false));
      if (!ours) {
        await release(p).catch((err) => opts.events?.error?.(err));
        return false;
      }
      // A message of several platform calls (a file, then a long text) counts once per call.
      const calls = Math.max(1, (sender.partsOf?.(p.d.message) ?? 1) - (p.d.partsSent ?? 0));
      const at = opts.now().getTime();
      const marks = Array.from({ length: calls }, () => limiter.record(item.chat, at));
      const mark: SendMark = {
        done: (t) => {
          for (const m of marks) m.done(t);
        },
      };
      onWire.set(p.d._id, p);
      const job: Promise<void> = transmit(p, mark)
        .catch((err) => opts.events?.error?.(err))
        .finally(() => {
          inFlight.delete(job);
          onWire.delete(p.d._id);
          busy.delete(p.d._id);
        });
      inFlight.add(job);
      started++;
      return true;
    }

    /** Puts a prepared delivery back unsent, due at once, for whoever holds the turn. */
    async function release(p: Prepared): Promise<void> {
      try {
        await repos.deliveries.retryAt(p.d, opts.now(), "not sent: the sending turn passed on");
      } finally {
        busy.delete(p.d._id);
      }
    }

    try {
      await fill();
    } finally {
      // However the pass ended (the database went away mid-pass, the lease could not be renewed),
      // nothing it took stays taken: a delivery left in `busy` would never be sent by this process.
      await drainPipeline();
    }
    return started;

    async function fill(): Promise<void> {
      for (const d of due) {
        if (!running || turnLost) break;
        seen++;
        // Reading what is due reads every delivery due (FerretDB sorts and limits after reading: a
        // third of a second for 3,000): read the next batch while this one still has the last two
        // seconds, or half again as long as the last read took, to send.
        const ahead = Math.max(lowWater, Math.ceil((sender.limits.perSecond * readMs * 1.5) / 1_000));
        if (!prefetch && due.length >= batch && due.length - seen < ahead) prefetch = fetchDue();
        // One message per chat per pass, and none to a chat still inside its per-chat gap; none
        // taken up since this list was read (it was sent meanwhile).
        if (chatsThisPass.has(d.address) || busy.has(d._id) || takenSinceRead.has(d._id)) continue;
        const t = opts.now().getTime();
        if (limiter.readyAt(d.address, t) - limiter.overallReadyAt(t) > 0) continue;
        chatsThisPass.add(d.address);
        busy.add(d._id);
        takenSinceRead.add(d._id);
        pipeline.push({ id: d._id, chat: d.address, ready: prepare(d) });
        if (pipeline.length >= depth && !(await sendNext())) turnLost = true;
      }
      while (pipeline.length > 0 && !turnLost && running) {
        if (!(await sendNext())) turnLost = true;
      }
    }

    /** Puts back every prepared delivery the pass did not send. */
    async function drainPipeline(): Promise<void> {
      while (pipeline.length > 0) {
        const item = pipeline.shift()!;
        const p = await item.ready.catch(() => undefined);
        if (p) await release(p).catch((err) => opts.events?.error?.(err));
        else busy.delete(item.id);
      }
    }
  }

  return {
    /** Starts sending in the background. */
    start() {
      if (running) return;
      running = true;
      stopping = new Promise<void>((r) => {
        signalStop = r;
      });
      // Sending is a per-message path: its queries are held to the storage rules as a chat's are.
      loop = withQueryOrigin("dispatch", async () => {
        while (running) {
          let started = 0;
          try {
            started = await pass();
          } catch (err) {
            opts.events?.error?.(err);
          }
          if (!running) break;
          if (started <= 0) {
            const ms = started < 0 ? Math.min(1_000, opts.lease.msToNextSlot() + 20) : idleMs;
            await new Promise<void>((r) => {
              wake = r;
              setTimeout(r, ms);
            });
            wake = undefined;
          }
        }
      });
    },
    /** Looks for due deliveries now instead of at the next idle tick (after enqueueing). */
    poke() {
      wake?.();
    },
    /**
     * Stops taking new deliveries: what was claimed but not sent yet goes back to pending, the sends
     * on the wire get until `deadline` (epoch ms) to settle, and any still unanswered then go back
     * to pending as in doubt. Then the sender lease is given up, so another process takes over at
     * once. Afterwards no delivery is `sending` under this process's claim.
     */
    async stop(deadline = Number.POSITIVE_INFINITY) {
      running = false;
      signalStop();
      wake?.();
      if (await settleBy(loop, deadline)) await settleBy(Promise.allSettled([...inFlight]), deadline);
      for (const p of [...onWire.values()]) {
        await repos.deliveries.releaseInDoubt(p.d, opts.now()).catch((err) => opts.events?.error?.(err));
      }
      await opts.lease.release().catch((err) => opts.events?.error?.(err));
    },
    /** One pass, for tests on a controlled clock. */
    pass,
    /** Waits until every started send has settled (tests). */
    async drain() {
      await Promise.allSettled([...inFlight]);
    },
  };
}
export type Dispatcher = ReturnType<typeof createDispatcher>;
