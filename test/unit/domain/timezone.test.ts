import { describe, expect, it } from "vitest";
import {
  parseRegions,
  type Region,
  ZONE_OFFSET_HOURS,
  zoneForRegion,
  zoneOfIana,
} from "../../../src/domain/timezone.js";

const regions: Region[] = parseRegions({
  regions: [
    { id: "jambi", name: "Jambi", timeZone: "Asia/Jakarta" },
    { id: "dki-jakarta", name: "DKI Jakarta", timeZone: "Asia/Jakarta" },
    { id: "kalimantan-barat", name: "Kalimantan Barat", timeZone: "Asia/Pontianak" },
    { id: "nusa-tenggara-barat", name: "Nusa Tenggara Barat", timeZone: "Asia/Makassar" },
    { id: "papua", name: "Papua", timeZone: "Asia/Jayapura" },
  ],
});
const messageOf = (raw: unknown): string => {
  try {
    parseRegions(raw);
  } catch (err) {
    return (err as Error).message;
  }
  return "no error";
};

describe("zoneOfIana", () => {
  it("maps Indonesia's IANA zones to WIB, WITA and WIT", () => {
    expect(zoneOfIana("Asia/Jakarta")).toBe("WIB");
    expect(zoneOfIana("Asia/Pontianak")).toBe("WIB");
    expect(zoneOfIana("Asia/Makassar")).toBe("WITA");
    expect(zoneOfIana("Asia/Ujung_Pandang")).toBe("WITA");
    expect(zoneOfIana("Asia/Jayapura")).toBe("WIT");
  });

  it("knows nothing outside Indonesia", () => {
    expect(zoneOfIana("Asia/Singapore")).toBeUndefined();
    expect(zoneOfIana("UTC")).toBeUndefined();
  });

  it("agrees with the offsets the runtime knows", () => {
    const noon = new Date("2026-06-01T12:00:00Z");
    for (const [iana, zone] of [
      ["Asia/Jakarta", "WIB"],
      ["Asia/Pontianak", "WIB"],
      ["Asia/Makassar", "WITA"],
      ["Asia/Jayapura", "WIT"],
    ] as const) {
      const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: iana, hour: "2-digit" }).format(noon));
      expect(hour - 12).toBe(ZONE_OFFSET_HOURS[zone]);
    }
  });
});

describe("zoneForRegion", () => {
  it("finds each region's zone", () => {
    expect(zoneForRegion(regions, "jambi")).toEqual({ timeZone: "Asia/Jakarta", zone: "WIB" });
    expect(zoneForRegion(regions, "dki-jakarta")?.zone).toBe("WIB");
    expect(zoneForRegion(regions, "nusa-tenggara-barat")).toEqual({
      timeZone: "Asia/Makassar",
      zone: "WITA",
    });
    expect(zoneForRegion(regions, "papua")?.zone).toBe("WIT");
    expect(zoneForRegion(regions, "kalimantan-barat")).toEqual({ timeZone: "Asia/Pontianak", zone: "WIB" });
  });

  it("returns undefined for an unknown region", () => {
    expect(zoneForRegion(regions, "atlantis")).toBeUndefined();
  });
});

describe("parseRegions", () => {
  it("refuses zones outside Indonesia, naming the path", () => {
    expect(messageOf({ regions: [{ id: "bali", name: "Bali", timeZone: "Asia/Singapore" }] })).toMatch(
      /^regions\[0\]\.timeZone: use one of Asia\/Jakarta/,
    );
  });

  it("refuses duplicate ids and names, and ids that are not slugs", () => {
    const bali = { id: "bali", name: "Bali", timeZone: "Asia/Makassar" };
    expect(messageOf({ regions: [bali, { ...bali, name: "Pulau Bali" }] })).toBe(
      'regions[1].id: duplicate id "bali"',
    );
    expect(messageOf({ regions: [bali, { ...bali, id: "bali-2" }] })).toBe(
      'regions[1].name: duplicate name "Bali"',
    );
    expect(messageOf({ regions: [{ ...bali, id: "Bali" }] })).toContain("regions[0].id:");
  });
});
