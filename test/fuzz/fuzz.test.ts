import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database.js";
import { runFuzz } from "./fuzz.js";

const ctx = useTestDatabase();

/** The slice of `npm run fuzz` that every CI run takes: a fixed seed, so a failure replays. */
const SEED = 20261125;

describe("random inputs to every flow", () => {
  it("never crash, never leave a conversation at a step its flow lacks, and only send known messages", async () => {
    const result = await runFuzz({ database: ctx.db, seed: SEED, inputs: 1_000 });
    // A failure names its seed and step: FUZZ_SEED=<seed> npm run fuzz replays it.
    expect(result.failures).toEqual([]);
    expect(result.replies).toBeGreaterThan(900);
    expect(Object.keys(result.byKind).sort()).toEqual(["button", "command", "file", "text", "unsupported"]);
  }, 600_000);
});
