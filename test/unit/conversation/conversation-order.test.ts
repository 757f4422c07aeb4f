import { describe, expect, it } from "vitest";
import {
  type ConversationOrderOptions,
  ORDER_DEFAULTS,
} from "../../../src/conversation/conversation-order.js";
import type { manualTimers } from "../../support/manual-timers.js";
import { testOrder } from "../../support/test-order.js";

/** Work the test finishes by hand, `took` ms after it began. */
function pending(clock: ReturnType<typeof manualTimers>) {
  let finish!: () => void;
  let began: number | undefined;
  const work = () =>
    new Promise<string>((ok) => {
      began = clock.now();
      finish = () => ok("done");
    });
  return {
    work,
    started: () => began !== undefined,
    finish: () => finish(),
  };
}

const flush = () => new Promise((ok) => setImmediate(ok));

/** An order on the test's clock and load: answers slow from 100 ms, 2 newcomers per tick. */
const setup = (overrides: Partial<ConversationOrderOptions> = {}) =>
  testOrder({ targetMs: 100, perTick: 2, ...overrides });

/** `key` writes once and is answered at once: from now on it is in a conversation. */
async function answerOnce(s: ReturnType<typeof setup>, key: string) {
  const hello = pending(s.clock);
  const said = s.order.run(key, hello.work);
  hello.finish();
  await said;
}

/**
 * Makes the machine saturated and answers slow, for someone already in a conversation: `key`
 * writes once, and in the next tick again, in an answer taking 150 ms; then a new tick.
 */
async function saturate(s: ReturnType<typeof setup>, key = "busy") {
  await answerOnce(s, key);
  s.clock.advance(ORDER_DEFAULTS.tickMs);
  s.setPressure(1);
  const slow = pending(s.clock);
  const done = s.order.run(key, slow.work);
  s.clock.advance(150);
  slow.finish();
  await done;
  s.clock.advance(ORDER_DEFAULTS.tickMs);
}

/** Saturates (see above) and keeps one answer running, so holding newcomers back can help. */
async function saturateWithKeeper(s: ReturnType<typeof setup>) {
  await saturate(s);
  const keeper = pending(s.clock);
  s.order.run("keeper", keeper.work);
  return keeper;
}

