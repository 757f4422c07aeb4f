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
