import { createApp } from "../app.js";
import { ConfigError, loadConfig } from "../config/config.js";
import { openStorage } from "../db/open-storage.js";
import { loadTranslations } from "../i18n/i18n.js";
import { DEFAULT_LOCALE } from "../i18n/locales.js";
import { LOCALES_DIR } from "../paths.js";

type App = ReturnType<typeof createApp>;
/** Indonesian text by key, for a command-line tool's output. */
export type CliText = (key: string, args?: Record<string, string | number>) => string;

/** The translator a command-line tool speaks with (Indonesian). */
export function cliText(): CliText {
  const translator = loadTranslations(LOCALES_DIR);
  return (key, args) => translator.t(DEFAULT_LOCALE, key, args);
}

/**
 * Runs `work` with the app over the configured database, as `npm start` would open it, and closes
 * the database afterwards. A bad configuration is reported in one line (exit code 1).
 */
export async function withCliApp(
  t: CliText,
  work: (app: App) => Promise<number>,
  opts: { instanceId?: string } = {},
): Promise<number> {
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
    const translator = loadTranslations(LOCALES_DIR);
    const app = createApp({
      database: storage.database,
      translate: translator.t.bind(translator),
      ...(opts.instanceId ? { instanceId: opts.instanceId } : {}),
    });
    return await work(app);
  } finally {
    await storage.close();
  }
}

/** Ends the process with `main`'s exit code, printing an unexpected error's stack. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
}
