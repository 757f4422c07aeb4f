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
    /** Completions of several people in one year (exports). */
    async listForPeople(personIds: string[], year: number): Promise<Completion[]> {
      if (personIds.length === 0) return [];
      return Completion.find({ personId: { $in: personIds }, year })
        .lean<Completion[]>()
        .exec();
    },
    /** Every completion's person, year and JP (the summary rebuild). */
    async allForSummaries(): Promise<Pick<Completion, "personId" | "year" | "jp">[]> {
      return Completion.find({}, { personId: 1, year: 1, jp: 1 })
        .lean<Pick<Completion, "personId" | "year" | "jp">[]>()
        .exec();
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
