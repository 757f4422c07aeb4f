import { resolve } from "node:path";
import { createApp } from "../app.js";
import { unconnectedDatabase } from "../db/connection.js";
import { FlowFileError } from "../engine/catalog.js";
import { loadTranslations } from "../i18n/i18n.js";
import { FLOWS_DIR, LOCALES_DIR } from "../paths.js";

/**
 * `npm run flows:check [-- DIR]`: validates every flow and content file in DIR (default flows/),
 * and that every service and source a flow calls exists, by building the app as main.ts does
 * (on a database that never connects: building it reads and writes nothing). Prints file, path
 * and problem; exit code 1 on any.
 */
async function main(dir: string): Promise<number> {
  const database = unconnectedDatabase();
  try {
    const translator = loadTranslations(LOCALES_DIR);
    const app = createApp({ database, translate: translator.t.bind(translator), flowsDir: dir });
    for (const flow of app.catalog.all()) {
      process.stdout.write(`ok  ${flow.id} v${flow.version} (${flow.steps.length} steps)\n`);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`${err instanceof FlowFileError ? err.message : (err as Error).message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv[2] ? resolve(process.argv[2]) : FLOWS_DIR);
