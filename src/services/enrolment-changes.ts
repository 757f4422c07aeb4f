import type { Repositories } from "../db/repositories/index.js";

/**
 * The repositories with enrolments that tell `onChanged` of each place taken or given up. Places
 * change in many use cases (Daftar, a waiting list's offer, an approved request, a roster removal,
 * erasure); announcing it where the seat is written means none of them can forget to.
 */
export function announceEnrolments(repos: Repositories, onChanged: (personId: string) => void): Repositories {
  const inner = repos.enrollments;
  return {
    ...repos,
    enrollments: {
      ...inner,
      async enroll(place, quota) {
        const outcome = await inner.enroll(place, quota);
        if (outcome.kind === "enrolled") onChanged(place.personId);
        return outcome;
      },
      async cancel(sessionId, personId) {
        const removed = await inner.cancel(sessionId, personId);
        if (removed) onChanged(personId);
        return removed;
      },
    },
  };
}
