import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { isLevel, type Level, levelSchema } from "./competency.js";
import { ADMISSIONS, type Admission, type Eligibility, eligibilitySchema } from "./eligibility.js";
import { kindOf, METHODS, type Method, type MethodKind } from "./learning-methods.js";
import { parseReminderRule } from "./reminder-time.js";
import { INDONESIAN_IANA_ZONES } from "./timezone.js";
import { parseWith } from "./validation.js";

/** A course of the catalog as admins write it (seed YAML) or import it (CSV), before storage. */

export const MODES = ["online", "offline", "blended"] as const;
export type CourseMode = (typeof MODES)[number];

const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}[:.]\d{2}$/, "import-datetime-format");

/** WIB/WITA/WIT or an Indonesian IANA zone, stored as the IANA name. */
const zoneSchema = z
  .string()
  .transform((s) => s.trim())
  .transform((s, ctx) => {
    const short: Record<string, string> = {
      WIB: "Asia/Jakarta",
      WITA: "Asia/Makassar",
      WIT: "Asia/Jayapura",
    };
    const iana = short[s.toUpperCase()] ?? s;
    if (!(iana in INDONESIAN_IANA_ZONES)) {
      ctx.addIssue({ code: "custom", message: "import-timezone" });
      return z.NEVER;
    }
    return iana;
  });

export const sessionInputSchema = z
  .strictObject({
    start: localDateTime,
    end: localDateTime,
    timeZone: zoneSchema,
    quota: z.number().int().min(1).max(100_000),
  })
  .refine((s) => s.end.replace(" ", "T") > s.start.replace(" ", "T"), {
    path: ["end"],
    message: "import-end-before-start",
  });
export type SessionInput = z.output<typeof sessionInputSchema>;

export const courseCompetencySchema = z
  .strictObject({
    code: z.string().regex(/^(M|SK|T(\.[A-Z][A-Z0-9]*)+)\.[1-9][0-9]*$/, "import-competency-format"),
    from: levelSchema,
    to: levelSchema,
  })
  .refine((c) => c.from <= c.to, { path: ["to"], message: "import-competency-format" });

export const courseInputSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, "import-id-format"),
    title: z.string().trim().min(3).max(200),
    provider: z.string().trim().min(2).max(200),
    /** The id of the instansi that runs it, when it is one in Pandu: its koordinators see its rosters. */
    providerInstansi: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, "import-instansi-format")
      .optional(),
    method: z.enum(METHODS),
    jp: z.number().positive().max(2000),
    competencies: z.array(courseCompetencySchema).min(1).max(8),
    mode: z.enum(MODES),
    region: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, "import-region")
      .optional(),
    location: z.string().trim().min(2).max(300).optional(),
    url: z.url().max(500).optional(),
    reminders: z
      .array(z.string().refine((r) => parseReminderRule(r) !== undefined, "import-reminders"))
      .max(6)
      .optional(),
    sessions: z.array(sessionInputSchema).max(50).default([]),
    eligibility: eligibilitySchema.optional(),
    admission: z.enum(ADMISSIONS).default("open"),
    /** Whom to ask about a course by request or nomination ("BKPSDM Kota Jambi, Bidang PKAP"). */
    contact: z.string().trim().min(2).max(200).optional(),
  })
  .refine((c) => c.mode === "online" || c.region !== undefined, {
    path: ["region"],
    message: "import-region-required",
  });
export type CourseInput = z.output<typeof courseInputSchema>;

export const courseCatalogSchema = z.strictObject({ courses: z.array(courseInputSchema) });

/** Validates the seed catalog file; throws naming the path of each problem. */
export function parseCourseCatalog(raw: unknown): CourseInput[] {
  const courses = parseWith(courseCatalogSchema, raw).courses;
  const seen = new Set<string>();
  for (const c of courses) {
    if (seen.has(c.id)) throw new Error(`courses: duplicate id "${c.id}"`);
    seen.add(c.id);
  }
  return courses;
}

/** A scheduled run of a course, with its instants resolved in its own zone. */
export interface CourseSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  quota: number;
}

/** A course as the catalog serves it. */
export interface Course {
  id: string;
  title: string;
  provider: string;
  /** The instansi (org root id) that runs it, when known: its koordinators see every enrolee (/peserta). */
  providerInstansiId?: string;
  method: Method;
  kind: MethodKind;
  jp: number;
  competencies: { code: string; from: Level; to: Level }[];
  mode: CourseMode;
  regionId?: string;
  location?: string;
  url?: string;
  /** When to remind enrolled people ("7d@08:00", "2h"); Pandu's default when absent. */
  reminders?: string[];
  sessions: CourseSession[];
  /** Who may take it; everyone when absent. */
  eligibility?: Eligibility;
  admission: Admission;
  contact?: string;
}

/** The instant of a local "YYYY-MM-DD HH:mm" wall-clock time in `timeZone`. */
export function localToInstant(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2})[:.](\d{2})$/.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, timeZone).getTime());
}

/** A session's stable id: the course and its local start, so re-importing finds the same session. */
export function sessionId(courseId: string, start: string): string {
  return `${courseId}@${start.replace(/[-:.T ]/g, "").slice(0, 12)}`;
}

/** Turns validated input into a catalog course. */
export function toCourse(input: CourseInput): Course {
  return {
    id: input.id,
    title: input.title,
    provider: input.provider,
    ...(input.providerInstansi ? { providerInstansiId: input.providerInstansi } : {}),
    method: input.method,
    kind: kindOf(input.method),
    jp: input.jp,
    competencies: input.competencies.filter((c) => isLevel(c.from) && isLevel(c.to)),
    mode: input.mode,
    ...(input.region ? { regionId: input.region } : {}),
    ...(input.location ? { location: input.location } : {}),
    ...(input.url ? { url: input.url } : {}),
    ...(input.reminders ? { reminders: input.reminders } : {}),
    ...(input.eligibility && Object.keys(input.eligibility).length > 0
      ? { eligibility: input.eligibility }
      : {}),
    admission: input.admission,
    ...(input.contact ? { contact: input.contact } : {}),
    sessions: input.sessions
      .map((s) => ({
        id: sessionId(input.id, s.start),
        startsAt: localToInstant(s.start, s.timeZone),
        endsAt: localToInstant(s.end, s.timeZone),
        timeZone: s.timeZone,
        quota: s.quota,
      }))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
  };
}
