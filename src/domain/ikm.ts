import type { BilingualText } from "./competency.js";

/**
 * Indeks Kepuasan Masyarakat (PermenPANRB No. 14 Tahun 2017): every unsur is answered 1–4, the
 * NRR of an unsur is its mean answer, and IKM = mean of the NRRs × 25 (a score from 25 to 100).
 */

export interface IkmUnsur {
  code: string;
  /** Name of the unsur exactly as PermenPANRB 14/2017 writes it (English: our translation). */
  name: BilingualText;
  /** The question asked about it, in our own words, fitted to the four answers. */
  question: BilingualText;
  /** Answer labels for the values 1, 2, 3, 4. */
  answers: { id: [string, string, string, string]; en: [string, string, string, string] };
}

/** The nine unsur of the Survei Kepuasan Masyarakat. */
export const IKM_UNSUR: readonly IkmUnsur[] = [
  {
    code: "U1",
    name: { id: "Persyaratan", en: "Requirements" },
    question: {
      id: "Seberapa sesuai persyaratan yang diminta dengan layanan pengembangan kompetensi yang Anda terima?",
      en: "How well did the requirements asked of you fit the competency development service you received?",
    },
    answers: {
      id: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
      en: ["Not appropriate", "Somewhat inappropriate", "Appropriate", "Very appropriate"],
    },
  },
  {
    code: "U2",
    name: { id: "Sistem, Mekanisme, dan Prosedur", en: "Systems, Mechanisms and Procedures" },
    question: {
      id: "Seberapa mudah alur dan tata cara untuk mendapatkan layanan pengembangan kompetensi?",
      en: "How easy were the steps and procedures for getting the competency development service?",
    },
    answers: {
      id: ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
      en: ["Not easy", "Somewhat difficult", "Easy", "Very easy"],
    },
  },
  {
    code: "U3",
    name: { id: "Waktu Penyelesaian", en: "Completion Time" },
    question: {
      id: "Seberapa cepat layanan ini selesai, sejak Anda mengajukan sampai tuntas?",
      en: "How quickly was the service completed, from your request until it was done?",
    },
    answers: {
      id: ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
      en: ["Not fast", "Rather slow", "Fast", "Very fast"],
    },
  },
  {
    code: "U4",
    name: { id: "Biaya/Tarif", en: "Cost/Fee" },
    question: {
      id: "Bagaimana biaya yang Anda tanggung untuk mendapatkan layanan ini?",
      en: "How was the cost you paid to get this service?",
    },
    answers: {
      id: ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
      en: ["Very expensive", "Fairly expensive", "Cheap", "Free"],
    },
  },
  {
    code: "U5",
    name: { id: "Produk Spesifikasi Jenis Pelayanan", en: "Service Product Specification" },
    question: {
      id: "Seberapa sesuai hasil yang Anda terima dengan yang dijanjikan dalam standar pelayanannya?",
      en: "How closely did what you received match what the service standard promises?",
    },
    answers: {
      id: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
      en: ["Not as specified", "Partly as specified", "As specified", "Fully as specified"],
    },
  },
  {
    code: "U6",
    name: { id: "Kompetensi Pelaksana", en: "Staff Competence" },
    question: {
      id: "Seberapa cakap petugas yang melayani Anda dalam menjalankan tugasnya?",
      en: "How capable were the staff who served you at their work?",
    },
    answers: {
      id: ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
      en: ["Not competent", "Somewhat incompetent", "Competent", "Very competent"],
    },
  },
  {
    code: "U7",
    name: { id: "Perilaku Pelaksana", en: "Staff Conduct" },
    question: {
      id: "Bagaimana sikap petugas yang melayani Anda: sopan dan ramahkah?",
      en: "How did the staff who served you behave: were they polite and friendly?",
    },
    answers: {
      id: ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
      en: [
        "Impolite and unfriendly",
        "Not very polite or friendly",
        "Polite and friendly",
        "Very polite and friendly",
      ],
    },
  },
  {
    code: "U8",
    name: {
      id: "Penanganan Pengaduan, Saran dan Masukan",
      en: "Handling of Complaints, Suggestions and Feedback",
    },
    question: {
      id: "Bagaimana pengaduan, saran, dan masukan tentang layanan ini ditangani?",
      en: "How are complaints, suggestions and feedback about this service handled?",
    },
    answers: {
      id: ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
      en: ["None", "Exists but does not work", "Works, but not fully", "Well managed"],
    },
  },
  {
    code: "U9",
    name: { id: "Sarana dan Prasarana", en: "Facilities and Infrastructure" },
    question: {
      id: "Bagaimana mutu sarana dan prasarana yang dipakai untuk layanan ini?",
      en: "How good were the facilities and infrastructure used for this service?",
    },
    answers: {
      id: ["Buruk", "Cukup", "Baik", "Sangat baik"],
      en: ["Poor", "Fair", "Good", "Very good"],
    },
  },
];

