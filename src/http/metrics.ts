import client from "prom-client";
import type { Route } from "./server.js";

/**
 * Pandu's Prometheus metrics, all in one registry; the rest of the code feeds them through the
 * functions below and never imports prom-client. Labels are low-cardinality: channel, kind,
 * flow, status and the purpose's first word — never a person.
 */
export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "pandu_" });
  const updates = new client.Counter({
    name: "pandu_updates_total",
    help: "Messages, commands and button presses handled, by channel and kind.",
    labelNames: ["channel", "kind"],
    registers: [registry],
  });
  const failures = new client.Counter({
    name: "pandu_update_failures_total",
    help: "Updates whose handling threw (the person got an apology).",
    labelNames: ["channel"],
    registers: [registry],
  });
  const latency = new client.Histogram({
    name: "pandu_handler_seconds",
    help: "Time from an update reaching Pandu to its replies being ready.",
    labelNames: ["channel"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const steps = new client.Counter({
    name: "pandu_flow_steps_total",
    help: "Steps taken in conversations, by flow.",
    labelNames: ["flow"],
    registers: [registry],
  });
  const deliveries = new client.Counter({
    name: "pandu_deliveries_total",
    help: "Outbox sends by outcome: sent, retried (will be tried again) or dead (given up).",
    labelNames: ["channel", "purpose", "status"],
    registers: [registry],
  });
  const lag = new client.Gauge({
    name: "pandu_outbox_lag_seconds",
    help: "Age of the oldest delivery that is due and not yet sent (0 when none), sampled.",
    registers: [registry],
  });

  return {
    /** Wraps a conversation handler so every update is counted and timed. */
    timed<W extends { channel: string }, I extends { kind: string }, R>(
      handle: (who: W, inbound: I) => Promise<R>,
    ): (who: W, inbound: I) => Promise<R> {
      return async (who, inbound) => {
        const stop = latency.startTimer({ channel: who.channel });
        updates.inc({ channel: who.channel, kind: inbound.kind });
        try {
          return await handle(who, inbound);
        } catch (err) {
          failures.inc({ channel: who.channel });
          throw err;
        } finally {
          stop();
        }
      };
    },
    /** One step taken in a flow. */
    flowStep(flowId: string): void {
      steps.inc({ flow: flowId });
    },
    /** One outbox send's outcome. */
    delivery(d: { channel: string; purpose: string }, status: "sent" | "retried" | "dead"): void {
      deliveries.inc({ channel: d.channel, purpose: d.purpose.split(/[.:]/, 1)[0] ?? "other", status });
    },
    /** The age of the oldest due delivery, in seconds. */
    outboxLag(seconds: number): void {
      lag.set(seconds);
    },
    /** `GET /metrics` in the Prometheus text format. */
    route(): Route {
      return async (req, res) => {
        if (req.url?.split("?")[0] !== "/metrics") return false;
        const body = await registry.metrics();
        res.writeHead(200, { "content-type": registry.contentType }).end(body);
        return true;
      };
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
