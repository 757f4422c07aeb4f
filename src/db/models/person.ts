import { Schema } from "mongoose";
import { EMPLOYMENT_STATUSES, type EmploymentStatus } from "../../domain/employment.js";
import { newId } from "./ids.js";

export const ROLES = ["koordinator", "supervisor", "admin"] as const;

/** Status kepegawaian; the rules about it live in the domain, the model only stores it. */
export { EMPLOYMENT_STATUSES, type EmploymentStatus };
export type Role = (typeof ROLES)[number];
export const EMPLOYMENT_SOURCES = ["import", "nip", "confirmed"] as const;
export type EmploymentSource = (typeof EMPLOYMENT_SOURCES)[number];

/** A role held for an org unit and its subtree. */
export interface RoleGrant {
  role: Role;
  unitId: string;
  grantedBy?: string;
  grantedAt: Date;
}

/** The person's latest state, kept on the person so reports never scan history. */
export interface PersonStatus {
  lastAssessmentId?: string;
  assessedAt?: Date;
  gapCount?: number;
  jpYear?: number;
  jpTotal?: number;
}

/** What a person chose in /pengingat. Absent fields mean Pandu's defaults. */
export interface ReminderPrefs {
  /** Local "HH:MM"; no messages from quietStart to quietEnd (default 21:00–06:00). */
  quietStart?: string;
  quietEnd?: string;
  /** The monthly JP nudge: on (default), or off for good. */
  nudges?: "on" | "off";
  /** Nudges paused until then. */
  nudgesPausedUntil?: Date;
  /** Reminders before enrolled training (default on). */
  training?: boolean;
}

/** One ASN (or anyone onboarded): profile, consent and roles. */
export interface Person {
  _id: string;
  name: string;
  nip?: string;
  instansiId?: string;
  unitId?: string;
  jabatanId?: string;
  tier?: string;
  /** Status kepegawaian: from an import, read from the NIP, or confirmed by the person. */
  employment?: EmploymentStatus;
  /** Where `employment` came from; a CPNS guessed from a recent TMT is only ever "confirmed". */
  employmentSource?: EmploymentSource;
  /** PPPK: the day the current contract began (YYYY-MM-DD); contract years count from it. */
  contractStart?: string;
  regionId?: string;
  timeZone: string;
  locale: "id" | "en";
  learningModes: string[];
  consent?: { givenAt: Date; textVersion: string };
  roles: RoleGrant[];
  /** True while `roles` is not empty: staff are found by index (kept by the repository). */
  hasRoles?: boolean;
  status: PersonStatus;
  /** Willing to mentor colleagues of the same instansi in competencies where they are strong. */
  mentorOptIn?: boolean;
  reminders?: ReminderPrefs;
  /** Agreed that their supervisors hear when they reach 20 JP or close a gap. */
  shareProgress?: boolean;
  /**
   * The NIP of this person's direct supervisor (atasan langsung), from the people import or an admin
   * in /profil. A NIP rather than a person id: it resolves to whoever holds it when read, so an atasan
   * imported later, or whose imported record merged into a registered account, still resolves.
   */
  atasanNip?: string;
  /**
   * Whether the direct atasan may see this person's results for pembinaan (asked once after
   * /asesmen, changed in /profil). Absent: not answered yet, which is a no.
   */
  atasanConsent?: { allowed: boolean; at: Date };
  /** A supervisor's weekly summary of this unit (Monday 07:00 their time). */
  weeklySummary?: { unitId: string; since: Date };
  /** A coordinator's weekly digest of their scope (Monday 07:00 their time), since when. */
  coordinatorDigest?: { since: Date };
  onboardedAt?: Date;
  /**
   * "Belum terverifikasi": registered without an activation code, so neither the NIP nor the unit
   * they gave is confirmed by HR. They assess themselves and see their own data, but are left out
   * of summaries, broadcasts, mentoring and exports, and cannot hold roles, until an admin verifies.
   */
  unverified?: boolean;
  /** The NIP an unverified person gave; it holds no NIP claim, so it takes nobody's record. */
  declaredNip?: string;
  createdAt: Date;
  updatedAt: Date;
}

export const personSchema = new Schema<Person>(
  {
    _id: { type: String, default: () => newId("p") },
    name: { type: String, required: true, maxlength: 200 },
    nip: { type: String, match: /^\d{18}$/ },
    instansiId: String,
    unitId: String,
    jabatanId: String,
    tier: String,
    employment: { type: String, enum: EMPLOYMENT_STATUSES },
    employmentSource: { type: String, enum: EMPLOYMENT_SOURCES },
    contractStart: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
    regionId: String,
    timeZone: { type: String, required: true },
    locale: { type: String, enum: ["id", "en"], default: "id" },
    learningModes: { type: [String], default: [] },
    consent: { type: new Schema({ givenAt: Date, textVersion: String }, { _id: false }), default: undefined },
    hasRoles: Boolean,
    roles: {
      type: [
        new Schema(
          {
            role: { type: String, enum: ROLES, required: true },
            unitId: { type: String, required: true },
            grantedBy: String,
            grantedAt: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    status: {
      type: new Schema(
        { lastAssessmentId: String, assessedAt: Date, gapCount: Number, jpYear: Number, jpTotal: Number },
        { _id: false },
      ),
      default: () => ({}),
    },
    onboardedAt: Date,
    unverified: Boolean,
    declaredNip: { type: String, match: /^\d{18}$/ },
    mentorOptIn: Boolean,
    shareProgress: Boolean,
    atasanNip: { type: String, match: /^\d{18}$/ },
    atasanConsent: {
      type: new Schema({ allowed: { type: Boolean, required: true }, at: Date }, { _id: false }),
      default: undefined,
    },
    weeklySummary: {
      type: new Schema({ unitId: { type: String, required: true }, since: Date }, { _id: false }),
      default: undefined,
    },
    coordinatorDigest: { type: new Schema({ since: Date }, { _id: false }), default: undefined },
    reminders: {
      type: new Schema(
        {
          quietStart: String,
          quietEnd: String,
          nudges: { type: String, enum: ["on", "off"] },
          nudgesPausedUntil: Date,
          training: Boolean,
        },
        { _id: false },
      ),
      default: undefined,
    },
  },
  // minimize off: an empty status must still be stored, since lean reads skip schema defaults.
  { collection: "people", timestamps: true, versionKey: false, minimize: false },
);
// NIP uniqueness lives in nip_claims: a unique index here would collide on people without a NIP.
personSchema.index({ nip: 1 });
personSchema.index({ unitId: 1 });
personSchema.index({ instansiId: 1 });
personSchema.index({ hasRoles: 1 });
personSchema.index({ declaredNip: 1 });
personSchema.index({ unverified: 1 });
// A direct atasan's reports (/tim), by top-level equality.
personSchema.index({ atasanNip: 1 });
