import { describe, expect, it } from "vitest";
import { parseFlowFile } from "../../../src/engine/catalog.js";
import { type AnswerInput, decideAnswer } from "../../../src/engine/decide-answer.js";
import { isQuestion, type OptionItem, type QuestionStep, stepOf } from "../../../src/engine/steps.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import type { Locale } from "../../../src/i18n/locales.js";
import { LOCALES_DIR } from "../../../src/paths.js";

const FLOW = parseFlowFile(
  `
id: contoh
version: 1
title: { id: Contoh }
start: setuju
steps:
  - id: setuju
    kind: confirm
    text: { id: "Lanjut?" }
    yes: warna
    no: selesai
  - id: warna
    kind: choice
    text: { id: "Warna favorit?", en: "Favourite colour?" }
    options:
      - { id: merah, label: { id: Merah, en: Red } }
      - { id: biru, label: { id: Biru, en: Blue }, next: nip }
    next: cara
  - id: cara
    kind: multi
    text: { id: "Cara belajar?" }
    options:
      - { id: klasikal, label: { id: Klasikal } }
      - { id: elearning, label: { id: E-learning } }
      - { id: mentoring, label: { id: Mentoring } }
    min: 1
    max: 2
    next: nilai
  - id: nilai
    kind: likert
    text: { id: "Saya suka belajar." }
    scale: [{ id: Tidak sesuai }, { id: Kurang sesuai }, { id: Sesuai }, { id: Sangat sesuai }]
    onBack: batal
    next: nip
  - id: nip
    kind: input
    input: text
    validate: { nip: true }
    text: { id: "NIP Anda?" }
    next: umur
  - id: umur
    kind: input
    input: number
    validate: { min: 18, max: 70, integer: true }
    text: { id: "Umur?" }
    skippable: true
    next: unit
  - id: unit
    kind: choice
    text: { id: "Unit kerja?" }
    options: { source: units, searchable: true }
    next: sertifikat
  - id: sertifikat
    kind: file
    text: { id: "Kirim sertifikat." }
    next: selesai
  - id: batal
    kind: compute
    service: x.undo
    next: nilai
  - id: selesai
    kind: end
`,
  "contoh.yaml",
);

const translator = loadTranslations(LOCALES_DIR);
const translate = translator.t.bind(translator);
const today = new Date("2026-11-24T02:00:00Z");

const question = (id: string): QuestionStep => {
  const step = stepOf(FLOW, id);
  if (!isQuestion(step)) throw new Error(`${id} is no question`);
  return step;
};

/** Decides `input` at step `id` of a run that has answered `trail` with `answers`. */
function decide(
  id: string,
  input: AnswerInput | string,
  run: { answers?: Record<string, unknown>; trail?: string[]; offered?: OptionItem[] } = {},
  locale: Locale = "id",
) {
  return decideAnswer(
    question(id),
    { answers: run.answers ?? {}, trail: run.trail ?? ["setuju"], offered: run.offered ?? [] },
    typeof input === "string" ? { text: input } : input,
    { locale, translate, now: today },
  );
}

describe("a yes/no question", () => {
  it("takes Ya, ya and the Ya button as yes, and goes to the yes step", () => {
    for (const input of ["Ya", "ya", " iya ", "ok", { token: "y" }]) {
      expect(decide("setuju", input)).toEqual({ kind: "answer", value: true, echo: "Ya", next: "warna" });
    }
  });

  it("takes Tidak and the No button as no, and goes to the no step", () => {
    expect(decide("setuju", "tidak")).toMatchObject({ kind: "answer", value: false, next: "selesai" });
    expect(decide("setuju", { token: "n" })).toMatchObject({ kind: "answer", value: false, echo: "Tidak" });
    expect(decide("setuju", "no", {}, "en")).toMatchObject({ value: false, echo: "No" });
  });

  it("asks again for anything else", () => {
    expect(decide("setuju", "mungkin")).toEqual({ kind: "invalid", key: "flow-expect-confirm" });
  });
});

