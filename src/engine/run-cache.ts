import type { FlowRun } from "../db/models/index.js";
import type { FlowRunsRepository, RunMove } from "../db/repositories/flow-runs.js";

/** What the engine needs from run storage. */
export type RunStore = Pick<FlowRunsRepository, "start" | "get" | "listForPerson" | "advance" | "end"> & {
  /** Drops whatever is cached for a subject, so the next read comes from the database. */
  forget?(subjectId: string): void;
};

const applyMove = (run: FlowRun, move: RunMove, now: Date): FlowRun => {
  const answers = { ...run.answers, ...move.setAnswers };
  for (const k of move.unsetAnswers ?? []) delete answers[k];
  return {
    ...run,
    stepId: move.stepId,
    trail: [...move.trail],
    answers,
    offered: [...(move.offered ?? [])],
    personId: move.personId ?? run.personId,
    seq: run.seq + 1,
    updatedAt: now,
  };
};

/**
 * Keeps live runs in memory so an answer costs its one write command and no read. Safe with several
 * instances: a write that finds the run moved elsewhere fails its claim, and the engine then
 * forgets the cached copy and reads again. Bounded: the least recently used runs drop out.
 */
export function cachedRunStore(inner: RunStore, maxRuns = 50_000): RunStore & { size(): number } {
  /** Every run this process knows, newest use last. */
  const byId = new Map<string, FlowRun>();
  /** Subjects whose complete list of live runs is known (ids). */
  const listed = new Map<string, Set<string>>();

  const put = (run: FlowRun) => {
    byId.delete(run._id);
    byId.set(run._id, run);
    if (byId.size > maxRuns) {
      const oldest = byId.values().next().value!;
      byId.delete(oldest._id);
      listed.delete(oldest.personId);
    }
  };
  const forget = (subjectId: string) => {
    for (const id of listed.get(subjectId) ?? []) byId.delete(id);
    for (const [id, run] of byId) if (run.personId === subjectId) byId.delete(id);
    listed.delete(subjectId);
  };
  const drop = (run: FlowRun) => {
    byId.delete(run._id);
    listed.get(run.personId)?.delete(run._id);
  };

  return {
    size: () => byId.size,
    forget,
    async listForPerson(subjectId) {
      const ids = listed.get(subjectId);
      const cached = ids && [...ids].map((id) => byId.get(id));
      if (cached?.every((r) => r !== undefined)) {
        return (cached as FlowRun[]).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
      }
      const runs = await inner.listForPerson(subjectId);
      for (const r of runs) put(r);
      listed.set(subjectId, new Set(runs.map((r) => r._id)));
      return runs;
    },
    async get(id) {
      const hit = byId.get(id);
      if (hit) return hit;
      const run = await inner.get(id);
      if (run) put(run);
      return run;
    },
    async start(run) {
      const result = await inner.start(run);
      put(result.run);
      listed.get(run.personId)?.add(result.run._id);
      return result;
    },
    async advance(id, expectedSeq, move, now) {
      const ok = await inner.advance(id, expectedSeq, move, now);
      const current = byId.get(id);
      if (!current) return ok;
      if (!ok || current.seq !== expectedSeq) {
        forget(current.personId);
        return ok;
      }
      const moved = applyMove(current, move, now);
      if (moved.personId !== current.personId) {
        drop(current);
        listed.delete(moved.personId);
      }
      put(moved);
      return ok;
    },
    async end(id, expectedSeq) {
      const ok = await inner.end(id, expectedSeq);
      const current = byId.get(id);
      if (current) {
        if (ok) drop(current);
        else forget(current.personId);
      }
      return ok;
    },
  };
}
