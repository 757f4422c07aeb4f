import { describe, expect, it } from "vitest";
import type { Step } from "../../../src/engine/schema.js";
import { validateInput } from "../../../src/engine/validate-input.js";

type InputStep = Extract<Step, { kind: "input" }>;
const dateStep = (validate: InputStep["validate"]): InputStep =>
  ({
    id: "d",
    kind: "input",
    input: "date",
    text: { id: "Tanggal?" },
    validate,
    next: "x",
    skippable: false,
  }) as InputStep;

describe("date answers bounded by today", () => {
  // 25 November 2026, 23.30 WIB: already the 26th in WITA and WIT.
  const today = new Date("2026-11-25T16:30:00Z");

  it("accepts today or later for notBefore today, judged in WIB so nobody's today is refused", () => {
    const step = dateStep({ notBefore: "today" });
    expect(validateInput(step, "25-11-2026", today)).toEqual({ ok: true, value: "2026-11-25" });
    expect(validateInput(step, "2026-11-26", today)).toEqual({ ok: true, value: "2026-11-26" });
    expect(validateInput(step, "24-11-2026", today)).toMatchObject({
      ok: false,
      problem: { key: "input-date-too-early" },
    });
  });

  it("accepts today or earlier for notAfter today, judged in WIT", () => {
    const step = dateStep({ notAfter: "today" });
    expect(validateInput(step, "26-11-2026", today)).toEqual({ ok: true, value: "2026-11-26" });
    expect(validateInput(step, "27-11-2026", today)).toMatchObject({
      ok: false,
      problem: { key: "input-date-too-late" },
    });
  });
});
