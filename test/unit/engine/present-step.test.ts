import { describe, expect, it } from "vitest";
import { parseFlowFile } from "../../../src/engine/catalog.js";
import {
  answeredPrompt,
  MAX_BUTTON_OPTIONS,
  parseButtonData,
  presentQuestion,
  writtenText,
} from "../../../src/engine/present-step.js";
import type { Flow } from "../../../src/engine/schema.js";
import { isQuestion, type OptionItem, stepOf } from "../../../src/engine/steps.js";
import type { Outbound, Profile } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import type { Locale } from "../../../src/i18n/locales.js";
import { LOCALES_DIR } from "../../../src/paths.js";

const flowOf = (steps: string, progress = true) =>
  parseFlowFile(
    `id: contoh\nversion: 1\ntitle: { id: Contoh }\nprogress: ${progress}\nstart: a\nsteps:\n${steps}`,
    "contoh.yaml",
  );

const SURVEY = flowOf(`
  - id: a
    kind: confirm
    text: { id: "Halo {nama}, lanjut?", en: "Hello {nama}, continue?" }
    yes: b
    no: z
  - id: b
    kind: multi
    text: { id: "Cara belajar?" }
    options:
      - { id: klasikal, label: { id: Klasikal } }
      - { id: elearning, label: { id: E-learning } }
    next: c
  - id: c
    kind: branch
    cases:
      - when: { profile: hasNip, equals: true }
        next: d
    default: e
  - id: d
    kind: input
    input: text
    validate: { nip: true }
    text: { id: "NIP Anda?" }
    skippable: true
    next: e
  - id: e
    kind: likert
    text: { id: "Saya suka belajar." }
    scale: [{ id: Tidak sesuai, en: Not like me }, { id: Sesuai, en: Like me }]
    next: f
  - id: f
    kind: choice
    text: { id: "Unit kerja?" }
    options: { source: units }
    next: z
  - id: z
    kind: end
`);

const translator = loadTranslations(LOCALES_DIR);
const translate = translator.t.bind(translator);

/** Shows step `id` of `flow` for a run that answered `trail`, as the person would see it. */
function show(
  id: string,
  run: { answers?: Record<string, unknown>; trail?: string[]; offered?: OptionItem[] } = {},
  opts: { flow?: Flow; locale?: Locale; hasNip?: boolean; note?: string } = {},
): Outbound {
  const flow = opts.flow ?? SURVEY;
  const step = stepOf(flow, id);
  if (!isQuestion(step)) throw new Error(`${id} is no question`);
  const profile: Profile = { locale: opts.locale ?? "id", hasNip: opts.hasNip ?? true, onboarded: true };
  const answers = run.answers ?? {};
  const text =
    "from" in step.text ? "(dari sumber)" : writtenText(step.text, profile.locale, translate, answers);
  return presentQuestion(
    {
      flow,
      step,
      run: { id: "r1", answers, trail: run.trail ?? [], offered: run.offered ?? [] },
      seq: 7,
      text,
      ...(opts.note ? { note: opts.note } : {}),
    },
    { profile, translate },
  );
}

const labels = (out: Outbound) => out.choices?.map((row) => row.map((c) => c.label)) ?? [];

