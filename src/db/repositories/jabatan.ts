import type { Jabatan, Models } from "../models/index.js";

/** Jabatan and their Standar Kompetensi Jabatan. */
export function jabatanRepository({ Jabatan }: Pick<Models, "Jabatan">) {
  return {
    /** Inserts or replaces jabatan by id; returns how many were new. */
    async upsertMany(items: Jabatan[]): Promise<number> {
      if (items.length === 0) return 0;
      const res = await Jabatan.bulkWrite(
        items.map((j) => ({ replaceOne: { filter: { _id: j._id }, replacement: j, upsert: true } })),
      );
      return res.upsertedCount;
    },
    /** Every jabatan (imports check references against them). */
    async all(): Promise<Jabatan[]> {
      return Jabatan.find({}).lean<Jabatan[]>().exec();
    },
    /** One jabatan by id. */
    async get(id: string): Promise<Jabatan | null> {
      return Jabatan.findById(id).lean<Jabatan>().exec();
    },
    /** Jabatan of an instansi plus those shared by every instansi, by name. */
    async listForInstansi(instansiId: string): Promise<Jabatan[]> {
      return Jabatan.find({ $or: [{ instansiId }, { instansiId: { $exists: false } }] })
        .sort({ name: 1 })
        .lean<Jabatan[]>()
        .exec();
    },
  };
}
export type JabatanRepository = ReturnType<typeof jabatanRepository>;
