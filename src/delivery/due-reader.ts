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
