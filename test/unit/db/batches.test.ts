import { describe, expect, it } from "vitest";
import { IN_BATCH, readInBatches } from "../../../src/db/repositories/batches.js";

describe("readInBatches", () => {
  it("asks for at most 1,000 distinct values at a time and returns every answer", async () => {
    const asked: number[] = [];
    const ids = Array.from({ length: 2_500 }, (_, i) => `p${i % 2_300}`);
    const found = await readInBatches(ids, async (batch) => {
      asked.push(batch.length);
      return batch.map((id) => `${id}!`);
    });
    expect(asked).toEqual([IN_BATCH, IN_BATCH, 300]);
    expect(found).toHaveLength(2_300);
    expect(new Set(found).size).toBe(2_300);
  });

  it("asks nothing for no values", async () => {
    let calls = 0;
    expect(await readInBatches([], async () => [calls++])).toEqual([]);
    expect(calls).toBe(0);
  });
});
