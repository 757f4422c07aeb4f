import { readFileSync } from "node:fs";
import { createApp } from "../app.js";
import { ConfigError, loadConfig } from "../config/config.js";
import { openStorage } from "../db/open-storage.js";
import { loadTranslations } from "../i18n/i18n.js";
import { DEFAULT_LOCALE } from "../i18n/locales.js";
import { LOCALES_DIR } from "../paths.js";
import { describeImport } from "../services/course-import.js";

/** `npm run import -- courses|units|people FILE`: the same all-or-nothing imports admins run with /impor. */
async function main(argv: string[]): Promise<number> {
  const translator = loadTranslations(LOCALES_DIR);
  const t = (key: string, args?: Record<string, string | number>) => translator.t(DEFAULT_LOCALE, key, args);
  const [kind, file] = argv;
  if ((kind !== "courses" && kind !== "units" && kind !== "people") || !file) {
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
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${t("config-invalid", { variable: err.variable, problem: err.problem })}\n`);
    return 1;
  }
  const storage = await openStorage({
    storage: config.storage,
    poolSize: 4,
    onBuild: () => process.stderr.write(`${t("startup-building-db")}\n`),
  });
  try {
    const app = createApp({ database: storage.database, translate: translator.t.bind(translator) });
    const result =
      kind === "units"
        ? await app.orgImport.units(text)
        : kind === "people"
          ? await app.orgImport.people(text)
          : await app.importCourses(text);
    process.stdout.write(
      `${describeImport(result, `import-${kind}-done`, DEFAULT_LOCALE, translator.t.bind(translator), 10_000)}\n`,
    );
    return result.ok ? 0 : 1;
  } finally {
    await storage.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
