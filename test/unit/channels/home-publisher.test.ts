import { describe, expect, it } from "vitest";
import { createHomePublisher } from "../../../src/channels/slack/home-publisher.js";

/** A publisher over two Slack accounts of person p1, recording each publish; `gate` holds one open. */
function setup(opts: { fail?: () => boolean } = {}) {
  const published: string[] = [];
  const warned: unknown[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const publisher = createHomePublisher({
    slackIdentitiesOf: async (personId) => (personId === "p1" ? ["slack:T:U1", "slack:T:U2"] : []),
    publish: async (id) => {
      if (gate) await gate;
      if (opts.fail?.()) throw new Error("views.publish refused");
      published.push(id);
    },
    logger: { warn: (obj: unknown) => void warned.push(obj) },
    settleMs: 0,
  });
  return {
    publisher,
    published,
    warned,
    hold() {
      gate = new Promise((r) => {
        release = r;
      });
    },
    release() {
      gate = undefined;
      release?.();
    },
  };
}

/** Lets the publisher's timers and promises run until `check` holds. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
}
const settle = () => new Promise((r) => setTimeout(r, 20));

describe("App Home publisher", () => {
  it("publishes once per Slack account for changes that arrive together", async () => {
    const s = setup();
    s.publisher.changed("p1");
    s.publisher.changed("p1");
    s.publisher.changed("p1");
    await until(() => s.published.length >= 2);
    await settle();
    expect(s.published).toEqual(["slack:T:U1", "slack:T:U2"]);
  });

  it("publishes once more after a change that arrives while the home is being published", async () => {
    const s = setup();
    s.hold();
    s.publisher.changed("p1");
    await settle();
    s.publisher.changed("p1");
    s.publisher.changed("p1");
    s.release();
    await until(() => s.published.length >= 4);
    await settle();
    expect(s.published).toEqual(["slack:T:U1", "slack:T:U2", "slack:T:U1", "slack:T:U2"]);
  });

  it("logs each failed publish and keeps publishing later changes", async () => {
    let failing = true;
    const s = setup({ fail: () => failing });
    s.publisher.changed("p1");
    await until(() => s.warned.length === 2);
    failing = false;
    s.publisher.changed("p1");
    await until(() => s.published.length === 2);
    expect(s.published).toEqual(["slack:T:U1", "slack:T:U2"]);
  });
});
