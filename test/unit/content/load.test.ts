import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { displayPath, loadDomainContent, loadYamlFile } from "../../../src/content/load.js";
import { TIER_IDS } from "../../../src/domain/skj.js";
import { zoneForRegion } from "../../../src/domain/timezone.js";
import { FLOWS_DIR, REPO_ROOT } from "../../../src/paths.js";

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  return "no error";
};

describe("the shipped content in flows/content", () => {
  const content = loadDomainContent(FLOWS_DIR);

  it("has the nine standard competencies with their official names and five levels each", () => {
    expect(content.competencies.map((c) => `${c.code} ${c.name.id}`)).toEqual([
      "M.1 Integritas",
      "M.2 Kerja Sama",
      "M.3 Komunikasi",
      "M.4 Orientasi pada Hasil",
      "M.5 Pelayanan Publik",
      "M.6 Pengembangan Diri dan Orang Lain",
      "M.7 Mengelola Perubahan",
      "M.8 Pengambilan Keputusan",
      "SK.1 Perekat Bangsa",
    ]);
    for (const c of content.competencies) expect(c.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
    expect(content.competencies.at(-1)!.type).toBe("sosial-kultural");
  });

  it("gives every tier a default for every standard competency, labelled as an editable default", () => {
    expect(Object.keys(content.skjDefaults.levels).sort()).toEqual([...TIER_IDS].sort());
    for (const tier of TIER_IDS) expect(Object.keys(content.skjDefaults.levels[tier])).toHaveLength(9);
    expect(content.skjDefaults.label.id).toMatch(/dapat diubah/);
    expect(content.skjDefaults.label.id).toMatch(/bukan ketentuan resmi/);
    const m1 = (tier: (typeof TIER_IDS)[number]) => content.skjDefaults.levels[tier]["M.1"];
    expect([
      m1("jpt-madya"),
      m1("jpt-pratama"),
      m1("administrator"),
      m1("pengawas"),
      m1("pelaksana"),
    ]).toEqual([5, 4, 3, 2, 1]);
  });

  it("lists the 38 provinces with their zones", () => {
    const { regions } = content;
    expect(regions).toHaveLength(38);
    expect(zoneForRegion(regions, "jambi")?.zone).toBe("WIB");
    expect(zoneForRegion(regions, "dki-jakarta")?.zone).toBe("WIB");
    expect(zoneForRegion(regions, "nusa-tenggara-barat")?.zone).toBe("WITA");
    expect(zoneForRegion(regions, "papua")?.zone).toBe("WIT");
    expect(zoneForRegion(regions, "kalimantan-barat")?.timeZone).toBe("Asia/Pontianak");
    expect(zoneForRegion(regions, "kalimantan-tengah")?.timeZone).toBe("Asia/Pontianak");
    const count = (tz: string) => regions.filter((r) => r.timeZone === tz).length;
    // 16 Sumatra/Java provinces; 3 Bali/Nusa Tenggara + 3 Kalimantan + 6 Sulawesi; 2 Maluku + 6 Papua.
    expect([
      count("Asia/Jakarta"),
      count("Asia/Pontianak"),
      count("Asia/Makassar"),
      count("Asia/Jayapura"),
    ]).toEqual([16, 2, 12, 8]);
  });

  it("has every region the demo org seed refers to", () => {
    const seed = readFileSync(join(FLOWS_DIR, "seed/demo-org.yaml"), "utf8");
    const used = [...seed.matchAll(/^\s*region: ([a-z-]+)$/gm)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) expect(zoneForRegion(content.regions, id)).toBeDefined();
  });
});

describe("loading broken content", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pandu-content-"));
    cpSync(join(FLOWS_DIR, "content"), join(dir, "content"), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string) => join(dir, "content", name);
  const edit = (name: string, change: (text: string) => string) =>
    writeFileSync(file(name), change(readFileSync(file(name), "utf8")));

  it("names the file and the path of a validation problem", () => {
    edit("competencies.yaml", (t) => t.replace("      - level: 3\n", "      - level: 7\n"));
    expect(messageOf(() => loadDomainContent(dir))).toBe(
      `${file("competencies.yaml")}: competencies[0].levels[2].level: a level is a whole number from 1 to 5`,
    );
  });

  it("names the file and line of a YAML syntax error", () => {
    edit("regions.yaml", (t) => t.replace("{ id: jambi, name: Jambi,", "{ id: jambi, name: [Jambi,"));
    const message = messageOf(() => loadDomainContent(dir));
    const line =
      readFileSync(file("regions.yaml"), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("[Jambi")) + 1;
    expect(message.startsWith(`${file("regions.yaml")}: line `)).toBe(true);
    expect(Number(/: line (\d+):/.exec(message)?.[1])).toBe(line);
  });

  it("names the SKJ file when a tier lacks a standard competency", () => {
    edit("skj-defaults.yaml", (t) => t.replace(/^(\s*pengawas:\s*\{ )M\.1: 2, /m, "$1"));
    expect(messageOf(() => loadDomainContent(dir))).toBe(
      `${file("skj-defaults.yaml")}: levels.pengawas.M.1: missing (every tier needs every standard competency)`,
    );
  });

  it("names a missing file", () => {
    rmSync(file("regions.yaml"));
    expect(messageOf(() => loadDomainContent(dir))).toMatch(/regions\.yaml: cannot read: ENOENT/);
  });

  it("returns plain data from a YAML file", () => {
    writeFileSync(file("x.yaml"), "a: [1, 2]\n");
    expect(loadYamlFile(file("x.yaml"))).toEqual({ a: [1, 2] });
  });
});

describe("displayPath", () => {
  it("shows files inside the repository relative to it, others as given", () => {
    expect(displayPath(join(REPO_ROOT, "flows/content/regions.yaml"))).toBe("flows/content/regions.yaml");
    expect(displayPath("/elsewhere/regions.yaml")).toBe("/elsewhere/regions.yaml");
  });
});

describe("the sample course catalog in flows/content/courses.yaml", () => {
  it("parses, and names only competencies and provinces that exist", async () => {
    const { parseCourseCatalog } = await import("../../../src/domain/course.js");
    const content = loadDomainContent(FLOWS_DIR);
    const courses = parseCourseCatalog(loadYamlFile(join(FLOWS_DIR, "content", "courses.yaml")));
    expect(courses.length).toBeGreaterThanOrEqual(20);
    const codes = new Set(content.allCompetencies.map((c) => c.code));
    const regions = new Set(content.regions.map((r) => r.id));
    for (const c of courses) {
      for (const k of c.competencies) expect(codes.has(k.code), `${c.id}: ${k.code}`).toBe(true);
      if (c.region) expect(regions.has(c.region), `${c.id}: ${c.region}`).toBe(true);
    }
    // Every standard competency has something to recommend.
    for (const c of content.competencies) {
      expect(
        courses.some((x) => x.competencies.some((k) => k.code === c.code)),
        c.code,
      ).toBe(true);
    }
  });
});
