import { describe, expect, it } from "vitest";
import { createCatalog, FlowFileError, parseFlowFile } from "../../../src/engine/catalog.js";
import { createEngine } from "../../../src/engine/engine.js";
import { useTestDatabase } from "../../support/database.js";

const FLOW = `
id: hitung
version: 1
title: { id: Hitung }
start: hitung
steps:
  - id: hitung
    kind: compute
    service: hitung.jumlah
    next: selesai
  - id: selesai
    kind: end
`;

describe("an engine whose flows call something nobody provides", () => {
  const ctx = useTestDatabase();

  it("refuses to start, naming the flow file, the step and the missing service", () => {
    const build = (services: Record<string, never>) => () =>
      createEngine({
        catalog: createCatalog([parseFlowFile(FLOW, "hitung.yaml")]),
        runs: ctx.repos.flowRuns,
        translate: (_l, key) => key,
        services,
        optionSources: {},
        now: () => new Date(),
      });
    expect(build({})).toThrow(FlowFileError);
    expect(build({})).toThrow('hitung.yaml: steps[0].service: step "hitung" calls service "hitung.jumlah"');
  });
});
