/**
 * Lets each platform delivery through once within `windowMs`, by a key naming it (an event id, a
 * command's trigger id, a button press's time): a platform's retry or a double delivery is
 * dropped. Kept in this process's memory and, when `claim` is given, claimed once across processes
 * too (a retry behind a load balancer may reach another instance).
 */
export function createRepeatFilter(opts: {
  windowMs: number;
  now: () => number;
  /**
   * Claims a key for this process among all of them: true for the first claim. When it fails
   * (the database is away), the delivery goes through: answering twice beats never answering.
   */
  claim?: (key: string) => Promise<boolean>;
  /** Keys kept at most; the oldest are forgotten first. */
  capacity?: number;
}) {
  const capacity = opts.capacity ?? 10_000;
  // Insertion order is arrival order, and the window is the same for all: expired keys come first.
  const seen = new Map<string, number>();
  return {
    /** True the first time `key` is offered within the window (and for a missing key). */
    async first(key: string | undefined): Promise<boolean> {
      if (!key) return true;
      const now = opts.now();
      for (const [k, at] of seen) {
        if (now - at < opts.windowMs) break;
        seen.delete(k);
      }
      if (seen.has(key)) return false;
      seen.set(key, now);
      if (seen.size > capacity) seen.delete(seen.keys().next().value!);
      if (!opts.claim) return true;
      return opts.claim(key).catch(() => true);
    },
  };
}
export type RepeatFilter = ReturnType<typeof createRepeatFilter>;
