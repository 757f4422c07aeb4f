import type { Method } from "../../domain/learning-methods.js";

/**
 * Every method of src/domain/learning-methods.ts in the groups /selesai offers for a training
 * outside the catalog. A chat shows at most eight buttons for a list, and 24 methods would leave
 * most of them to be found by typing, so the person picks a group first. The ids are the option ids
 * of the flow's `group` step; a test checks each method sits in exactly one group.
 */
export const METHOD_GROUPS: Readonly<Record<string, readonly Method[]>> = {
  pelatihan: [
    "pelatihan-dasar",
    "pelatihan-struktural",
    "pelatihan-manajerial",
    "pelatihan-teknis",
    "pelatihan-fungsional",
    "pelatihan-sosial-kultural",
  ],
  pertemuan: ["bimtek", "seminar", "workshop", "kursus", "penataran", "sosialisasi"],
  daring: ["e-learning", "jarak-jauh", "belajar-mandiri", "komunitas-belajar"],
  kerja: [
    "coaching",
    "mentoring",
    "bimbingan-di-tempat-kerja",
    "magang",
    "detasering",
    "pertukaran",
    "patok-banding",
    "alam-terbuka",
  ],
};

/** The methods of a group, or none for an id that is not one. */
export function methodsOfGroup(group: unknown): readonly Method[] {
  return typeof group === "string" && Object.hasOwn(METHOD_GROUPS, group) ? METHOD_GROUPS[group]! : [];
}
