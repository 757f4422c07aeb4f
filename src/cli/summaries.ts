import { createApp } from "../app.js";
import { ConfigError, loadConfig } from "../config/config.js";
import { openStorage } from "../db/open-storage.js";
import { loadTranslations } from "../i18n/i18n.js";
import { DEFAULT_LOCALE } from "../i18n/locales.js";
import { LOCALES_DIR } from "../paths.js";

/** How long `rebuild` waits for a running Pandu (which holds the summary lease) to do it. */
const WAIT_MS = 10 * 60_000;

/**
 * `npm run summaries -- rebuild|status`: recompute the /ringkasan totals from the facts (after a
 * restore, or to check them), or say how far behind they are.
 */
async function main(argv: string[]): Promise<number> {
  const translator = loadTranslations(LOCALES_DIR);
  const t = (key: string, args?: Record<string, string | number>) => translator.t(DEFAULT_LOCALE, key, args);
  const [action] = argv;
  if (action !== "rebuild" && action !== "status") {
    process.stderr.write(`${t("cli-summaries-usage")}\n`);
    return 2;
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
    const app = createApp({
      database: storage.database,
      translate: translator.t.bind(translator),
      instanceId: `cli-${process.pid}`,
    });
    if (action === "status") {
      process.stdout.write(`${t("cli-summaries-status", { pending: await app.summaries.pending() })}\n`);
      return 0;
    }
    const started = Date.now();
    process.stdout.write(`${t("cli-summaries-reading")}\n`);
    const done = await app.summaries.rebuild();
    if (done) {
      process.stdout.write(
        `${t("cli-summaries-done", { ...done, seconds: ((Date.now() - started) / 1000).toFixed(1) })}\n`,
      );
      return 0;
    }
    // A running Pandu holds the lease: it takes the request at its next fold (every minute).
    process.stdout.write(`${t("cli-summaries-waiting")}\n`);
    while (Date.now() - started < WAIT_MS) {
      await new Promise((r) => setTimeout(r, 2_000));
      if (!(await app.repos.summaries.hasMark("x|rebuild"))) {
        process.stdout.write(`${t("cli-summaries-done-elsewhere")}\n`);
        return 0;
      }
    }
    process.stderr.write(`${t("cli-summaries-timeout")}\n`);
    return 1;
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
