import { beforeAll, describe, expect, it } from "vitest";
import { decodeRun } from "../../../src/db/repositories/flow-runs.js";
import { createCatalog, parseFlowFile } from "../../../src/engine/catalog.js";
import { createEngine, type Engine } from "../../../src/engine/engine.js";
import { cachedRunStore } from "../../../src/engine/run-cache.js";
import type { Conversation, Outbound } from "../../../src/engine/types.js";
import { useTestDatabase } from "../../support/database.js";

const FLOW = `
id: demo
version: 2
title: { id: Demo, en: Demo }
commands: [demo]
start: hello
steps:
  - id: hello
    kind: message
    text: { id: "Halo!", en: "Hello!" }
    next: colour
  - id: colour
    kind: choice
    text: { id: "Warna favorit?", en: "Favourite colour?" }
    options:
      - { id: merah, label: { id: Merah, en: Red } }
      - { id: biru, label: { id: Biru, en: Blue } }
    next: age
  - id: age
    kind: input
    input: number
    validate: { min: 18, max: 70, integer: true }
    text: { id: "Umur Anda?" }
    next: older
  - id: older
    kind: branch
    cases:
      - when: { answer: age, in: [60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70] }
        next: retire
    default: modes
  - id: retire
    kind: confirm
    text: { id: "Sudah siap pensiun?" }
    yes: modes
    no: modes
  - id: modes
    kind: multi
    text: { id: "Cara belajar?" }
    options:
      - { id: klasikal, label: { id: Klasikal } }
      - { id: elearning, label: { id: E-learning } }
      - { id: mentoring, label: { id: Mentoring } }
    min: 1
    next: unit
  - id: unit
    kind: choice
    text: { id: "Unit kerja {colour}?" }
    options: { source: units, searchable: true }
    skippable: true
    next: save
  - id: save
    kind: compute
    service: demo.save
    next: done
  - id: done
    kind: end
    text: { id: "Selesai, {colour}." }
`;

const translate = (_l: string, key: string, args?: Record<string, string | number>) =>
  args && Object.keys(args).length ? `[${key} ${JSON.stringify(args)}]` : `[${key}]`;

const UNITS = Array.from({ length: 12 }, (_, i) => ({
  id: `u${i + 1}`,
  label: `Unit ${i + 1}${i === 4 ? " Keuangan" : ""}`,
}));

/** The button whose label contains `label` on the last message that has buttons. */
const press = (out: Outbound[], label: string): string => {
  const withButtons = [...out].reverse().find((o) => o.choices);
  const button = withButtons?.choices?.flat().find((c) => c.label.includes(label));
  if (!button) throw new Error(`no button "${label}" in ${JSON.stringify(out)}`);
  return button.data;
};
const last = (out: Outbound[]) => out[out.length - 1]!.text;

const ctx = useTestDatabase();

