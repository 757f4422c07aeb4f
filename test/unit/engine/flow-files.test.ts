import { describe, expect, it } from "vitest";
import { FlowFileError, loadFlowDirectory, parseFlowFile } from "../../../src/engine/catalog.js";
import { FLOWS_DIR } from "../../../src/paths.js";

describe("flow files", () => {
  it("loads every flow shipped in flows/", () => {
    const catalog = loadFlowDirectory(FLOWS_DIR);
    expect(catalog.byCommand("start")?.id).toBe("onboarding");
    expect(catalog.byCommand("profil")?.id).toBe("profil");
  });

  it("names file, path and problem for a broken flow, and every problem at once", () => {
    const broken = `
id: rusak
version: 1
title: { id: Rusak }
start: pertama
steps:
  - id: pertama
    kind: choice
    text: { id: "Pilih" }
    options:
      - { id: a, label: { id: A }, next: hilang }
  - id: pertama
    kind: end
`;
    let error: unknown;
    try {
      parseFlowFile(broken, "flows/rusak.yaml");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FlowFileError);
    const message = (error as Error).message;
    expect(message).toContain('flows/rusak.yaml: steps[1].id: duplicate step id "pertama"');
    expect(message).toContain('flows/rusak.yaml: steps[0].options[0].next: points to unknown step "hilang"');
  });

  it("reports a YAML syntax error with its line", () => {
    expect(() => parseFlowFile("id: x\n  steps: [", "flows/x.yaml")).toThrow(/flows\/x\.yaml: line \d+/);
  });

  it("refuses unknown fields and step kinds", () => {
    const flow = (step: string) => `id: x\nversion: 1\ntitle: { id: X }\nstart: a\nsteps:\n  - ${step}\n`;
    expect(() => parseFlowFile(flow("{ id: a, kind: dance }"), "x.yaml")).toThrow(/steps\[0\]/);
    expect(() => parseFlowFile(flow("{ id: a, kind: end, warna: merah }"), "x.yaml")).toThrow(
      /warna|Unrecognized/,
    );
  });
});
