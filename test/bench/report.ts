import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../../src/paths.js";

const DIR = join(REPO_ROOT, "test", "bench");
// A quick run (`-- --quick`, small sizes) proves the benchmarks work; its figures go elsewhere.
const QUICK = process.argv.includes("--quick");
const JSON_FILE = join(DIR, QUICK ? "report.quick.json" : "report.json");
const MD_FILE = join(DIR, QUICK ? "report.quick.md" : "report.md");

/** The commit being measured, with "+changes" when the work tree differs from it. */
function measuredCommit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: REPO_ROOT }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "flows", "locales", "test/bench"], {
      cwd: REPO_ROOT,
    })
      .toString()
      .split("\n")
      .some((l) => l.trim() && !/report(\.quick)?\.(json|md)$/.test(l));
    return dirty ? `${head}+changes` : head;
  } catch {
    return "unknown";
  }
}

/** Starts the report afresh (a quick run checks that it wrote every key itself). */
export function resetReport(): void {
  rmSync(JSON_FILE, { force: true });
  rmSync(MD_FILE, { force: true });
}

/** The report as written so far (empty when none). */
export function readReport(): Record<string, unknown> {
  return existsSync(JSON_FILE) ? JSON.parse(readFileSync(JSON_FILE, "utf8")) : {};
}

type Value = string | number | boolean;
/** One benchmark's figures: flat, or grouped one level deep (`scale.sqlite.answer_p95_ms`). */
type Section = Record<string, Value | Record<string, Value | Record<string, Value>>>;

/** The one figure of each benchmark that the issues set a target for, shown side by side. */
const HEADLINES: Record<string, [string, string]> = {
  update: ["p95_ms", "≤ 40 ms (/asesmen answers offered at 25/s, 2,000 live runs)"],
  broadcast: ["rate_per_s", "≥ 95% of 30 msg/s, 0 throttled"],
  summary: ["p95_ms", "≤ 1,000 ms (50,000 people)"],
  export: ["seconds", "≤ 60 s (50,000 people)"],
  recommend: ["p95_ms", "≤ 50 ms (/rekomendasi, 5,000 courses, 50,000 people)"],
  catalog: ["p95_ms", "≤ 100 ms (5,000 courses, 50,000 people)"],
  memory: ["rss_mb", "≤ 300 MB (Pandu's process, 10,000 people 15 statements into /asesmen)"],
  roster: ["p95_ms", "≤ 300 ms (/peserta roster of a 500-person session)"],
  nonresponders: ["p95_ms", "≤ 2,000 ms (/belum not-assessed list opened cold and paged, 50,000 people)"],
  "scale.sqlite": ["answer_p95_ms", "≤ 25 ms (a Telegram answer, 50,000 people, SQLite storage)"],
  "scale.postgresql": ["answer_p95_ms", "≤ 25 ms (a Telegram answer, 50,000 people, PostgreSQL storage)"],
  run: ["seconds", "≤ 1,200 s (the whole npm run bench)"],
};

/** Prints a progress line (benchmarks take minutes; say what is happening). */
export function progress(message: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Median of `n` sequential runs of `work`, in ms (one decimal). */
export async function medianMs(n: number, work: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await work(i);
    times.push(performance.now() - t0);
  }
  return round1(times.sort((a, b) => a - b)[Math.floor(n / 2)]!);
}

/** Rounded to one decimal, as the report shows figures. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Merges one benchmark's numbers into report.json (other keys stay) and rewrites report.md. */
export function writeReport(key: string, section: Section, notes: string[] = []): void {
  const report = readReport();
  report.commit = measuredCommit();
  report.environment = {
    node: process.version,
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? "unknown",
    memory_gb: Math.round(totalmem() / 2 ** 30),
    when: new Date().toISOString(),
  };
  report[key] = section;
  const allNotes = (report.notes as Record<string, string[]> | undefined) ?? {};
  allNotes[key] = notes;
  report.notes = allNotes;
  writeFileSync(JSON_FILE, `${JSON.stringify(report, null, 2)}\n`);

  const lines = ["# Pandu benchmark report", "", "Written by `npm run bench`.", ""];
  const env = report.environment as Section;
  lines.push(
    `Environment: Node ${env.node}, ${env.cpus} cores (${env.cpu_model}), ${env.memory_gb} GiB, ${env.when}; commit ${report.commit}.`,
    "",
  );
  lines.push("| benchmark | measure | value | target |", "|---|---|---|---|");
  for (const [name, [measure, target]] of Object.entries(HEADLINES)) {
    const [key, group] = name.split(".") as [string, string | undefined];
    const section = report[key] as Section | undefined;
    const holder = group ? (section?.[group] as Section | undefined) : section;
    const value = holder?.[measure];
    lines.push(`| ${name} | ${measure} | ${value ?? "not run"} | ${target} |`);
  }
  lines.push("");
  for (const [name, value] of Object.entries(report)) {
    if (name === "environment" || name === "notes" || name === "commit") continue;
    lines.push(`## ${name}`, "", "| measure | value |", "|---|---|");
    for (const [k, v] of Object.entries(value as Section)) lines.push(`| ${k} | ${cell(v)} |`);
    for (const n of allNotes[name] ?? []) lines.push("", n);
    lines.push("");
  }
  writeFileSync(MD_FILE, lines.join("\n"));
}

/** A report cell: a figure as is, a group as `key: value` pairs. */
function cell(v: unknown): string {
  if (typeof v !== "object" || v === null) return String(v);
  return Object.entries(v)
    .map(([k, x]) => `${k}: ${typeof x === "object" && x !== null ? `{ ${cell(x)} }` : x}`)
    .join("; ");
}
