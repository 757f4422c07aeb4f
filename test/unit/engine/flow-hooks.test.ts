import { describe, expect, it } from "vitest";
import { loadFlowDirectory, parseFlowFile } from "../../../src/engine/catalog.js";
import { checkFlowHooks } from "../../../src/engine/flow-hooks.js";
import { FLOWS_DIR } from "../../../src/paths.js";

const FLOW = `
id: daftar
version: 1
title: { id: Daftar }
start: unit
steps:
  - id: unit
    kind: choice
    text: { id: "Unit kerja?" }
    options: { source: org.units, searchable: true }
    next: simpan
  - id: simpan
    kind: compute
    service: daftar.simpan
    next: selesai
  - id: selesai
    kind: end
`;

const provided = { services: { "daftar.simpan": 1 }, optionSources: { "org.units": 1 } };

describe("the services and sources flows call", () => {
  it("finds nothing missing when every name is provided", () => {
    expect(checkFlowHooks([parseFlowFile(FLOW, "daftar.yaml")], provided)).toEqual([]);
  });

  it("names the file, the step and the service no feature provides", () => {
    const flow = parseFlowFile(FLOW.replace("daftar.simpan", "daftar.simpen"), "daftar.yaml");
    expect(checkFlowHooks([flow], provided)).toEqual([
      'daftar.yaml: steps[1].service: step "simpan" calls service "daftar.simpen", which nothing provides',
    ]);
  });

  it("names a missing option source the same way", () => {
    const flow = parseFlowFile(FLOW, "daftar.yaml");
    expect(checkFlowHooks([flow], { ...provided, optionSources: {} })).toEqual([
      'daftar.yaml: steps[0].options.source: step "unit" lists options from "org.units", which nothing provides',
    ]);
  });

  it("names a missing text source the same way", () => {
    const flow = parseFlowFile(
      FLOW.replace('{ id: "Unit kerja?" }', "{ from: org.question }"),
      "daftar.yaml",
    );
    expect(checkFlowHooks([flow], provided)).toEqual([
      'daftar.yaml: steps[0].text.from: step "unit" takes its text from "org.question", which nothing provides',
    ]);
    expect(checkFlowHooks([flow], { ...provided, textSources: { "org.question": 1 } })).toEqual([]);
  });

  it("does not take an object's inherited properties for services", () => {
    const flow = parseFlowFile(FLOW.replace("daftar.simpan", "constructor"), "daftar.yaml");
    expect(checkFlowHooks([flow], provided)).toHaveLength(1);
  });

  it("names the shipped flows by their file in flows/, as their parse errors do", () => {
    const problems = checkFlowHooks(loadFlowDirectory(FLOWS_DIR).all(), { services: {}, optionSources: {} });
    expect(problems).toContainEqual(
      'asesmen.yaml: steps[0].service: step "begin" calls service "assessment.begin", which nothing provides',
    );
  });
});
