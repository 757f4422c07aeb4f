import client from "prom-client";
import type { Route } from "./server.js";

/** Outcomes of one outbox attempt as counted: sent, retried later, or given up (dead). */
export type DeliveryStatus = "sent" | "retried" | "dead";

/**
 * Purpose prefixes that get their own label value; anything else counts as `other`, so a new
 * purpose (or a broadcast id leaking into the prefix) can never blow up the label set.
 */
const PURPOSES = new Set(["broadcast", "reminder", "survey", "nudge", "improvement", "summary", "mentoring"]);

/** The low-cardinality purpose label of a delivery purpose: `reminder.7d` → `reminder`. */
export function purposeLabel(purpose: string): string {
  const head = purpose.split(/[.:]/, 1)[0] ?? "";
  return PURPOSES.has(head) ? head : "other";
}

/**
 * Pandu's Prometheus metrics, in one registry of their own. The rest of the code feeds them through
 * the functions returned here (wired in main.ts) and never imports prom-client. Labels are
 * low-cardinality on purpose: channel, kind, flow id, status and purpose prefix — never a person.
 */
export function createMetrics() {
  const registry = new client.Registry();
  // Process metrics (CPU, memory, event loop lag, handles) under Pandu's prefix.
  client.collectDefaultMetrics({ register: registry, prefix: "pandu_" });

  const updates = new client.Counter({
    name: "pandu_updates_total",
    help: "Updates from people handled, by channel and kind (text, command, button, file…).",
    labelNames: ["channel", "kind"] as const,
    registers: [registry],
  });
  const failures = new client.Counter({
    name: "pandu_update_failures_total",
    help: "Updates whose handling threw (the person got an apology), by channel.",
    labelNames: ["channel"] as const,
    registers: [registry],
  });
  const latency = new client.Histogram({
    name: "pandu_handler_duration_seconds",
    help: "Seconds from an update reaching Pandu until its replies were sent, by channel.",
    labelNames: ["channel"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const steps = new client.Counter({
    name: "pandu_flow_steps_total",
    help: "Steps a conversation moved through, by flow.",
    labelNames: ["flow"] as const,
    registers: [registry],
  });
  const deliveries = new client.Counter({
    name: "pandu_deliveries_total",
    help: "Outbox send attempts by result: sent, retried (tried again later) or dead (given up).",
    labelNames: ["channel", "purpose", "status"] as const,
    registers: [registry],
  });
  const rateLimited = new client.Counter({
    name: "pandu_rate_limited_total",
    help: "429 answers from a platform, by channel and by who was sending (reply or outbox).",
    labelNames: ["channel", "source"] as const,
    registers: [registry],
  });
  const lag = new client.Gauge({
    name: "pandu_outbox_lag_seconds",
    help: "Age in seconds of the oldest delivery that is due and not sent yet (0 when none); sampled.",
    registers: [registry],
  });
  lag.set(0);
  let order: (() => { running: number; waiting: number }) | undefined;
  new client.Gauge({
    name: "pandu_first_messages_waiting",
    help: "Messages that start a conversation waiting their turn while the machine is saturated (see BUSY_TARGET_MS).",
    registers: [registry],
    collect() {
      this.set(order?.().waiting ?? 0);
    },
  });

  return {
    /**
     * Counts one update and starts its clock; the returned function stops the clock once the
     * replies are out.
     */
    update(channel: string, kind: string): () => void {
      updates.inc({ channel, kind });
      return latency.startTimer({ channel });
    },
    /** Reports the conversation order's waiting messages (pandu_first_messages_waiting). */
    watchOrder(load: () => { running: number; waiting: number }): void {
      order = load;
    },
    /** Wraps a conversation handler so an update whose handling throws is counted. */
    countingFailures<W extends { channel: string }, I, P, R>(
      handle: (who: W, inbound: I, progress?: P) => Promise<R>,
    ): (who: W, inbound: I, progress?: P) => Promise<R> {
      return async (who, inbound, progress) => {
        try {
          return await handle(who, inbound, progress);
        } catch (err) {
          failures.inc({ channel: who.channel });
          throw err;
        }
      };
    },
    /** `count` steps a conversation of `flow` moved through. */
    flowSteps(flow: string, count = 1): void {
      steps.inc({ flow }, count);
    },
    /** One outbox attempt's result. */
    delivery(d: { channel: string; purpose: string }, status: DeliveryStatus): void {
      deliveries.inc({ channel: d.channel, purpose: purposeLabel(d.purpose), status });
    },
    /** A 429 from a platform. */
    rateLimited(channel: string, source: "reply" | "outbox"): void {
      rateLimited.inc({ channel, source });
    },
    /**
     * Samples the outbox lag every `everyMs` from `oldestDue` (one sorted, limited query) rather
     * than per scrape: on FerretDB every query reads the whole collection. Returns a stopper.
     */
    sampleOutboxLag(
      oldestDue: (now: Date) => Promise<Date | undefined>,
      everyMs = 15_000,
      onError?: (err: unknown) => void,
    ): () => void {
      let busy = false;
      const sample = async () => {
        if (busy) return;
        busy = true;
        try {
          const now = new Date();
          const oldest = await oldestDue(now);
          lag.set(oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0);
        } catch (err) {
          onError?.(err);
        } finally {
          busy = false;
        }
      };
      void sample();
      const timer = setInterval(() => void sample(), everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    /** `GET /metrics` in the Prometheus text format. */
    route(): Route {
      return async (req, res) => {
        if (req.url?.split("?")[0] !== "/metrics" || req.method !== "GET") return false;
        const body = await registry.metrics();
        res.writeHead(200, { "content-type": registry.contentType }).end(body);
        return true;
      };
    },
    /** The metrics as text (tests). */
    text(): Promise<string> {
      return registry.metrics();
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
