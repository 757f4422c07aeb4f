import type { Assessment, Models } from "../models/index.js";

/** Completed self-assessments: appended, read newest first. */
export function assessmentsRepository({ Assessment }: Pick<Models, "Assessment">) {
  return {
    /** Stores one completed assessment. */
    async insert(assessment: Omit<Assessment, "_id"> & { _id?: string }): Promise<Assessment> {
      return (await Assessment.create(assessment)).toObject();
    },
    /** One assessment by id. */
    async get(id: string): Promise<Assessment | null> {
      return Assessment.findById(id).lean<Assessment>().exec();
    },
    /** Every assessment, without its statement count (the summary rebuild). */
    async allForSummaries(): Promise<
      Pick<Assessment, "_id" | "personId" | "year" | "completedAt" | "results">[]
    > {
      return Assessment.find({}, { personId: 1, year: 1, completedAt: 1, results: 1 })
        .lean<Pick<Assessment, "_id" | "personId" | "year" | "completedAt" | "results">[]>()
        .exec();
    },
    /** Deletes a person's assessments (data erasure); returns how many. */
    async removeForPerson(personId: string): Promise<number> {
      return (await Assessment.deleteMany({ personId }).exec()).deletedCount;
    },
    /** A person's assessments, newest first. */
    async listForPerson(personId: string, limit = 10): Promise<Assessment[]> {
      return Assessment.find({ personId }).sort({ completedAt: -1 }).limit(limit).lean<Assessment[]>().exec();
    },
  };
}
export type AssessmentsRepository = ReturnType<typeof assessmentsRepository>;
