import {
  type ConversationOrderOptions,
  createConversationOrder,
  ORDER_DEFAULTS,
} from "../../src/conversation/conversation-order.js";
import { manualTimers } from "./manual-timers.js";

/**
 * A conversation order in a test's hands: its clock, the machine's load, and an answer the test
 * finishes (`held`, `finishHeld`). Unless `overrides` say otherwise, answers count as slow from
 * 0 ms, so the load alone decides.
 */
export function testOrder(overrides: Partial<ConversationOrderOptions> = {}) {
  let pressure = 0;
  const clock = manualTimers();
  const order = createConversationOrder({
    ...ORDER_DEFAULTS,
    targetMs: 0,
    pressure: () => pressure,
    timers: clock,
    ...overrides,
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
