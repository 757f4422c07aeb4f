import { Binary, BSON, type BulkWriteResult, type Collection } from "mongodb";
import type { FlowRun, Models, StoredFlowRun } from "../models/index.js";
import { reportDirectQuery } from "../query-log.js";
import { driverCollection } from "./driver-collection.js";
import { insertOnce, isDuplicateKeyError } from "./errors.js";

/** A run after one answer: where it stands and everything it holds (written whole, not patched). */
export interface RunMove {
  stepId: string;
  trail: string[];
  /** Every answer the run holds after the move, by step id. */
  answers: Record<string, unknown>;
  /** Options offered at the new step (dynamic lists), so a button can carry just an index. */
  offered?: { id: string; label: string }[];
  /** The run's subject changes (onboarding created the person). */
  personId?: string;
}

type RunState = Pick<FlowRun, "answers" | "trail" | "offered">;

/** The engine's state of a run as the one stored field `state` (see StoredFlowRun). */
function encodeState(run: RunState): Buffer {
  return Buffer.from(BSON.serialize({ answers: run.answers, trail: run.trail, offered: run.offered }));
}

/** A run as stored: its state in one field. */
export function encodeRun<T extends Partial<FlowRun>>(run: T): Omit<T, keyof RunState> & { state: Buffer } {
  const { answers = {}, trail = [], offered = [], ...rest } = run;
  return { ...rest, state: encodeState({ answers, trail, offered }) };
}

/** A stored run (or the fields of one a query projected) as the engine knows it. */
export function decodeRun<T extends Partial<StoredFlowRun>>(
  doc: T,
): Omit<T, "state" | keyof RunState> & RunState {
  const { state, answers, trail, offered, ...rest } = doc;
  // A run stored before `state` holds its state as fields of its own.
  const held: Partial<RunState> = state
    ? BSON.deserialize(state instanceof Binary ? state.value() : state)
    : { answers, trail, offered };
  return { ...rest, answers: held.answers ?? {}, trail: held.trail ?? [], offered: held.offered ?? [] };
}

/**
 * The subject of claim documents. A claim `<run id>:<seq>` lives in `flow_runs` beside the runs
 * (as `{_id, personId: CLAIM_SUBJECT, flowId: <its _id>, at}`, unique under the runs' own unique
 * key), so one `update` command of two statements can claim a move and record it. No person or
 * account id starts with "#", so no person's list of runs ever holds a claim.
 */
export const CLAIM_SUBJECT = "#claim";

/** The filter of the claim statement: never matches, so its upsert inserts `_id` or fails with E11000. */
const claimFilter = (claimId: string) => ({ _id: claimId, at: { $exists: false } });

/** At most this many ids in one `$in` (longer lists are tested document by document on FerretDB). */
const IN_BATCH = 1_000;

/** Live conversation runs. */
export function flowRunsRepository({ FlowRun }: Pick<Models, "FlowRun">) {
  return {
    /** Starts a run; if the person already has one of this flow, returns that one instead. */
    async start(
      run: Omit<FlowRun, "_id" | "seq"> & { _id?: string },
    ): Promise<{ run: FlowRun; resumed: boolean }> {
      try {
        const doc = await FlowRun.create({ ...encodeRun(run), seq: 0 } as StoredFlowRun);
        const { _id, seq } = doc.toObject();
        return { run: { ...run, _id, seq }, resumed: false };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const existing = await FlowRun.findOne({ personId: run.personId, flowId: run.flowId })
          .lean<StoredFlowRun>()
          .exec();
        if (!existing) throw err;
        return { run: decodeRun(existing), resumed: true };
      }
    },
    /** Deletes claims older than `before` (they only matter while an answer is in flight). */
    async purgeClaims(before: Date): Promise<number> {
      return (await FlowRun.deleteMany({ personId: CLAIM_SUBJECT, at: { $lt: before } }).exec()).deletedCount;
    },
    /**
     * Deletes the claims of one run that reached `seq` (`<run id>:0` to `<run id>:<seq>`, by id:
     * an indexed `$in`, in batches).
     */
    async purgeClaimsOfRun(runId: string, seq: number): Promise<number> {
      let deleted = 0;
      for (let from = 0; from <= seq; from += IN_BATCH) {
        const ids = Array.from(
          { length: Math.min(IN_BATCH, seq + 1 - from) },
          (_, i) => `${runId}:${from + i}`,
        );
        deleted += (await FlowRun.deleteMany({ _id: { $in: ids }, personId: CLAIM_SUBJECT }).exec())
          .deletedCount;
      }
      return deleted;
    },
    /** A person's live runs, most recently touched first. */
    async listForPerson(personId: string): Promise<FlowRun[]> {
      const runs = await FlowRun.find({ personId }).sort({ updatedAt: -1 }).lean<StoredFlowRun[]>().exec();
      return runs.map(decodeRun);
    },
    /** One run by id. */
    async get(id: string): Promise<FlowRun | null> {
      const run = await FlowRun.findById(id).lean<StoredFlowRun>().exec();
      return run ? decodeRun(run) : null;
    },
    /**
     * Applies one move, only if the run is still at `expectedSeq`. Returns false when it was not (a
     * duplicate update, a double click, an old button, another instance first): nothing is recorded.
     * One round trip: an ordered `update` command whose first statement inserts the claim
     * `<run id>:<seq>` (an upsert whose filter never matches, so a claim already there fails it
     * with E11000 and the command stops before the second statement) and whose second writes the
     * state. The unique insert is what makes the check atomic on FerretDB, where a filtered update
     * is not. Through the driver directly: it runs on every answer and the values are already the
     * stored types, so mongoose's document building, validation and casting are skipped.
     */
    async advance(id: string, expectedSeq: number, move: RunMove, now: Date): Promise<boolean> {
      const claimId = `${id}:${expectedSeq}`;
      const claim = {
        updateOne: {
          filter: claimFilter(claimId),
          update: { $setOnInsert: { personId: CLAIM_SUBJECT, flowId: claimId, at: now } },
          upsert: true,
        },
      };
      const set: Record<string, unknown> = {
        stepId: move.stepId,
        state: encodeState({ answers: move.answers, trail: move.trail, offered: move.offered ?? [] }),
        updatedAt: now,
      };
      if (move.personId) set.personId = move.personId;
      // A run stored before `state` sheds its old fields the first time it moves (for the others
      // these remove nothing).
      const update = {
        $set: set,
        $inc: { seq: 1 },
        $unset: { answers: "", trail: "", offered: "" } as const,
      };
      const filter = { _id: id, seq: expectedSeq };
      const runs = driverCollection(FlowRun) as unknown as Collection<{ _id: string }>;
      reportDirectQuery(FlowRun, "updateOne", claimFilter(claimId));
      reportDirectQuery(FlowRun, "updateOne", filter);
      if (move.personId) {
        // A move of the run to another subject could itself break the unique key (that subject
        // already runs this flow): claimed apart, so that error is not taken for a lost claim.
        if (!(await insertOnce(() => runs.bulkWrite([claim])))) return false;
        return (await runs.updateOne(filter, update)).modifiedCount === 1;
      }
      let res: BulkWriteResult;
      try {
        res = await runs.bulkWrite([claim, { updateOne: { filter, update } }], { ordered: true });
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
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
