import type { Achievement, Models } from "../models/index.js";
import { ONE_REPLY, readInBatches } from "./batches.js";
import { insertOnce } from "./errors.js";

/** Achievements, each recorded once by its natural key. */
export function achievementsRepository({ Achievement }: Pick<Models, "Achievement">) {
  return {
    /** Records an achievement; false when it was already recorded (no second congratulation). */
    async record(a: Achievement): Promise<boolean> {
      return insertOnce(() => Achievement.create(a));
    },
    /**
     * Withdraws one achievement (a confirmed level shows the gap was not closed after all); false
     * when there was none.
     */
    async remove(id: string): Promise<boolean> {
      return (await Achievement.deleteOne({ _id: id }).exec()).deletedCount > 0;
    },
    /** Every achievement's person, kind and year (the summary rebuild). */
    async allForSummaries(): Promise<Pick<Achievement, "personId" | "kind" | "year">[]> {
      return Achievement.find({}, { personId: 1, kind: 1, year: 1 })
        .lean<Pick<Achievement, "personId" | "kind" | "year">[]>()
        .exec();
    },
    /** These people's achievements, as `allForSummaries` reads them (the summary fold). */
    async forSummariesOf(
      personIds: readonly string[],
    ): Promise<Pick<Achievement, "personId" | "kind" | "year">[]> {
      return readInBatches(personIds, (batch) =>
        Achievement.find({ personId: { $in: batch } }, { personId: 1, kind: 1, year: 1 })
          .batchSize(ONE_REPLY)
          .lean<Pick<Achievement, "personId" | "kind" | "year">[]>()
          .exec(),
      );
    },
    /** Deletes a person's achievements (data erasure); returns how many. */
    async removeForPerson(personId: string): Promise<number> {
      return (await Achievement.deleteMany({ personId }).exec()).deletedCount;
    },
    /** A person's achievements. */
    async listForPerson(personId: string): Promise<Achievement[]> {
      return Achievement.find({ personId }).sort({ at: -1 }).lean<Achievement[]>().exec();
    },
  };
}
