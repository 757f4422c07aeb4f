import { parse } from "csv-parse/sync";
import {
  appointmentYear,
  EMPLOYMENT_STATUSES,
  type EmploymentStatus,
  parseContractDate,
} from "../domain/employment.js";
import { type ParsedNip, parseNip } from "../domain/nip.js";
import type { ImportProblem } from "./course-csv.js";

/**
 * The org tree and the people of an agency as CSV files, checked as a whole: either every row is
 * good, or nothing is returned but every problem with its row and column.
 */

const UNIT_ALIASES: Record<string, string> = {
  kode: "id",
  nama: "name",
  nama_unit: "name",
  induk: "parent",
  unit_induk: "parent",
  wilayah: "region",
  provinsi: "region",
  kanal_slack: "slack",
  slack_channels: "slack",
};
const PEOPLE_ALIASES: Record<string, string> = {
  nama: "name",
  unit_kerja: "unit",
  kode_unit: "unit",
  jenjang: "tier",
  wilayah: "region",
  provinsi: "region",
  kode_jabatan: "jabatan",
  status_kepegawaian: "status",
  status_pegawai: "status",
  mulai_kontrak: "contract_start",
  tanggal_mulai_kontrak: "contract_start",
  tmt_kontrak: "contract_start",
  awal_kontrak: "contract_start",
  atasan: "nip_atasan",
  nip_atasan_langsung: "nip_atasan",
  atasan_langsung: "nip_atasan",
  supervisor_nip: "nip_atasan",
};
const UNIT_COLUMNS = ["id", "name", "parent", "region", "slack"];
/** A Slack channel id: public (C…) or private (G…), as Slack's "Copy link" shows it. */
const SLACK_CHANNEL = /^[CG][A-Z0-9]{6,20}$/;
const PEOPLE_COLUMNS = [
  "nip",
  "name",
  "unit",
  "jabatan",
  "tier",
  "region",
  "status",
  "contract_start",
  "nip_atasan",
];

export interface Row {
  row: number;
  cells: Record<string, string>;
}

/**
 * Reads rows with normalised headers; problems for a missing or unknown column. `aliases` maps a
 * lower-case header (spaces as `_`) to its column, as a table or a function for patterned headers.
 */
export function readCsv(
  text: string,
  aliases: Record<string, string> | ((key: string) => string),
  columns: readonly string[],
  required: readonly string[],
): { rows: Row[] } | { problems: ImportProblem[] } {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const normalize = (h: string) => {
    // A quoted header keeps its quotes in this first-line split; the parser drops them.
    const key = h.trim().replace(/^"|"$/g, "").trim().toLowerCase().replace(/\s+/g, "_");
    return typeof aliases === "function" ? aliases(key) : (aliases[key] ?? key);
  };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      columns: (header: string[]) => header.map(normalize),
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (err) {
    return { problems: [{ row: (err as { lines?: number }).lines ?? 1, key: "import-csv-unreadable" }] };
  }
  const headers = new Set(firstLine.split(delimiter).map(normalize));
  const problems: ImportProblem[] = [];
  for (const c of required)
    if (!headers.has(c)) problems.push({ row: 1, column: c, key: "import-missing-column" });
  for (const h of headers)
    if (!columns.includes(h))
      problems.push({
        row: 1,
        column: h,
        key: "import-unknown-column-of",
        args: { columns: columns.join(", ") },
      });
  if (problems.length > 0) return { problems };
  if (records.length === 0) return { problems: [{ row: 2, key: "import-empty" }] };
  return { rows: records.map(({ record, info }) => ({ row: info.lines, cells: record })) };
}

export type CsvKind = "people" | "units" | "teknis" | "jabatan" | "courses";

/**
 * Which kind of CSV this is, by its header row: people (has nip), units (has parent), teknis
 * competencies (has level 1), jabatan (has a tier or a competency column), else courses.
 */
