import { z } from "zod";
import { employmentFromNip } from "./employment.js";
import { JP_STATUSES, type JpStatus } from "./jp.js";
import { parseNip } from "./nip.js";

/**
 * Who may take a course, and how one gets in. A course with no conditions is open to everyone; each
 * condition given narrows it. Leadership courses (PKP, PKA, PKN) list the tier they prepare for
 * and are by nomination: BKPSDM proposes people, so Pandu shows them as information, never "Daftar".
 */

export const ADMISSIONS = ["open", "request", "nomination"] as const;
/** open: "Daftar" enrols at once; request: "Ajukan" waits for a coordinator; nomination: ask BKPSDM. */
export type Admission = (typeof ADMISSIONS)[number];

export const COURSE_JABATAN_KINDS = ["struktural", "fungsional", "pelaksana"] as const;
export type CourseJabatanKind = (typeof COURSE_JABATAN_KINDS)[number];

export const eligibilitySchema = z
  .strictObject({
    statuses: z.array(z.enum(JP_STATUSES)).min(1).optional(),
    tiers: z
      .array(z.string().regex(/^[a-z][a-z-]*$/, "import-tier"))
      .min(1)
      .optional(),
    jabatanKinds: z.array(z.enum(COURSE_JABATAN_KINDS)).min(1).optional(),
    minServiceYears: z.number().int().min(0).max(45).optional(),
    maxServiceYears: z.number().int().min(0).max(45).optional(),
  })
  .refine(
    (e) =>
      e.minServiceYears === undefined ||
      e.maxServiceYears === undefined ||
      e.minServiceYears <= e.maxServiceYears,
    { path: ["maxServiceYears"], message: "import-service-range" },
  );
export type Eligibility = z.output<typeof eligibilitySchema>;

/** What eligibility is decided on; a field is absent when Pandu does not know it. */
export interface Candidate {
  status?: JpStatus;
  tier?: string;
  jabatanKind?: CourseJabatanKind;
  /** Whole years since the TMT (PNS) or the appointment year (PPPK), from the NIP. */
  serviceYears?: number;
}

/** Which condition a person does not meet (or cannot be shown to meet). */
export type Ineligible = "status" | "tier" | "jabatan-kind" | "service";

/**
 * The first condition the candidate fails, or undefined when they may take the course. Something
 * unknown about the person fails a condition that asks for it: a course is offered only to people
 * who may take it, never on a guess.
 */
export function whyNot(e: Eligibility | undefined, c: Candidate): Ineligible | undefined {
  if (!e) return undefined;
  if (e.statuses && (!c.status || !e.statuses.includes(c.status))) return "status";
  if (e.tiers && (!c.tier || !e.tiers.includes(c.tier))) return "tier";
  if (e.jabatanKinds && (!c.jabatanKind || !e.jabatanKinds.includes(c.jabatanKind))) return "jabatan-kind";
  if (e.minServiceYears !== undefined || e.maxServiceYears !== undefined) {
    if (c.serviceYears === undefined) return "service";
    if (e.minServiceYears !== undefined && c.serviceYears < e.minServiceYears) return "service";
    if (e.maxServiceYears !== undefined && c.serviceYears > e.maxServiceYears) return "service";
  }
  return undefined;
}

/** True when the candidate meets every condition of the course. */
export function mayTake(e: Eligibility | undefined, c: Candidate): boolean {
  return whyNot(e, c) === undefined;
}

/** The jabatan kind a tier implies, for people whose jabatan Pandu does not know. */
export function kindOfTier(tier: string | undefined): CourseJabatanKind | undefined {
  if (!tier) return undefined;
  if (tier === "pelaksana") return "pelaksana";
  if (tier.startsWith("fungsional")) return "fungsional";
  if (tier.startsWith("jpt") || tier === "administrator" || tier === "pengawas") return "struktural";
  return undefined;
}

/**
 * The candidate a person is, from what was imported or told, and their NIP: the status stated, else
 * what the NIP tells (a PPPK NIP; a PNS NIP whose TMT is older than the probation period); years of
 * service from the NIP's TMT or appointment year.
 */
export function candidateOf(
  person: { employment?: JpStatus; tier?: string; nip?: string },
  jabatanKind: CourseJabatanKind | undefined,
  today: Date,
): Candidate {
  const parsed = person.nip ? parseNip(person.nip, today) : undefined;
  const nip = parsed?.ok ? parsed.nip : undefined;
  let status = person.employment;
  let serviceYears: number | undefined;
  if (nip) {
    const [y, m] = nip.appointment.split("-").map(Number) as [number, number | undefined];
    const months = (today.getUTCFullYear() - y) * 12 + (today.getUTCMonth() + 1 - (m ?? 1));
    serviceYears = Math.max(0, Math.floor(months / 12));
    if (!status) {
      // A recent TMT only suggests CPNS: unknown until the person says, so restricted courses wait.
      const told = employmentFromNip(nip, today);
      if (told.ask !== "cpns-confirm") status = told.status;
    }
  }
  const kind = jabatanKind ?? kindOfTier(person.tier);
  return {
    ...(status ? { status } : {}),
    ...(person.tier ? { tier: person.tier } : {}),
    ...(kind ? { jabatanKind: kind } : {}),
    ...(serviceYears !== undefined ? { serviceYears } : {}),
  };
}
