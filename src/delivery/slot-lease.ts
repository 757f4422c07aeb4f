import type { LeasesRepository } from "../db/repositories/leases.js";

/**
 * A lease held in time slots of `slotMs` (see the Lease model): whoever inserts a slot's document
 * holds the lease for that slot, and the holder takes the next slot halfway through its own, so
 * another process only gets it when the holder stopped renewing (crashed or hung).
 */
export function createSlotLease(deps: {
  leases: Pick<LeasesRepository, "take" | "holder">;
  name: string;
  holder: string;
  slotMs: number;
  now: () => number;
}) {
  const known = new Map<number, boolean>();
  let heldSince: number | undefined;
  const remember = (slot: number, mine: boolean) => {
    known.set(slot, mine);
    for (const s of known.keys()) if (s < slot - 2) known.delete(s);
  };

  async function holdsSlot(slot: number): Promise<boolean> {
    const cached = known.get(slot);
    if (cached !== undefined) return cached;
    const at = new Date(deps.now());
    const mine =
      (await deps.leases.take(deps.name, slot, deps.holder, at)) ||
      (await deps.leases.holder(deps.name, slot)) === deps.holder;
    remember(slot, mine);
    return mine;
  }

  return {
    /** True when this process holds the lease now; renews it when due. */
    async holds(): Promise<boolean> {
      const now = deps.now();
      const slot = Math.floor(now / deps.slotMs);
      const mine = await holdsSlot(slot);
      if (!mine) heldSince = undefined;
      else if (heldSince === undefined) heldSince = now;
      if (mine && now - slot * deps.slotMs >= deps.slotMs / 2 && !known.has(slot + 1)) {
        // Renew early: the next slot is ours before anyone else may try for it.
        await holdsSlot(slot + 1);
      }
      return mine;
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
