import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed, expiring deep-link payloads (`t.me/<bot>?start=<payload>`). Telegram passes at most 64
 * characters of A–Z a–z 0–9 _ - to `/start`, so the payload is laid out by position, not by
 * separators: one character for the kind, six (base 36) for the expiry in minutes since 1970,
 * sixteen (base64url) for 96 bits of HMAC-SHA256, then the data. The data is lower-case text
 * (unit ids, command names, a linking code in lower case): its dots travel as `X`, the one
 * character it can never contain otherwise. Pure but for the HMAC.
 */

/** What a deep link does: join an account (`link`), register for a unit (`register`), open a command (`open`). */
export type DeepLinkKind = "link" | "register" | "open";

const KIND_CHAR: Record<DeepLinkKind, string> = { link: "l", register: "r", open: "o" };
const KIND_OF = new Map(Object.entries(KIND_CHAR).map(([k, c]) => [c, k as DeepLinkKind]));

/** Telegram's limit for a /start payload. */
export const MAX_PAYLOAD = 64;
/** The characters Telegram allows in a payload. */
export const PAYLOAD_CHARSET = /^[A-Za-z0-9_-]*$/;
const EXPIRY_CHARS = 6;
const MAC_CHARS = 16;
const HEAD = 1 + EXPIRY_CHARS + MAC_CHARS;
/** The longest data a payload carries. */
export const MAX_DATA = MAX_PAYLOAD - HEAD;
/** Data as the kinds carry it: lower-case ids and words. */
const DATA = /^[a-z0-9._-]*$/;

/** A verified payload. */
export interface DeepLink {
  kind: DeepLinkKind;
  data: string;
  expiresAt: Date;
}

/** Why a payload was refused: not one Pandu makes, signed with another key or changed, or too old. */
export type DeepLinkRefusal = "malformed" | "tampered" | "expired";

const mac = (secret: string, kind: string, expiry: string, data: string) =>
  createHmac("sha256", secret)
    .update(`pandu-deep-link|${kind}|${expiry}|${data}`)
    .digest()
    .subarray(0, (MAC_CHARS * 6) / 8)
    .toString("base64url");

/**
 * The payload for `link`, or undefined when its data cannot travel in one (longer than
 * `MAX_DATA`, or not lower-case id characters). The expiry is rounded up to the minute.
 */
export function signDeepLink(secret: string, link: DeepLink): string | undefined {
  if (link.data.length > MAX_DATA || !DATA.test(link.data)) return undefined;
  const minutes = Math.ceil(link.expiresAt.getTime() / 60_000);
  const expiry = minutes.toString(36).padStart(EXPIRY_CHARS, "0");
  if (expiry.length !== EXPIRY_CHARS || minutes < 0) return undefined;
  const kind = KIND_CHAR[link.kind];
  return `${kind}${expiry}${mac(secret, kind, expiry, link.data)}${link.data.replaceAll(".", "X")}`;
}

/** The link a payload stands for, or why it is refused; `now` decides expiry. */
export function verifyDeepLink(
  secret: string,
  payload: string,
  now: Date,
): { ok: true; link: DeepLink } | { ok: false; reason: DeepLinkRefusal } {
  if (payload.length <= HEAD || payload.length > MAX_PAYLOAD || !PAYLOAD_CHARSET.test(payload))
    return { ok: false, reason: "malformed" };
  const kindChar = payload[0]!;
  const kind = KIND_OF.get(kindChar);
  const expiry = payload.slice(1, 1 + EXPIRY_CHARS);
  const data = payload.slice(HEAD).replaceAll("X", ".");
  if (!kind || !/^[0-9a-z]+$/.test(expiry) || !DATA.test(data)) return { ok: false, reason: "malformed" };
  const given = Buffer.from(payload.slice(1 + EXPIRY_CHARS, HEAD));
  const expected = Buffer.from(mac(secret, kindChar, expiry, data));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "tampered" };
  const expiresAt = new Date(Number.parseInt(expiry, 36) * 60_000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, link: { kind, data, expiresAt } };
}
