import type { BroadcastAnswer, Models } from "../models/index.js";

/** Recipients' answers to broadcasts that asked for one: one document per (broadcast, person). */
export function broadcastAcksRepository({ BroadcastAck }: Pick<Models, "BroadcastAck">) {
  return {
    /**
     * Records a person's answer, replacing an earlier one (a person may change it); returns the
     * answer they had given before, if any.
     */
    async answer(
      broadcastId: string,
      personId: string,
      answer: BroadcastAnswer,
      at: Date,
    ): Promise<BroadcastAnswer | undefined> {
      const before = await BroadcastAck.findOneAndUpdate(
        { _id: `${broadcastId}|${personId}` },
        { $set: { broadcastId, personId, answer, at } },
        { upsert: true, returnDocument: "before" },
      )
        .lean<{ answer: BroadcastAnswer }>()
        .exec();
      return before?.answer;
    },
    /** Every answer to one broadcast, by person. */
    async answersTo(broadcastId: string): Promise<Map<string, BroadcastAnswer>> {
      const found = await BroadcastAck.find({ broadcastId }, { personId: 1, answer: 1 })
        .lean<{ personId: string; answer: BroadcastAnswer }[]>()
        .exec();
      return new Map(found.map((a) => [a.personId, a.answer]));
    },
    /** A person's own answers (/dataku). */
    async ofPerson(personId: string): Promise<{ broadcastId: string; answer: BroadcastAnswer; at: Date }[]> {
      return BroadcastAck.find({ personId }, { _id: 0, broadcastId: 1, answer: 1, at: 1 })
        .lean<{ broadcastId: string; answer: BroadcastAnswer; at: Date }[]>()
        .exec();
    },
    /** Removes a person's answers (data erasure); returns how many. */
    async removeForPerson(personId: string): Promise<number> {
      return (await BroadcastAck.deleteMany({ personId }).exec()).deletedCount;
    },
  };
}
export type BroadcastAcksRepository = ReturnType<typeof broadcastAcksRepository>;
