import { z } from "zod";
import { parseWith } from "./validation.js";

/** Indonesia's three time zones. */
export type IndonesianZone = "WIB" | "WITA" | "WIT";

/** Hours ahead of UTC; Indonesia keeps no daylight saving time. */
export const ZONE_OFFSET_HOURS: Readonly<Record<IndonesianZone, number>> = { WIB: 7, WITA: 8, WIT: 9 };

/** The IANA zones used in Indonesia and their Indonesian names. */
export const INDONESIAN_IANA_ZONES: Readonly<Record<string, IndonesianZone>> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

/** The IANA zones used in Indonesia, west to east (one job each where a schedule is personal). */
export const INDONESIAN_IANA_ZONE_IDS = Object.keys(INDONESIAN_IANA_ZONES);

/** Old name of Asia/Makassar that some systems still report. */
const ALIASES: Readonly<Record<string, string>> = { "Asia/Ujung_Pandang": "Asia/Makassar" };

/** WIB, WITA or WIT for an Indonesian IANA zone; undefined for any zone outside Indonesia. */
export function zoneOfIana(iana: string): IndonesianZone | undefined {
  return INDONESIAN_IANA_ZONES[ALIASES[iana] ?? iana];
}

/** A province with the IANA zone of (most of) its territory. */
export interface Region {
  /** Stable slug, e.g. "nusa-tenggara-barat"; stored on people and org units, so never renamed. */
  id: string;
  /** Official province name. */
  name: string;
  timeZone: string;
}

const ianaSchema = z
  .string()
  .refine((s) => s in INDONESIAN_IANA_ZONES, `use one of ${Object.keys(INDONESIAN_IANA_ZONES).join(", ")}`);

export const regionsSchema = z
  .strictObject({
    regions: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "ids are lower-case words joined by -"),
          name: z.string().trim().min(2).max(100),
          timeZone: ianaSchema,
        }),
      )
      .min(1),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    file.regions.forEach((r, i) => {
      if (ids.has(r.id))
        ctx.addIssue({ code: "custom", path: ["regions", i, "id"], message: `duplicate id "${r.id}"` });
      if (names.has(r.name)) {
        ctx.addIssue({ code: "custom", path: ["regions", i, "name"], message: `duplicate name "${r.name}"` });
      }
      ids.add(r.id);
      names.add(r.name);
    });
  });

/** Validates the content of regions.yaml (`{ regions: [...] }`); throws naming the path of each problem. */
export function parseRegions(raw: unknown): Region[] {
  return parseWith(regionsSchema, raw).regions;
}

/** The IANA zone and its Indonesian name for a region id; undefined for an unknown region. */
export function zoneForRegion(
  regions: readonly Region[],
  id: string,
): { timeZone: string; zone: IndonesianZone } | undefined {
  const region = regions.find((r) => r.id === id);
  const zone = region && zoneOfIana(region.timeZone);
  return region && zone ? { timeZone: region.timeZone, zone } : undefined;
}
