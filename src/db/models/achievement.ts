import { Schema } from "mongoose";

/**
 * Something worth congratulating: the year's JP goal reached, a gap closed in a reassessment.
 * `_id` is the achievement's natural key (`<person>|jp|2026`, `<person>|gap|M.3|<assessment>`),
 * so it is recorded, and congratulated, once.
 */
export interface Achievement {
  _id: string;
  personId: string;
  kind: "jp-goal" | "gap-closed";
  year: number;
  competency?: string;
  unitId?: string;
  instansiId?: string;
  at: Date;
}

export const achievementSchema = new Schema<Achievement>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    kind: { type: String, enum: ["jp-goal", "gap-closed"], required: true },
    year: { type: Number, required: true },
    competency: String,
    unitId: String,
    instansiId: String,
    at: { type: Date, required: true },
  },
  { collection: "achievements", versionKey: false },
);
achievementSchema.index({ personId: 1 });
