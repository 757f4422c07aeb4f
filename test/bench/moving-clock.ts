/**
 * The app's clock in a benchmark: real time passes as it does, and `advance` adds the time that
 * goes by between one person's request and the next, so time-based caches (the course catalog's
 * 5 minutes, the profile cache) expire during the run as they would in production without the
 * benchmark sleeping for real.
 */
export function movingClock(start: Date) {
  const realStart = performance.now();
  let skipped = 0;
  return {
    /** The app's current time. */
    now: (): Date => new Date(start.getTime() + (performance.now() - realStart) + skipped),
    /** Moves the clock on by `ms` at once (the quiet time between two requests). */
    advance(ms: number): void {
      skipped += ms;
    },
    /** Milliseconds of app time since the start. */
    elapsedMs: (): number => performance.now() - realStart + skipped,
  };
}
export type MovingClock = ReturnType<typeof movingClock>;
