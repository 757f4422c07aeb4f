import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, copyFile, cp, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../paths.js";

const run = promisify(execFile);

/**
 * The Go sources of the wrapper; the binary is rebuilt whenever one of them changes. Named from the
 * repository, not from this module: compiled, this code runs from a bundle elsewhere.
 */
export const WRAPPER_DIR = join(REPO_ROOT, "src", "db", "embedded");
const SOURCES = ["main.go", "go.mod", "go.sum"];
const FERRETDB_MODULE = "github.com/FerretDB/FerretDB";

/**
 * Which FerretDB to build: `patched` (the default, what Pandu runs) applies
 * `ferretdb-<version>.patch` so that equality lookups use FerretDB's indexes; `stock` is the
 * upstream module as published, kept for the differential test and benchmarks.
 */
export type EmbeddedVariant = "patched" | "stock";

export interface EmbeddedBuildOptions {
  variant?: EmbeddedVariant;
}

/** Raised when Go is not installed and no MONGODB_URI was given. */
export class GoMissingError extends Error {
  constructor() {
    super("Go is not installed");
    this.name = "GoMissingError";
  }
}

/** The FerretDB version the wrapper's go.mod pins (one source of truth for the patch file name). */
export async function pinnedFerretdbVersion(): Promise<string> {
  const goMod = await readFile(join(WRAPPER_DIR, "go.mod"), "utf8");
  const version = /^require\s+github\.com\/FerretDB\/FerretDB\s+(v\S+)/m.exec(goMod)?.[1];
  if (!version) throw new Error(`src/db/embedded/go.mod does not require ${FERRETDB_MODULE}`);
  return version;
}

/** Path of the patch applied to the pinned FerretDB module. */
export async function patchPath(): Promise<string> {
  return join(WRAPPER_DIR, `ferretdb-${await pinnedFerretdbVersion()}.patch`);
}

/** Path of the cached binary for the current sources (hash in the name, so a change forces a build). */
export async function embeddedBinaryPath(cacheDir: string, opts: EmbeddedBuildOptions = {}): Promise<string> {
  const variant = opts.variant ?? "patched";
  const hash = createHash("sha256");
  for (const file of SOURCES) hash.update(await readFile(join(WRAPPER_DIR, file)));
  // The patch is part of the key: editing it must rebuild, and a stock binary is never mistaken for a patched one.
  if (variant === "patched") {
    const patch = await patchPath();
    if (!existsSync(patch))
      throw new Error(`the FerretDB patch ${patch} is missing (go.mod pins another version?)`);
    hash.update(await readFile(patch));
  }
  const prefix = variant === "patched" ? "pandu-ferretdb" : "pandu-ferretdb-stock";
  return resolve(cacheDir, `${prefix}-${hash.digest("hex").slice(0, 12)}`);
}

/**
 * Returns the wrapper binary, building it first if this version is not cached yet.
 * `onBuild` is called before a build starts so the caller can tell the person it takes a minute.
 */
export async function ensureEmbeddedBinary(
  cacheDir: string,
  onBuild?: () => void,
  opts: EmbeddedBuildOptions = {},
): Promise<string> {
  const variant = opts.variant ?? "patched";
  const binary = await embeddedBinaryPath(cacheDir, { variant });
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
  // Each build copies and patches FerretDB in its own directory, for the same reason.
  const work = join(cacheDir, `build-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    const buildArgs = ["build", "-trimpath", "-mod=readonly", "-o", partial];
    if (variant === "patched") buildArgs.push(`-modfile=${await preparePatchedModule(work)}`);
    await goCommand("building the embedded database", [...buildArgs, "."]);
    await rename(partial, binary);
  } finally {
    await rm(partial, { force: true });
    await rm(work, { recursive: true, force: true });
  }
  return binary;
}

/**
 * Copies the pinned FerretDB module out of Go's module cache into `work`, applies the patch, and
 * returns an alternate go.mod (the wrapper's plus a `replace` to the copy) for `go build -modfile`.
 */
async function preparePatchedModule(work: string): Promise<string> {
  const version = await pinnedFerretdbVersion();
  // Downloads through GOPROXY only when the module is not cached yet; prints where it is.
  const { stdout } = await goCommand("fetching FerretDB", [
    "mod",
    "download",
    "-json",
    `${FERRETDB_MODULE}@${version}`,
  ]);
  const dir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!dir) throw new Error(`fetching FerretDB ${version} failed: go mod download gave no directory`);

  const source = join(work, "ferretdb");
  await mkdir(work, { recursive: true });
  await cp(dir, source, { recursive: true });
  // The module cache is read-only; the patch has to write.
  await makeWritable(source);
  const patch = await patchPath();
  try {
    await applyPatch(patch, source);
  } catch (err) {
    const e = err as { message?: string; stdout?: string; stderr?: string };
    const detail = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim() || e.message;
    throw new Error(`applying ${patch} to FerretDB ${version} failed: ${detail}`);
  }

  // -modfile reads go.sum from the same name with .sum; a replaced directory needs no checksum.
  const modFile = join(work, "wrapper.mod");
  const goMod = await readFile(join(WRAPPER_DIR, "go.mod"), "utf8");
  await writeFile(modFile, `${goMod}\nreplace ${FERRETDB_MODULE} => ${source}\n`);
  await copyFile(join(WRAPPER_DIR, "go.sum"), join(work, "wrapper.sum"));
  return modFile;
}

/** Applies a unified diff with `patch -p1`, or `git apply` where `patch` is not installed. */
async function applyPatch(patch: string, dir: string): Promise<void> {
  try {
    await run("patch", ["-p1", "--forward", "--batch", "--silent", "-i", patch], { cwd: dir });
  } catch (err) {
    if ((err as { code?: string }).code !== "ENOENT") throw err;
    // The cache usually lies inside Pandu's own git work tree; the ceiling stops git from finding
    // that repository, where `git apply` would take the paths as relative to its root.
    await run("git", ["apply", patch], {
      cwd: dir,
      env: { ...process.env, GIT_CEILING_DIRECTORIES: dirname(dir) },
    });
  }
}

/** Makes every file and directory under `dir` writable by its owner (modes 644 and 755). */
async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(path);
    else await chmod(path, 0o644);
  }
}

/** Runs a go command in the wrapper directory (offline once the module cache is filled). */
async function goCommand(what: string, args: string[]): Promise<{ stdout: string }> {
  try {
    return await run("go", args, {
      cwd: WRAPPER_DIR,
      env: { ...process.env, CGO_ENABLED: "0" },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`${what} failed${stderr ? `: ${stderr}` : ""}`);
  }
}
