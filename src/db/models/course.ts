import { Schema } from "mongoose";

/** A scheduled run of a course; its id is stable across re-imports (course + local start). */
export interface StoredSession {
  _id: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  quota: number;
}

/** A course of the catalog, upserted by id from the seed or an admin's CSV. */
export interface StoredCourse {
  _id: string;
  title: string;
  provider: string;
  /** The instansi that runs it (an org root id), when it is one in Pandu. */
  providerInstansiId?: string;
  method: string;
  kind: "klasikal" | "nonklasikal";
  jp: number;
  competencies: { code: string; from: number; to: number }[];
  mode: "online" | "offline" | "blended";
  regionId?: string;
  location?: string;
  url?: string;
  reminders?: string[];
  sessions: StoredSession[];
  /** Who may take the course (absent: everyone). */
  eligibility?: {
    statuses?: ("CPNS" | "PNS" | "PPPK")[];
    tiers?: string[];
    jabatanKinds?: ("struktural" | "fungsional" | "pelaksana")[];
    minServiceYears?: number;
    maxServiceYears?: number;
  };
  /** How one gets in; absent in courses stored before, which were all open. */
  admission?: "open" | "request" | "nomination";
  contact?: string;
  updatedAt: Date;
}

export const courseSchema = new Schema<StoredCourse>(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    provider: { type: String, required: true },
    providerInstansiId: String,
    method: { type: String, required: true },
    kind: { type: String, enum: ["klasikal", "nonklasikal"], required: true },
    jp: { type: Number, required: true },
    competencies: {
      type: [new Schema({ code: String, from: Number, to: Number }, { _id: false })],
      default: [],
    },
    mode: { type: String, enum: ["online", "offline", "blended"], required: true },
    regionId: String,
    location: String,
    url: String,
    reminders: { type: [String], default: undefined },
    eligibility: {
      type: new Schema(
        {
          statuses: { type: [String], default: undefined },
          tiers: { type: [String], default: undefined },
          jabatanKinds: { type: [String], default: undefined },
          minServiceYears: Number,
          maxServiceYears: Number,
        },
        { _id: false },
      ),
      default: undefined,
    },
    admission: { type: String, enum: ["open", "request", "nomination"] },
    contact: String,
    sessions: {
      type: [
        new Schema(
          {
            _id: { type: String, required: true },
            startsAt: { type: Date, required: true },
            endsAt: { type: Date, required: true },
            timeZone: { type: String, required: true },
            quota: { type: Number, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    updatedAt: { type: Date, required: true },
  },
  { collection: "courses", versionKey: false },
);
