import { createHash, randomInt, timingSafeEqual } from "node:crypto";

/**
 * Letters and digits no one confuses when reading a code aloud or off a phone (no 0/O, 1/I/L, U/V);
 * ten of them are about 10^14 codes, against a handful of tries per account and a global limit.
 */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789";
export const CODE_LENGTH = 10;

/** A fresh code from CODE_ALPHABET (linking codes and activation codes alike). */
export function newOneTimeCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/** What a person typed, as a code: upper case, spaces and dashes dropped; undefined if it cannot be one. */
export function normalizeCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, "");
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : undefined;
}

/** ABCDE-FGHJK: two halves, easier to copy. */
export const shownCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/** The stored form of a code that must outlive the moment it is shown: its SHA-256, never the code. */
export const hashCode = (code: string): string => createHash("sha256").update(code).digest("hex");

/** Whether a typed code (already normalized) matches a stored hash, in constant time. */
export function codeMatches(code: string, storedHash: string): boolean {
  const a = Buffer.from(hashCode(code), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
