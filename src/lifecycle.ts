/**
 * Waits for `work` to settle, but not past `deadline` (epoch ms; Infinity waits as long as it
 * takes). True when it settled in time. A graceful stop is bounded: a platform or database that
 * hangs must not keep a stopping process alive.
 */
export async function settleBy(work: Promise<unknown> | undefined, deadline: number): Promise<boolean> {
  if (!work) return true;
  const settled = work.then(
    () => true,
    () => true,
  );
  if (deadline === Number.POSITIVE_INFINITY) return settled;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((ok) => {
    timer = setTimeout(() => ok(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Counts work in progress (updates being handled), so a stopping process can wait for it. */
export function createWorkTracker() {
  let active = 0;
  let idle: (() => void) | undefined;
  let whenIdle: Promise<void> | undefined;
  return {
    /** Marks one piece of work begun; call the returned function once when it is done. */
    begin(): () => void {
      active++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        active--;
        if (active === 0 && idle) {
          idle();
          idle = undefined;
          whenIdle = undefined;
        }
      };
    },
    /** How many pieces of work are in progress. */
    active(): number {
      return active;
    },
    /** Resolves true once nothing is in progress, or false at `deadline` (epoch ms). */
    idle(deadline: number): Promise<boolean> {
      if (active === 0) return Promise.resolve(true);
      whenIdle ??= new Promise<void>((ok) => {
        idle = ok;
      });
      return settleBy(whenIdle, deadline);
    },
  };
}
export type WorkTracker = ReturnType<typeof createWorkTracker>;
