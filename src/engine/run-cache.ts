import { deserialize, serialize } from "node:v8";
import type { FlowRun } from "../db/models/index.js";
import type { FlowRunsRepository, RunMove } from "../db/repositories/flow-runs.js";

/** What the engine needs from run storage. */
export type RunStore = Pick<FlowRunsRepository, "start" | "get" | "listForPerson" | "advance" | "end"> & {
  /** Drops whatever is cached for a subject, so the next read comes from the database. */
  forget?(subjectId: string): void;
};

const applyMove = (run: FlowRun, move: RunMove, now: Date): FlowRun => {
  return {
    ...run,
    stepId: move.stepId,
    trail: [...move.trail],
    answers: { ...move.answers },
    offered: [...(move.offered ?? [])],
    personId: move.personId ?? run.personId,
    seq: run.seq + 1,
    updatedAt: now,
  };
};

/**
 * A cached run: its subject, and the run itself as its structured-clone bytes held in a one-byte
 * string. A run in the assessment is some 80 small objects and strings (about 3.5 KB of heap, all
 * traced by every full GC); packed it is about 1 KB and one string. Unpacking costs some 30 µs
 * per read, and every read gets a copy of its own, so no caller can change the cached one.
 */
interface Packed {
  personId: string;
  bytes: string;
}

const pack = (run: FlowRun): Packed => ({ personId: run.personId, bytes: serialize(run).toString("latin1") });
const unpack = (packed: Packed): FlowRun => deserialize(Buffer.from(packed.bytes, "latin1")) as FlowRun;

/**
 * Keeps live runs in memory so an answer costs its one write command and no read. Safe with several
 * instances: a write that finds the run moved elsewhere fails its claim, and the engine then
 * forgets the cached copy and reads again. Bounded: the least recently used runs drop out.
 */
export function cachedRunStore(inner: RunStore, maxRuns = 50_000): RunStore & { size(): number } {
  /** Every run this process knows, packed, newest use last. */
  const byId = new Map<string, Packed>();
  /** Subjects whose complete list of live runs is known (their ids). */
  const listed = new Map<string, string[]>();

  const put = (run: FlowRun) => {
    byId.delete(run._id);
    byId.set(run._id, pack(run));
    if (byId.size > maxRuns) {
      const [oldestId, oldest] = byId.entries().next().value!;
      byId.delete(oldestId);
      listed.delete(oldest.personId);
    }
  };
  const forget = (subjectId: string) => {
    for (const id of listed.get(subjectId) ?? []) byId.delete(id);
    for (const [id, run] of byId) if (run.personId === subjectId) byId.delete(id);
    listed.delete(subjectId);
  };
  const drop = (runId: string, personId: string) => {
    byId.delete(runId);
    const ids = listed.get(personId);
    if (ids)
      listed.set(
        personId,
        ids.filter((id) => id !== runId),
      );
  };

  return {
    size: () => byId.size,
    forget,
    async listForPerson(subjectId) {
      const ids = listed.get(subjectId);
      const cached = ids?.map((id) => byId.get(id));
      if (cached?.every((r) => r !== undefined)) {
        return (cached as Packed[]).map(unpack).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
      }
      const runs = await inner.listForPerson(subjectId);
      for (const r of runs) put(r);
      listed.set(
        subjectId,
        runs.map((r) => r._id),
      );
      return runs;
    },
    async get(id) {
      const hit = byId.get(id);
      if (hit) return unpack(hit);
      const run = await inner.get(id);
      if (run) put(run);
      return run;
    },
    async start(run) {
      const result = await inner.start(run);
      put(result.run);
      const ids = listed.get(run.personId);
      if (ids && !ids.includes(result.run._id)) listed.set(run.personId, [...ids, result.run._id]);
      return result;
    },
    async advance(id, expectedSeq, move, now) {
      const ok = await inner.advance(id, expectedSeq, move, now);
      const packed = byId.get(id);
      if (!packed) return ok;
      const current = unpack(packed);
      if (!ok || current.seq !== expectedSeq) {
        forget(current.personId);
        return ok;
      }
      const moved = applyMove(current, move, now);
      if (moved.personId !== current.personId) {
        drop(id, current.personId);
        listed.delete(moved.personId);
      }
      put(moved);
      return ok;
    },
    async end(id, expectedSeq) {
      const ok = await inner.end(id, expectedSeq);
      const packed = byId.get(id);
      if (packed) {
        if (ok) drop(id, packed.personId);
        else forget(packed.personId);
      }
      return ok;
    },
  };
}
