import { ERASED_CONFIRMER, type LevelConfirmation } from "../../domain/counted-level.js";
import type { Assessment, CompetencyResult, Models } from "../models/index.js";
import { ONE_REPLY, readInBatches } from "./batches.js";

/** Completed self-assessments: appended, read newest first; atasan confirmations added to results. */
export function assessmentsRepository({ Assessment }: Pick<Models, "Assessment">) {
  const get = (id: string) => Assessment.findById(id).lean<Assessment>().exec();
  return {
    /** Stores one completed assessment. */
    async insert(assessment: Omit<Assessment, "_id"> & { _id?: string }): Promise<Assessment> {
      return (await Assessment.create(assessment)).toObject();
    },
    /** One assessment by id. */
    async get(id: string): Promise<Assessment | null> {
      return get(id);
    },
    /** The results of these assessments, by assessment id (the people export's latest levels). */
    async resultsOf(ids: readonly string[]): Promise<Map<string, CompetencyResult[]>> {
      const found = await readInBatches(ids, (batch) =>
        Assessment.find({ _id: { $in: batch } }, { results: 1 })
          .lean<Pick<Assessment, "_id" | "results">[]>()
          .exec(),
      );
      return new Map(found.map((a) => [a._id, a.results]));
    },
    /**
     * Records an atasan's confirmation on one competency of one assessment, with the gap the
     * caller recomputed from it. Returns the assessment as stored now, or null when the assessment
     * or its competency is not there.
     */
    async confirmLevel(
      assessmentId: string,
      competency: string,
      change: { confirmation: LevelConfirmation; gap: number },
    ): Promise<Assessment | null> {
      const found = await Assessment.findById(assessmentId, { results: 1 })
        .lean<Pick<Assessment, "_id" | "results">>()
        .exec();
      const i = found?.results.findIndex((r) => r.competency === competency) ?? -1;
      if (i < 0) return null;
      // By position rather than the positional operator: results are written once, in full, so a
      // result's place never changes; and setting only this result's paths leaves a confirmation of
      // another competency written meanwhile alone (on MongoDB; FerretDB rewrites the document).
      const done = await Assessment.updateOne(
        { _id: assessmentId },
        {
          $set: { [`results.${i}.confirmation`]: change.confirmation, [`results.${i}.gap`]: change.gap },
          $addToSet: { confirmedBy: change.confirmation.byPersonId },
        },
      ).exec();
      return done.matchedCount === 0 ? null : get(assessmentId);
    },
    /**
     * Takes an erased person's id out of the confirmations they gave; the levels stay, being the
     * assessed people's records. Returns how many confirmations changed (safe to repeat).
     */
    async forgetConfirmer(personId: string): Promise<number> {
      const found = await Assessment.find({ confirmedBy: personId }, { results: 1, confirmedBy: 1 })
        .lean<Pick<Assessment, "_id" | "results" | "confirmedBy">[]>()
        .exec();
      let n = 0;
      for (const a of found) {
        const set: Record<string, string> = {};
        a.results.forEach((r, i) => {
          if (r.confirmation?.byPersonId === personId)
            set[`results.${i}.confirmation.byPersonId`] = ERASED_CONFIRMER;
        });
        const changed = Object.keys(set).length;
        const others = (a.confirmedBy ?? []).filter((id) => id !== personId);
        await Assessment.updateOne(
          { _id: a._id },
          others.length > 0
            ? { $set: { ...set, confirmedBy: others } }
            : { ...(changed > 0 ? { $set: set } : {}), $unset: { confirmedBy: "" } },
        ).exec();
        n += changed;
      }
      return n;
    },
    /** Every assessment, without its statement count (the summary rebuild). */
    async allForSummaries(): Promise<
      Pick<Assessment, "_id" | "personId" | "year" | "completedAt" | "results">[]
    > {
      return Assessment.find({}, { personId: 1, year: 1, completedAt: 1, results: 1 })
        .lean<Pick<Assessment, "_id" | "personId" | "year" | "completedAt" | "results">[]>()
        .exec();
    },
    /** These people's assessments, as `allForSummaries` reads them (the summary fold). */
    async forSummariesOf(
      personIds: readonly string[],
    ): Promise<Pick<Assessment, "_id" | "personId" | "year" | "completedAt" | "results">[]> {
      return readInBatches(personIds, (batch) =>
        Assessment.find({ personId: { $in: batch } }, { personId: 1, year: 1, completedAt: 1, results: 1 })
          .batchSize(ONE_REPLY)
          .lean<Pick<Assessment, "_id" | "personId" | "year" | "completedAt" | "results">[]>()
          .exec(),
      );
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
