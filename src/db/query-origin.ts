import { AsyncLocalStorage } from "node:async_hooks";

const origin = new AsyncLocalStorage<string>();
/** Whether anyone listens to the query log; without a listener the labels are never read. */
let labelling = false;

/**
 * Turns labelling on or off (the query log does, as listeners come and go). Off, the label is not
 * kept: on Node 20 an AsyncLocalStorage in use makes every promise pay for async hooks, a few
 * percent of the CPU of each answer.
 */
export function setQueryOriginLabelling(on: boolean): void {
  labelling = on;
}

/**
 * Runs `work` with every database query it makes labelled `name` ("chat", "job:reminders",
 * "dispatch", "startup"…), so the query log can tell a per-message path from a maintenance job.
 */
export function withQueryOrigin<T>(name: string, work: () => T): T {
  return labelling ? origin.run(name, work) : work();
}

/** The label of the work making the current query, if any. */
export function queryOrigin(): string | undefined {
  return origin.getStore();
}

/** `fn` with every call labelled `name` (a view rendered outside the router, such as Slack's App Home). */
export function labelled<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args) => withQueryOrigin(name, () => fn(...args));
}
