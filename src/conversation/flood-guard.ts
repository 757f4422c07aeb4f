/** What to do with one update from one person (or in one group chat). */
export type FloodVerdict = "ok" | "warn" | "drop";

/**
 * A limit on updates per key (a person's identity, or a group chat): at most `limit` in any
 * `windowMs`. The first update over the limit gets one polite message ("warn"), the rest of the
 * burst is dropped, not queued. Kept in this process's memory: with long polling one process
 * receives everything; behind a load balancer each process limits what reaches it, which still
 * stops a runaway client or script.
 */
export function createFloodGuard(opts: {
  limit: number;
  windowMs: number;
  now: () => number;
  /** Keys tracked at most (the least recently active are forgotten first). */
  maxTracked?: number;
}) {
  const max = opts.maxTracked ?? 100_000;
  const seen = new Map<string, { times: number[]; warnedAt?: number }>();
  return {
    /** Counts one update under `key` (an identity id, or a group chat's key) and says whether to handle it. */
    check(key: string): FloodVerdict {
      const now = opts.now();
      const entry = seen.get(key) ?? { times: [] };
      seen.delete(key);
      seen.set(key, entry);
      if (seen.size > max) seen.delete(seen.keys().next().value!);
      // Keys whose updates have all left the window are as good as new: forgotten, oldest first
      // (the map is in order of last update), rather than kept until `max` others came.
      for (const [k, e] of seen) {
        if (k === key || now - (e.times.at(-1) ?? Number.NEGATIVE_INFINITY) < opts.windowMs) break;
        seen.delete(k);
      }
      entry.times = entry.times.filter((t) => now - t < opts.windowMs);
      if (entry.times.length < opts.limit) {
        entry.times.push(now);
        return "ok";
      }
      if (entry.warnedAt !== undefined && now - entry.warnedAt < opts.windowMs) return "drop";
      entry.warnedAt = now;
      return "warn";
    },
    /** How many keys are tracked now. */
    tracked: () => seen.size,
  };
}
export type FloodGuard = ReturnType<typeof createFloodGuard>;
