import type { Broadcast, Models } from "../models/index.js";
import { insertOnce } from "./errors.js";

/** Broadcasts: created once per confirmed flow run, listed newest first. */
export function broadcastsRepository({ Broadcast }: Pick<Models, "Broadcast">) {
  return {
    /** Stores a broadcast; false when it exists already (a retried confirmation). */
    async create(b: Broadcast): Promise<boolean> {
      return insertOnce(() => Broadcast.create(b));
    },
    async get(id: string): Promise<Broadcast | null> {
      return Broadcast.findById(id).lean<Broadcast>().exec();
    },
    /** Newest first: one coordinator's, or everyone's (admins). */
    async list(createdBy?: string, limit = 10): Promise<Broadcast[]> {
      return Broadcast.find(createdBy ? { createdBy } : {})
        .sort({ createdAt: -1 })
        .limit(limit)
        .lean<Broadcast[]>()
        .exec();
    },
    async cancel(id: string, at: Date): Promise<void> {
      await Broadcast.updateOne({ _id: id }, { $set: { status: "cancelled", cancelledAt: at } }).exec();
    },
  };
}
export type BroadcastsRepository = ReturnType<typeof broadcastsRepository>;
