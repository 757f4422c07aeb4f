import { describe, expect, it } from "vitest";
import { createCatalog, parseFlowFile } from "../../../src/engine/catalog.js";
import { createEngine } from "../../../src/engine/engine.js";
import { cachedRunStore } from "../../../src/engine/run-cache.js";
import type { Conversation } from "../../../src/engine/types.js";
import { useTestDatabase } from "../../support/database.js";

const FLOW = `
id: langkah
version: 1
title: { id: Langkah }
start: halo
steps:
  - id: halo
    kind: message
    text: { id: "Halo!" }
    next: warna
  - id: warna
    kind: choice
    text: { id: "Warna?" }
    options:
      - { id: merah, label: { id: Merah } }
      - { id: biru, label: { id: Biru } }
    next: simpan
  - id: simpan
    kind: compute
    service: langkah.simpan
    next: selesai
  - id: selesai
    kind: end
    text: { id: "Selesai." }
`;

describe("the engine's step count (metrics)", () => {
  const ctx = useTestDatabase();

  it("tells onStep the flow of every write that moved a run on, and nothing for a refused one", async () => {
    const steps: string[] = [];
    const engine = createEngine({
      catalog: createCatalog([parseFlowFile(FLOW, "langkah.yaml")]),
      runs: cachedRunStore(ctx.repos.flowRuns),
      translate: (_l, key) => `[${key}]`,
      services: { "langkah.simpan": async () => ({}) },
      optionSources: {},
      now: () => new Date("2026-11-24T02:00:00Z"),
      onStep: (flowId) => steps.push(flowId),
    });
    const c: Conversation = {
      identityId: "terminal:langkah",
      subjectId: "p-langkah",
      profile: { locale: "id", hasNip: false, onboarded: true },
    };

    const out = await engine.start(c, "langkah");
    expect(steps).toEqual(["langkah"]);
    const biru = out
      .at(-1)!
      .choices!.flat()
      .find((b) => b.label === "Biru")!.data;
    expect((await engine.handle(c, { kind: "button", data: biru }))!.at(-1)!.text).toBe("Selesai.");
    // The compute step's claim moved the run; ending it is no step.
    expect(steps).toEqual(["langkah", "langkah"]);

    await engine.handle(c, { kind: "button", data: biru });
    expect(steps).toHaveLength(2);
  });
});
