import type { Logger } from "pino";

/** How long changes to one person are gathered before their App Home is published once. */
const SETTLE_MS = 50;
/** App Homes published at the same time at most (a survey opened for thousands is a queue, not a flood). */
const CONCURRENT = 4;

/**
 * Publishes App Home again after a person's data changed, once per change per Slack account:
 * changes that arrive together (a unit move announced for each of the person's accounts) are
 * gathered for a moment; one arriving while the person's home is being published makes one more
 * publish after it, so the last one shows the last state. A failed publish is logged, never thrown
 * into the change that caused it.
 */
export function createHomePublisher(deps: {
  /** The person's Slack identities (ids `slack:<team>:<user>`). */
  slackIdentitiesOf: (personId: string) => Promise<string[]>;
  publish: (identityId: string) => Promise<void>;
  logger: Pick<Logger, "warn">;
  settleMs?: number;
}) {
  const settleMs = deps.settleMs ?? SETTLE_MS;
  /** People waiting for their publish (in order), and those being published with whether to go again. */
  const queued = new Set<string>();
  const running = new Map<string, boolean>();
  let active = 0;

  function pump(): void {
    for (const personId of queued) {
      if (active >= CONCURRENT) return;
      queued.delete(personId);
      running.set(personId, false);
      active++;
      void publishAll(personId).finally(() => {
        active--;
        const again = running.get(personId);
        running.delete(personId);
        if (again) changed(personId);
        pump();
      });
    }
  }

  async function publishAll(personId: string): Promise<void> {
    try {
      // One account's refusal does not keep the person's other accounts stale.
      for (const id of await deps.slackIdentitiesOf(personId))
        await deps.publish(id).catch((err) => deps.logger.warn({ err }, "App Home refresh failed"));
    } catch (err) {
      deps.logger.warn({ err }, "App Home refresh failed");
    }
  }

  /** Notes that something `personId`'s App Home shows changed. */
  function changed(personId: string): void {
    if (running.has(personId)) {
      running.set(personId, true);
      return;
    }
    if (queued.has(personId)) return;
    queued.add(personId);
    setTimeout(pump, settleMs).unref?.();
  }

  return { changed };
}
