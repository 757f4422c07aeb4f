import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { type CourseInput, courseInputSchema, sessionId } from "../domain/course.js";
import type { Admission } from "../domain/eligibility.js";
import { TIERS } from "../domain/skj.js";

/**
 * The course catalog as a CSV file, one row per session (course columns repeated on each of its
 * rows; a self-paced course has one row with the session columns empty). Headers may be English or
 * Indonesian; commas or semicolons (Indonesian spreadsheets save with ";") both work.
 */

export const COURSE_COLUMNS = [
  "id",
  "title",
  "provider",
  "provider_instansi",
  "method",
  "jp",
  "competencies",
  "mode",
  "region",
  "location",
  "url",
  "reminders",
  "start",
  "end",
  "timezone",
  "quota",
  "status",
  "tiers",
  "jabatan_kinds",
  "min_service_years",
  "max_service_years",
  "admission",
  "contact",
] as const;
type Column = (typeof COURSE_COLUMNS)[number];

const ALIASES: Record<string, Column> = {
  judul: "title",
  nama: "title",
  penyelenggara: "provider",
  instansi_penyelenggara: "provider_instansi",
  metode: "method",
  kompetensi: "competencies",
  moda: "mode",
  wilayah: "region",
  provinsi: "region",
  lokasi: "location",
  tautan: "url",
  pengingat: "reminders",
  mulai: "start",
  selesai: "end",
  zona: "timezone",
  zona_waktu: "timezone",
  kuota: "quota",
  status_kepegawaian: "status",
  jenjang: "tiers",
  jenis_jabatan: "jabatan_kinds",
  masa_kerja_min: "min_service_years",
  masa_kerja_minimal: "min_service_years",
  masa_kerja_maks: "max_service_years",
  masa_kerja_maksimal: "max_service_years",
  pendaftaran: "admission",
  cara_ikut: "admission",
  narahubung: "contact",
  kontak: "contact",
};

/** How a spreadsheet may say each admission: Indonesian words or Pandu's own. */
const ADMISSION_WORDS: Record<string, Admission> = {
  daftar: "open",
  open: "open",
  terbuka: "open",
  ajukan: "request",
  pengajuan: "request",
  request: "request",
  penunjukan: "nomination",
  nominasi: "nomination",
  usulan: "nomination",
  nomination: "nomination",
};

/** The eligibility field a spreadsheet column fills. */
const ELIGIBILITY_COLUMNS: Record<string, Column> = {
  statuses: "status",
  tiers: "tiers",
  jabatanKinds: "jabatan_kinds",
  minServiceYears: "min_service_years",
  maxServiceYears: "max_service_years",
};

