import { describe, expect, it } from "vitest";
import { splitAtBreaks } from "../../../src/channels/split-text.js";

describe("splitAtBreaks", () => {
  it("keeps a text that fits whole", () => {
    expect(splitAtBreaks("Halo, Ani.", 20)).toEqual(["Halo, Ani."]);
  });

  it("cuts at a paragraph break, then a line break, losing no word", () => {
    const text = `${"a".repeat(12)}\n\n${"b".repeat(12)}\n${"c".repeat(5)}`;
    const parts = splitAtBreaks(text, 20);
    expect(parts).toEqual(["a".repeat(12), `${"b".repeat(12)}\n${"c".repeat(5)}`]);
  });

  it("cuts between words when a paragraph has no line break", () => {
    const words = Array.from({ length: 30 }, (_, i) => `kata${i}`);
    const parts = splitAtBreaks(words.join(" "), 40);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(40);
    expect(parts.join(" ").split(" ")).toEqual(words);
  });

  it("never splits an emoji into two halves when it must cut inside a word", () => {
    // 19 letters then emoji: the emoji's two code units sit at 19 and 20, across the limit.
    const text = `${"x".repeat(19)}📊${"y".repeat(30)}`;
    const parts = splitAtBreaks(text, 20);
    expect(parts.join("")).toBe(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(20);
      // A lone half of a pair would be replaced by U+FFFD on the way through UTF-8.
      expect(Buffer.from(part).toString()).toBe(part);
    }
  });
});
