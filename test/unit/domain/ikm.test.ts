import { describe, expect, it } from "vitest";
import { computeIkm, IKM_UNSUR, ikmGrade } from "../../../src/domain/ikm.js";

describe("computeIkm", () => {
  it("computes NRR per unsur and IKM from answers (hand-computed)", () => {
    const r = computeIkm([
      [4, 3, 3, 4, 4, 3, 4, 2, 3], // 30
      [3, 3, 2, 4, 3, 3, 4, 3, 3], // 28
      [4, 4, 3, 4, 4, 3, 3, 2, 4], // 31
    ]);
    // NRR = column sums ÷ 3: 11/3, 10/3, 8/3, 12/3, 11/3, 9/3, 11/3, 7/3, 10/3.
    // Mean NRR = (89/3) ÷ 9 = 89/27 = 3.296296…; IKM = 89/27 × 25 = 2225/27 = 82.4074… → 82.41, grade B.
    expect(r.respondents).toBe(3);
    expect(r.nrr).toHaveLength(9);
    const sums = [11, 10, 8, 12, 11, 9, 11, 7, 10];
    for (const [i, sum] of sums.entries()) expect(r.nrr[i]).toBeCloseTo(sum / 3, 12);
    expect(r.ikm).toBe(82.41);
    expect(r.grade).toBe("B");
    expect(r.label).toEqual({ id: "Baik", en: "Good" });
  });

  it("rounds the score half up to two decimals", () => {
    // Totals 14 + 13 = 27 over 2 × 4 answers: 27/8 = 3.375 × 25 = 84.375 → 84.38.
    const r = computeIkm([
      [4, 4, 3, 3],
      [4, 3, 3, 3],
    ]);
    expect(r.nrr).toEqual([4, 3.5, 3, 3]);
    expect(r.ikm).toBe(84.38);
  });

  it("keeps NRRs unrounded", () => {
    // U1: (4 + 4 + 3) ÷ 3 = 3.6666…; IKM = 11/3 × 25 = 91.666… → 91.67, grade A.
    const r = computeIkm([[4], [4], [3]]);
    expect(r.nrr[0]).toBe(11 / 3);
    expect(r.ikm).toBe(91.67);
    expect(r.grade).toBe("A");
    expect(r.label.id).toBe("Sangat Baik");
  });

  it("spans 25 (all 1) to 100 (all 4)", () => {
    expect(computeIkm([Array(9).fill(4)])).toMatchObject({ ikm: 100, grade: "A" });
    expect(computeIkm([Array(9).fill(1), Array(9).fill(1)])).toMatchObject({
      ikm: 25,
      grade: "D",
      label: { id: "Tidak Baik" },
    });
    // All 3: 3 × 25 = 75.00 → C (Kurang Baik).
    expect(computeIkm([Array(9).fill(3)])).toMatchObject({
      ikm: 75,
      grade: "C",
      label: { id: "Kurang Baik" },
    });
  });

  it("refuses answers that are not whole numbers 1–4", () => {
    for (const bad of [0, 5, 2.5, Number.NaN, -1]) {
      expect(() =>
        computeIkm([
          [3, 3],
          [3, bad],
        ]),
      ).toThrow(RangeError);
    }
    expect(() =>
      computeIkm([
        [3, 3],
        [3, 0],
      ]),
    ).toThrow("respondent 2, unsur 2");
  });

  it("refuses rows of different lengths, no respondents, or empty rows", () => {
    expect(() =>
      computeIkm([
        [3, 3, 3],
        [3, 3],
      ]),
    ).toThrow(RangeError);
    expect(() => computeIkm([])).toThrow(RangeError);
    expect(() => computeIkm([[]])).toThrow(RangeError);
  });
});

describe("ikmGrade", () => {
  it("applies the interval konversi at every boundary", () => {
    expect(ikmGrade(100)).toBe("A");
    expect(ikmGrade(88.31)).toBe("A");
    expect(ikmGrade(88.3)).toBe("B");
    expect(ikmGrade(76.61)).toBe("B");
    expect(ikmGrade(76.6)).toBe("C");
    expect(ikmGrade(65)).toBe("C");
    expect(ikmGrade(64.99)).toBe("D");
    expect(ikmGrade(25)).toBe("D");
  });

  it("grades the score rounded to two decimals", () => {
    expect(ikmGrade(88.309)).toBe("A");
    expect(ikmGrade(88.304)).toBe("B");
    expect(ikmGrade(64.996)).toBe("C");
  });

  it("refuses scores outside 25–100", () => {
    expect(() => ikmGrade(24.99)).toThrow(RangeError);
    expect(() => ikmGrade(100.01)).toThrow(RangeError);
    expect(() => ikmGrade(Number.NaN)).toThrow(RangeError);
  });
});

describe("IKM_UNSUR", () => {
  it("lists U1–U9 with official names and four answers each", () => {
    expect(IKM_UNSUR.map((u) => u.code)).toEqual(["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]);
    expect(IKM_UNSUR.map((u) => u.name.id)).toEqual([
      "Persyaratan",
      "Sistem, Mekanisme, dan Prosedur",
      "Waktu Penyelesaian",
      "Biaya/Tarif",
      "Produk Spesifikasi Jenis Pelayanan",
      "Kompetensi Pelaksana",
      "Perilaku Pelaksana",
      "Penanganan Pengaduan, Saran dan Masukan",
      "Sarana dan Prasarana",
    ]);
    for (const u of IKM_UNSUR) {
      expect(u.answers.id).toHaveLength(4);
      expect(u.answers.en).toHaveLength(4);
    }
    expect(IKM_UNSUR[3]!.answers.id[3]).toBe("Gratis");
  });
});
