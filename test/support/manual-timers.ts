import type { OrderTimers } from "../../src/conversation/conversation-order.js";

/** A clock a test moves by hand (`advance`), firing the timers it passes on the way, in order. */
export function manualTimers(): OrderTimers & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void; live: boolean }[] = [];
  return {
    now: () => now,
    after(ms, fn) {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => {
        t.live = false;
      };
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.live && t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        due.live = false;
        due.fn();
      }
      timers = timers.filter((t) => t.live);
      now = until;
    },
  };
}
