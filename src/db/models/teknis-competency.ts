import { Schema } from "mongoose";

/** A text in Indonesian and English. */
interface Bilingual {
  id: string;
  en: string;
}

/**
 * A teknis competency an instansi imported with its SKJ (the catalog's own ones live in
 * flows/content). Keyed by its code, so a re-import replaces it.
 */
export interface TeknisCompetency {
  _id: string;
  name: Bilingual;
  description?: Bilingual;
  /** What each level 1–5 means, in order. */
  levels: Bilingual[];
}

const bilingual = new Schema<Bilingual>(
  {
    id: { type: String, required: true, maxlength: 1000 },
    en: { type: String, required: true, maxlength: 1000 },
  },
  { _id: false },
);

export const teknisCompetencySchema = new Schema<TeknisCompetency>(
  {
    _id: { type: String, required: true },
    name: { type: bilingual, required: true },
    description: { type: bilingual, default: undefined },
    levels: { type: [bilingual], default: [] },
  },
  { collection: "teknis_competencies", versionKey: false },
);
