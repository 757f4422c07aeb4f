import { describe, expect, it } from "vitest";
import { countedInSteps, MIN_GROUP } from "../../../src/domain/survey.js";

describe("anonymous results in steps of 5 answers", () => {
  it("count the first whole steps in order of arrival", () => {
    const arrivals = Array.from({ length: 17 }, (_, i) => i);
    expect(MIN_GROUP).toBe(5);
    expect(countedInSteps(arrivals.slice(0, 4))).toEqual([]);
    expect(countedInSteps(arrivals.slice(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(countedInSteps(arrivals)).toEqual(arrivals.slice(0, 15));
  });

  it("do not change when one more answer arrives, unless it completes a step", () => {
    const arrivals = Array.from({ length: 30 }, (_, i) => i);
    for (let n = 0; n < 29; n++) {
      const before = countedInSteps(arrivals.slice(0, n));
      const after = countedInSteps(arrivals.slice(0, n + 1));
      if ((n + 1) % 5 === 0) expect(after).toEqual([...before, ...arrivals.slice(n - 4, n + 1)]);
      else expect(after).toEqual(before);
    }
  });
});
