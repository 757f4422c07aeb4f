import { countsTowardJp } from "../../domain/completion-state.js";
import type { Completion, Models } from "../models/index.js";
import { ONE_REPLY, readInBatches } from "./batches.js";
import { insertOnce } from "./errors.js";

/** A koordinator's decision on a pending record. */
export type CompletionDecision = { state: "verified" } | { state: "returned"; reason: string };

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
     * How many completions that count toward JP each of these people has in one year (exports).
     * Read by year alone and counted here: FerretDB tests a long `$in` against every document,
     * which at 50,000 people took most of a minute.
     */
    async countsOfYear(personIds: readonly string[], year: number): Promise<Map<string, number>> {
      const wanted = new Set(personIds);
      const counts = new Map<string, number>();
      if (wanted.size === 0) return counts;
      const found = await Completion.find({ year }, { personId: 1, state: 1 })
        .lean<Pick<Completion, "personId" | "state">[]>()
        .exec();
      for (const c of found)
        if (wanted.has(c.personId) && countsTowardJp(c))
          counts.set(c.personId, (counts.get(c.personId) ?? 0) + 1);
      return counts;
    },
    /** Every completion's person, year, JP and state (the summary rebuild counts only what counts). */
    async allForSummaries(): Promise<Pick<Completion, "personId" | "year" | "jp" | "state">[]> {
      return Completion.find({}, { personId: 1, year: 1, jp: 1, state: 1 })
        .lean<Pick<Completion, "personId" | "year" | "jp" | "state">[]>()
        .exec();
    },
    /** These people's completions, as `allForSummaries` reads them (the summary fold). */
    async forSummariesOf(
      personIds: readonly string[],
    ): Promise<Pick<Completion, "personId" | "year" | "jp" | "state">[]> {
      return readInBatches(personIds, (batch) =>
        Completion.find({ personId: { $in: batch } }, { personId: 1, year: 1, jp: 1, state: 1 })
          .batchSize(ONE_REPLY)
          .lean<Pick<Completion, "personId" | "year" | "jp" | "state">[]>()
          .exec(),
      );
    },
    /** Records waiting for a koordinator, the longest waiting first. */
    async pending(): Promise<Completion[]> {
      return Completion.find({ state: "pending" })
        .sort({ recordedAt: 1, _id: 1 })
        .lean<Completion[]>()
        .exec();
    },
    /**
     * Verifies or returns a pending record; false when it is no longer pending. The filter is a
     * compare-and-set only on MongoDB: callers decide who wins with a unique claim first.
     */
    async decide(id: string, decision: CompletionDecision, at: Date): Promise<boolean> {
      const set =
        decision.state === "returned"
          ? { state: "returned", returnReason: decision.reason, decidedAt: at }
          : { state: "verified", decidedAt: at };
      const res = await Completion.updateOne({ _id: id, state: "pending" }, { $set: set }).exec();
      return res.modifiedCount === 1;
    },
    /** Deletes a person's completions (data erasure); returns how many. */
    async removeForPerson(personId: string): Promise<number> {
      return (await Completion.deleteMany({ personId }).exec()).deletedCount;
    },
    /** The completions of many people, by person (batches of 1,000 ids, each served by the index). */
    async listForPeople(personIds: readonly string[]): Promise<Map<string, Completion[]>> {
      const out = new Map<string, Completion[]>();
      const found = await readInBatches(personIds, (batch) =>
        Completion.find({ personId: { $in: batch } })
          .lean<Completion[]>()
          .exec(),
      );
      for (const c of found) out.set(c.personId, [...(out.get(c.personId) ?? []), c]);
      return out;
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
