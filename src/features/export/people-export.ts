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
import { batchesOf, PROGRESS_ABOVE } from "../../imports/import-progress.js";
import { actingPerson } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import { type JpLedger, jpOfYear } from "../../services/jp-ledger.js";
import { type SheetCell, XLSX_MIME, xlsxFile } from "../../services/xlsx.js";
import { buttonCodec } from "../feature.js";

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

/** The file /ekspor sends: a CSV (the default, separated as the person's spreadsheet expects) or Excel. */
export type ExportFormat = "csv" | "xlsx";

/** /ekspor's button: the same export as an Excel workbook. */
export const exportButton = buttonCodec("export", "eks", { xlsx: ["x", 0] });

/** A calendar date (`YYYY-MM-DD`) as a date cell: midnight UTC of that day, which Excel shows as the day. */
const dateCell = (date: string) => new Date(`${date}T00:00:00Z`);

/** A typed cell as a CSV writes it: dates as `YYYY-MM-DD`, numbers as digits, nothing as empty. */
const csvCell = (cell: SheetCell) =>
  cell === null ? "" : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);

/**
 * /ekspor: the people in a supervisor's scope with registration, latest assessment (its gap count,
 * self-assessed levels and the levels an atasan confirmed), JP and trainings this year, read from
 * each person's status and latest assessment (no history is scanned), as a CSV for Excel or as an
 * Excel workbook.
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

  /**
   * The typed rows for these people in `year`, read a batch of at most 1,000 people at a time;
   * `done` is told after each batch.
   */
  async function rowsOf(
    people: Person[],
    year: number,
    done: (count: number) => Promise<void>,
  ): Promise<SheetCell[][]> {
    const units = new Map((await deps.repos.orgUnits.all()).map((u) => [u._id, u.name]));
    const jabatan = new Map((await deps.repos.jabatan.all()).map((j) => [j._id, j.name]));
    const now = deps.now();
    // One read of the year's completions for everyone: it reads the whole year whatever the ids,
    // so reading it per batch of 1,000 made a 50,000-person export 7 times slower.
    const trainings = await deps.repos.completions.countsOfYear(
      people.map((p) => p._id),
      year,
    );
    const rows: SheetCell[][] = [];
    for (const batch of batchesOf(people)) {
      const standings = await deps.ledger.standingsOf(batch, now);
      const latest = await deps.repos.assessments.resultsOf(
        batch.flatMap((p) => (p.status?.lastAssessmentId ? [p.status.lastAssessmentId] : [])),
      );
      for (const p of batch) {
        const standing = standings.get(p._id) as JpStanding;
        rows.push([
          p.nip ?? null,
          p.name,
          (p.unitId && units.get(p.unitId)) || p.unitId || null,
          (p.jabatanId && jabatan.get(p.jabatanId)) || null,
          // The jenjang by its name, as people read it; a tier no longer known keeps its code.
          (p.tier && (TIERS.find((x) => x.id === p.tier)?.name.id ?? p.tier)) || null,
          p.onboardedAt ? "ya" : "belum",
          p.status?.assessedAt ? dateCell(localClock(new Date(p.status.assessedAt), p.timeZone).date) : null,
          p.status?.gapCount ?? null,
          ...levelColumns(p.status?.lastAssessmentId ? latest.get(p.status.lastAssessmentId) : undefined).map(
            (cell) => cell || null,
          ),
          jpOfYear(p, year),
          p.employment ?? null,
          ruleCell(standing),
          standing.total,
          trainings.get(p._id) ?? 0,
        ]);
      }
      await done(rows.length);
    }
    return rows;
  }

  /** The file's bytes, name and type for these rows. */
  async function file(rows: SheetCell[][], year: number, format: ExportFormat, locale: Locale) {
    if (format === "xlsx")
      return {
        filename: `pegawai-${year}.xlsx`,
        mime: XLSX_MIME,
        bytes: await xlsxFile(`Pegawai ${year}`, EXPORT_COLUMNS, rows),
      };
    const text = stringify(
      [[...EXPORT_COLUMNS], ...rows.map((r) => r.map(csvCell))],
      spreadsheetCsvOptions(csvDelimiter(locale)),
    );
    return { filename: `pegawai-${year}.csv`, mime: "text/csv", bytes: new TextEncoder().encode(text) };
  }

  return {
    /**
     * /ekspor for a supervisor (or admin): a CSV or Excel document, and an audit entry. The person
     * hears through `progress` that it is being prepared before any of the work starts (a large
     * scope takes seconds), and, past 1,000 people, how many rows are done, in the same note.
     */
    async exportPeople(
      conv: Conversation,
      bootstrapAdmin: boolean,
      format: ExportFormat,
      progress?: Progress,
    ): Promise<Outbound[]> {
      const t = (key: string, args?: Record<string, string | number>) =>
        deps.translate(conv.profile.locale, key, args);
      await progress?.({ text: t("export-preparing"), preparing: "document", replace: "export" });
      const { me, actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
      const roots = scopeRoots(actor, READER_ROLES);
      const people = await peopleInScope(roots);
      await audit(conv, me, "export.people", "ok", {
        details: { people: people.length, scope: roots ?? "all", format },
      });
      if (people.length === 0) return [{ text: t("export-empty") }];
      const year = Number(localClock(deps.now(), me?.timeZone ?? "Asia/Jakarta").date.slice(0, 4));
      const total = people.length;
      const rows = await rowsOf(people, year, async (done) => {
        if (total > PROGRESS_ABOVE)
          await progress?.({
            text: t("export-progress", { done, total }),
            preparing: "document",
            replace: "export",
          });
      });
      const replies: Outbound[] = [
        {
          text: t("export-caption", { count: total, year: String(year) }),
          media: { kind: "document", ...(await file(rows, year, format, conv.profile.locale)) },
        },
      ];
      // Excel reads typed cells without the CSV's regional-settings guess: offered after each CSV.
      if (format === "csv")
        replies.push({
          text: t("export-xlsx-offer"),
          choices: [[{ data: exportButton.pack("xlsx"), label: t("export-xlsx-button") }]],
        });
      return replies;
    },
  };
}
export type PeopleExport = ReturnType<typeof createPeopleExport>;