export type IkmGrade = "A" | "B" | "C" | "D";

/** Interval konversi: the lowest score (in hundredths, to compare exactly) of each grade, and its label. */
export const IKM_GRADES: readonly { grade: IkmGrade; minHundredths: number; label: BilingualText }[] = [
  { grade: "A", minHundredths: 8831, label: { id: "Sangat Baik", en: "Very Good" } },
  { grade: "B", minHundredths: 7661, label: { id: "Baik", en: "Good" } },
  { grade: "C", minHundredths: 6500, label: { id: "Kurang Baik", en: "Poor" } },
  { grade: "D", minHundredths: 2500, label: { id: "Tidak Baik", en: "Very Poor" } },
];

export interface IkmResult {
  respondents: number;
  /** Nilai rata-rata per unsur, unrounded. */
  nrr: number[];
  /** Mean of the NRRs × 25, rounded to 2 decimals. */
  ikm: number;
  grade: IkmGrade;
  label: BilingualText;
}

/** The grade of an IKM score (25–100), judged on the score rounded to 2 decimals. */
export function ikmGrade(score: number): IkmGrade {
  if (!Number.isFinite(score)) throw new RangeError(`IKM score must be a number, got ${score}`);
  const hundredths = Math.round(score * 100);
  if (hundredths < 2500 || hundredths > 10000) throw new RangeError(`IKM score ${score} is outside 25–100`);
  return IKM_GRADES.find((g) => hundredths >= g.minHundredths)!.grade;
}

/** Computes NRR per unsur, IKM and its grade from answer rows (one per respondent, one 1–4 answer per unsur). */
export function computeIkm(responses: number[][]): IkmResult {
  const respondents = responses.length;
  if (respondents === 0) throw new RangeError("IKM needs at least one respondent");
  const unsurCount = responses[0]!.length;
  if (unsurCount === 0) throw new RangeError("IKM needs at least one unsur per respondent");
  const sums = new Array<number>(unsurCount).fill(0);
  responses.forEach((row, r) => {
    if (row.length !== unsurCount) {
      throw new RangeError(
        `respondent ${r + 1} answered ${row.length} unsur, the first answered ${unsurCount}`,
      );
    }
    row.forEach((answer, u) => {
      if (!Number.isInteger(answer) || answer < 1 || answer > 4) {
        throw new RangeError(
          `respondent ${r + 1}, unsur ${u + 1}: answer ${answer} is not a whole number 1–4`,
        );
      }
      sums[u]! += answer;
    });
  });
  const nrr = sums.map((s) => s / respondents);
  // IKM = 25 × Σanswers ÷ (respondents × unsur) exactly; rounding that fraction in integers avoids float
  // drift at a grade boundary. (Documents often weight by 0.111 instead of 1/9, which lowers scores by 0.1%.)
  const total = sums.reduce((a, b) => a + b, 0);
  const denominator = respondents * unsurCount;
  const hundredths = Math.floor((2 * 2500 * total + denominator) / (2 * denominator));
  const ikm = hundredths / 100;
  const grade = ikmGrade(ikm);
  return { respondents, nrr, ikm, grade, label: IKM_GRADES.find((g) => g.grade === grade)!.label };
}
