import { randomBytes } from "node:crypto";

/** A short random id (base32, 16 chars ≈ 80 bits); string ids keep ObjectId out of every other layer. */
export function newId(prefix = ""): string {
  const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  const bytes = randomBytes(16);
  let id = prefix;
  for (const b of bytes) id += alphabet[b & 31];
  return id;
}
