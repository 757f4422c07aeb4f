import type { Completion, Models } from "../models/index.js";
import { insertOnce } from "./errors.js";

/** Completed development activities: appended once per natural key, read per person. */
export function completionsRepository({ Completion }: Pick<Models, "Completion">) {
  return {
    /** Records a completion; false when the same key was already recorded (a retried step). */
    async insert(c: Completion): Promise<boolean> {
      return insertOnce(() => Completion.create(c));
    },
    /** One completion by key. */
    async get(id: string): Promise<Completion | null> {
      return Completion.findById(id).lean<Completion>().exec();
    },
    /**
     * How many completions each of these people has in one year (exports). Read by year alone and
     * counted here: FerretDB tests a long `$in` against every document, which at 50,000 people
     * took most of a minute.
     */
    async countsOfYear(personIds: readonly string[], year: number): Promise<Map<string, number>> {
      const wanted = new Set(personIds);
      const counts = new Map<string, number>();
      if (wanted.size === 0) return counts;
      const found = await Completion.find({ year }, { personId: 1 }).lean<{ personId: string }[]>().exec();
      for (const c of found)
        if (wanted.has(c.personId)) counts.set(c.personId, (counts.get(c.personId) ?? 0) + 1);
      return counts;
    },
    /** Every completion's person, year and JP (the summary rebuild). */
    async allForSummaries(): Promise<Pick<Completion, "personId" | "year" | "jp">[]> {
      return Completion.find({}, { personId: 1, year: 1, jp: 1 })
        .lean<Pick<Completion, "personId" | "year" | "jp">[]>()
        .exec();
    },
    /** Deletes a person's completions (data erasure); returns how many. */
    async removeForPerson(personId: string): Promise<number> {
      return (await Completion.deleteMany({ personId }).exec()).deletedCount;
    },
    /** A person's completions, newest first. */
    async listForPerson(personId: string): Promise<Completion[]> {
      return Completion.find({ personId })
        .sort({ completedOn: -1, recordedAt: -1 })
        .lean<Completion[]>()
        .exec();
    },
  };
}
export type CompletionsRepository = ReturnType<typeof completionsRepository>;
