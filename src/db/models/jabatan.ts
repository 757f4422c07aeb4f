import { Schema } from "mongoose";

/** Required level of one competency (an array, since codes such as "M.1" cannot be field names). */
export interface RequiredLevel {
  competency: string;
  level: number;
}

export const JABATAN_KINDS = ["struktural", "fungsional", "pelaksana"] as const;
export type JabatanKind = (typeof JABATAN_KINDS)[number];

/** Where a jabatan's required levels come from: the instansi's imported SKJ, or Pandu's tier defaults. */
export const STANDARD_SOURCES = ["skj", "default"] as const;
export type StandardSource = (typeof STANDARD_SOURCES)[number];

/** A jabatan with its Standar Kompetensi Jabatan, imported from the instansi. */
export interface Jabatan {
  _id: string;
  name: string;
  tier: string;
  kind?: JabatanKind;
  family?: string;
  instansiId?: string;
  standard: RequiredLevel[];
  /** Absent on jabatan stored before SKJ imports existed (the demo seed): those are "default". */
  standardSource?: StandardSource;
  /** The SKJ document as the instansi names it (e.g. its decree), shown with results measured against it. */
  standardRef?: string;
}

export const jabatanSchema = new Schema<Jabatan>(
  {
    _id: { type: String, required: true, match: /^[a-z0-9][a-z0-9._-]{0,79}$/ },
    name: { type: String, required: true, maxlength: 200 },
    tier: { type: String, required: true },
    kind: { type: String, enum: JABATAN_KINDS },
    family: String,
    instansiId: String,
    standard: {
      type: [
        new Schema(
          {
            competency: { type: String, required: true },
            level: { type: Number, min: 1, max: 5, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    standardSource: { type: String, enum: STANDARD_SOURCES },
    standardRef: { type: String, maxlength: 200 },
  },
  { collection: "jabatan", versionKey: false },
);
jabatanSchema.index({ instansiId: 1 });
