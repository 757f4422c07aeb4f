import { Binary } from "mongodb";
import { describe, expect, it } from "vitest";
import { decodeRun, encodeRun } from "../../../src/db/repositories/flow-runs.js";

const at = new Date("2026-12-05T02:30:00Z");

describe("a flow run's state, stored as one field", () => {
  it("comes back as it went in: dates stay dates, numbers keep their value, lists keep their order", () => {
    const run = {
      _id: "r1",
      personId: "p1",
      stepId: "ask",
      seq: 7,
      answers: {
        responses: [
          { c: "M.1", l: 2, i: 0, s: 4 },
          { c: "M.1", l: 2, i: 1, s: 3 },
        ],
        required: [{ c: "M.1", l: 3 }],
        standard: { standardSource: "skj", jabatanId: "j-1" },
        score: 3.5,
        intro: true,
        when: at,
        nothing: null,
      },
      trail: ["intro", "ask", "ask"],
      offered: [{ id: "u1", label: "Bidang Pelayanan Kesehatan" }],
    };
    const stored = encodeRun(run);
    expect(Object.keys(stored).sort()).toEqual(["_id", "personId", "seq", "state", "stepId"]);
    // As the driver hands it back after a read.
    const read = decodeRun({ ...stored, state: new Binary(stored.state) });
    expect(read).toEqual(run);
    expect(read.answers.when).toBeInstanceOf(Date);
  });

  it("reads a run stored before the state was one field, and fills what it lacks", () => {
    expect(decodeRun({ _id: "r2", answers: { consent: "ya" }, trail: ["consent"] })).toEqual({
      _id: "r2",
      answers: { consent: "ya" },
      trail: ["consent"],
      offered: [],
    });
    expect(decodeRun({ _id: "r3" })).toEqual({ _id: "r3", answers: {}, trail: [], offered: [] });
  });

  it("prefers the one field when a run has both (its old fields are removed on the same write)", () => {
    const stored = encodeRun({ answers: { name: "Budi" }, trail: ["name"], offered: [] });
    expect(decodeRun({ ...stored, answers: { name: "lama" }, trail: [] })).toEqual({
      answers: { name: "Budi" },
      trail: ["name"],
      offered: [],
    });
  });
});
