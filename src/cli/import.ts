import { readFileSync, writeFileSync } from "node:fs";
import { OPERATOR } from "../domain/scope.js";
import { describeImport } from "../features/imports/course-import.js";
import { DEFAULT_LOCALE } from "../i18n/locales.js";
import { type ImportProgress, PROGRESS_ABOVE } from "../imports/import-progress.js";
import { activationCodesCsv } from "../services/activation.js";
import { cliText, runCli, withCliApp } from "./cli-app.js";

const KINDS = ["courses", "units", "people", "jabatan", "teknis"] as const;
type Kind = (typeof KINDS)[number];
const isKind = (s: string | undefined): s is Kind => (KINDS as readonly (string | undefined)[]).includes(s);

/**
 * `npm run import -- courses|units|people|jabatan|teknis FILE [CODES_FILE]`: the same all-or-nothing
 * imports admins run with /impor. A people import writes the activation codes it issued to
 * CODES_FILE (default `kode-aktivasi-<date>.csv` here), readable by the operator only.
 */
async function main(argv: string[]): Promise<number> {
  const t = cliText();
  const [kind, file, codesFile] = argv;
  if (!isKind(kind) || !file) {
    process.stderr.write(`${t("cli-import-usage")}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    process.stderr.write(`${t("cli-import-unreadable", { file, problem: (err as Error).message })}\n`);
    return 1;
  }
  return withCliApp(t, async (app) => {
    // A long file says how far it got on stderr (stdout carries the outcome).
    const onProgress: ImportProgress = async (done, total) => {
      if (total > PROGRESS_ABOVE) process.stderr.write(`${t("import-progress", { done, total })}\n`);
    };
    // The operator at the command line holds the whole tree (OPERATOR): scope is for chat admins.
    const importers = {
      units: (csv: string) => app.orgImport.units(csv, OPERATOR, onProgress),
      people: async (csv: string) => {
        const result = await app.orgImport.people(csv, OPERATOR, undefined, onProgress);
        if (result.ok && result.codes.length > 0) {
          const units = new Map((await app.repos.orgUnits.all()).map((u) => [u._id, u.name]));
          const out = codesFile ?? `kode-aktivasi-${new Date().toISOString().slice(0, 10)}.csv`;
          // The codes exist in the clear only here: the file is the operator's alone.
          writeFileSync(out, activationCodesCsv(result.codes, units, DEFAULT_LOCALE), { mode: 0o600 });
          process.stdout.write(`${t("cli-import-codes", { count: result.codes.length, file: out })}\n`);
        }
        if (result.ok && result.conflicts.length > 0)
          process.stdout.write(
            `${t("import-people-conflicts", { count: result.conflicts.length, rows: result.conflicts.map((c) => c.row).join(", ") })}\n`,
          );
        if (result.ok && result.unknownAtasan.length > 0)
          process.stdout.write(
            `${t("import-people-unknown-atasan", { count: result.unknownAtasan.length, rows: result.unknownAtasan.map((c) => c.row).join(", ") })}\n`,
          );
        return result;
      },
      jabatan: (csv: string) => app.jabatanImport.jabatan(csv, OPERATOR),
      teknis: app.jabatanImport.teknis,
      courses: (csv: string) => app.importCourses(csv, onProgress),
    };
    const result = await importers[kind](text);
    process.stdout.write(
      `${describeImport(result, `import-${kind}-done`, DEFAULT_LOCALE, (_locale, key, args) => t(key, args), 10_000)}\n`,
    );
    return result.ok ? 0 : 1;
  });
}

runCli(() => main(process.argv.slice(2)));
