import type { Assessment, MentorProfile, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { countedLevel } from "../../domain/counted-level.js";
import { isUnverified } from "../../domain/membership.js";

/** A person's mentor profile from their latest assessment, or null when they do not mentor. */
export function mentorProfileOf(person: Person, latest: Assessment | null, at: Date): MentorProfile | null {
  // Someone not yet verified mentors no one: their instansi is only what they said.
  if (!person.mentorOptIn || !person.instansiId || isUnverified(person)) return null;
  return {
    _id: person._id,
    instansiId: person.instansiId,
    // The level that counts (an atasan's confirmation over the self-assessment); 0 mentors nobody.
    levels: (latest?.results ?? [])
      .map((r) => ({ competency: r.competency, level: countedLevel(r) }))
      .filter((l) => l.level >= 1),
    updatedAt: at,
  };
}

/**
 * Makes a person's stored mentor profile agree with their latest assessment: written for an
 * opted-in mentor of an instansi, removed otherwise. Whoever changes an input of it (an
 * assessment, a confirmation, opting in or out) calls this in the same step.
 */
export async function syncMentorProfile(
  repos: Pick<Repositories, "mentoring">,
  person: Person,
  latest: Assessment | null,
  at: Date,
): Promise<void> {
  const profile = mentorProfileOf(person, latest, at);
  if (profile) await repos.mentoring.putProfile(profile);
  else await repos.mentoring.removeProfile(person._id);
}
