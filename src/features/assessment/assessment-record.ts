import { TZDate } from "@date-fns/tz";
import type { Achievement, Assessment, CompetencyResult, Jabatan, Person } from "../../db/models/index.js";
import { isDuplicateKeyError } from "../../db/repositories/errors.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { AssessedLevel, Level } from "../../domain/competency.js";
import { gapClosed, gapCountOf } from "../../domain/counted-level.js";
import { competencyGaps } from "../../domain/skj.js";
import { syncMentorProfile } from "../mentoring/mentor-profile.js";

/** What a finished self-assessment produced. */
export interface AssessmentOutcome {
  /** A key of the run that produced it, so recording it twice (a retried step) stores it once. */
  id?: string;
  personId: string;
  assessed: Record<string, AssessedLevel>;
  required: Record<string, Level>;
  /** Competencies whose answers stayed contradictory: the result says so. */
  mixed?: readonly string[];
  statements: number;
  completedAt: Date;
  /** The standard `required` came from, as read when the assessment began; read again when absent. */
  standard?: AssessmentStandard;
}

/** Which standard an assessment's required levels came from (kept with the fact, for /hasil). */
export type AssessmentStandard = Pick<Assessment, "standardSource" | "standardName">;

/** The standard of a jabatan's levels: its imported SKJ, else the defaults. */
export function standardOfJabatan(
  jabatan: Pick<Jabatan, "standardSource" | "standardRef" | "name"> | null,
): AssessmentStandard {
  return jabatan?.standardSource === "skj"
    ? {
        standardSource: "skj",
        standardName: jabatan.standardRef ? `${jabatan.name} (${jabatan.standardRef})` : jabatan.name,
      }
    : { standardSource: "default" };
}

/** Whether a value read back from a run is a standard as standardOfJabatan gives it. */
export function isStandard(v: unknown): v is AssessmentStandard {
  if (typeof v !== "object" || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    (s.standardSource === "default" && s.standardName === undefined) ||
    (s.standardSource === "skj" && typeof s.standardName === "string")
  );
}

/** The result rows an outcome is recorded with: each competency's level, the required one and the gap. */
export function resultRowsOf(
  outcome: Pick<AssessmentOutcome, "assessed" | "required" | "mixed">,
): CompetencyResult[] {
  return competencyGaps(outcome.assessed, outcome.required).map((g) => ({
    competency: g.code,
    assessed: g.assessed,
    required: g.required,
    gap: g.gap,
    ...(outcome.mixed?.includes(g.code) ? { mixed: true } : {}),
  }));
}

/** The id of a "gap closed" achievement: one per person, competency and the assessment that closed it. */
export const gapAchievementId = (personId: string, competency: string, assessmentId: string) =>
  `${personId}|gap|${competency}|${assessmentId}`;

/** The "gap closed" achievement of `assessment` in one competency, counted in the person's unit now. */
export function gapClosedAchievement(
  person: Person,
  competency: string,
  assessment: Pick<Assessment, "_id" | "year">,
  at: Date,
): Achievement {
  return {
    _id: gapAchievementId(person._id, competency, assessment._id),
    personId: person._id,
    kind: "gap-closed",
    year: assessment.year,
    competency,
    ...(person.unitId ? { unitId: person.unitId } : {}),
    ...(person.instansiId ? { instansiId: person.instansiId } : {}),
    at,
  };
}

/**
 * The one function through which assessment results are recorded: it appends the fact, points
 * the person's latest status at it, and returns the previous one for comparison. Later work
 * (running totals per unit and year, recognitions) hooks in here and nowhere else.
 */
