import { readFileSync } from "node:fs";
import { OPERATOR } from "../domain/scope.js";
import { describeImport } from "../features/imports/course-import.js";
import { DEFAULT_LOCALE } from "../i18n/locales.js";
import { cliText, runCli, withCliApp } from "./cli-app.js";

const KINDS = ["courses", "units", "people", "jabatan", "teknis"] as const;
type Kind = (typeof KINDS)[number];
const isKind = (s: string | undefined): s is Kind => (KINDS as readonly (string | undefined)[]).includes(s);

/** `npm run import -- courses|units|people|jabatan|teknis FILE`: the same all-or-nothing imports admins run with /impor. */
async function main(argv: string[]): Promise<number> {
  const t = cliText();
  const [kind, file] = argv;
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
    // The operator at the command line holds the whole tree (OPERATOR): scope is for chat admins.
    const importers = {
      units: (csv: string) => app.orgImport.units(csv, OPERATOR),
      people: (csv: string) => app.orgImport.people(csv, OPERATOR),
      jabatan: (csv: string) => app.jabatanImport.jabatan(csv, OPERATOR),
      teknis: app.jabatanImport.teknis,
      courses: app.importCourses,
    };
    const result = await importers[kind](text);
    process.stdout.write(
      `${describeImport(result, `import-${kind}-done`, DEFAULT_LOCALE, (_locale, key, args) => t(key, args), 10_000)}\n`,
    );
    return result.ok ? 0 : 1;
  });
}

runCli(() => main(process.argv.slice(2)));
