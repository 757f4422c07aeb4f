// Plain JavaScript on purpose: this runs before anything can load TypeScript.
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, version as esbuildVersion } from "esbuild";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The repository: entry points are named relative to it. */
export const REPO_DIR = dirname(SRC);
/** Where compiled versions of src/ live, one folder per version of the sources. */
export const COMPILED_DIR = resolve(REPO_DIR, "data", "cache", "app");
// Older versions are kept a while: a process started on one may still import from it lazily.
const KEPT_VERSIONS = 3;

async function sourceFiles() {
  const entries = await readdir(SRC, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

async function versionOf(files) {
  const hash = createHash("sha256").update(`esbuild ${esbuildVersion}\n`);
  for (const f of files) hash.update(`${relative(SRC, f)}\n`).update(await readFile(f));
  return hash.digest("hex").slice(0, 16);
}

/**
 * Compiles src/ to plain JavaScript under data/cache/app/<version>/src (with source maps), once per
 * version of the sources, and returns that folder's root. Safe when several processes start at
 * once: each compiles into a private folder and the first to rename it into place wins.
 */
export async function compiledApp() {
  const files = await sourceFiles();
  const root = join(COMPILED_DIR, await versionOf(files));
  if (existsSync(root)) return root;

  const scratch = join(COMPILED_DIR, `.building-${process.pid}-${randomBytes(4).toString("hex")}`);
  const isTs = (f) => f.endsWith(".ts") && !f.endsWith(".d.ts");
  try {
    await build({
      entryPoints: files.filter(isTs),
      outdir: join(scratch, "src"),
      outbase: SRC,
      platform: "node",
      format: "esm",
      target: "node20",
      sourcemap: true,
      logLevel: "error",
    });
    // The Go wrapper's sources, the FerretDB patch and any other data files travel with the code.
    for (const f of files.filter((f) => !isTs(f) && !f.endsWith(".d.ts"))) {
      const to = join(scratch, "src", relative(SRC, f));
      await mkdir(dirname(to), { recursive: true });
      await copyFile(f, to);
    }
    await rename(scratch, root);
  } catch (err) {
    // A failed compile leaves nothing behind; losing the race to another process is no failure.
    await rm(scratch, { recursive: true, force: true });
    if (!existsSync(root)) throw err;
  }
  await pruneOldVersions(root);
  return root;
}

async function pruneOldVersions(current) {
  const names = await readdir(COMPILED_DIR);
  const versions = await Promise.all(
    names
      .filter((n) => !n.startsWith("."))
      .map(async (n) => ({ dir: join(COMPILED_DIR, n), at: (await stat(join(COMPILED_DIR, n))).mtimeMs })),
  );
  const old = versions
    .filter((v) => v.dir !== current)
    .sort((a, b) => b.at - a.at)
    .slice(KEPT_VERSIONS - 1);
  await Promise.all(old.map((v) => rm(v.dir, { recursive: true, force: true })));
}
