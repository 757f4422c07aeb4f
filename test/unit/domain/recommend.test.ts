import { describe, expect, it } from "vitest";
import type { Course } from "../../../src/domain/course.js";
import { levelFit, type RankingInput, rankCourses } from "../../../src/domain/recommend.js";

const NOW = new Date("2026-11-25T03:00:00Z");
const at = (iso: string) => new Date(iso);

const course = (over: Partial<Course> & Pick<Course, "id" | "competencies">): Course => ({
  title: over.id,
  provider: "BPSDM",
  method: "pelatihan-manajerial",
  kind: "klasikal",
  jp: 24,
  mode: "online",
  sessions: [],
  admission: "open",
  ...over,
});

const CATALOG: Course[] = [
  course({
    id: "komunikasi-dasar",
    competencies: [{ code: "M.3", from: 1, to: 2 }],
    method: "e-learning",
    kind: "nonklasikal",
    jp: 6,
  }),
  course({ id: "komunikasi-lanjut", competencies: [{ code: "M.3", from: 3, to: 4 }] }),
  course({
    id: "pengembangan-orang",
    competencies: [
      { code: "M.6", from: 2, to: 3 },
      { code: "M.3", from: 2, to: 3 },
    ],
    mode: "offline",
    regionId: "jambi",
    sessions: [
      {
        id: "po@1",
        startsAt: at("2027-01-10T01:00:00Z"),
        endsAt: at("2027-01-12T09:00:00Z"),
        timeZone: "Asia/Jakarta",
        quota: 30,
      },
    ],
  }),
  course({
    id: "pengembangan-orang-ntb",
    competencies: [{ code: "M.6", from: 2, to: 3 }],
    mode: "offline",
    regionId: "nusa-tenggara-barat",
    sessions: [
      {
        id: "pon@1",
        startsAt: at("2027-01-05T01:00:00Z"),
        endsAt: at("2027-01-06T09:00:00Z"),
        timeZone: "Asia/Makassar",
        quota: 30,
      },
    ],
  }),
  course({
    id: "coaching-kemarin",
    competencies: [{ code: "M.6", from: 1, to: 3 }],
    method: "coaching",
    kind: "nonklasikal",
    sessions: [
      {
        id: "ck@1",
        startsAt: at("2026-11-01T01:00:00Z"),
        endsAt: at("2026-11-01T05:00:00Z"),
        timeZone: "Asia/Jakarta",
        quota: 10,
      },
    ],
  }),
  course({ id: "integritas", competencies: [{ code: "M.1", from: 1, to: 3 }] }),
  course({ id: "keputusan", competencies: [{ code: "M.8", from: 2, to: 2 }], jp: 40 }),
  course({ id: "perekat", competencies: [{ code: "SK.1", from: 1, to: 2 }], jp: 3 }),
];

const base: RankingInput = {
  gaps: [
    { code: "M.3", assessed: 2, required: 3 },
    { code: "M.6", assessed: 1, required: 3 },
    { code: "M.8", assessed: 1, required: 3 },
    { code: "M.1", assessed: 3, required: 3 },
  ],
  regionId: "jambi",
  preferences: ["klasikal"],
  taken: new Set(),
  jpRemaining: 20,
  jpGoal: 20,
  now: NOW,
};

const ids = (input: RankingInput) => rankCourses(CATALOG, input).map((r) => r.course.id);

describe("course ranking (golden)", () => {
  it("puts the largest gaps first, keeps courses people can attend, and explains each", () => {
    const ranked = rankCourses(CATALOG, base);
    expect(ranked.map((r) => [r.course.id, r.because.code, r.because.assessed, r.because.required])).toEqual([
      ["pengembangan-orang", "M.6", 1, 3],
      ["keputusan", "M.8", 1, 3],
      ["komunikasi-lanjut", "M.3", 2, 3],
    ]);
    expect(ranked[0]!.alsoCovers).toEqual(["M.3"]);
    expect(ranked[0]!.session?.id).toBe("po@1");
  });

  it("leaves out what does not help: met standards, levels already held, past sessions, other regions", () => {
    const out = ids(base);
    expect(out).not.toContain("integritas"); // M.1 already at standard
    expect(out).not.toContain("komunikasi-dasar"); // teaches levels 1–2, person is at 2
    expect(out).not.toContain("coaching-kemarin"); // its only session is over
    expect(out).not.toContain("pengembangan-orang-ntb"); // offline in another province
  });

  it("offers the other province's course to someone who lives there", () => {
    expect(ids({ ...base, regionId: "nusa-tenggara-barat" })).toContain("pengembangan-orang-ntb");
  });

  it("prefers the methods a person likes when gaps tie", () => {
    const gaps = [{ code: "M.3", assessed: 1, required: 2 }];
    expect(ids({ ...base, gaps, preferences: ["klasikal"] })).toEqual([
      "pengembangan-orang",
      "komunikasi-dasar",
    ]);
    expect(ids({ ...base, gaps, preferences: ["e-learning"] })).toEqual([
      "komunikasi-dasar",
      "pengembangan-orang",
    ]);
  });

  it("never repeats a course already taken or booked", () => {
    expect(ids({ ...base, taken: new Set(["pengembangan-orang"]) })).toEqual([
      "keputusan",
      "komunikasi-lanjut",
    ]);
  });

  it("gives nothing without a gap, and at most five", () => {
    expect(rankCourses(CATALOG, { ...base, gaps: [{ code: "M.1", assessed: 4, required: 3 }] })).toEqual([]);
    const many = Array.from({ length: 12 }, (_, i) =>
      course({ id: `k${String(i).padStart(2, "0")}`, competencies: [{ code: "M.3", from: 3, to: 3 }] }),
    );
    expect(rankCourses(many, base).map((r) => r.course.id)).toEqual(["k00", "k01", "k02", "k03", "k04"]);
  });

  it("recommends level-1 courses to someone below level 1 (assessed 0)", () => {
    const gap = { code: "M.3", assessed: 0, required: 1 };
    expect(levelFit({ from: 1, to: 2 }, gap)).toBe(1);
    expect(levelFit({ from: 2, to: 3 }, gap)).toBe(0);
    const ranked = rankCourses([course({ id: "dasar", competencies: [{ code: "M.3", from: 1, to: 2 }] })], {
      ...base,
      gaps: [gap],
    });
    expect(ranked.map((r) => [r.course.id, r.because])).toEqual([["dasar", gap]]);
  });

  it("rates the level fit: next level exact, overlapping, or beside the point", () => {
    const gap = { code: "M.3", assessed: 1, required: 3 };
    expect(levelFit({ from: 2, to: 3 }, gap)).toBe(1);
    expect(levelFit({ from: 3, to: 4 }, gap)).toBe(0.5);
    expect(levelFit({ from: 4, to: 5 }, gap)).toBe(0);
    expect(levelFit({ from: 1, to: 1 }, gap)).toBe(0);
  });
});