export function csvKind(text: string): CsvKind {
  const header = (text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "").toLowerCase();
  const names = header.split(/[;,]/).map((h) => h.trim().replace(/^"|"$/g, "").trim().replace(/\s+/g, "_"));
  if (names.includes("nip")) return "people";
  if (names.some((n) => n === "parent" || n === "induk" || n === "unit_induk")) return "units";
  if (names.includes("level_1")) return "teknis";
  if (
    names.some(
      (n) => ["tier", "jenjang", "jenjang_jabatan", "kode_jabatan"].includes(n) || /^(m|sk)\.\d/.test(n),
    )
  )
    return "jabatan";
  return "courses";
}

export interface UnitRow {
  /** The row of the file it came from, for problems found later (scope). */
  row: number;
  _id: string;
  name: string;
  parentId: string | null;
  /** Slack channels its coordinators may post broadcasts to. */
  slackChannels?: string[];
  kind: "instansi" | "unit";
  instansiId: string;
  path: string[];
  regionId?: string;
}

/**
 * Reads an org tree: `id, name, parent, region`. A unit without a parent is an instansi. Parents may
 * come from the file or from the tree already stored; cycles and unknown parents are problems.
 */
export function parseUnitsCsv(
  text: string,
  ctx: { existing: ReadonlyMap<string, { parentId: string | null }>; regionIds: ReadonlySet<string> },
): { ok: true; units: UnitRow[] } | { ok: false; problems: ImportProblem[] } {
  const read = readCsv(text, UNIT_ALIASES, UNIT_COLUMNS, ["id", "name", "parent"]);
  if ("problems" in read) return { ok: false, problems: read.problems };
  const problems: ImportProblem[] = [];
  const parentOf = new Map<string, string | null>();
  const rowOf = new Map<string, number>();
  for (const { row, cells } of read.rows) {
    const id = (cells.id ?? "").trim().toLowerCase();
    const name = (cells.name ?? "").trim();
    const parent = (cells.parent ?? "").trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{0,79}$/.test(id)) problems.push({ row, column: "id", key: "import-unit-id" });
    else if (rowOf.has(id))
      problems.push({ row, column: "id", key: "import-duplicate-id", args: { row: String(rowOf.get(id)) } });
    if (name.length < 2 || name.length > 200) problems.push({ row, column: "name", key: "import-required" });
    const region = (cells.region ?? "").trim();
    if (region && !ctx.regionIds.has(region)) problems.push({ row, column: "region", key: "import-region" });
    if (slackChannelsOf(cells.slack).some((c) => !SLACK_CHANNEL.test(c)))
      problems.push({ row, column: "slack", key: "import-slack-channel" });
    rowOf.set(id, row);
    parentOf.set(id, parent || null);
  }
  const parentAnywhere = (id: string) =>
    parentOf.has(id) ? parentOf.get(id)! : (ctx.existing.get(id)?.parentId ?? null);
  const known = (id: string) => parentOf.has(id) || ctx.existing.has(id);
  const units: UnitRow[] = [];
  for (const { row, cells } of read.rows) {
    const id = (cells.id ?? "").trim().toLowerCase();
    const parent = parentOf.get(id) ?? null;
    if (parent && !known(parent)) {
      problems.push({ row, column: "parent", key: "import-unknown-parent", args: { parent } });
      continue;
    }
    // Walk up to the root, refusing a loop.
    const path: string[] = [];
    let up = parent;
    let loop = false;
    while (up) {
      if (up === id || path.includes(up)) {
        loop = true;
        break;
      }
      path.unshift(up);
      up = parentAnywhere(up);
    }
    if (loop) {
      problems.push({ row, column: "parent", key: "import-parent-loop" });
      continue;
    }
    const region = (cells.region ?? "").trim();
    const channels = slackChannelsOf(cells.slack);
    units.push({
      row,
      _id: id,
      name: (cells.name ?? "").trim(),
      parentId: parent,
      kind: parent ? "unit" : "instansi",
      instansiId: path[0] ?? id,
      path,
      ...(region ? { regionId: region } : {}),
      // Without the column, a re-import leaves the channels stored before alone (see the import).
      ...(cells.slack !== undefined ? { slackChannels: channels } : {}),
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, units };
}

/** The channel ids of a `slack` cell: separated by spaces, commas or semicolons. */
function slackChannelsOf(cell: string | undefined): string[] {
  return [
    ...new Set(
      (cell ?? "")
        .split(/[\s,;]+/)
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

export interface PersonRow {
  /** The row of the file it came from, for problems found later (scope). */
  row: number;
  nip: string;
  name: string;
  unitId: string;
  instansiId: string;
  jabatanId?: string;
  tier?: string;
  regionId?: string;
  employment?: EmploymentStatus;
  /** "import" when the status column said it, "nip" when it was empty and the NIP is a PPPK's. */
  employmentSource?: "import" | "nip";
  /** PPPK only: the current contract's first day, YYYY-MM-DD. */
  contractStart?: string;
  /**
   * The direct atasan's NIP; null when the file has the column but this row's cell is empty (the
   * relation is removed), absent when the file has no such column (left as stored).
   */
  atasanNip?: string | null;
}

type EmploymentFields = Pick<PersonRow, "employment" | "employmentSource" | "contractStart">;

/**
 * The status kepegawaian and contract start of one people row. The status must agree with the NIP
 * (which tells a PPPK from the rest); an empty one is PPPK for a PPPK NIP and unknown otherwise.
 * A contract start belongs to a PPPK only. `nip` is undefined when the NIP itself is wrong.
 */
function employmentOfRow(
  row: number,
  status: string,
  contract: string,
  nip: ParsedNip | undefined,
  today: Date,
): { fields: EmploymentFields; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const stated = EMPLOYMENT_STATUSES.find((e) => e === status.toUpperCase());
  if (status && !stated)
    problems.push({
      row,
      column: "status",
      key: "import-one-of",
      args: { options: EMPLOYMENT_STATUSES.join(", ") },
    });
  const nipPppk = nip ? nip.kind === "pppk" : undefined;
  const contradicts = stated !== undefined && nipPppk !== undefined && (stated === "PPPK") !== nipPppk;
  if (contradicts)
    problems.push({
      row,
      column: "status",
      key: nipPppk ? "import-status-nip-pppk" : "import-status-nip-not-pppk",
    });
  const employment = stated ?? (!status && nipPppk ? "PPPK" : undefined);
  const fields: EmploymentFields = employment
    ? { employment, employmentSource: stated ? "import" : "nip" }
    : {};
  if (!contract) return { fields, problems };
  // Whether a contract start belongs here is known only once the status is right.
  const statusKnown = !status || (stated !== undefined && !contradicts);
  if (statusKnown && employment !== "PPPK") {
    problems.push({ row, column: "contract_start", key: "import-contract-start-not-pppk" });
    return { fields, problems };
  }
  const read = parseContractDate(contract, {
    today,
    ...(nip ? { appointmentYear: appointmentYear(nip) } : {}),
  });
  if (read.ok) return { fields: { ...fields, contractStart: read.date }, problems };
  problems.push({
    row,
    column: "contract_start",
    key: `import-contract-start-${read.problem}`,
    ...(read.detail ? { args: { year: String(read.detail.year) } } : {}),
  });
  return { fields, problems };
}

/**
 * Reads people: `nip, name, unit` and optionally `jabatan` (its code), `tier`, `region`, `status`
 * (CPNS, PNS or PPPK, agreeing with the NIP; PPPK when empty for a PPPK NIP) and, for a PPPK,
 * `contract_start`; every NIP checked as at onboarding.
 */
export function parsePeopleCsv(
  text: string,
  ctx: {
    units: ReadonlyMap<string, { instansiId: string; regionId?: string }>;
    jabatan: ReadonlyMap<string, { tier?: string }>;
    tiers: ReadonlySet<string>;
    regionIds: ReadonlySet<string>;
    today: Date;
  },
): { ok: true; people: PersonRow[] } | { ok: false; problems: ImportProblem[] } {
  const read = readCsv(text, PEOPLE_ALIASES, PEOPLE_COLUMNS, ["nip", "name", "unit"]);
  if ("problems" in read) return { ok: false, problems: read.problems };
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  const people: PersonRow[] = [];
  for (const { row, cells } of read.rows) {
    const cell = (c: string) => (cells[c] ?? "").trim();
    const nip = parseNip(cell("nip"), ctx.today);
    if (!nip.ok)
      problems.push({
        row,
        column: "nip",
        key: `nip-error-${nip.problem}`,
        ...(nip.detail
          ? { args: Object.fromEntries(Object.entries(nip.detail).map(([k, v]) => [k, String(v)])) }
          : {}),
      });
    else if (seen.has(nip.nip.digits))
      problems.push({
        row,
        column: "nip",
        key: "import-duplicate-nip",
        args: { row: String(seen.get(nip.nip.digits)) },
      });
    if (cell("name").length < 2 || cell("name").length > 200)
      problems.push({ row, column: "name", key: "import-required" });
    const unit = ctx.units.get(cell("unit").toLowerCase());
    if (!unit)
      problems.push({ row, column: "unit", key: "import-unknown-unit", args: { unit: cell("unit") } });
    // Jabatan codes are stored lower-case, as unit codes are.
    const jabatanId = cell("jabatan").toLowerCase();
    const jabatan = jabatanId ? ctx.jabatan.get(jabatanId) : undefined;
    if (jabatanId && !jabatan)
      problems.push({
        row,
        column: "jabatan",
        key: "import-unknown-jabatan",
        args: { code: cell("jabatan") },
      });
    const status = employmentOfRow(
      row,
      cell("status"),
      cell("contract_start"),
      nip.ok ? nip.nip : undefined,
      ctx.today,
    );
    problems.push(...status.problems);
    const tier = cell("tier").toLowerCase() || jabatan?.tier;
    if (cell("tier") && !ctx.tiers.has(cell("tier").toLowerCase()))
      problems.push({
        row,
        column: "tier",
        key: "import-one-of",
        args: { options: [...ctx.tiers].join(", ") },
      });
    const region = cell("region") || unit?.regionId;
    if (cell("region") && !ctx.regionIds.has(cell("region")))
      problems.push({ row, column: "region", key: "import-region" });
    const atasan = atasanOfRow(row, cells.nip_atasan, nip.ok ? nip.nip.digits : undefined, ctx.today);
    problems.push(...atasan.problems);
    if (!nip.ok || !unit) continue;
    seen.set(nip.nip.digits, row);
    people.push({
      row,
      nip: nip.nip.digits,
      name: cell("name"),
      unitId: cell("unit").toLowerCase(),
      instansiId: unit.instansiId,
      ...(jabatanId ? { jabatanId } : {}),
      ...(tier ? { tier } : {}),
      ...(region ? { regionId: region } : {}),
      ...status.fields,
      ...(atasan.nip !== undefined ? { atasanNip: atasan.nip } : {}),
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, people };
}

/**
 * The `nip_atasan` cell of one row: a NIP checked as any other, never the row's own. Undefined
 * without the column, null for an empty cell. Whether someone holds that NIP is the import's
 * question (the atasan may come later in the file, or in a later file).
 */
function atasanOfRow(
  row: number,
  cell: string | undefined,
  ownNip: string | undefined,
  today: Date,
): { nip?: string | null; problems: ImportProblem[] } {
  if (cell === undefined) return { problems: [] };
  const text = cell.trim();
  if (!text) return { nip: null, problems: [] };
  const parsed = parseNip(text, today);
  if (!parsed.ok) return { problems: [{ row, column: "nip_atasan", key: "import-atasan-nip" }] };
  if (parsed.nip.digits === ownNip)
    return { problems: [{ row, column: "nip_atasan", key: "import-atasan-self" }] };
  return { nip: parsed.nip.digits, problems: [] };
}
