import { describe, expect, it } from "vitest";
import {
  type Competency,
  compareCompetencyCodes,
  isLevel,
  LEVELS,
  parseCompetencyCatalog,
} from "../../../src/domain/competency.js";

const text = (s: string) => ({ id: `${s} (id)`, en: `${s} (en)` });
const competency = (code: string, type = "manajerial") => ({
  code,
  type,
  name: text(code),
  description: text(`about ${code}`),
  levels: LEVELS.map((level) => ({ level, summary: text(`${code} level ${level}`) })),
});
const messageOf = (raw: unknown): string => {
  try {
    parseCompetencyCatalog(raw);
  } catch (err) {
    return (err as Error).message;
  }
  return "no error";
};

describe("parseCompetencyCatalog", () => {
  it("accepts manajerial, sosial-kultural and teknis competencies", () => {
    const list: Competency[] = parseCompetencyCatalog({
      competencies: [
        competency("M.1"),
        competency("SK.1", "sosial-kultural"),
        competency("T.AK.1", "teknis"),
      ],
    });
    expect(list.map((c) => c.code)).toEqual(["M.1", "SK.1", "T.AK.1"]);
    expect(list[0]!.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
  });

  it("requires exactly five levels, naming the path", () => {
    const c = competency("M.1");
    c.levels.pop();
    expect(messageOf({ competencies: [c] })).toMatch(/^competencies\[0\]\.levels: exactly 5 levels/);
  });

  it("requires levels 1 to 5 in order", () => {
    const c = competency("M.2");
    [c.levels[1], c.levels[2]] = [c.levels[2]!, c.levels[1]!];
    expect(messageOf({ competencies: [competency("M.1"), c] })).toContain(
      "competencies[1].levels[1].level: expected level 2 here",
    );
  });

  it("refuses a level outside 1–5", () => {
    const c = competency("M.1") as { levels: { level: number }[] };
    c.levels[4]!.level = 6;
    expect(messageOf({ competencies: [c] })).toContain("competencies[0].levels[4].level");
  });

  it("refuses duplicate codes", () => {
    expect(messageOf({ competencies: [competency("M.1"), competency("M.1")] })).toBe(
      'competencies[1].code: duplicate code "M.1"',
    );
  });

  it("refuses a code that does not match its type", () => {
    expect(messageOf({ competencies: [competency("SK.1")] })).toContain("competencies[0].code:");
    expect(messageOf({ competencies: [competency("AK.1", "teknis")] })).toContain("competencies[0].code:");
  });

  it("refuses empty texts, unknown fields and a missing English text", () => {
    const empty = competency("M.1");
    empty.description.id = "  ";
    expect(messageOf({ competencies: [empty] })).toContain("competencies[0].description.id");
    expect(messageOf({ competencies: [{ ...competency("M.1"), extra: 1 }] })).toContain("competencies[0]");
    const noEn = competency("M.1") as { name: { en?: string } };
    delete noEn.name.en;
    expect(messageOf({ competencies: [noEn] })).toContain("competencies[0].name.en");
  });

  it("refuses a file that is not a catalog", () => {
    expect(messageOf(null)).toMatch(/^\(top\): /);
    expect(messageOf({ competencies: [] })).toContain("competencies:");
  });
});

describe("levels and codes", () => {
  it("isLevel accepts only the whole numbers 1–5", () => {
    expect(LEVELS.every(isLevel)).toBe(true);
    for (const n of [0, 6, 2.5, Number.NaN, "3", undefined]) expect(isLevel(n)).toBe(false);
  });

  it("orders codes naturally: M before SK before T, M.2 before M.10", () => {
    const codes = ["T.AK.1", "SK.1", "M.10", "M.2", "M.1", "T.AK.10", "T.AK.2"];
    expect(codes.sort(compareCompetencyCodes)).toEqual([
      "M.1",
      "M.2",
      "M.10",
      "SK.1",
      "T.AK.1",
      "T.AK.2",
      "T.AK.10",
    ]);
  });
});
