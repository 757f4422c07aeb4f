/**
 * The direct-supervisor relation (atasan langsung) and the consent it rests on. A person's atasan
 * is whoever holds the NIP stored on them; that person sees the person's results in /tim only
 * while the person agrees. It grants nothing else: staff roles keep their own unit scopes
 * (scope.ts), and the relation gives no unit-wide view.
 */

/** What the relation rule reads of a staff member. */
export interface ReportRef {
  atasanNip?: string | undefined;
  atasanConsent?: { allowed: boolean } | undefined;
  unverified?: boolean | undefined;
}

/** What the relation rule reads of the would-be atasan: their NIP, only when HR verified it. */
export interface AtasanRef {
  nip?: string | undefined;
  unverified?: boolean | undefined;
}

export type ReportAccess = "ok" | "not-atasan" | "no-consent";

/**
 * Whether `atasan` may see `report`'s results now: only as their direct atasan by a verified NIP,
 * and only while the report agrees. Someone unverified is on neither side: their NIP and unit are
 * not confirmed, so the relation cannot be trusted.
 */
export function reportAccess(atasan: AtasanRef, report: ReportRef): ReportAccess {
  if (!atasan.nip || atasan.unverified === true || report.unverified === true) return "not-atasan";
  if (report.atasanNip !== atasan.nip) return "not-atasan";
  return report.atasanConsent?.allowed === true ? "ok" : "no-consent";
}

/**
 * Whether to ask the consent question after an assessment: once, until answered, and not while
 * the person is unverified (they have no atasan HR confirmed; they may still answer in /profil).
 */
export function asksAtasanConsent(person: { atasanConsent?: unknown; unverified?: boolean }): boolean {
  return person.atasanConsent === undefined && person.unverified !== true;
}

export type AtasanProblem = "self" | "unknown" | "unverified" | "other-instansi";

/**
 * Why `atasan` cannot be set as `staff`'s direct atasan, if there is a reason: nobody is their own
 * atasan, and the atasan must be a verified person of the same instansi (a relation to someone HR
 * does not know would show staff results to whoever claimed the NIP).
 */
export function atasanProblem(
  staff: { _id: string; nip?: string | undefined; instansiId?: string | undefined },
  atasan:
    | { _id: string; nip?: string | undefined; instansiId?: string | undefined; unverified?: boolean }
    | null
    | undefined,
): AtasanProblem | undefined {
  if (!atasan) return "unknown";
  if (atasan._id === staff._id || (staff.nip !== undefined && atasan.nip === staff.nip)) return "self";
  if (atasan.unverified === true || !atasan.nip) return "unverified";
  if (staff.instansiId && atasan.instansiId !== staff.instansiId) return "other-instansi";
  return undefined;
}
