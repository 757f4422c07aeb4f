import type { Delivery } from "../db/models/index.js";
import { withQueryOrigin } from "../db/query-origin.js";
import { dueSlotOf, slotOfDueKey } from "../db/repositories/deliveries.js";
import type { Repositories } from "../db/repositories/index.js";

/**
 * How far behind its own clock a read also looks: a delivery stored by another process, whose
 * clock may run a little behind, or committed just after a read began, is keyed that far back.
 */
const MARGIN_MS = 2 * 60_000;

/**
 * A dispatcher's reads of what is due on its channel, each by equality on a few due keys: the
 * deliveries scheduled already due, and the slots from the lowest that may still hold an unsent
 * due delivery (the floor) to now's. The floor is found once with a read of the whole outbox, when
 * sending starts; then each read that found everything due moves it up to the oldest slot still
 * holding something due (or to a little before now). A delivery is never keyed below the floor
 * afterwards: rescheduling keys it at its new time, scheduling at its due minute or "already due".
 */
export function createDueReader(deps: {
  deliveries: Pick<Repositories["deliveries"], "due" | "lowestDueSlot">;
  channel: string;
}) {
  let floor: number | undefined;
  return {
    /** Up to `limit` deliveries due at `now`, oldest first. */
    async read(now: Date, limit: number): Promise<Delivery[]> {
      const current = dueSlotOf(now);
      const behind = dueSlotOf(now.getTime() - MARGIN_MS);
      // Not known yet, or the clock went back (a test's): read the whole outbox once.
      if (floor === undefined || floor > current) {
        floor =
          (await withQueryOrigin("startup:dispatcher", () =>
            deps.deliveries.lowestDueSlot(deps.channel, now),
          )) ?? behind;
      }
      const from = Math.min(floor, behind);
      const found = await deps.deliveries.due(deps.channel, now, limit, from);
      // A read cut off at `limit` may have left due deliveries in any slot it covered.
      let next = found.length < limit ? behind : from;
      for (const d of found) {
        const slot = d.dueKey === undefined ? undefined : slotOfDueKey(d.dueKey);
        if (slot !== undefined && slot < next) next = slot;
      }
      floor = next;
      return found;
    },
  };
}

/**
 * When the oldest delivery due now on any of `channels` was due (undefined when none), for the
 * outbox lag metric: read by due keys as a dispatcher reads them (the whole outbox once per channel,
 * on the first sample), so a sample every 15 s never reads the deliveries dated for later. It reads
 * on its own rather than asking the dispatchers, so a lag still grows when nobody is sending.
 */
export function createOldestDue(deps: {
  deliveries: Pick<Repositories["deliveries"], "due" | "lowestDueSlot">;
  channels: readonly string[];
}): (now: Date) => Promise<Date | undefined> {
  const readers = deps.channels.map((channel) => createDueReader({ deliveries: deps.deliveries, channel }));
  return async (now) => {
    let oldest: Date | undefined;
    for (const reader of readers) {
      const [first] = await reader.read(now, 1);
      if (first && (oldest === undefined || first.dueAt < oldest)) oldest = first.dueAt;
    }
    return oldest;
  };
}
