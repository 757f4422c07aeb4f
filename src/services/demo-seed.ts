import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import type { Jabatan, OrgUnit } from "../db/models/index.js";
import { isDuplicateKeyError } from "../db/repositories/errors.js";
import type { Repositories } from "../db/repositories/index.js";

interface UnitNode {
  id: string;
  name: string;
  region?: string;
  children?: UnitNode[];
}

const unitSchema: z.ZodType<UnitNode> = z.lazy(() =>
  z
    .object({
      id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/),
      name: z.string().min(2).max(200),
      region: z.string().optional(),
      children: z.array(unitSchema).optional(),
    })
    .strict(),
);

const seedSchema = z
  .object({
    units: z.array(unitSchema).min(1),
    jabatan: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/),
          name: z.string().min(2).max(200),
          tier: z.string(),
          family: z.string().optional(),
          instansi: z.string().optional(),
          standard: z.record(z.string(), z.number().int().min(1).max(5)).optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** Flattens a nested tree into org units with their instansi and ancestor path. */
export function flattenUnits(roots: UnitNode[]): OrgUnit[] {
  const out: OrgUnit[] = [];
  const walk = (node: UnitNode, path: string[], instansiId: string, regionId: string | undefined) => {
    const region = node.region ?? regionId;
    out.push({
      _id: node.id,
      name: node.name,
      kind: path.length === 0 ? "instansi" : "unit",
      parentId: path.at(-1) ?? null,
      instansiId,
      path,
      ...(region ? { regionId: region } : {}),
    });
    for (const child of node.children ?? []) walk(child, [...path, node.id], instansiId, region);
  };
  for (const root of roots) walk(root, [], root.id, root.region);
  return out;
}

/** Reads and validates the demo org file. */
export function loadDemoSeed(file: string): { units: OrgUnit[]; jabatan: Jabatan[] } {
  const parsed = seedSchema.safeParse(parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return {
    units: flattenUnits(parsed.data.units),
    jabatan: parsed.data.jabatan.map((j) => ({
      _id: j.id,
      name: j.name,
      tier: j.tier,
      ...(j.family ? { family: j.family } : {}),
      ...(j.instansi ? { instansiId: j.instansi } : {}),
      standard: Object.entries(j.standard ?? {}).map(([competency, level]) => ({ competency, level })),
      // Sample levels are not an agency's SKJ: results say they come from defaults.
      standardSource: "default" as const,
    })),
  };
}

/** Loads the demo org tree and jabatan into an empty database; leaves an imported one alone. */
export async function seedDemoIfEmpty(
  repos: Pick<Repositories, "orgUnits" | "jabatan">,
  file: string,
): Promise<boolean> {
  if ((await repos.orgUnits.roots()).length > 0) return false;
  const seed = loadDemoSeed(file);
  try {
    await repos.orgUnits.upsertMany(seed.units);
    await repos.jabatan.upsertMany(seed.jabatan);
  } catch (err) {
    // Several instances starting together on an empty database all seed; upserts of the same ids
    // can then collide (E11000). The data is the same file, so whoever won has seeded it.
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
  return true;
}
