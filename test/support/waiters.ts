/** Lets tests wait until a condition holds, re-checking whenever the owner says something changed. */
export class Waiters {
  private listeners: (() => void)[] = [];

  /** Re-checks every waiting condition (call after each change). */
  notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves with the first truthy value of `check`; fails after `ms` with `what` and `context()`. */
  waitFor<T>(
    check: () => T | undefined | false,
    ms: number,
    what: string,
    context: () => string,
  ): Promise<T> {
    const first = check();
    if (first) return Promise.resolve(first);
    return new Promise<T>((ok, fail) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        fail(new Error(`timed out waiting for ${what}; ${context()}`));
      }, ms);
      const listener = () => {
        const v = check();
        if (v) {
          clearTimeout(timer);
          this.listeners = this.listeners.filter((l) => l !== listener);
          ok(v);
        }
      };
      this.listeners.push(listener);
    });
  }
}

/** Polls an async condition every `everyMs` until it gives a truthy value; fails after `ms`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 10_000,
  everyMs = 50,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
