/**
 * A value read from the database and kept in memory. Younger than `ttlMs` it is served as is;
 * older, it is still served while one check runs in the background (stale while revalidate): the
 * set's change stamp is read (one read by `_id`) and the value loaded again only when the stamp
 * moved, so a person never waits for a reload and an unchanged set is not read again. Only the
 * first read, and the first after `invalidate()` (a change made by this process), wait for the
 * load. A failed background check keeps the old value and is tried again on the next read.
 */
export function refreshingValue<T>(
  load: () => Promise<T>,
  opts: {
    ttlMs: number;
    now: () => Date;
    /** The set's change stamp; read before every load. Without one, every check reloads. */
    stamp?: () => Promise<string>;
  },
) {
  interface Held {
    value: T;
    at: number;
    stamp: string | undefined;
  }
  let held: Held | undefined;
  let loading: { promise: Promise<Held>; generation: number } | undefined;
  let checking = false;
  // Bumped by invalidate(): a load that began before it may have read the old state, so it is
  // neither kept nor handed to a reader who came after.
  let generation = 0;

  function reload(): Promise<Held> {
    if (loading?.generation === generation) return loading.promise;
    const began = generation;
    const at = opts.now().getTime();
    // The stamp first: a change stamped after this read shows as a new stamp at the next check.
    const read: Promise<Omit<Held, "at">> = opts.stamp
      ? opts.stamp().then(async (stamp) => ({ stamp, value: await load() }))
      : load().then((value) => ({ value, stamp: undefined }));
    const promise = read
      .then((got) => {
        const fresh = { ...got, at };
        if (began === generation) held = fresh;
        return fresh;
      })
      .finally(() => {
        if (loading?.promise === promise) loading = undefined;
      });
    loading = { promise, generation: began };
    return promise;
  }

  /** In the background: keeps the value when its stamp has not moved, else loads it again. */
  async function revalidate(old: Held): Promise<void> {
    if (checking) return;
    checking = true;
    try {
      const at = opts.now().getTime();
      if (opts.stamp && old.stamp !== undefined && (await opts.stamp()) === old.stamp) {
        if (held === old) held = { ...old, at };
        return;
      }
      await reload();
    } finally {
      checking = false;
    }
  }

  function invalidate(): void {
    generation++;
    held = undefined;
  }

  return {
    /** The value: at once when one is held, else after loading it. */
    async get(): Promise<T> {
      if (!held) return (await reload()).value;
      if (opts.now().getTime() - held.at >= opts.ttlMs) revalidate(held).catch(() => {});
      return held.value;
    },
    /** Forgets the value (this process changed it): the next read loads and waits. */
    invalidate,
    /**
     * Forgets the value only when its change stamp moved (this process may have changed it, or
     * not): one read of the stamp instead of a reload after every write that might matter.
     */
    async invalidateIfChanged(): Promise<void> {
      const old = held;
      if (!old || !opts.stamp || old.stamp === undefined) {
        invalidate();
        return;
      }
      if ((await opts.stamp()) !== old.stamp && held === old) invalidate();
    },
  };
}
export type RefreshingValue<T> = ReturnType<typeof refreshingValue<T>>;
