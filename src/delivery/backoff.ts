/** Attempts before a delivery that keeps failing is given up as dead. */
export const MAX_ATTEMPTS = 8;

/**
 * Wait before attempt `attempt + 1` after a transient failure: 2 s, 4 s, 8 s… capped at 10 minutes,
 * ± 20 % jitter so retries from many deliveries do not arrive together. `random` is injected.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(600_000, 2_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