describe("going back and skipping", () => {
  it("goes back with kembali, back, < or the back button once something was answered", () => {
    for (const input of ["kembali", "Kembali", "back", "<", { token: "back" }]) {
      expect(decide("warna", input)).toEqual({ kind: "back" });
    }
  });

  it("cannot go back from the first question", () => {
    expect(decide("setuju", "kembali", { trail: [] })).toEqual({
      kind: "invalid",
      key: "flow-cannot-go-back",
    });
  });

  it("goes back to the step the question names when it undoes something itself", () => {
    expect(decide("nilai", "kembali")).toEqual({ kind: "back", to: "batal" });
  });

  it("skips with lewati only where the flow allows it", () => {
    expect(decide("umur", "lewati")).toEqual({ kind: "skip", next: "unit" });
    expect(decide("umur", { token: "skip" })).toEqual({ kind: "skip", next: "unit" });
    expect(decide("warna", "lewati")).toEqual({ kind: "invalid", key: "flow-cannot-skip" });
  });
});

describe("a choice", () => {
  it("is picked by its number, its label in any case, or its button", () => {
    expect(decide("warna", "1")).toEqual({ kind: "answer", value: "merah", echo: "Merah", next: "cara" });
    expect(decide("warna", "merah")).toMatchObject({ value: "merah" });
    expect(decide("warna", { token: "o0" })).toMatchObject({ value: "merah" });
  });

  it("follows the option's own next step", () => {
    expect(decide("warna", "2")).toEqual({ kind: "answer", value: "biru", echo: "Biru", next: "nip" });
  });

  it("knows the labels in the person's language", () => {
    expect(decide("warna", "blue", {}, "en")).toMatchObject({ value: "biru", echo: "Blue" });
  });

  it("asks again for a number or a word that is no option", () => {
    expect(decide("warna", "3")).toEqual({ kind: "invalid", key: "flow-expect-choice" });
    expect(decide("warna", "hijau")).toEqual({ kind: "invalid", key: "flow-expect-choice" });
  });

  it("searches a dynamic list for typed words, and picks from what was offered by number", () => {
    const offered = [
      { id: "u1", label: "Bidang Keuangan" },
      { id: "u2", label: "Bidang Umum" },
    ];
    expect(decide("unit", "keuangan", { offered: [] })).toEqual({ kind: "search", query: "keuangan" });
    expect(decide("unit", "2", { offered })).toEqual({
      kind: "answer",
      value: "u2",
      echo: "Bidang Umum",
      next: "sertifikat",
    });
    expect(decide("unit", "7", { offered })).toEqual({ kind: "invalid", key: "flow-expect-choice" });
  });
});

describe("a multiple choice", () => {
  it("toggles an option picked on its own and shows the question again", () => {
    expect(decide("cara", "2")).toEqual({ kind: "rerender", setAnswers: { cara: ["elearning"] } });
    expect(decide("cara", { token: "o1" }, { answers: { cara: ["elearning"] } })).toEqual({
      kind: "rerender",
      setAnswers: { cara: [] },
    });
  });

  it("takes several numbers at once, or Selesai after toggling", () => {
    expect(decide("cara", "1, 3")).toEqual({
      kind: "answer",
      value: ["klasikal", "mentoring"],
      echo: "Klasikal, Mentoring",
      next: "nilai",
    });
    expect(decide("cara", "selesai", { answers: { cara: ["mentoring"] } })).toMatchObject({
      kind: "answer",
      value: ["mentoring"],
    });
  });

  it("refuses too few or too many", () => {
    expect(decide("cara", "selesai")).toEqual({ kind: "invalid", key: "multi-too-few", args: { min: 1 } });
    expect(decide("cara", "1,2,3")).toEqual({ kind: "invalid", key: "multi-too-many", args: { max: 2 } });
  });
});

