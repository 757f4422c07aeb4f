import type { Lease, Models } from "../models/index.js";
import { insertOnce } from "./errors.js";

/** Time-slot leases held by unique inserts (see the Lease model). */
export function leasesRepository({ Lease }: Pick<Models, "Lease">) {
  return {
    /** Takes slot `slot` of lease `name` for `holder`; false when someone has it. */
    async take(name: string, slot: number, holder: string, now: Date): Promise<boolean> {
      return insertOnce(() => Lease.create({ _id: `${name}@${slot}`, holder, at: now }));
    },
    /** Takes a one-off key (a cron tick) for `holder`; false when another process took it first. */
    async takeKey(key: string, holder: string, now: Date): Promise<boolean> {
      return insertOnce(() => Lease.create({ _id: key, holder, at: now }));
    },
    /** Who took a one-off key, if anyone. */
    async keyHolder(key: string): Promise<string | undefined> {
      return (await Lease.findById(key).lean<Lease>().exec())?.holder;
    },
    /** Removes a one-off key (an adoption key naming a person and an identity, on erasure). */
    async removeKey(key: string): Promise<void> {
      await Lease.deleteOne({ _id: key }).exec();
    },
    /** Who holds slot `slot` of lease `name`, if anyone. */
    async holder(name: string, slot: number): Promise<string | undefined> {
      return (await Lease.findById(`${name}@${slot}`).lean<Lease>().exec())?.holder;
    },
    /**
     * Gives up slots of lease `name` that `holder` took (a process stopping), so another process
     * may take them at once instead of waiting for them to run out.
     */
    async release(name: string, slots: number[], holder: string): Promise<number> {
      const ids = slots.map((slot) => `${name}@${slot}`);
      return (await Lease.deleteMany({ _id: { $in: ids }, holder }).exec()).deletedCount;
    },
    /** Drops slots taken before `before`. */
    async purge(before: Date): Promise<number> {
      return (await Lease.deleteMany({ at: { $lt: before } }).exec()).deletedCount;
    },
  };
}
export type LeasesRepository = ReturnType<typeof leasesRepository>;
