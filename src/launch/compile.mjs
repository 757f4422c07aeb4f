// Plain JavaScript on purpose: this runs before anything can load TypeScript.
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rename, rm, stat } from "node:fs/promises";
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
  // The bundle carries the packages too: installing other versions of them is a new version.
  for (const f of ["package.json", "package-lock.json"]) {
    const path = join(REPO_DIR, f);
    if (existsSync(path)) hash.update(`${f}\n`).update(await readFile(path));
  }
  return hash.digest("hex").slice(0, 16);
}

/** The entry points run.mjs can start: the app and the command-line tools. */
export function isEntryPoint(rel) {
  return rel === "src/main.ts" || /^src\/cli\/[^/]+\.ts$/.test(rel);
}

/**
 * Feature discovery reads src/features/ when running from the sources. A bundle has no folders to
 * read, so the same rule (every folder with an index.ts, in name order) is applied when bundling
 * and written as static imports: adding a folder still is all it takes.
 */
const featuresPlugin = {
  name: "pandu-features",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]src[\\/]features[\\/]discover\.ts$/ }, async () => {
      const dir = join(SRC, "features");
      const entries = await readdir(dir, { withFileTypes: true });
      const names = entries
        .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "index.ts")))
        .map((e) => e.name)
        .sort();
      const imports = names.map((n, i) => `import feature${i} from "./${n}/index.ts";`).join("\n");
      const list = names.map((_, i) => `feature${i}`).join(", ");
      return {
        contents: `${imports}\nexport const FEATURE_MODULES = [${list}].sort((a, b) => a.order - b.order);\n`,
        loader: "ts",
        resolveDir: dir,
      };
    });
  },
};

// CommonJS packages inside an ES module bundle still call require() for Node's own modules and
// read __dirname; the bundle gives them both, as Node gives a CommonJS file.
const BANNER = [
  'import { createRequire as __panduCreateRequire } from "node:module";',
  'import { dirname as __panduDirname } from "node:path";',
  'import { fileURLToPath as __panduFileURLToPath } from "node:url";',
  "const require = __panduCreateRequire(import.meta.url);",
  "const __filename = __panduFileURLToPath(import.meta.url);",
  "const __dirname = __panduDirname(__filename);",
].join("\n");

/**
 * Bundles src/ (with the packages it uses) into plain JavaScript under data/cache/app/<version>/src,
 * one file per entry point plus shared chunks, with source maps; once per version of the sources.
 * Node then loads a handful of files instead of some 2,400 modules: a process starts in
 * about 0.4 s of CPU instead of 1.5. Returns that folder's root. Safe when several processes start
 * at once: each builds into a private folder and the first to rename it into place wins.
 */
export async function compiledApp() {
  const files = await sourceFiles();
  const root = join(COMPILED_DIR, await versionOf(files));
  if (existsSync(root)) return root;

  const scratch = join(COMPILED_DIR, `.building-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await build({
      entryPoints: files.filter((f) => isEntryPoint(relative(REPO_DIR, f))),
      outdir: join(scratch, "src"),
      outbase: SRC,
      bundle: true,
      // Lazily imported parts (the Slack adapter) stay in chunks of their own, loaded when used.
      splitting: true,
      platform: "node",
      format: "esm",
      target: "node20",
      banner: { js: BANNER },
      plugins: [featuresPlugin],
      // Stack traces name the TypeScript lines; the maps point at the files rather than carry them.
      sourcemap: true,
      sourcesContent: false,
      logLevel: "error",
    });
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