for (const cached of [false, true])
  describe(`flow engine on a real database (${cached ? "cached runs" : "no cache"})`, () => {
    const mode = cached ? "c" : "n";
    const conv = (who: string): Conversation => ({
      identityId: `telegram:${mode}${who}`,
      subjectId: `p-${mode}${who}`,
      profile: { locale: "id", hasNip: false, onboarded: true },
    });
    let engine: Engine;
    let engineRuns: unknown;
    const saved: unknown[] = [];
    let now = new Date("2026-11-24T02:00:00Z");

    beforeAll(() => {
      engineRuns = cached ? cachedRunStore(ctx.repos.flowRuns) : ctx.repos.flowRuns;
      engine = createEngine({
        catalog: createCatalog([parseFlowFile(FLOW, "demo.yaml")]),
        runs: engineRuns as ReturnType<typeof cachedRunStore>,
        translate,
        services: {
          "demo.save": async ({ answers }) => {
            saved.push(structuredClone(answers));
            return { outbound: [{ text: "saved" }] };
          },
        },
        optionSources: {
          units: async ({ query }) =>
            query ? UNITS.filter((u) => u.label.toLowerCase().includes(query.toLowerCase())) : UNITS,
        },
        now: () => now,
      });
    });

    it("runs a whole flow: messages, buttons, typed input, branch, multi choice, search, compute, end", async () => {
      const c = conv("a");
      let out = await engine.start(c, "demo");
      expect(out[0]!.text).toBe("Halo!");
      expect(out[1]!.text).toContain("Warna favorit?");
      expect(out[1]!.text).toContain('[flow-progress {"n":1,"total":4}]');
      out = (await engine.handle(c, { kind: "button", data: press(out, "Biru") }))!;
      expect(out[0]).toMatchObject({ replacesPrompt: true });
      expect(out[0]!.text).toContain("✅ Biru");
      expect(last(out)).toContain("Umur Anda?");

      out = (await engine.handle(c, { kind: "text", text: "17" }))!;
      expect(out[0]!.text).toBe('[input-too-small {"min":18}]');
      expect(last(out)).toContain("Umur Anda?");
      out = (await engine.handle(c, { kind: "text", text: "62" }))!;
      expect(last(out)).toContain("Sudah siap pensiun?");
      out = (await engine.handle(c, { kind: "text", text: "ya" }))!;
      expect(last(out)).toContain("Cara belajar?");

      out = (await engine.handle(c, { kind: "button", data: press(out, "Mentoring") }))!;
      expect(out[0]!.replacesPrompt).toBe(true);
      expect(out[0]!.choices!.flat().map((b) => b.label)).toContain("✅ Mentoring");
      out = (await engine.handle(c, { kind: "button", data: press(out, "E-learning") }))!;
      out = (await engine.handle(c, { kind: "button", data: press(out, "[nav-done]") }))!;
      expect(out[0]!.text).toContain("✅ E-learning, Mentoring");
      expect(last(out)).toContain("Unit kerja biru?");
      expect(last(out)).toContain("[search-hint]");
      expect(out[out.length - 1]!.choices!.flat()).toHaveLength(8 + 2); // 8 units, back, skip

      out = (await engine.handle(c, { kind: "text", text: "keuangan" }))!;
      expect(out[0]!.choices!.flat().map((b) => b.label)).toEqual([
        "Unit 5 Keuangan",
        "[nav-back]",
        "[nav-skip]",
      ]);
      out = (await engine.handle(c, { kind: "button", data: press(out, "Keuangan") }))!;
      expect(out.map((o) => o.text)).toEqual([
        expect.stringContaining("✅ Unit 5 Keuangan"),
        "saved",
        "Selesai, biru.",
      ]);
      expect(saved.at(-1)).toEqual({
        colour: "biru",
        age: 62,
        retire: true,
        modes: ["mentoring", "elearning"],
        unit: "u5",
      });
      expect(await ctx.repos.flowRuns.listForPerson(`p-${mode}a`)).toEqual([]);
    });

    it("records a doubled answer once and runs the compute step once", async () => {
      const c = conv("b");
      let out = await engine.start(c, "demo");
      const biru = press(out, "Biru");
      const [first, second] = await Promise.all([
        engine.handle(c, { kind: "button", data: biru }),
        engine.handle(c, { kind: "button", data: biru }),
      ]);
      const texts = [...first!, ...second!].map((o) => o.text).join("\n");
      expect(texts.match(/Umur Anda\?/g)?.length ?? 0).toBeLessThanOrEqual(2);
      const run = (await ctx.repos.flowRuns.listForPerson(`p-${mode}b`))[0]!;
      expect(run).toMatchObject({ stepId: "age", seq: 2, answers: { colour: "biru" }, trail: ["colour"] });
      // Stored with its state in one field, read back the same.
      const fromDb = await ctx.db.models.FlowRun.findOne({ personId: `p-${mode}b` }).lean();
      expect(fromDb).not.toHaveProperty("answers");
      expect(decodeRun(fromDb!)).toMatchObject({
        stepId: "age",
        seq: 2,
        answers: { colour: "biru" },
        trail: ["colour"],
      });

      // The old button again, later: refused as stale, the current question shown again.
      out = (await engine.handle(c, { kind: "button", data: biru }))!;
      expect(out[0]!.text).toContain("[flow-button-stale]");
      expect(out[0]!.text).toContain("Umur Anda?");

      await engine.handle(c, { kind: "text", text: "30" });
      out = (await engine.handle(c, { kind: "text", text: "1,3" }))!;
      const skip = press(out, "[nav-skip]");
      const before = saved.length;
      await Promise.all([1, 2, 3].map(() => engine.handle(c, { kind: "button", data: skip })));
      expect(saved.length).toBe(before + 1);
      expect(saved.at(-1)).toEqual({ colour: "biru", age: 30, modes: ["klasikal", "mentoring"] });
    });

    it("goes back a step, forgetting that answer, and refuses back at the first question", async () => {
      const c = conv("c");
      let out = await engine.start(c, "demo");
      out = (await engine.handle(c, { kind: "text", text: "kembali" }))!;
      expect(out[0]!.text).toBe("[flow-cannot-go-back]");
      out = (await engine.handle(c, { kind: "text", text: "2" }))!;
      expect(last(out)).toContain("Umur Anda?");
      out = (await engine.handle(c, { kind: "button", data: press(out, "[nav-back]") }))!;
      expect(last(out)).toContain("Warna favorit?");
      const run = (await ctx.repos.flowRuns.listForPerson(`p-${mode}c`))[0]!;
      expect(run).toMatchObject({ stepId: "colour", trail: [], answers: {} });
    });

    it("explains a wrong input and shows the question again; refuses other people's buttons", async () => {
      const c = conv("d");
      const out = await engine.start(c, "demo");
      const again = (await engine.handle(c, { kind: "text", text: "hijau" }))!;
      expect(again[0]!.text).toBe("[flow-expect-choice]");
      expect(again[1]!.text).toContain("Warna favorit?");
      const sticker = (await engine.handle(c, { kind: "unsupported", what: "sticker" }))!;
      // The kind is named in the person's language, from its own text.
      expect(sticker[0]!.text).toBe('[flow-unsupported-input {"what":"[media-sticker]"}]');
      const intruder = (await engine.handle(conv("e"), { kind: "button", data: press(out, "Merah") }))!;
      expect(intruder).toEqual([{ text: "[flow-not-yours]" }]);
      const forged = await engine.handle(c, { kind: "button", data: 'a|x{"$gt":""}|0|o1' });
      expect(forged).toBeUndefined();
      expect((await ctx.repos.flowRuns.listForPerson(`p-${mode}d`))[0]).toMatchObject({
        stepId: "colour",
        seq: 1,
      });
    });

    it("resumes a live run where the person left it, and ends a run of a removed version politely", async () => {
      const c = conv("f");
      await engine.start(c, "demo");
      await engine.handle(c, { kind: "text", text: "1" });
      now = new Date(now.getTime() + 5 * 3600_000);
      const resumed = await engine.start(c, "demo");
      expect(resumed).toHaveLength(1);
      expect(resumed[0]!.text).toContain("[flow-resumed]");
      expect(resumed[0]!.text).toContain("Umur Anda?");

      await ctx.db.models.FlowRun.updateOne({ personId: `p-${mode}f` }, { $set: { flowVersion: "1" } });
      // Another instance (or an admin) changed the run: this process learns it on its next read.
      (engineRuns as { forget?: (s: string) => void }).forget?.(`p-${mode}f`);
      const gone = (await engine.handle(c, { kind: "text", text: "40" }))!;
      expect(gone[0]!.text).toBe("[flow-version-gone]");
      expect(gone[0]!.choices).toEqual([[{ data: "start|demo", label: "[flow-restart]" }]]);
      expect(await ctx.repos.flowRuns.listForPerson(`p-${mode}f`)).toEqual([]);
    });

    it("starts with answers the caller knows, and such a start replaces a live run instead of resuming it", async () => {
      const c = conv("h");
      await engine.start(c, "demo");
      await engine.handle(c, { kind: "text", text: "1" });
      // A seeded start is about something new: the run at "Umur Anda?" gives way.
      const seeded = await engine.start(c, "demo", { colour: "merah", record: "x1" });
      expect(last(seeded)).toContain("Warna favorit?");
      const [run] = await ctx.repos.flowRuns.listForPerson(`p-${mode}h`);
      expect(run).toMatchObject({ stepId: "colour", answers: { colour: "merah", record: "x1" } });
      expect(await ctx.repos.flowRuns.listForPerson(`p-${mode}h`)).toHaveLength(1);
      // Without a seed the live run is resumed, seed and all.
      const resumed = await engine.start(c, "demo");
      expect(resumed[0]!.text).toContain("[flow-resumed]");
      expect((await ctx.repos.flowRuns.listForPerson(`p-${mode}h`))[0]!.answers).toMatchObject({
        record: "x1",
      });
    });

    it("cancels the live run with /batal and says so when there is none", async () => {
      const c = conv("g");
      await engine.start(c, "demo");
      // The title sits mid-sentence, so it reads lower-case ("Baik, demo dibatalkan").
      expect(await engine.cancel(c)).toEqual([{ text: '[flow-cancelled {"flow":"demo"}]' }]);
      expect(await engine.cancel(c)).toEqual([{ text: "[flow-nothing-to-cancel]" }]);
      expect(await engine.handle(c, { kind: "text", text: "halo" })).toBeUndefined();
    });

    it("resumes a conversation left longer than the idle time with a word, instead of taking what is typed", async () => {
      const idle = createEngine({
        catalog: createCatalog([parseFlowFile(FLOW, "demo.yaml")]),
        runs: engineRuns as ReturnType<typeof cachedRunStore>,
        translate,
        services: { "demo.save": async () => ({}) },
        optionSources: { units: async () => UNITS },
        now: () => now,
        idleMs: 24 * 3_600_000,
      });
      const c = conv("idle");
      let out = await idle.start(c, "demo");
      out = (await idle.handle(c, { kind: "button", data: press(out, "Merah") }))!;
      expect(last(out)).toContain("Umur Anda?");
      now = new Date(now.getTime() + 25 * 3_600_000);
      // Days later "30" might answer anything: the question comes again, with the word, unanswered.
      out = (await idle.handle(c, { kind: "text", text: "30" }))!;
      expect(out).toHaveLength(1);
      expect(out[0]!.text).toContain("[flow-idle-resumed]");
      expect(out[0]!.text).toContain("Umur Anda?");
      // Now it counts, and the answer before is kept.
      out = (await idle.handle(c, { kind: "text", text: "30" }))!;
      expect(last(out)).toContain("Cara belajar?");
      const [run] = await ctx.repos.flowRuns.listForPerson(c.subjectId);
      expect(run!.answers).toMatchObject({ colour: "merah", age: 30 });
      await idle.cancel(c);
    });
  });

describe("the run cache", () => {
  it("hands every read a copy of its own, Dates and nested answers intact", async () => {
    const runs = cachedRunStore(ctx.repos.flowRuns);
    const startedAt = new Date("2026-11-24T02:00:00Z");
    const { run } = await runs.start({
      personId: "p-copy",
      identityId: "telegram:copy",
      flowId: "demo",
      flowVersion: "1",
      stepId: "colour",
      answers: { picked: [{ c: "M.1", l: 2, at: startedAt }] },
      trail: [],
      offered: [],
      startedAt,
      updatedAt: startedAt,
    });
    const first = (await runs.get(run._id))!;
    first.answers.picked = "changed by a caller";
    first.trail.push("changed");
    const second = (await runs.get(run._id))!;
    expect(second).not.toBe(first);
    expect(second.answers).toEqual({ picked: [{ c: "M.1", l: 2, at: startedAt }] });
    expect(second.trail).toEqual([]);
    expect(second.updatedAt).toBeInstanceOf(Date);
    const [listed] = await runs.listForPerson("p-copy");
    expect(listed).toEqual(second);
    expect(await runs.end(run._id, 0)).toBe(true);
    expect(await runs.listForPerson("p-copy")).toEqual([]);
  });
});
