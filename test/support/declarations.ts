import mongoose from "mongoose";
import { createApp } from "../../src/app.js";
import type { Database } from "../../src/db/connection.js";
import { createModels } from "../../src/db/models/index.js";
import { loadTranslations } from "../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../src/paths.js";

/**
 * Pandu built as main.ts builds it, on a database that is never connected: enough to read what
 * the features declare (building the app does no I/O), for tests that need no data.
 */
export function declaredApp() {
  const connection = mongoose.createConnection();
  const database: Database = {
    connection,
    models: createModels(connection),
    dbName: "unconnected",
    close: async () => {},
    ping: async () => false,
  };
  const translator = loadTranslations(LOCALES_DIR);
  return createApp({ database, translate: translator.t.bind(translator) });
}
