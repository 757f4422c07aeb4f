// Plain JavaScript on purpose: this runs before anything can load TypeScript.
//
// `node src/launch/run.mjs src/main.ts [args…]` runs a TypeScript entry point of Pandu (what
// `npm start`, `npm run import` and the other scripts do). It runs the bundled JavaScript rather
// than loading the sources through tsx: tsx costs every process about 2 s of CPU at start and some
// 78 MB for its loader thread, and Node's loader spends over a second on the 2,400 modules
// of an unbundled start, while bundling all of src/ takes a few seconds once per version.
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { compiledApp, isEntryPoint, REPO_DIR } from "./compile.mjs";

const [entry, ...args] = process.argv.slice(2);
const rel = entry ? relative(REPO_DIR, resolve(REPO_DIR, entry)) : "";
if (!isEntryPoint(rel)) {
  process.stderr.write("Usage: node src/launch/run.mjs src/main.ts|src/cli/<tool>.ts [arguments]\n");
  process.exit(2);
}
const target = join(await compiledApp(), rel.replace(/\.ts$/, ".js"));
if (!existsSync(target)) {
  process.stderr.write(`${rel} does not exist\n`);
  process.exit(2);
}
// Stack traces in logs then name the TypeScript lines, as they did under tsx.
process.setSourceMapsEnabled(true);
process.argv = [process.argv[0], target, ...args];
await import(pathToFileURL(target).href);
