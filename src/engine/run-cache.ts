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
 * Keeps each person's live runs in memory so an answer costs the two writes and no read. Safe with
 * several instances: a write that finds the run moved elsewhere fails its claim, and the engine
 * then forgets the cached copy and reads again. Bounded: least recently used people drop out.
 */
export function cachedRunStore(inner: RunStore, maxSubjects = 50_000): RunStore & { size(): number } {
  const bySubject = new Map<string, FlowRun[]>();
  const subjectOfRun = new Map<string, string>();

  const remember = (subjectId: string, runs: FlowRun[]) => {
    const old = bySubject.get(subjectId);
    for (const r of old ?? []) subjectOfRun.delete(r._id);
    bySubject.delete(subjectId);
    bySubject.set(
      subjectId,
      [...runs].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()),
    );
    for (const r of runs) subjectOfRun.set(r._id, subjectId);
    if (bySubject.size > maxSubjects) forget(bySubject.keys().next().value!);
  };
  const forget = (subjectId: string) => {
    for (const r of bySubject.get(subjectId) ?? []) subjectOfRun.delete(r._id);
    bySubject.delete(subjectId);
  };
  const cachedRun = (id: string) => {
    const subject = subjectOfRun.get(id);
    return subject ? bySubject.get(subject)?.find((r) => r._id === id) : undefined;
  };

  return {
    size: () => bySubject.size,
    forget,
    async listForPerson(subjectId) {
      const hit = bySubject.get(subjectId);
      if (hit) return hit;
      const runs = await inner.listForPerson(subjectId);
      remember(subjectId, runs);
      return runs;
    },
    async get(id) {
      return cachedRun(id) ?? inner.get(id);
    },
    async start(run) {
      const result = await inner.start(run);
      const cached = bySubject.get(run.personId);
      if (cached && !cached.some((r) => r._id === result.run._id))
        remember(run.personId, [...cached, result.run]);
      else if (!cached) forget(run.personId);
      return result;
    },
    async advance(id, expectedSeq, move, now) {
      const ok = await inner.advance(id, expectedSeq, move, now);
      const subject = subjectOfRun.get(id);
      if (!subject) return ok;
      const runs = bySubject.get(subject) ?? [];
      const current = runs.find((r) => r._id === id);
      if (!ok || !current || current.seq !== expectedSeq) {
        forget(subject);
        return ok;
      }
      const moved = applyMove(current, move, now);
      const others = runs.filter((r) => r._id !== id);
      forget(subject);
      remember(moved.personId, [...others, moved]);
      return ok;
    },
    async end(id, expectedSeq) {
      const ok = await inner.end(id, expectedSeq);
      const subject = subjectOfRun.get(id);
      if (subject) {
        if (ok)
          remember(
            subject,
            (bySubject.get(subject) ?? []).filter((r) => r._id !== id),
          );
        else forget(subject);
      }
      return ok;
    },
  };
}
