import type { Broadcast, BroadcastProgress, Models } from "../models/index.js";
import { insertOnce } from "./errors.js";
import { latestByMonth, monthOf } from "./months.js";

/** Broadcasts: created once per confirmed flow run, listed newest first. */
export function broadcastsRepository({ Broadcast }: Pick<Models, "Broadcast">) {
  return {
    /** Stores a broadcast; false when it exists already (a retried confirmation). */
    async create(b: Broadcast): Promise<boolean> {
      return insertOnce(() => Broadcast.create({ ...b, month: monthOf(b.createdAt) }));
    },
    async get(id: string): Promise<Broadcast | null> {
      return Broadcast.findById(id).lean<Broadcast>().exec();
    },
    /** Newest first: one coordinator's, or everyone's (admins; month by month back from `now`). */
    async list(createdBy?: string, limit = 10, now = new Date()): Promise<Broadcast[]> {
      const newest = (q: Record<string, string>, n: number) =>
        Broadcast.find(q).sort({ createdAt: -1 }).limit(n).lean<Broadcast[]>().exec();
      if (createdBy) return newest({ createdBy }, limit);
      return latestByMonth(now, limit, (month, n) => newest({ month }, n));
    },
    /**
     * Broadcasts created since `since`: one coordinator's (by index on the author), or everyone's
     * (admins: one indexed read per month bucket since then).
     */
    async createdSince(since: Date, now: Date, createdBy?: string): Promise<Broadcast[]> {
      const months: string[] = [];
      for (
        const at = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), 1));
        at <= now;
        at.setUTCMonth(at.getUTCMonth() + 1)
      )
        months.push(monthOf(at));
      const found = createdBy
        ? await Broadcast.find({ createdBy }).lean<Broadcast[]>().exec()
        : await Broadcast.find({ month: { $in: months } })
            .lean<Broadcast[]>()
            .exec();
      return found.filter((b) => b.createdAt >= since && b.createdAt <= now);
    },
    /**
     * Erasure: the broadcasts a person wrote stay (their audience got them) but no longer name
     * the author's person or chat account, nor where their progress message is. Returns how many.
     */
    async forgetAuthor(personId: string): Promise<number> {
      return (
        await Broadcast.updateMany(
          { createdBy: personId },
          // The progress message lives in the author's chat: where it is goes too.
          {
            $unset: { createdBy: "", progress: "", progressOpen: "" },
            $set: { createdByIdentity: "erased" },
          },
        ).exec()
      ).modifiedCount;
    },
    /** Broadcasts whose status message has not shown its final counts yet (resumed after a restart). */
    async withOpenProgress(): Promise<Broadcast[]> {
      return Broadcast.find({ progressOpen: true }).lean<Broadcast[]>().exec();
    },
    /**
     * Records what the status message shows now (and its platform reference once posted); `done`
     * when that was the final count, so it is not looked at again.
     */
    async progressShown(id: string, progress: BroadcastProgress, done: boolean): Promise<void> {
      await Broadcast.updateOne({ _id: id }, { $set: { progress, progressOpen: !done } }).exec();
    },
    async cancel(id: string, at: Date): Promise<void> {
      await Broadcast.updateOne({ _id: id }, { $set: { status: "cancelled", cancelledAt: at } }).exec();
    },
  };
}
export type BroadcastsRepository = ReturnType<typeof broadcastsRepository>;
