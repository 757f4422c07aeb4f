import type { Person } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Course } from "../domain/course.js";
import { type Candidate, candidateOf, type Ineligible, whyNot } from "../domain/eligibility.js";

/** May this person take this course, and if so how do they get in. */
export type CourseAccess = { may: true; admission: Course["admission"] } | { may: false; why: Ineligible };

/**
 * Who may take which course, for every place that offers one (recommendations, the catalog,
 * enrolment buttons): the person's status, tier, jabatan kind and years of service, read once.
 */
export function createCourseAccess(deps: { repos: Pick<Repositories, "jabatan">; now: () => Date }) {
  /** What eligibility is decided on for a person. */
  async function candidateFor(
    person: Pick<Person, "employment" | "tier" | "nip" | "jabatanId">,
  ): Promise<Candidate> {
    const jabatan = person.jabatanId ? await deps.repos.jabatan.get(person.jabatanId) : null;
    return candidateOf(person, jabatan?.kind, deps.now());
  }

  /** The person's access to one course. */
  function accessOf(course: Pick<Course, "eligibility" | "admission">, candidate: Candidate): CourseAccess {
    const why = whyNot(course.eligibility, candidate);
    return why ? { may: false, why } : { may: true, admission: course.admission };
  }

  return { candidateFor, accessOf };
}
export type CourseAccessService = ReturnType<typeof createCourseAccess>;
