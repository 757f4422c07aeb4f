import { describe, expect, it } from "vitest";
import { createCatalog, parseFlowFile } from "../../../src/engine/catalog.js";
import { createEngine } from "../../../src/engine/engine.js";
import { cachedRunStore } from "../../../src/engine/run-cache.js";
import type { Conversation, Outbound } from "../../../src/engine/types.js";
import { useTestDatabase } from "../../support/database.js";

/** A loop over one question, as the adaptive assessment runs: pure computes pick and record. */
const LOOP = `
id: hitung
version: 1
title: { id: Hitung }
commands: [hitung]
progress: false
start: pick
steps:
  - id: pick
    kind: compute
    service: loop.pick
    pure: true
    next: ask
  - id: ask
    kind: likert
    text: { id: "Butir {item} dari 3" }
    scale: [{ id: Tidak }, { id: Ya }]
    onBack: undo
    next: record
  - id: record
    kind: compute
    service: loop.record
    pure: true
    next: more
  - id: more
    kind: branch
    cases:
      - when: { answer: finished, equals: true }
        next: done
    default: pick
  - id: undo
    kind: compute
    service: loop.undo
    pure: true
    next: pick
  - id: done
    kind: end
    text: { id: "Total {total}" }
`;

const responsesOf = (answers: Record<string, unknown>) => (answers.responses as number[] | undefined) ?? [];

describe("a flow that loops over one question", () => {
  const ctx = useTestDatabase();

  it("asks again and again without a progress line, goes back by undoing, and costs one write command per answer", async () => {
    const engine = createEngine({
      catalog: createCatalog([parseFlowFile(LOOP, "hitung.yaml")]),
      runs: cachedRunStore(ctx.repos.flowRuns),
      translate: (_l, key) => `[${key}]`,
      services: {
        "loop.pick": async ({ answers }) => ({ setAnswers: { item: responsesOf(answers).length + 1 } }),
        "loop.record": async ({ answers }) => {
          const responses = [...responsesOf(answers), Number(answers.ask)];
          const total = responses.reduce((a, b) => a + b, 0);
          return { setAnswers: { responses, finished: responses.length === 3, total } };
        },
        "loop.undo": async ({ answers }) => ({
          setAnswers: { responses: responsesOf(answers).slice(0, -1) },
        }),
      },
      optionSources: {},
      now: () => new Date("2026-11-24T02:00:00Z"),
    });
    const c: Conversation = {
      identityId: "terminal:x",
      subjectId: "p-loop",
      profile: { locale: "id", hasNip: true, onboarded: true },
    };
    const last = (out: Outbound[] | undefined) => out!.at(-1)!.text;

    let out: Outbound[] | undefined = await engine.start(c, "hitung");
    expect(last(out)).toContain("Butir 1 dari 3");
    expect(last(out)).not.toContain("flow-progress");
    out = await engine.handle(c, { kind: "text", text: "2" });
    expect(last(out)).toContain("Butir 2 dari 3");

    out = await engine.handle(c, { kind: "text", text: "kembali" });
    expect(last(out)).toContain("Butir 1 dari 3");
    expect((await ctx.repos.flowRuns.listForPerson("p-loop"))[0]?.answers.responses).toEqual([]);

    const before = ctx.commands.length;
    out = await engine.handle(c, { kind: "text", text: "2" });
    // The claim and the move in one update command of two statements.
    expect(ctx.commands.slice(before)).toEqual(["update"]);
    out = await engine.handle(c, { kind: "text", text: "1" });
    out = await engine.handle(c, { kind: "text", text: "2" });
    expect(last(out)).toBe("Total 5");
    expect(await ctx.repos.flowRuns.listForPerson("p-loop")).toEqual([]);
  });
});