export function createAssessmentRecorder(deps: {
  repos: Pick<Repositories, "people" | "assessments" | "achievements" | "jabatan" | "mentoring">;
  /** Told of each achievement when it is first recorded (improvements announced to supervisors). */
  onAchievement?: (a: Achievement, person: Person) => Promise<unknown>;
  /** Told after every recorded assessment (the summary totals recount the person). */
  onRecorded?: (personId: string) => Promise<unknown>;
}) {
  return async function recordAssessment(
    outcome: AssessmentOutcome,
  ): Promise<{ assessment: Assessment; previous: Assessment | null; closedGaps: string[]; person: Person }> {
    const person = await deps.repos.people.get(outcome.personId);
    if (!person) throw new Error(`no person ${outcome.personId}`);
    const previousId = person.status?.lastAssessmentId;
    // Read together: under load every round trip waits its turn for a pooled connection.
    const [previous, jabatan] = await Promise.all([
      previousId ? deps.repos.assessments.get(previousId) : null,
      person.jabatanId && !outcome.standard ? deps.repos.jabatan.get(person.jabatanId) : null,
    ]);
    const results = resultRowsOf(outcome);
    // Which standard the levels came from is kept with the fact, so /hasil says so even after
    // the jabatan's SKJ is imported or changed later.
    const standard = outcome.standard ?? standardOfJabatan(jabatan);
    // Inserted under the run's key, so a step run twice stores it once: the second insert fails
    // (E11000) and takes the path of a retry, with no read of the key first on the usual path.
    let assessment: Assessment;
    try {
      assessment = await deps.repos.assessments.insert({
        ...(outcome.id ? { _id: outcome.id } : {}),
        personId: person._id,
        instansiId: person.instansiId,
        unitId: person.unitId,
        jabatanId: person.jabatanId,
        tier: person.tier,
        // The year of the person's own calendar: 31 December 20.00 WIB is already 1 January in WIT.
        year: new TZDate(outcome.completedAt.getTime(), person.timeZone).getFullYear(),
        completedAt: outcome.completedAt,
        statements: outcome.statements,
        results,
        ...(previousId ? { previousId } : {}),
        ...standard,
      });
    } catch (err) {
      const already =
        outcome.id && isDuplicateKeyError(err) ? await deps.repos.assessments.get(outcome.id) : null;
      if (!already) throw err;
      return recordedBefore(person, already, outcome.completedAt);
    }
    await deps.repos.people.setStatus(person._id, {
      lastAssessmentId: assessment._id,
      assessedAt: outcome.completedAt,
      gapCount: gapCountOf(results),
    });
    // A mentor's suggested levels are their latest ones.
    await syncMentor(person, assessment, outcome.completedAt);
    // A gap closed since the previous assessment is an achievement, recorded (and congratulated)
    // once. The previous result is read by the level that counts: an atasan may have confirmed it.
    const closedGaps: string[] = [];
    for (const r of results) {
      const before = previous?.results.find((p) => p.competency === r.competency);
      if (!gapClosed(before, r)) continue;
      const achievement = gapClosedAchievement(person, r.competency, assessment, outcome.completedAt);
      const fresh = await deps.repos.achievements.record(achievement);
      if (fresh) {
        closedGaps.push(r.competency);
        await deps.onAchievement?.(achievement, person);
      }
    }
    await deps.onRecorded?.(person._id);
    return { assessment, previous, closedGaps, person };
  };

  /**
   * syncMentorProfile, for someone who mentors. Someone who has not opted in has no profile
   * whatever their levels (opting out removes it, and one found stale is refreshed where it is
   * read), so an assessment of theirs changes nothing there and costs no write.
   */
  async function syncMentor(person: Person, latest: Assessment, at: Date): Promise<void> {
    if (person.mentorOptIn) await syncMentorProfile(deps.repos, person, latest, at);
  }

  /** A retry after a crash: the status, the mark or the mentor profile may be what was lost; each repeats harmlessly. */
  async function recordedBefore(person: Person, already: Assessment, at: Date) {
    const before = already.previousId ? await deps.repos.assessments.get(already.previousId) : null;
    const pointsAt = person.status?.lastAssessmentId;
    // A crash between storing the fact and pointing the status at it: point it now.
    if (pointsAt === already.previousId && pointsAt !== already._id)
      await deps.repos.people.setStatus(person._id, {
        lastAssessmentId: already._id,
        assessedAt: already.completedAt,
        gapCount: gapCountOf(already.results),
      });
    if (pointsAt === already._id || pointsAt === already.previousId) await syncMentor(person, already, at);
    await deps.onRecorded?.(person._id);
    return { assessment: already, previous: before, closedGaps: [], person };
  }
}
export type RecordAssessment = ReturnType<typeof createAssessmentRecorder>;

/** When a person may take the assessment again (default: 90 days after the last one). */
export function nextAssessmentAllowedAt(
  lastAssessedAt: Date | undefined,
  intervalDays: number,
): Date | undefined {
  return lastAssessedAt ? new Date(lastAssessedAt.getTime() + intervalDays * 86_400_000) : undefined;
}
