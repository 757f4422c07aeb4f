import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, found from this file so Pandu runs from any working directory. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const LOCALES_DIR = resolve(REPO_ROOT, "locales");
export const FLOWS_DIR = resolve(REPO_ROOT, "flows");
/** The embedded database binary is built from the code, so it is cached beside the code. */
export const EMBEDDED_CACHE_DIR = resolve(REPO_ROOT, "data", "cache");
