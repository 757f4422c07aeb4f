/**
 * A value read from the database and kept in memory. Younger than `ttlMs` it is served as is;
 * older, it is still served while one reload runs in the background (stale while revalidate), so
 * a person never waits for a reload; only the first read, and the first after `invalidate()`
 * (a change made by this process), wait for the load. A failed background reload keeps the old
 * value and is tried again on the next read.
 */
export function refreshingValue<T>(load: () => Promise<T>, opts: { ttlMs: number; now: () => Date }) {
  let held: { value: T; at: number } | undefined;
  let loading: { promise: Promise<{ value: T; at: number }>; generation: number } | undefined;
  // Bumped by invalidate(): a load that began before it may have read the old state, so it is
  // neither kept nor handed to a reader who came after.
  let generation = 0;

  function reload(): Promise<{ value: T; at: number }> {
    if (loading?.generation === generation) return loading.promise;
    const began = generation;
    const at = opts.now().getTime();
    const promise = load()
      .then((value) => {
        const fresh = { value, at };
        if (began === generation) held = fresh;
        return fresh;
      })
      .finally(() => {
        if (loading?.promise === promise) loading = undefined;
      });
    loading = { promise, generation: began };
    return promise;
  }

  return {
    /** The value: at once when one is held, else after loading it. */
    async get(): Promise<T> {
      if (!held) return (await reload()).value;
      if (opts.now().getTime() - held.at >= opts.ttlMs) reload().catch(() => {});
      return held.value;
    },
    /** Forgets the value (this process changed it): the next read loads and waits. */
    invalidate(): void {
      generation++;
      held = undefined;
    },
  };
}
export type RefreshingValue<T> = ReturnType<typeof refreshingValue<T>>;
