import { stringify } from "csv-stringify/sync";
import type { CompetencyResult, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { compareCompetencyCodes } from "../../domain/competency.js";
import { isConfirmed } from "../../domain/counted-level.js";
import type { JpStanding } from "../../domain/jp.js";
import { localClock } from "../../domain/reminder-time.js";
import { READER_ROLES, scopeRoots } from "../../domain/scope.js";
import { TIERS } from "../../domain/skj.js";
import { csvDelimiter, spreadsheetCsvOptions } from "../../domain/spreadsheet.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound, Progress } from "../../engine/types.js";
import type { Locale } from "../../i18n/locales.js";
import { actingPerson } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import { type JpLedger, jpOfYear } from "../../services/jp-ledger.js";

/** "minimal 20 JP / tahun kalender": the rule in the words of the export, which is Indonesian. */
function ruleCell(s: JpStanding): string {
  const kind = s.rule.kind === "minimum" ? "minimal" : "maksimal";
  const period = s.period.kind === "calendar-year" ? "tahun kalender" : "tahun kontrak";
  return `${kind} ${s.rule.jp} JP / ${period}`;
}

export const EXPORT_COLUMNS = [
  "nip",
  "nama",
  "unit",
  "jabatan",
  "jenjang",
  "terdaftar",
  "asesmen_terakhir",
  "jumlah_kesenjangan_kompetensi",
  "level_penilaian_diri",
  "level_dikonfirmasi_atasan",
  "jp_tahun_ini",
  "status_kepegawaian",
  "aturan_jp",
  "jp_periode_aturan",
  "pelatihan_tahun_ini",
] as const;

/** Levels as one cell, `M.1:3; M.3:2` (the notation of the import files), by competency code. */
const levelsCell = (levels: readonly (readonly [string, number])[]) =>
  [...levels]
    .sort(([a], [b]) => compareCompetencyCodes(a, b))
    .map(([code, level]) => `${code}:${level}`)
    .join("; ");

/** The self-assessed levels of a result list, and those an atasan confirmed (only those). */
function levelColumns(results: readonly CompetencyResult[] = []): [string, string] {
  return [
    levelsCell(results.map((r) => [r.competency, r.assessed] as const)),
    levelsCell(
      results.flatMap((r) => (isConfirmed(r) ? [[r.competency, r.confirmation.level] as const] : [])),
    ),
  ];
}

/**
 * /ekspor: the people in a supervisor's scope with registration, latest assessment (its gap count,
 * self-assessed levels and the levels an atasan confirmed), JP and trainings this year, read from
 * each person's status and latest assessment (no history is scanned), as a CSV for Excel.
 */
export function createPeopleExport(deps: {
  repos: Pick<Repositories, "people" | "orgUnits" | "completions" | "jabatan" | "audit" | "assessments">;
  translate: Translate;
  now: () => Date;
  ledger: Pick<JpLedger, "standingsOf">;
}) {
  const audit = createAuditLog(deps);

  /** The people a supervisor may see: everyone in the subtrees of their grants. */
  async function peopleInScope(roots: string[] | undefined): Promise<Person[]> {
    const units = await deps.repos.orgUnits.inScope(roots);
    return deps.repos.people.listByUnits(units.map((u) => u._id));
  }

  /** The CSV text for these people in `year`, separated as a spreadsheet in `locale` expects. */
  async function csv(people: Person[], year: number, locale: Locale): Promise<string> {
    const units = new Map((await deps.repos.orgUnits.all()).map((u) => [u._id, u.name]));
    const jabatan = new Map((await deps.repos.jabatan.all()).map((j) => [j._id, j.name]));
    const trainings = await deps.repos.completions.countsOfYear(
      people.map((p) => p._id),
      year,
    );
    const now = deps.now();
    const standings = await deps.ledger.standingsOf(people, now);
    const latest = await deps.repos.assessments.resultsOf(
      people.flatMap((p) => (p.status?.lastAssessmentId ? [p.status.lastAssessmentId] : [])),
    );
    const rows = people.map((p) => [
      p.nip ?? "",
      p.name,
      (p.unitId && units.get(p.unitId)) ?? p.unitId ?? "",
      (p.jabatanId && jabatan.get(p.jabatanId)) ?? "",
      // The jenjang by its name, as people read it; a tier no longer known keeps its code.
      (p.tier && (TIERS.find((x) => x.id === p.tier)?.name.id ?? p.tier)) ?? "",
      p.onboardedAt ? "ya" : "belum",
      p.status?.assessedAt ? localClock(new Date(p.status.assessedAt), p.timeZone).date : "",
      p.status?.gapCount === undefined ? "" : String(p.status.gapCount),
      ...levelColumns(p.status?.lastAssessmentId ? latest.get(p.status.lastAssessmentId) : undefined),
      String(jpOfYear(p, year)),
      p.employment ?? "",
      ruleCell(standings.get(p._id) as JpStanding),
      String((standings.get(p._id) as JpStanding).total),
      String(trainings.get(p._id) ?? 0),
    ]);
    return stringify([[...EXPORT_COLUMNS], ...rows], spreadsheetCsvOptions(csvDelimiter(locale)));
  }

  return {
    /**
     * /ekspor for a supervisor (or admin): a CSV document, and an audit entry. The person hears
     * through `progress` that it is being prepared before any of the work starts (a large scope
     * takes seconds).
     */
    async exportCsv(conv: Conversation, bootstrapAdmin: boolean, progress?: Progress): Promise<Outbound[]> {
      const t = (key: string, args?: Record<string, string | number>) =>
        deps.translate(conv.profile.locale, key, args);
      await progress?.({ text: t("export-preparing"), preparing: "document" });
      const { me, actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
      const roots = scopeRoots(actor, READER_ROLES);
      const people = await peopleInScope(roots);
      await audit(conv, me, "export.people", "ok", {
        details: { people: people.length, scope: roots ?? "all" },
      });
      if (people.length === 0) return [{ text: t("export-empty") }];
      const year = Number(localClock(deps.now(), me?.timeZone ?? "Asia/Jakarta").date.slice(0, 4));
      const text = await csv(people, year, conv.profile.locale);
      return [
        {
          text: t("export-caption", { count: people.length, year: String(year) }),
          media: {
            kind: "document",
            filename: `pegawai-${year}.csv`,
            mime: "text/csv",
            bytes: new TextEncoder().encode(text),
          },
        },
      ];
    },
  };
}
export type PeopleExport = ReturnType<typeof createPeopleExport>;
