import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { FeatureModule } from "./context.js";

// This file only runs from the sources (tests, tsx). The bundle that `npm start` runs replaces it
// with static imports found by the same rule (featuresPlugin in src/launch/compile.mjs).
const FEATURES_DIR = dirname(fileURLToPath(import.meta.url));
const INDEX = "index.ts";

/**
 * Every folder under src/features/ with an index.ts is a feature: adding the folder is all it
 * takes (the architecture's promise). Loaded once, in menu order.
 */
async function discoverFeatures(dir: string): Promise<FeatureModule[]> {
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, INDEX)))
    .map((e) => e.name)
    .sort();
  const modules = await Promise.all(
    folders.map(async (name) => {
      const loaded = (await import(pathToFileURL(join(dir, name, INDEX)).href)) as {
        default?: FeatureModule;
      };
      if (!loaded.default?.build)
        throw new Error(`src/features/${name}/index.ts has no default export from defineFeature`);
      return loaded.default;
    }),
  );
  return modules.sort((a, b) => a.order - b.order);
}

/** The feature modules found in src/features/, in menu order. */
export const FEATURE_MODULES: readonly FeatureModule[] = await discoverFeatures(FEATURES_DIR);
