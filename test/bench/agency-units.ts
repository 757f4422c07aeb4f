import type { OrgUnit } from "../../src/db/models/index.js";

/** Sections a bidang or badan is divided into, as an agency's org chart names them. */
const SECTIONS = [
  "Subbagian Umum dan Kepegawaian",
  "Subbagian Keuangan",
  "Subbagian Perencanaan dan Pelaporan",
  "Seksi Pelayanan",
  "Seksi Pengembangan",
  "Seksi Pengawasan dan Evaluasi",
  "Seksi Data dan Informasi",
  "UPTD",
];

/**
 * `count` more units below the units of an org tree, as an import of a whole agency's structure
 * would store them: every unit kerja gets sections in turn (breadth first, so the tree deepens
 * evenly: dinas, bidang, seksi, and below), each with its parent's instansi and path.
 */
export function moreUnits(tree: readonly OrgUnit[], count: number): OrgUnit[] {
  const parents = tree.filter((u) => u.kind === "unit");
  if (parents.length === 0) throw new Error("bench: the org tree has no unit kerja to divide");
  const added: OrgUnit[] = [];
  const children = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const parent = parents[Math.floor(i / SECTIONS.length)]!;
    const n = (children.get(parent._id) ?? 0) + 1;
    children.set(parent._id, n);
    const unit: OrgUnit = {
      _id: `${parent._id}.s${n}`,
      name: `${SECTIONS[(n - 1) % SECTIONS.length]} ${parent.name}`.slice(0, 200),
      kind: "unit",
      parentId: parent._id,
      instansiId: parent.instansiId,
      path: [...parent.path, parent._id],
    };
    added.push(unit);
    parents.push(unit);
  }
  return added;
}
