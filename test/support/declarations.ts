import { createApp } from "../../src/app.js";
import { unconnectedDatabase } from "../../src/db/connection.js";
import { loadTranslations } from "../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../src/paths.js";

/**
 * Pandu built as main.ts builds it, on a database that is never connected: enough to read what
 * the features declare (building the app does no I/O), for tests that need no data.
 */
export function declaredApp() {
  const translator = loadTranslations(LOCALES_DIR);
  return createApp({ database: unconnectedDatabase(), translate: translator.t.bind(translator) });
}