/** "PNS; PPPK", "pengawas | administrator": a list in one cell. */
const listOf = (cell: string): string[] =>
  cell
    .split(/[;|,/\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const REQUIRED: Column[] = ["id", "title", "provider", "method", "jp", "competencies", "mode"];
const COURSE_LEVEL: Column[] = [
  "title",
  "provider",
  "provider_instansi",
  "method",
  "jp",
  "competencies",
  "mode",
  "region",
  "location",
  "url",
  "reminders",
  "status",
  "tiers",
  "jabatan_kinds",
  "min_service_years",
  "max_service_years",
  "admission",
  "contact",
];
const SESSION_LEVEL: Column[] = ["start", "end", "timezone", "quota"];

/** One thing wrong in the file: where (spreadsheet row, header row = 1) and a locale key saying what. */
export interface ImportProblem {
  row: number;
  column?: string;
  key: string;
  args?: Record<string, string>;
}

export type CourseCsvResult = { ok: true; courses: CourseInput[] } | { ok: false; problems: ImportProblem[] };

export interface CourseCsvContext {
  /** Competency codes that exist (standard and teknis). */
  competencyCodes: ReadonlySet<string>;
  regionIds: ReadonlySet<string>;
}

const normalizeHeader = (h: string): string => {
  const key = h.trim().toLowerCase().replace(/\s+/g, "_");
  return ALIASES[key] ?? key;
};

/** "M.3:1-3; M.2:2" → competencies with level ranges; undefined when a part does not read. */
function parseCompetencies(cell: string): { code: string; from: number; to: number }[] | undefined {
  const parts = cell
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: { code: string; from: number; to: number }[] = [];
  for (const part of parts) {
    const m = /^([A-Z][A-Z0-9.]*?)\s*:\s*([1-5])(?:\s*-\s*([1-5]))?$/i.exec(part);
    if (!m) return undefined;
    out.push({ code: m[1]!.toUpperCase(), from: Number(m[2]), to: Number(m[3] ?? m[2]) });
  }
  return out;
}

/** "1,5" or "1.5" → 1.5; NaN for anything else. */
const toNumber = (s: string): number =>
  /^\d+([.,]\d+)?$/.test(s) ? Number(s.replace(",", ".")) : Number.NaN;

/** The key and arguments that describe one zod issue to an admin. */
function problemOf(issue: z.core.$ZodIssue, candidate: unknown): Pick<ImportProblem, "key" | "args"> {
  if (issue.message.startsWith("import-")) return { key: issue.message };
  switch (issue.code) {
    case "invalid_type": {
      let value: unknown = candidate;
      for (const step of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[step];
      return { key: value === undefined ? "import-required" : "import-invalid" };
    }
    case "too_small":
      return { key: "import-too-small", args: { min: String(issue.minimum) } };
    case "too_big":
      return { key: "import-too-big", args: { max: String(issue.maximum) } };
    case "invalid_value":
      return { key: "import-one-of", args: { options: issue.values.map(String).join(", ") } };
    case "invalid_format":
      return { key: "import-invalid" };
    default:
      return { key: "import-invalid" };
  }
}

/** Which spreadsheet column a path inside a course points at. */
function columnOf(path: readonly PropertyKey[]): { column: string; session?: number } {
  const [head, index, field] = path;
  if (head === "eligibility" && typeof index === "string")
    return { column: ELIGIBILITY_COLUMNS[index] ?? "status" };
  if (head === "sessions" && typeof index === "number") {
    const column = field === "timeZone" ? "timezone" : typeof field === "string" ? field : "start";
    return { column, session: index };
  }
  if (head === "providerInstansi") return { column: "provider_instansi" };
  return { column: String(head ?? "id") };
}

/** The eligibility and admission columns of a course row, as the course schema reads them. */
function eligibilityCells(cell: (c: Column) => string): Record<string, unknown> {
  const years = (c: Column) => (cell(c) === "" ? undefined : toNumber(cell(c)));
  const eligibility = {
    ...(cell("status") ? { statuses: listOf(cell("status")).map((x) => x.toUpperCase()) } : {}),
    ...(cell("tiers") ? { tiers: listOf(cell("tiers")).map((x) => x.toLowerCase()) } : {}),
    ...(cell("jabatan_kinds")
      ? { jabatanKinds: listOf(cell("jabatan_kinds")).map((x) => x.toLowerCase()) }
      : {}),
    ...(years("min_service_years") !== undefined ? { minServiceYears: years("min_service_years") } : {}),
    ...(years("max_service_years") !== undefined ? { maxServiceYears: years("max_service_years") } : {}),
  };
  const admission = cell("admission").toLowerCase();
  return {
    ...(Object.keys(eligibility).length > 0 ? { eligibility } : {}),
    // An unknown word stays as written, so the schema reports it with the options.
    ...(admission ? { admission: ADMISSION_WORDS[admission] ?? admission } : {}),
    ...(cell("contact") ? { contact: cell("contact") } : {}),
  };
}

/**
 * Reads and validates a whole course CSV. Either every course is good, or nothing is returned but
 * the list of every problem with its row and column, so an admin fixes the file once.
 */
export function parseCourseCsv(text: string, context: CourseCsvContext): CourseCsvResult {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      columns: (header: string[]) => header.map(normalizeHeader),
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { ok: false, problems: [{ row: line ?? 1, key: "import-csv-unreadable" }] };
  }
  const headers = new Set(
    records.length > 0 ? Object.keys(records[0]!.record) : firstLine.split(delimiter).map(normalizeHeader),
  );
  const problems: ImportProblem[] = [];
  for (const column of REQUIRED) {
    if (!headers.has(column)) problems.push({ row: 1, column, key: "import-missing-column" });
  }
  for (const h of headers) {
    if (!(COURSE_COLUMNS as readonly string[]).includes(h))
      problems.push({
        row: 1,
        column: h,
        key: "import-unknown-column-of",
        args: { columns: COURSE_COLUMNS.join(", ") },
      });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (records.length === 0) return { ok: false, problems: [{ row: 2, key: "import-empty" }] };

  // Group the rows of each course, remembering where every value came from.
  const groups = new Map<string, { rows: { row: number; cells: Record<string, string> }[] }>();
  for (const { record, info } of records) {
    const row = info.lines;
    const id = (record.id ?? "").trim();
    const key = id || `(row ${row})`;
    const group = groups.get(key) ?? { rows: [] };
    group.rows.push({ row, cells: record });
    groups.set(key, group);
  }

  const courses: CourseInput[] = [];
  for (const [, group] of groups) {
    const first = group.rows[0]!;
    const cell = (c: Column) => (first.cells[c] ?? "").trim();
    for (const other of group.rows.slice(1)) {
      for (const c of COURSE_LEVEL) {
        if ((other.cells[c] ?? "").trim() !== cell(c))
          problems.push({
            row: other.row,
            column: c,
            key: "import-differs",
            args: { row: String(first.row) },
          });
      }
    }
    const competencies = parseCompetencies(cell("competencies"));
    if (cell("competencies") && !competencies)
      problems.push({ row: first.row, column: "competencies", key: "import-competency-format" });
    for (const c of competencies ?? []) {
      if (!context.competencyCodes.has(c.code))
        problems.push({
          row: first.row,
          column: "competencies",
          key: "import-unknown-competency",
          args: { code: c.code },
        });
    }
    for (const tier of cell("tiers") ? listOf(cell("tiers")).map((x) => x.toLowerCase()) : []) {
      if (!TIERS.some((t) => t.id === tier))
        problems.push({
          row: first.row,
          column: "tiers",
          key: "import-one-of",
          args: { options: TIERS.map((t) => t.id).join(", ") },
        });
    }
    if (cell("region") && !context.regionIds.has(cell("region")))
      problems.push({ row: first.row, column: "region", key: "import-region" });
    // Checked here as well as in the schema: its refinement only runs once every field is valid.
    const mode = cell("mode").toLowerCase();
    if ((mode === "offline" || mode === "blended") && !cell("region"))
      problems.push({ row: first.row, column: "region", key: "import-region-required" });
    const jp = toNumber(cell("jp"));
    const sessionRows = group.rows.filter((r) => SESSION_LEVEL.some((c) => (r.cells[c] ?? "").trim() !== ""));
    const candidate = {
      id: cell("id") || undefined,
      title: cell("title") || undefined,
      provider: cell("provider") || undefined,
      ...(cell("provider_instansi") ? { providerInstansi: cell("provider_instansi").toLowerCase() } : {}),
      method: cell("method").toLowerCase() || undefined,
      jp: cell("jp") === "" ? undefined : jp,
      competencies: competencies ?? [],
      mode: cell("mode").toLowerCase() || undefined,
      ...(cell("region") ? { region: cell("region") } : {}),
      ...(cell("location") ? { location: cell("location") } : {}),
      ...(cell("url") ? { url: cell("url") } : {}),
      // "7d@08:00; 1d@08:00; 2h": when to remind enrolled people (empty: Pandu's default).
      ...(cell("reminders")
        ? {
            reminders: cell("reminders")
              .split(/[;,\s]+/)
              .filter(Boolean),
          }
        : {}),
      ...eligibilityCells(cell),
      sessions: sessionRows.map((r) => {
        const v = (c: Column) => (r.cells[c] ?? "").trim();
        const quota = toNumber(v("quota"));
        return {
          start: v("start") || undefined,
          end: v("end") || undefined,
          timeZone: v("timezone") || undefined,
          quota: v("quota") === "" ? undefined : quota,
        };
      }),
    };
    const parsed = courseInputSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const { column, session } = columnOf(issue.path);
        // Competency parse problems were reported above with the cell's own wording.
        if (column === "competencies" && competencies === undefined) continue;
        if (issue.message === "import-region-required") continue;
        const row = session !== undefined ? (sessionRows[session]?.row ?? first.row) : first.row;
        problems.push({ row, column, ...problemOf(issue, candidate) });
      }
      continue;
    }
    const starts = new Map<string, number>();
    parsed.data.sessions.forEach((s, i) => {
      const sid = sessionId(parsed.data.id, s.start);
      const row = sessionRows[i]!.row;
      if (starts.has(sid))
        problems.push({
          row,
          column: "start",
          key: "import-duplicate-session",
          args: { row: String(starts.get(sid)) },
        });
      starts.set(sid, row);
    });
    courses.push(parsed.data);
  }
  problems.sort((a, b) => a.row - b.row || (a.column ?? "").localeCompare(b.column ?? ""));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, courses };
}
