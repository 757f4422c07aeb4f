import { loadDomainContent } from "../content/load.js";
import { FlowFileError, loadFlowDirectory } from "../engine/catalog.js";
import { FLOWS_DIR } from "../paths.js";

/** `npm run flows:check`: validates every flow and content file; prints file, path and problem. */
function main(): number {
  try {
    const catalog = loadFlowDirectory(FLOWS_DIR);
    loadDomainContent(FLOWS_DIR);
    for (const flow of catalog.all()) {
      process.stdout.write(`ok  ${flow.id} v${flow.version} (${flow.steps.length} steps)\n`);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`${err instanceof FlowFileError ? err.message : (err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main();