describe("showing a question", () => {
  it("shows a yes/no question with Ya and Tidak, its text filled from earlier answers", () => {
    const out = show("a", { answers: { nama: "Sri" } });
    expect(out.text).toContain("Halo Sri, lanjut?");
    expect(labels(out)).toEqual([["Ya", "Tidak"]]);
  });

  it("speaks the person's language", () => {
    const out = show("a", { answers: { nama: "Sri" } }, { locale: "en" });
    expect(out.text).toContain("Hello Sri, continue?");
    expect(labels(out)).toEqual([["Yes", "No"]]);
  });

  it("counts the questions on the path the answers and profile lead to", () => {
    // a, b, d (has a NIP), e, f.
    expect(show("a").text.split("\n")[0]).toBe("Pertanyaan 1 dari 5");
    expect(show("b", { trail: ["a"] }, { hasNip: false }).text.split("\n")[0]).toBe("Pertanyaan 2 dari 4");
  });

  it("counts each round of a flow that loops afresh, instead of adding every round up", () => {
    // Like /profil: a menu, one field, saved, and back to the menu.
    const loop = flowOf(`
  - id: a
    kind: choice
    text: { id: "Apa yang ingin Anda ubah?" }
    options:
      - { id: nama, label: { id: Nama }, next: nama }
      - { id: selesai, label: { id: Selesai }, next: z }
  - id: nama
    kind: input
    input: text
    text: { id: "Nama lengkap?" }
    next: simpan
  - id: simpan
    kind: compute
    service: simpan
    next: a
  - id: z
    kind: end
`);
    const line = (id: string, trail: string[]) =>
      show(id, { trail, answers: { a: "nama" } }, { flow: loop }).text.split("\n")[0];
    expect([
      line("a", []),
      line("nama", ["a"]),
      line("a", ["a", "nama"]),
      line("nama", ["a", "nama", "a"]),
      line("a", ["a", "nama", "a", "nama"]),
    ]).toEqual([
      "Pertanyaan 1 dari 2",
      "Pertanyaan 2 dari 2",
      "Pertanyaan 1 dari 2",
      "Pertanyaan 2 dari 2",
      "Pertanyaan 1 dari 2",
    ]);
  });

  it("shows no progress line in a flow that shows its own", () => {
    const flow = flowOf(
      `  - id: a\n    kind: confirm\n    text: { id: "Lanjut?" }\n    yes: b\n    no: b\n  - id: b\n    kind: end\n`,
      false,
    );
    expect(show("a", {}, { flow }).text).toBe("Lanjut?");
  });

  it("offers Kembali only once something was answered, and Lewati where the flow allows it", () => {
    expect(labels(show("a")).flat()).not.toContain("⬅️ Kembali");
    const nip = show("d", { trail: ["a", "b"] });
    expect(labels(nip).at(-1)).toEqual(["⬅️ Kembali", translate("id", "nav-skip")]);
    expect(nip.text).toContain(translate("id", "input-hint-nip"));
  });

  it("ticks the options already chosen in a multiple choice and offers Selesai", () => {
    const out = show("b", { answers: { b: ["elearning"] }, trail: ["a"] });
    expect(labels(out)).toEqual([["Klasikal"], ["✅ E-learning"], ["Selesai ✔"], ["⬅️ Kembali"]]);
  });

  it("puts a scale on one row", () => {
    expect(labels(show("e", {}, { locale: "en" }))[0]).toEqual(["Not like me", "Like me"]);
  });

  it("shows at most a screenful of a long dynamic list and asks to type to search", () => {
    const offered = Array.from({ length: 12 }, (_, i) => ({ id: `u${i}`, label: `Unit ${i + 1}` }));
    const out = show("f", { offered });
    expect(labels(out)).toHaveLength(MAX_BUTTON_OPTIONS);
    expect(out.text).toContain(translate("id", "search-hint"));
    expect(show("f", { offered: [] }).text).toContain(translate("id", "search-no-results"));
  });

  it("issues buttons for this run at the seq it will have, and puts a note above the question", () => {
    const out = show("a", {}, { note: "Melanjutkan." });
    expect(out.text.startsWith("Melanjutkan.\n\n")).toBe(true);
    expect(parseButtonData(out.choices![0]![0]!.data)).toEqual({ runId: "r1", seq: 7, token: "y" });
  });
});

describe("an answered question", () => {
  it("keeps its text with the answer chosen, or marked skipped, in place of the buttons", () => {
    expect(answeredPrompt("Warna?", { echo: "Biru" }, "id", translate)).toEqual({
      text: "Warna?\n\n✅ Biru",
      replacesPrompt: true,
    });
    expect(answeredPrompt("Umur?", "skipped", "id", translate).text).toBe(
      `Umur?\n\n${translate("id", "flow-skipped")}`,
    );
    expect(answeredPrompt("Umur?", "back", "id", translate)).toEqual({ text: "Umur?", replacesPrompt: true });
  });
});
