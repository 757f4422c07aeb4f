import type { Jabatan, TeknisCompetency } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Competency } from "../../domain/competency.js";
import type { Actor } from "../../domain/scope.js";
import { jabatanRowsOutOfScope } from "../../imports/import-scope.js";
import { parseJabatanCsv, parseTeknisCsv } from "../../imports/jabatan-csv.js";
import type { OrgImportResult } from "./org-import.js";

/** The fields that make two jabatan the same, in a fixed order, so a re-import compares equal. */
const jabatanKey = (j: Jabatan) =>
  JSON.stringify([
    j.name,
    j.tier,
    j.kind ?? "",
    j.family ?? "",
    j.instansiId ?? "",
    j.standardSource ?? "default",
    j.standardRef ?? "",
    (j.standard ?? []).map((s) => `${s.competency}:${s.level}`),
  ]);

const teknisKey = (c: TeknisCompetency) =>
  JSON.stringify([
    c.name.id,
    c.name.en,
    c.description?.id ?? "",
    c.description?.en ?? "",
    c.levels.map((l) => [l.id, l.en]),
  ]);

/**
 * Imports jabatan with their SKJ, and the teknis competencies SKJ refer to, all-or-nothing and
 * writing only what changed (a re-import of the same file writes nothing). Used by /impor and
 * `npm run import -- jabatan|teknis FILE`.
 */
export function createJabatanImport(deps: {
  repos: Pick<Repositories, "jabatan" | "orgUnits" | "teknisCompetencies">;
  /** Pandu's competency catalog (standard and sample teknis), from flows/content. */
  competencies: readonly Competency[];
}) {
  const standardCodes = deps.competencies.filter((c) => c.type !== "teknis").map((c) => c.code);
  const catalogCodes = new Set(deps.competencies.map((c) => c.code));
  return {
    /** Imports a jabatan CSV (with their SKJ where given) as `actor`; a row outside their scope fails the file. */
    async jabatan(text: string, actor: Actor): Promise<OrgImportResult> {
      const imported = await deps.repos.teknisCompetencies.all();
      const teknisCodes = new Set([
        ...deps.competencies.filter((c) => c.type === "teknis").map((c) => c.code),
        ...imported.map((c) => c._id),
      ]);
      const instansiIds = new Set((await deps.repos.orgUnits.roots()).map((u) => u._id));
      const parsed = parseJabatanCsv(text, { standardCodes, teknisCodes, instansiIds });
      if (!parsed.ok) return parsed;
      const existing = new Map((await deps.repos.jabatan.all()).map((j) => [j._id, j]));
      const outside = jabatanRowsOutOfScope(actor, parsed.jabatan, existing);
      if (outside.length > 0) return { ok: false, problems: outside };
      const rows: Jabatan[] = parsed.jabatan.map(({ row: _row, ...j }) => j);
      const changed = rows.filter((j) => {
        const before = existing.get(j._id);
        return !before || jabatanKey(before) !== jabatanKey(j);
      });
      const created = await deps.repos.jabatan.upsertMany(changed);
      return {
        ok: true,
        created,
        updated: changed.length - created,
        unchanged: rows.length - changed.length,
      };
    },

    /** Imports a teknis competency CSV. */
    async teknis(text: string): Promise<OrgImportResult> {
      const parsed = parseTeknisCsv(text, { catalogCodes });
      if (!parsed.ok) return parsed;
      const existing = new Map((await deps.repos.teknisCompetencies.all()).map((c) => [c._id, c]));
      const changed = parsed.competencies.filter((c) => {
        const before = existing.get(c._id);
        return !before || teknisKey(before) !== teknisKey(c);
      });
      const created = await deps.repos.teknisCompetencies.upsertMany(changed);
      return {
        ok: true,
        created,
        updated: changed.length - created,
        unchanged: parsed.competencies.length - changed.length,
      };
    },
  };
}
export type JabatanImport = ReturnType<typeof createJabatanImport>;
