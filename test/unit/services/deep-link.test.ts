import { describe, expect, it } from "vitest";
import {
  type DeepLinkKind,
  MAX_DATA,
  MAX_PAYLOAD,
  PAYLOAD_CHARSET,
  signDeepLink,
  verifyDeepLink,
} from "../../../src/services/deep-link.js";
import { createDeepLinks, OPENABLE_COMMANDS } from "../../../src/services/deep-links.js";
import { declaredApp } from "../../support/declarations.js";

const SECRET = "a-test-secret-of-at-least-thirty-two-chars";
const now = new Date("2026-11-25T02:00:00Z");
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const sign = (kind: DeepLinkKind, data: string, expiresAt = later(60)) =>
  signDeepLink(SECRET, { kind, data, expiresAt })!;

describe("deep-link payloads", () => {
  it("round-trip every kind, within Telegram's 64 characters of A–Z a–z 0–9 _ -", () => {
    const longest = "a.b-c_d".padEnd(MAX_DATA, "x");
    for (const [kind, data] of [
      ["link", "abcdefghjk"],
      ["register", "jambi.dinkes.yankes"],
      ["open", "asesmen"],
      ["register", longest],
    ] as const) {
      const payload = sign(kind, data);
      expect(payload.length).toBeLessThanOrEqual(MAX_PAYLOAD);
      expect(payload).toMatch(PAYLOAD_CHARSET);
      const read = verifyDeepLink(SECRET, payload, now);
      expect(read).toEqual({ ok: true, link: { kind, data, expiresAt: later(60) } });
    }
  });

  it("refuses data that cannot travel: too long, or not lower-case id characters", () => {
    expect(
      signDeepLink(SECRET, { kind: "register", data: "x".repeat(MAX_DATA + 1), expiresAt: later(1) }),
    ).toBe(undefined);
    expect(signDeepLink(SECRET, { kind: "open", data: "Asesmen", expiresAt: later(1) })).toBe(undefined);
    expect(signDeepLink(SECRET, { kind: "open", data: "a b", expiresAt: later(1) })).toBe(undefined);
  });

  it("refuses a payload changed anywhere: kind, expiry, signature or data", () => {
    const payload = sign("register", "jambi.dinkes");
    for (let i = 0; i < payload.length; i++) {
      const c = payload[i]!;
      const swapped = c === "a" ? "b" : "a";
      const changed = payload.slice(0, i) + swapped + payload.slice(i + 1);
      const read = verifyDeepLink(SECRET, changed, now);
      expect(read.ok, `a change at ${i}`).toBe(false);
    }
    // Another unit with the first unit's signature.
    const forged = payload.replace("dinkes", "bkpsdm");
    expect(verifyDeepLink(SECRET, forged, now)).toEqual({ ok: false, reason: "tampered" });
    // Signed with another key.
    const foreign = signDeepLink("another-secret-entirely-of-32-chars!", {
      kind: "register",
      data: "jambi.dinkes",
      expiresAt: later(60),
    })!;
    expect(verifyDeepLink(SECRET, foreign, now)).toEqual({ ok: false, reason: "tampered" });
  });

  it("expires at its minute, and a later expiry cannot be written in", () => {
    const payload = sign("open", "survei", later(10));
    expect(verifyDeepLink(SECRET, payload, later(9)).ok).toBe(true);
    expect(verifyDeepLink(SECRET, payload, later(10))).toEqual({ ok: false, reason: "expired" });
    const stretched = `${payload.slice(0, 1)}zzzzzz${payload.slice(7)}`;
    expect(verifyDeepLink(SECRET, stretched, now)).toEqual({ ok: false, reason: "tampered" });
  });

  it("calls anything else malformed: empty, too long, other characters, unknown kind", () => {
    for (const bad of [
      "",
      "abc",
      "x".repeat(65),
      `${sign("open", "hasil")}!`,
      `q${sign("open", "hasil").slice(1)}`,
    ])
      expect(verifyDeepLink(SECRET, bad, now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("links to the bot once its username is known; opens only everyone's registered commands", () => {
    const links = createDeepLinks({ secret: SECRET, now: () => now });
    expect(links.make("open", "hasil", later(5))?.url).toBe(undefined);
    expect(links.openCommand("asesmen")).toBe(undefined);
    links.useTelegramBot("PanduBot");
    expect(links.openCommand("asesmen")).toMatch(/^https:\/\/t\.me\/PanduBot\?start=o[A-Za-z0-9_-]+$/);
    expect(links.openCommand("peran")).toBe(undefined);
    const { registry } = declaredApp();
    for (const name of OPENABLE_COMMANDS) expect(registry.command(name)?.access, name).toBe("registered");
  });
});
