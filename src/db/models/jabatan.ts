import { Schema } from "mongoose";

/** Required level of one competency (an array, since codes such as "M.1" cannot be field names). */
export interface RequiredLevel {
  competency: string;
  level: number;
}

/** A jabatan with its Standar Kompetensi Jabatan, imported from the instansi. */
export interface Jabatan {
  _id: string;
  name: string;
  tier: string;
  family?: string;
  instansiId?: string;
  standard: RequiredLevel[];
}

export const jabatanSchema = new Schema<Jabatan>(
  {
    _id: { type: String, required: true, match: /^[a-z0-9][a-z0-9._-]{0,79}$/ },
    name: { type: String, required: true, maxlength: 200 },
    tier: { type: String, required: true },
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
  },
  { collection: "jabatan", versionKey: false },
);
jabatanSchema.index({ instansiId: 1 });
