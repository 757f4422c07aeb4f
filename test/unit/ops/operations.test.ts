import { describe, expect, it } from "vitest";
import { createMetrics, purposeLabel } from "../../../src/http/metrics.js";
import { createWorkTracker, settleBy } from "../../../src/lifecycle.js";

describe("metric labels", () => {
  it("keeps only a known purpose prefix, never an id", () => {
    expect(purposeLabel("reminder.7d")).toBe("reminder");
    expect(purposeLabel("broadcast.b123.channel")).toBe("broadcast");
    expect(purposeLabel("survey.pasca-pelatihan.remind3")).toBe("survey");
    expect(purposeLabel("nudge.jp")).toBe("nudge");
    expect(purposeLabel("p-8f2a:whatever")).toBe("other");
    expect(purposeLabel("")).toBe("other");
  });

  it("counts outbox results by channel, purpose prefix and status", async () => {
    const m = createMetrics();
    m.delivery({ channel: "slack", purpose: "survey.skm.remind1" }, "retried");
    m.delivery({ channel: "slack", purpose: "survey.skm.remind1" }, "dead");
    m.flowSteps("asesmen", 3);
    const text = await m.text();
    expect(text).toContain('pandu_deliveries_total{channel="slack",purpose="survey",status="retried"} 1');
    expect(text).toContain('pandu_deliveries_total{channel="slack",purpose="survey",status="dead"} 1');
    expect(text).toContain('pandu_flow_steps_total{flow="asesmen"} 3');
  });
});

describe("work in progress during a stop", () => {
  it("is idle once every begun piece is done, each done counted once", async () => {
    const work = createWorkTracker();
    expect(await work.idle(Number.POSITIVE_INFINITY)).toBe(true);
    const a = work.begin();
    const b = work.begin();
    const idle = work.idle(Number.POSITIVE_INFINITY);
    a();
    a();
    expect(work.active()).toBe(1);
    b();
    expect(await idle).toBe(true);
  });

  it("gives up at the deadline when work never finishes", async () => {
    const work = createWorkTracker();
    work.begin();
    expect(await work.idle(Date.now())).toBe(false);
    expect(await settleBy(new Promise(() => {}), Date.now())).toBe(false);
    expect(await settleBy(Promise.reject(new Error("x")), Number.POSITIVE_INFINITY)).toBe(true);
  });
});
