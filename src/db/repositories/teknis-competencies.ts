import type { Models, TeknisCompetency } from "../models/index.js";

/** Teknis competencies imported by an instansi (few: read whole). */
export function teknisCompetenciesRepository({ TeknisCompetency }: Pick<Models, "TeknisCompetency">) {
  return {
    /** Inserts or replaces competencies by code; returns how many were new. */
    async upsertMany(items: TeknisCompetency[]): Promise<number> {
      if (items.length === 0) return 0;
      const res = await TeknisCompetency.bulkWrite(
        items.map((c) => ({ replaceOne: { filter: { _id: c._id }, replacement: c, upsert: true } })),
      );
      return res.upsertedCount;
    },
    /** Every imported teknis competency. */
    async all(): Promise<TeknisCompetency[]> {
      return TeknisCompetency.find({}).lean<TeknisCompetency[]>().exec();
    },
  };
}
export type TeknisCompetenciesRepository = ReturnType<typeof teknisCompetenciesRepository>;
