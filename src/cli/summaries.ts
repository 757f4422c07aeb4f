import { cliText, runCli, withCliApp } from "./cli-app.js";

/** How long `rebuild` waits for a running Pandu (which holds the summary lease) to do it. */
const WAIT_MS = 10 * 60_000;

/**
 * `npm run summaries -- rebuild|status`: recompute the /ringkasan totals from the facts (after a
 * restore, or to check them), or say how far behind they are.
 */
async function main(argv: string[]): Promise<number> {
  const t = cliText();
  const [action] = argv;
  if (action !== "rebuild" && action !== "status") {
    process.stderr.write(`${t("cli-summaries-usage")}\n`);
    return 2;
  }
  return withCliApp(
    t,
    async (app) => {
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
    },
    { instanceId: `cli-${process.pid}` },
  );
}

runCli(() => main(process.argv.slice(2)));
