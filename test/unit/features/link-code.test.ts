import { describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  newLinkCode,
  normalizeCode,
  shownCode,
} from "../../../src/features/linking/linking.js";

describe("linking codes", () => {
  it("are ten characters no one misreads, different each time", () => {
    const codes = new Set(Array.from({ length: 2000 }, newLinkCode));
    expect(codes.size).toBe(2000);
    for (const c of codes) {
      expect(c).toHaveLength(CODE_LENGTH);
      expect(c).toMatch(/^[A-Z2-9]+$/);
      expect(c).not.toMatch(/[01OIL]/);
    }
    // About 10^14 codes: five tries per account and a hundred in all per ten minutes never find one.
    expect(CODE_ALPHABET.length ** CODE_LENGTH).toBeGreaterThan(1e14);
  });

  it("are read back however they were typed, and nothing else is taken for one", () => {
    const code = newLinkCode();
    for (const typed of [
      code,
      shownCode(code),
      shownCode(code).toLowerCase(),
      ` ${code.slice(0, 5)} ${code.slice(5)} `,
    ])
      expect(normalizeCode(typed)).toBe(code);
    for (const typed of ["123456", "ABCDE-FGHJ", "ABCDE-FGHJKM", "ABCDE-FGHJ0", "OOOOO-OOOOO", "<script>"])
      expect(normalizeCode(typed)).toBeUndefined();
  });
});
