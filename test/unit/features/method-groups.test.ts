import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { METHODS } from "../../../src/domain/learning-methods.js";
import { MAX_BUTTON_OPTIONS } from "../../../src/engine/engine.js";
import { METHOD_GROUPS, methodsOfGroup } from "../../../src/features/training/method-groups.js";
import { FLOWS_DIR } from "../../../src/paths.js";

describe("the groups /selesai offers the methods of a training outside the catalog in", () => {
  it("hold every method exactly once, each group within the buttons a list shows", () => {
    const grouped = Object.values(METHOD_GROUPS).flat();
    expect([...grouped].sort()).toEqual([...METHODS].sort());
    for (const methods of Object.values(METHOD_GROUPS))
      expect(methods.length).toBeLessThanOrEqual(MAX_BUTTON_OPTIONS);
  });

  it("are the options of the flow's group step, and nothing else names a group", () => {
    const flow = parse(readFileSync(join(FLOWS_DIR, "selesai.yaml"), "utf8")) as {
      steps: { id: string; options?: { id: string }[] }[];
    };
    const options = flow.steps.find((s) => s.id === "group")?.options?.map((o) => o.id);
    expect(options).toEqual(Object.keys(METHOD_GROUPS));
    expect(methodsOfGroup("toString")).toEqual([]);
    expect(methodsOfGroup(undefined)).toEqual([]);
    expect(methodsOfGroup("daring")).toContain("e-learning");
  });
});
