import { createConversationOrder, ORDER_DEFAULTS } from "../../src/conversation/conversation-order.js";
import { manualTimers } from "./manual-timers.js";

/**
 * A conversation order in a test's hands: its clock, the machine's load, and an answer the test
 * finishes (`held`, `finishHeld`). Answers count as slow from 0 ms, so the load alone decides.
 */
export function testOrder() {
  let pressure = 0;
  const clock = manualTimers();
  const order = createConversationOrder({
    ...ORDER_DEFAULTS,
    targetMs: 0,
    pressure: () => pressure,
    timers: clock,
  });
  let finish!: () => void;
  const held = new Promise<void>((ok) => {
    finish = ok;
  });
  return {
    order,
    clock,
    setPressure: (p: number) => {
      pressure = p;
    },
    held,
    finishHeld: () => finish(),
  };
}
