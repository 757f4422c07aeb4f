import type { LeasesRepository } from "../db/repositories/leases.js";

/**
 * How long "someone else holds this slot" is believed before asking again: a holder that stops
 * cleanly gives its slot back, and the others should notice within about a second, not a slot.
 */
const NOT_MINE_RECHECK_MS = 1_000;

/**
 * A lease held in time slots of `slotMs` (see the Lease model): whoever inserts a slot's document
 * holds the lease for that slot, and the holder takes the next slot halfway through its own, so
 * another process only gets it when the holder stopped renewing (crashed or hung) or released it.
 */
export function createSlotLease(deps: {
  leases: Pick<LeasesRepository, "take" | "holder" | "release">;
  name: string;
  holder: string;
  slotMs: number;
  now: () => number;
}) {
  // Per slot: whether it is ours, and when that was learnt (a "no" is asked again after a while).
  const known = new Map<number, { mine: boolean; at: number }>();
  let heldSince: number | undefined;
  let released = false;
  const remember = (slot: number, mine: boolean) => {
    known.set(slot, { mine, at: deps.now() });
    for (const s of known.keys()) if (s < slot - 2) known.delete(s);
  };

  async function holdsSlot(slot: number): Promise<boolean> {
    const cached = known.get(slot);
    if (cached && (cached.mine || deps.now() - cached.at < NOT_MINE_RECHECK_MS)) return cached.mine;
    const at = new Date(deps.now());
    const mine =
      (await deps.leases.take(deps.name, slot, deps.holder, at)) ||
      (await deps.leases.holder(deps.name, slot)) === deps.holder;
    remember(slot, mine);
    return mine;
  }

  return {
    /** True when this process holds the lease now; renews it when due. False for good after release(). */
    async holds(): Promise<boolean> {
      if (released) return false;
      const now = deps.now();
      const slot = Math.floor(now / deps.slotMs);
      const mine = await holdsSlot(slot);
      if (!mine) heldSince = undefined;
      else if (heldSince === undefined) heldSince = now;
      if (mine && now - slot * deps.slotMs >= deps.slotMs / 2 && known.get(slot + 1)?.mine !== true) {
        // Renew early: the next slot is ours before anyone else may try for it.
        await holdsSlot(slot + 1);
      }
      return mine;
    },
    /**
     * Gives the lease up (a clean stop): deletes the slots this process holds, so another process
     * takes over at its next look instead of after the slot. Call it only once nothing is done
     * under the lease any more.
     */
    async release(): Promise<void> {
      released = true;
      heldSince = undefined;
      const mine = [...known].filter(([, k]) => k.mine).map(([slot]) => slot);
      known.clear();
      if (mine.length > 0) await deps.leases.release(deps.name, mine, deps.holder);
    },
    /** Since when this process has held the lease without a break (undefined when it does not). */
    heldSince(): number | undefined {
      return heldSince;
    },
    /** Milliseconds until the current slot ends (when a waiting process should try again). */
    msToNextSlot(): number {
      const now = deps.now();
      return deps.slotMs - (now % deps.slotMs);
    },
  };
}
export type SlotLease = ReturnType<typeof createSlotLease>;
