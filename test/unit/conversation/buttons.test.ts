import { describe, expect, it } from "vitest";
import { buttonCodec } from "../../../src/features/feature.js";
import { declaredApp } from "../../support/declarations.js";

const course = buttonCodec("course", "crs", { detail: ["d", 1], enrol: ["e", 1], weekly: ["w", [1, 2]] });

describe("a button codec", () => {
  it("packs an action and its ids, and parses them back by name", () => {
    expect(course.pack("enrol", "k3y")).toBe("crs|e|k3y");
    expect(course.parse("crs|e|k3y")).toEqual({ action: "enrol", args: ["k3y"] });
    expect(course.parse("crs|w|on|u1")).toEqual({ action: "weekly", args: ["on", "u1"] });
  });

  it("refuses data it did not issue: another prefix, an unknown code, a wrong count, free text", () => {
    for (const data of [
      "rem|e|k3y",
      "crs|z|k3y",
      "crs|e",
      "crs|e|a|b",
      'crs|e|{"$gt":""}',
      "crs|e|a b",
      "crs|e|",
    ])
      expect(course.parse(data), data).toBeUndefined();
    expect(course.parse(`crs|e|${"a".repeat(41)}`)).toBeUndefined();
  });
});

/** Button data as Pandu wrote it before features declared their codecs (in chats and queued messages). */
const SENT_BEFORE = [
  "crs|d|Ab12Cd34Ef",
  "crs|e|Ab12Cd34Ef",
  "crs|y|Ab12Cd34Ef",
  "crs|n|Ab12Cd34Ef",
  "crs|c|Ab12Cd34Ef",
  "crs|x|Ab12Cd34Ef",
  "crs|l|Ab12Cd34Ef",
  "rem|h|Ab12Cd34Ef",
  "rem|t|Ab12Cd34Ef",
  "rem|s1|Ab12Cd34Ef",
  "rem|sb|Ab12Cd34Ef",
  "srv|o|Ab12Cd34Ef",
  "srv|a|Ab12Cd34Ef|0|3",
  "srv|b|Ab12Cd34Ef",
  "pgr|q|2100-0600",
  "pgr|n|pause",
  "pgr|t|off",
  "pgr|s|on",
  "mnt|on",
  "mnt|off",
  "mnt|r|M.3",
  "mnt|a|Ab12Cd34Ef",
  "mnt|d|Ab12Cd34Ef",
  "prv|y|mh3k2",
  "prv|n",
  "rks|u|Ab12Cd34Ef|2026",
  "rks|w|on|Ab12Cd34Ef",
  "rks|w|off",
  "brd|x|Ab12Cd34Ef",
  "per|m",
  "per|g|0",
  "trn|siasn",
  "cmd|rekomendasi",
  "lang|en",
  "start|selesai",
];

describe("buttons already sent before the codecs", () => {
  const { registry } = declaredApp();
  it("are each recognised by the feature that answers them", () => {
    for (const data of SENT_BEFORE) {
      const declared = registry.button(data);
      expect(declared, data).toBeDefined();
      expect(declared!.codec.parse(data), data).toBeDefined();
    }
  });

  it("give every declared codec a distinct prefix, and samples that it parses", () => {
    const prefixes = registry.buttons().map((b) => b.codec.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const b of registry.buttons())
      for (const s of b.codec.samples()) expect(b.codec.parse(s), s).toBeDefined();
  });
});
