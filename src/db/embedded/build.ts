import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The Go sources of the wrapper; the binary is rebuilt whenever one of them changes. */
export const WRAPPER_DIR = dirname(fileURLToPath(import.meta.url));
const SOURCES = ["main.go", "go.mod", "go.sum"];

/** Raised when Go is not installed and no MONGODB_URI was given. */
export class GoMissingError extends Error {
  constructor() {
    super("Go is not installed");
    this.name = "GoMissingError";
  }
}

/** Path of the cached binary for the current sources (hash in the name, so a change forces a build). */
export async function embeddedBinaryPath(cacheDir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const file of SOURCES) hash.update(await readFile(join(WRAPPER_DIR, file)));
  return resolve(cacheDir, `pandu-ferretdb-${hash.digest("hex").slice(0, 12)}`);
}

/**
 * Returns the wrapper binary, building it first if this version is not cached yet.
 * `onBuild` is called before a build starts so the caller can tell the person it takes a minute.
 */
export async function ensureEmbeddedBinary(cacheDir: string, onBuild?: () => void): Promise<string> {
  const binary = await embeddedBinaryPath(cacheDir);
  if (existsSync(binary)) return binary;

  try {
    await run("go", ["version"]);
  } catch {
    throw new GoMissingError();
  }
  onBuild?.();
  await mkdir(cacheDir, { recursive: true });
  // Build to a private name and rename: two processes building at once never see half a file.
  const partial = `${binary}.${process.pid}.partial`;
  try {
    await run("go", ["build", "-trimpath", "-o", partial, "."], {
      cwd: WRAPPER_DIR,
      env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly" },
      maxBuffer: 16 * 1024 * 1024,
    });
    await rename(partial, binary);
  } catch (err) {
    await rm(partial, { force: true });
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`building the embedded database failed${stderr ? `: ${stderr}` : ""}`);
  }
  return binary;
}
