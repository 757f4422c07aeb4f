import type { FlowRun, Models } from "../models/index.js";
import { reportDirectQuery } from "../query-log.js";
import { driverCollection } from "./driver-collection.js";
import { insertOnce, isDuplicateKeyError } from "./errors.js";

/** What one answer changes in a run. */
export interface RunMove {
  stepId: string;
  trail: string[];
  /** Answers to set, by step id (step ids are plain identifiers, never containing dots). */
  setAnswers?: Record<string, unknown>;
  /** Answers to forget (going back, or a branch abandoned). */
  unsetAnswers?: string[];
  /** Options offered at the new step (dynamic lists), so a button can carry just an index. */
  offered?: { id: string; label: string }[];
  /** The run's subject changes (onboarding created the person). */
  personId?: string;
}

/** Live conversation runs. */
export function flowRunsRepository({ FlowRun, FlowClaim }: Pick<Models, "FlowRun" | "FlowClaim">) {
  return {
    /** Starts a run; if the person already has one of this flow, returns that one instead. */
    async start(
      run: Omit<FlowRun, "_id" | "seq"> & { _id?: string },
    ): Promise<{ run: FlowRun; resumed: boolean }> {
      try {
        const doc = await FlowRun.create({ ...run, seq: 0 });
        return { run: doc.toObject(), resumed: false };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const existing = await FlowRun.findOne({ personId: run.personId, flowId: run.flowId })
          .lean<FlowRun>()
          .exec();
        if (!existing) throw err;
        return { run: existing, resumed: true };
      }
    },
    /** Deletes claims older than `before` (they only matter while an answer is in flight). */
    async purgeClaims(before: Date): Promise<number> {
      return (await FlowClaim.deleteMany({ at: { $lt: before } }).exec()).deletedCount;
    },
    /** Deletes the claims of one run (`<run id>:<seq>`, a range of ids: no pattern, no scan by regex). */
    async purgeClaimsOfRun(runId: string): Promise<number> {
      // ";" follows ":" in code-unit order, so this range holds exactly the ids starting "<run id>:".
      return (await FlowClaim.deleteMany({ _id: { $gte: `${runId}:`, $lt: `${runId};` } }).exec())
        .deletedCount;
    },
    /** A person's live runs, most recently touched first. */
    async listForPerson(personId: string): Promise<FlowRun[]> {
      return FlowRun.find({ personId }).sort({ updatedAt: -1 }).lean<FlowRun[]>().exec();
    },
    /** One run by id. */
    async get(id: string): Promise<FlowRun | null> {
      return FlowRun.findById(id).lean<FlowRun>().exec();
    },
    /**
     * Applies one move, only if the run is still at `expectedSeq`. Returns false when it was not (a
     * duplicate update, a double click, an old button, another instance first): nothing is recorded.
     * Two writes: the claim that makes the check atomic on FerretDB too, then the state. Both go
     * through the driver directly: they run on every answer and the values are already the stored
     * types, so mongoose's document building, validation and casting are skipped.
     */
    async advance(id: string, expectedSeq: number, move: RunMove, now: Date): Promise<boolean> {
      const claim = { _id: `${id}:${expectedSeq}`, at: now };
      if (!(await insertOnce(() => driverCollection(FlowClaim).insertOne(claim)))) return false;
      const set: Record<string, unknown> = {
        stepId: move.stepId,
        trail: move.trail,
        offered: move.offered ?? [],
        updatedAt: now,
      };
      if (move.personId) set.personId = move.personId;
      for (const [k, v] of Object.entries(move.setAnswers ?? {})) set[`answers.${k}`] = v;
      const update: Record<string, unknown> = { $set: set, $inc: { seq: 1 } };
      if (move.unsetAnswers?.length) {
        update.$unset = Object.fromEntries(move.unsetAnswers.map((k) => [`answers.${k}`, ""]));
      }
      const filter = { _id: id, seq: expectedSeq };
      reportDirectQuery(FlowRun, "updateOne", filter);
      const res = await driverCollection(FlowRun).updateOne(filter, update);
      return res.modifiedCount === 1;
    },
    /**
     * Ends a run (deleted: the collection holds live runs only). With `expectedSeq`, only if the
     * run is still there, so a duplicate final answer ends nothing twice.
     */
    async end(id: string, expectedSeq?: number): Promise<boolean> {
      const filter = expectedSeq === undefined ? { _id: id } : { _id: id, seq: expectedSeq };
      return (await FlowRun.deleteOne(filter).exec()).deletedCount === 1;
    },
  };
}
export type FlowRunsRepository = ReturnType<typeof flowRunsRepository>;
