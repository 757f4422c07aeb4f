import type { Achievement, Assessment, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import {
  CONFIRMATION_NOTE_MAX,
  gapClosed,
  gapCountOf,
  isAssessedLevel,
  withConfirmation,
} from "../../domain/counted-level.js";
import { syncMentorProfile } from "../mentoring/mentor-profile.js";
import { gapAchievementId, gapClosedAchievement } from "./assessment-record.js";

/** What an atasan confirms: one competency's level in one assessment. */
export interface LevelConfirmationInput {
  assessmentId: string;
  competency: string;
  /** 0–5: the level the atasan holds the person to (equal to the self level, lower or higher). */
  level: number;
  /** The atasan, as a person. */
  byPersonId: string;
  /** The chat account they acted from, for the audit log. */
  actorIdentityId?: string;
  /** A short note for the person (at most CONFIRMATION_NOTE_MAX characters; longer is refused). */
  note?: string;
}

export type LevelConfirmationOutcome =
  | { kind: "confirmed"; assessment: Assessment }
  | { kind: "not-found" }
  | { kind: "invalid-level" }
  | { kind: "invalid-note" }
  | { kind: "own-assessment" };

/**
 * Records an atasan's confirmation of a self-assessed level: the result keeps its self-assessed
 * level and gets the confirmation, its gap and the person's gap count follow the level that counts,
 * "gap closed" achievements are recorded or withdrawn to match, the audit log gets
 * `assessment.level-confirmed`, and the summaries are told to recount the person. Whether
 * `byPersonId` may act on this person (an atasan of their unit) is the caller's check, as for
 * every staff action; repeating a confirmation is harmless.
 */
export function createLevelConfirmation(deps: {
  repos: Pick<Repositories, "people" | "assessments" | "achievements" | "audit" | "mentoring">;
  now: () => Date;
  /** Told of each achievement when it is first recorded (improvements announced to supervisors). */
  onAchievement?: (a: Achievement, person: Person) => Promise<unknown>;
  /** Told after every confirmation (the summary totals recount the person). */
  onConfirmed?: (personId: string) => Promise<unknown>;
}) {
  /**
   * Makes the "gap closed" achievement of `later` in `competency` agree with the levels that count
   * now: recorded when the confirmation closed the gap, withdrawn when it shows it still open.
   */
  async function reconcile(person: Person, competency: string, earlier: Assessment, later: Assessment) {
    const after = later.results.find((r) => r.competency === competency);
    if (!after) return;
    const before = earlier.results.find((r) => r.competency === competency);
    if (!gapClosed(before, after)) {
      await deps.repos.achievements.remove(gapAchievementId(person._id, competency, later._id));
      return;
    }
    const achievement = gapClosedAchievement(person, competency, later, later.completedAt);
    if (await deps.repos.achievements.record(achievement)) await deps.onAchievement?.(achievement, person);
  }

  return async function confirmLevel(input: LevelConfirmationInput): Promise<LevelConfirmationOutcome> {
    if (!isAssessedLevel(input.level)) return { kind: "invalid-level" };
    const note = input.note?.trim();
    if (note !== undefined && note.length > CONFIRMATION_NOTE_MAX) return { kind: "invalid-note" };
    const assessment = await deps.repos.assessments.get(input.assessmentId);
    const result = assessment?.results.find((r) => r.competency === input.competency);
    if (!assessment || !result) return { kind: "not-found" };
    // Confirming is someone else's judgement of the self-assessment: never one's own.
    if (assessment.personId === input.byPersonId) return { kind: "own-assessment" };
    const at = deps.now();
    const { confirmation, gap } = withConfirmation(result, {
      level: input.level,
      byPersonId: input.byPersonId,
      at,
      ...(note ? { note } : {}),
    });
    const stored = await deps.repos.assessments.confirmLevel(assessment._id, input.competency, {
      confirmation,
      gap,
    });
    if (!stored) return { kind: "not-found" };
    const person = await deps.repos.people.get(stored.personId);
    if (person) {
      // The gap count describes the latest assessment only: confirming an older one leaves it.
      if (person.status?.lastAssessmentId === stored._id) {
        await deps.repos.people.setStatus(person._id, { gapCount: gapCountOf(stored.results) });
        // A mentor is suggested by the level that counts, which the confirmation just changed.
        await syncMentorProfile(deps.repos, person, stored, at);
      }
      // The confirmed result is the later side of one "gap closed" and the earlier side of the next.
      const history = await deps.repos.assessments.listForPerson(person._id, 10_000);
      const previous = history.find((a) => a._id === stored.previousId);
      const next = history.find((a) => a.previousId === stored._id);
      if (previous) await reconcile(person, input.competency, previous, stored);
      if (next) await reconcile(person, input.competency, stored, next);
    }
    await deps.repos.audit.append({
      at,
      actorPersonId: input.byPersonId,
      ...(input.actorIdentityId ? { actorIdentityId: input.actorIdentityId } : {}),
      action: "assessment.level-confirmed",
      outcome: "ok",
      targetKind: "person",
      targetId: stored.personId,
      ...(stored.unitId ? { scopeUnitId: stored.unitId } : {}),
      // No levels, no note: the audit log outlives an erasure of the person, and those must not.
      details: { assessmentId: stored._id, competency: input.competency },
    });
    await deps.onConfirmed?.(stored.personId);
    return { kind: "confirmed", assessment: stored };
  };
}
export type ConfirmLevel = ReturnType<typeof createLevelConfirmation>;
