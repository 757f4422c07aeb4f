import { describe, expect, it } from "vitest";
import type { Competency, Level } from "../../../src/domain/competency.js";
import {
  checkSkjCoverage,
  competencyGaps,
  isJabatanTier,
  type JabatanTier,
  parseSkjDefaults,
  requiredLevels,
  type SkjDefaults,
  TIER_IDS,
  TIERS,
} from "../../../src/domain/skj.js";

const STANDARD = ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"];
const TIER_LEVEL: Record<JabatanTier, Level> = {
  "jpt-utama": 5,
  "jpt-madya": 5,
  "jpt-pratama": 4,
  administrator: 3,
  pengawas: 2,
  pelaksana: 1,
  "fungsional-ahli-utama": 4,
  "fungsional-ahli-madya": 3,
  "fungsional-ahli-muda": 2,
  "fungsional-ahli-pertama": 2,
  "fungsional-penyelia": 2,
  "fungsional-mahir": 1,
  "fungsional-terampil": 1,
  "fungsional-pemula": 1,
};
const rawDefaults = () => ({
  label: { id: "Nilai bawaan yang dapat diubah", en: "Editable default" },
  levels: Object.fromEntries(
    TIER_IDS.map((t) => [t, Object.fromEntries(STANDARD.map((c) => [c, TIER_LEVEL[t]]))]),
  ) as Record<string, Record<string, number>>,
});
const messageOf = (raw: unknown): string => {
  try {
    parseSkjDefaults(raw);
  } catch (err) {
    return (err as Error).message;
  }
  return "no error";
};

describe("tiers", () => {
  it("lists all fourteen tiers with Indonesian and English names", () => {
    expect(TIERS.map((t) => t.id)).toEqual([...TIER_IDS]);
    expect(TIERS).toHaveLength(14);
    expect(TIERS.find((t) => t.id === "jpt-pratama")!.name.id).toBe("Jabatan Pimpinan Tinggi Pratama");
    for (const t of TIERS) expect(t.name.en.length).toBeGreaterThan(0);
  });

  it("recognises tier ids", () => {
    expect(isJabatanTier("pengawas")).toBe(true);
    expect(isJabatanTier("eselon-iv")).toBe(false);
  });
});

describe("parseSkjDefaults", () => {
  it("accepts a level for every tier", () => {
    const d = parseSkjDefaults(rawDefaults());
    expect(d.levels["jpt-madya"]["M.1"]).toBe(5);
    expect(d.label.id).toContain("dapat diubah");
  });

  it("requires every tier, naming the missing one", () => {
    const raw = rawDefaults();
    delete raw.levels.pengawas;
    expect(messageOf(raw)).toBe("levels.pengawas: this tier is missing; every tier needs its levels");
  });

  it("refuses unknown tiers, levels outside 1–5 and malformed codes", () => {
    const raw = rawDefaults();
    raw.levels["eselon-v"] = { "M.1": 1 };
    expect(messageOf(raw)).toBe('levels: Unrecognized key: "eselon-v"');
    const bad = rawDefaults();
    bad.levels.administrator!["M.3"] = 7;
    expect(messageOf(bad)).toContain("levels.administrator.M.3:");
    const code = rawDefaults();
    code.levels.administrator!.Integritas = 3;
    expect(messageOf(code)).toContain("levels.administrator.Integritas:");
  });

  it("requires the label that says these are editable defaults", () => {
    const raw: Partial<ReturnType<typeof rawDefaults>> = rawDefaults();
    delete raw.label;
    expect(messageOf(raw)).toContain("label:");
  });
});

describe("checkSkjCoverage", () => {
  const catalog = (codes: string[]) =>
    codes.map((code) => ({ code, type: code.startsWith("T.") ? "teknis" : "manajerial" }) as Competency);

  it("is happy when every tier lists every standard competency", () => {
    expect(checkSkjCoverage(parseSkjDefaults(rawDefaults()), catalog([...STANDARD, "T.AK.1"]))).toEqual([]);
  });

  it("names a missing or unknown competency per tier", () => {
    const problems = checkSkjCoverage(
      parseSkjDefaults(rawDefaults()),
      catalog([...STANDARD.slice(1), "M.9"]),
    );
    expect(problems).toContain("levels.jpt-utama.M.9: missing (every tier needs every standard competency)");
    expect(problems).toContain("levels.pelaksana.M.1: not a competency in the catalog");
  });
});

describe("requiredLevels", () => {
  const defaults: SkjDefaults = parseSkjDefaults(rawDefaults());

  it("uses the tier default where the jabatan has no SKJ", () => {
    expect(requiredLevels({ tier: "administrator", defaults, competencies: ["M.1", "SK.1"] })).toEqual({
      "M.1": { level: 3, source: "default" },
      "SK.1": { level: 3, source: "default" },
    });
  });

  it("lets the jabatan's own SKJ win per competency", () => {
    const r = requiredLevels({
      jabatanStandard: { "M.1": 3, "M.8": 4 },
      tier: "fungsional-ahli-muda",
      defaults,
      competencies: ["M.1", "M.3", "M.8"],
    });
    expect(r).toEqual({
      "M.1": { level: 3, source: "jabatan" },
      "M.3": { level: 2, source: "default" },
      "M.8": { level: 4, source: "jabatan" },
    });
  });

  it("leaves out a competency with neither an SKJ nor a default (teknis)", () => {
    expect(requiredLevels({ tier: "pelaksana", defaults, competencies: ["T.AK.1"] })).toEqual({});
    expect(
      requiredLevels({
        jabatanStandard: { "T.AK.1": 2 },
        tier: "pelaksana",
        defaults,
        competencies: ["T.AK.1"],
      }),
    ).toEqual({ "T.AK.1": { level: 2, source: "jabatan" } });
  });
});

describe("competencyGaps", () => {
  it("sorts by gap, largest first, ties in code order, negatives last", () => {
    const gaps = competencyGaps(
      { "M.10": 1, "M.2": 2, "SK.1": 1, "M.1": 3, "M.4": 5 },
      { "M.10": 3, "M.2": 4, "SK.1": 4, "M.1": 3, "M.4": 3 },
    );
    expect(gaps).toEqual([
      { code: "SK.1", assessed: 1, required: 4, gap: 3 },
      { code: "M.2", assessed: 2, required: 4, gap: 2 },
      { code: "M.10", assessed: 1, required: 3, gap: 2 },
      { code: "M.1", assessed: 3, required: 3, gap: 0 },
      { code: "M.4", assessed: 5, required: 3, gap: -2 },
    ]);
  });

  it("counts level 0 (belum mencapai level 1) as a gap wherever a level is required", () => {
    expect(competencyGaps({ "M.1": 0, "M.2": 1 }, { "M.1": 1, "M.2": 1 })).toEqual([
      { code: "M.1", assessed: 0, required: 1, gap: 1 },
      { code: "M.2", assessed: 1, required: 1, gap: 0 },
    ]);
  });

  it("only includes competencies present in both", () => {
    expect(competencyGaps({ "M.1": 2, "M.2": 2 }, { "M.2": 3, "M.3": 4 })).toEqual([
      { code: "M.2", assessed: 2, required: 3, gap: 1 },
    ]);
    expect(competencyGaps({}, { "M.1": 3 })).toEqual([]);
  });
});
