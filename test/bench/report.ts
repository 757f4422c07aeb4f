import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../../src/paths.js";

const DIR = join(REPO_ROOT, "test", "bench");
const JSON_FILE = join(DIR, "report.json");
const MD_FILE = join(DIR, "report.md");

type Section = Record<string, string | number | boolean>;

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

/** Merges one benchmark's numbers into report.json (other keys stay) and rewrites report.md. */
export function writeReport(key: string, section: Section, notes: string[] = []): void {
  const report: Record<string, unknown> = existsSync(JSON_FILE)
    ? JSON.parse(readFileSync(JSON_FILE, "utf8"))
    : {};
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
    `Environment: Node ${env.node}, ${env.cpus} cores (${env.cpu_model}), ${env.memory_gb} GiB, ${env.when}.`,
    "",
  );
  for (const [name, value] of Object.entries(report)) {
    if (name === "environment" || name === "notes") continue;
    lines.push(`## ${name}`, "", "| measure | value |", "|---|---|");
    for (const [k, v] of Object.entries(value as Section)) lines.push(`| ${k} | ${v} |`);
    for (const n of allNotes[name] ?? []) lines.push("", n);
    lines.push("");
  }
  writeFileSync(MD_FILE, lines.join("\n"));
}