describe("the conversation order", () => {
  it("lets everything in at once while the machine has room", async () => {
    const s = setup({ perTick: 100 });
    const works = Array.from({ length: 5 }, () => pending(s.clock));
    const runs = works.map((w, i) => s.order.run(`new-${i}`, w.work));
    await flush();
    expect(works.every((w) => w.started())).toBe(true);
    for (const w of works) w.finish();
    expect(await Promise.all(runs)).toEqual(["done", "done", "done", "done", "done"]);
  });

  it("holds a newcomer while the machine is saturated and answers are slow, but never a chat already talking", async () => {
    const s = setup();
    await saturate(s, "talking");
    const keeper = pending(s.clock);
    s.order.run("keeper", keeper.work); // keeps something running, so waiting can help
    const newcomer = pending(s.clock);
    const known = pending(s.clock);
    const waiting = s.order.run("newcomer", newcomer.work);
    const answered = s.order.run("talking", known.work);
    await flush();
    expect(known.started()).toBe(true);
    expect(newcomer.started()).toBe(false);
    expect(s.order.load()).toEqual({ running: 2, waiting: 1 });

    // The machine has room again: the next tick lets the newcomer in.
    s.setPressure(0.2);
    s.clock.advance(ORDER_DEFAULTS.tickMs);
    await flush();
    expect(newcomer.started()).toBe(true);
    newcomer.finish();
    known.finish();
    keeper.finish();
    await Promise.all([waiting, answered]);
  });

  it("keeps pace with a stream of one-message newcomers beyond perTick while there is room", async () => {
    const s = setup({ perTick: 2 });
    s.setPressure(0.5);
    // Five newcomers answered in one tick...
    for (const key of ["a", "b", "c", "d", "e"]) {
      const w = pending(s.clock);
      const done = s.order.run(key, w.work);
      w.finish();
      await done;
    }
    // ...so five more may come in during the next, not two.
    s.clock.advance(ORDER_DEFAULTS.tickMs);
    const keeper = pending(s.clock);
    s.order.run("keeper", keeper.work);
    const works = Array.from({ length: 6 }, () => pending(s.clock));
    for (const [i, w] of works.entries()) s.order.run(`next-${i}`, w.work);
    await flush();
    expect(works.map((w) => w.started())).toEqual([true, true, true, true, false, false]);
  });

  it("keeps letting newcomers in while answers stay quick, even with the processors busy", async () => {
    const s = setup();
    await answerOnce(s, "quick");
    s.setPressure(1);
    const quick = pending(s.clock);
    const done = s.order.run("quick", quick.work);
    s.clock.advance(20);
    quick.finish();
    await done;
    s.clock.advance(ORDER_DEFAULTS.tickMs);
    const keeper = pending(s.clock);
    s.order.run("keeper", keeper.work);
    const next = pending(s.clock);
    s.order.run("next", next.work);
    await flush();
    expect(keeper.started() && next.started()).toBe(true);
  });

  it("lets newcomers in first come, first served, `perTick` at a time", async () => {
    const s = setup();
    await saturateWithKeeper(s);
    const works = Array.from({ length: 5 }, () => pending(s.clock));
    for (const [i, w] of works.entries()) s.order.run(`new-${i}`, w.work);
    s.setPressure(0);
    s.clock.advance(ORDER_DEFAULTS.tickMs);
    await flush();
    expect(works.map((w) => w.started())).toEqual([true, true, false, false, false]);
    s.clock.advance(ORDER_DEFAULTS.tickMs);
    await flush();
    expect(works.map((w) => w.started())).toEqual([true, true, true, true, false]);
  });

  it("keeps a waiting newcomer's messages in the order they were sent", async () => {
    const s = setup({ perTick: 1 });
    await saturateWithKeeper(s);
    const first = pending(s.clock);
    const second = pending(s.clock);
    s.order.run("newcomer", first.work);
    s.order.run("newcomer", second.work);
    await flush();
    // The second message makes the chat "in a conversation", but the first still waits.
    expect([first.started(), second.started()]).toEqual([false, false]);
    s.setPressure(0);
    s.clock.advance(ORDER_DEFAULTS.tickMs);
    await flush();
    expect([first.started(), second.started()]).toEqual([true, false]);
    s.clock.advance(ORDER_DEFAULTS.tickMs);
    await flush();
    expect([first.started(), second.started()]).toEqual([true, true]);
    expect(s.order.load().waiting).toBe(0);
  });

  it("tells a person once that their message arrived when it waits longer than noticeMs", async () => {
    const s = setup();
    await saturateWithKeeper(s);
    let notices = 0;
    const w = pending(s.clock);
    s.order.run("newcomer", w.work, () => notices++);
    s.clock.advance(ORDER_DEFAULTS.noticeMs - 1);
    expect(notices).toBe(0);
    s.clock.advance(1);
    expect(notices).toBe(1);
    s.clock.advance(ORDER_DEFAULTS.noticeMs * 3);
    expect(notices).toBe(1);
  });

  it("sends no notice when the message was let in before noticeMs", async () => {
    const s = setup();
    await saturateWithKeeper(s);
    let notices = 0;
    const w = pending(s.clock);
    s.order.run("newcomer", w.work, () => notices++);
    s.setPressure(0);
    s.clock.advance(ORDER_DEFAULTS.noticeMs * 2);
    await flush();
    expect(w.started()).toBe(true);
    expect(notices).toBe(0);
  });

  it("lets a message in after maxWaitMs however busy the machine stays", async () => {
    const s = setup();
    await saturateWithKeeper(s);
    const w = pending(s.clock);
    s.order.run("newcomer", w.work);
    s.clock.advance(ORDER_DEFAULTS.maxWaitMs - ORDER_DEFAULTS.tickMs);
    await flush();
    expect(w.started()).toBe(false);
    s.clock.advance(ORDER_DEFAULTS.tickMs);
    await flush();
    expect(w.started()).toBe(true);
  });

  it("never holds a message when nothing of Pandu's is running (the load is not a chat's)", async () => {
    const s = setup();
    await saturate(s);
    const w = pending(s.clock);
    s.order.run("newcomer", w.work);
    await flush();
    expect(w.started()).toBe(true);
  });

  it("lets the waiting in when the last running answer finishes", async () => {
    const s = setup();
    await saturate(s);
    const keeper = pending(s.clock);
    const kept = s.order.run("keeper", keeper.work);
    const w = pending(s.clock);
    s.order.run("newcomer", w.work);
    await flush();
    expect(w.started()).toBe(false);
    keeper.finish();
    await kept;
    await flush();
    expect(w.started()).toBe(true);
  });

  it("counts a chat quiet for longer than quietMs as a newcomer again", async () => {
    const s = setup();
    const first = pending(s.clock);
    const done = s.order.run("returning", first.work);
    first.finish();
    await done;
    s.clock.advance(ORDER_DEFAULTS.quietMs + 1);
    await saturateWithKeeper(s);
    const back = pending(s.clock);
    s.order.run("returning", back.work);
    await flush();
    expect(back.started()).toBe(false);
  });

  it("passes on the work's failure and frees its place", async () => {
    const s = setup();
    await expect(s.order.run("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(s.order.load()).toEqual({ running: 0, waiting: 0 });
  });
});