describe("an answer from a form field (a Slack modal)", () => {
  it("takes the options checked all at once, within the bounds, whatever was toggled before", () => {
    expect(decide("cara", { picks: ["o0", "o2"] }, { answers: { cara: ["elearning"] } })).toEqual({
      kind: "answer",
      value: ["klasikal", "mentoring"],
      echo: "Klasikal, Mentoring",
      next: "nilai",
    });
    expect(decide("cara", { picks: [] })).toEqual({
      kind: "invalid",
      key: "multi-too-few",
      args: { min: 1 },
    });
    expect(decide("cara", { picks: ["o0", "o1", "o2"] })).toMatchObject({ key: "multi-too-many" });
    expect(decide("cara", { picks: ["o9"] })).toEqual({ kind: "invalid", key: "flow-expect-multi" });
  });

  it("takes one option picked as the press of its button, and refuses two", () => {
    expect(decide("warna", { picks: ["o1"] })).toEqual({
      kind: "answer",
      value: "biru",
      echo: "Biru",
      next: "nip",
    });
    expect(decide("setuju", { picks: ["n"] })).toMatchObject({ kind: "answer", value: false });
    expect(decide("warna", { picks: ["o0", "o1"] })).toEqual({ kind: "invalid", key: "flow-expect-choice" });
  });
});

describe("a scale", () => {
  it("records the number of the point chosen, by number or label", () => {
    expect(decide("nilai", "4")).toEqual({ kind: "answer", value: 4, echo: "Sangat sesuai", next: "nip" });
    expect(decide("nilai", "kurang sesuai")).toMatchObject({ value: 2 });
    expect(decide("nilai", "5")).toEqual({ kind: "invalid", key: "flow-expect-likert" });
  });
});

describe("typed input", () => {
  it("gives the NIP problem's message key for an invalid NIP, and the digits for a valid one", () => {
    const bad = decide("nip", "12345");
    expect(bad.kind).toBe("invalid");
    expect(bad.kind === "invalid" && bad.key).toMatch(/^nip-error-/);
    expect(decide("nip", "19820314 200801 2 005")).toEqual({
      kind: "answer",
      value: "198203142008012005",
      next: "umur",
    });
  });

  it("checks numbers against the step's bounds", () => {
    expect(decide("umur", "17")).toEqual({ kind: "invalid", key: "input-too-small", args: { min: 18 } });
    expect(decide("umur", "42")).toEqual({ kind: "answer", value: 42, next: "unit" });
  });

  it("asks for text when a button of an old message is pressed", () => {
    expect(decide("umur", { token: "o1" })).toEqual({ kind: "invalid", key: "flow-expect-text" });
  });
});

describe("a file", () => {
  const file = (kind: "photo" | "document", mime: string, name?: string) => ({
    file: { kind, channel: "telegram", fileId: "f1", mime, ...(name ? { name } : {}) },
  });

  it("takes a photo or a PDF as the answer", () => {
    expect(decide("sertifikat", file("document", "application/pdf", "s.pdf"))).toMatchObject({
      kind: "answer",
      value: { fileId: "f1", mime: "application/pdf" },
      next: "selesai",
    });
    expect(decide("sertifikat", file("photo", "image/jpeg"))).toMatchObject({ kind: "answer" });
  });

  it("says what it accepts for another file or for text", () => {
    expect(decide("sertifikat", file("document", "text/csv", "a.csv"))).toEqual({
      kind: "invalid",
      key: "flow-expect-file-photo-pdf",
    });
    expect(decide("sertifikat", "ini sertifikatnya")).toEqual({
      kind: "invalid",
      key: "flow-expect-file-photo-pdf",
    });
  });

  it("refuses a file where a question expects something else", () => {
    expect(decide("warna", file("photo", "image/jpeg"))).toEqual({
      kind: "invalid",
      key: "flow-file-not-expected",
    });
  });
});
