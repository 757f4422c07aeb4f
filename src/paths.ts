import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root: the nearest folder above this file with a package.json and locales/. It is
 * found rather than assumed because this file also runs compiled, from data/cache/app/<version>/src.
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "locales"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no Pandu repository above ${from}`);
  }
}

/** The repository root, found from this file so Pandu runs from any working directory. */
export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
export const LOCALES_DIR = resolve(REPO_ROOT, "locales");
export const FLOWS_DIR = resolve(REPO_ROOT, "flows");
/** The embedded database binary is built from the code, so it is cached beside the code. */
export const EMBEDDED_CACHE_DIR = resolve(REPO_ROOT, "data", "cache");
