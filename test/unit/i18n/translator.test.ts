import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocaleFileError, loadTranslations } from "../../../src/i18n/i18n.js";

const dirWith = (id: string, en: string) => {
  const dir = mkdtempSync(join(tmpdir(), "pandu-ftl-"));
  writeFileSync(join(dir, "id.ftl"), id);
  writeFileSync(join(dir, "en.ftl"), en);
  return dir;
};

describe("translator", () => {
  it("fills arguments without invisible isolation marks, and falls back to Indonesian", () => {
    const t = loadTranslations(
      dirWith("salam = Halo, { $name }!\nhanya-id = Khusus\n", "salam = Hello, { $name }!\n"),
    );
    expect(t.t("en", "salam", { name: "Siti" })).toBe("Hello, Siti!");
    expect(t.t("id", "salam", { name: "Siti" })).toBe("Halo, Siti!");
    expect(t.t("en", "hanya-id")).toBe("Khusus");
    expect(t.t("id", "salam", { name: "Siti" })).not.toMatch(/[\u2068\u2069]/);
  });

  it("shows a missing key in brackets and reports it once, never throwing", () => {
    const reported: string[] = [];
    const t = loadTranslations(dirWith("a = A\n", "a = A\n"), (k) => reported.push(k));
    expect(t.t("id", "tidak-ada")).toBe("[tidak-ada]");
    expect(t.t("en", "tidak-ada")).toBe("[tidak-ada]");
    expect(reported).toEqual(["tidak-ada"]);
  });

  it("refuses a broken .ftl file, naming it", () => {
    expect(() => loadTranslations(dirWith("a = A\n= rusak\n", "a = A\n"))).toThrow(LocaleFileError);
    expect(() => loadTranslations(dirWith("a = A\n= rusak\n", "a = A\n"))).toThrow(/id\.ftl/);
  });
});

describe("numbers in texts", () => {
  it("groups real quantities the Indonesian way but leaves identifiers passed as strings alone", async () => {
    const { LOCALES_DIR } = await import("../../../src/paths.js");
    const t = loadTranslations(LOCALES_DIR);
    expect(t.t("id", "jp-min-standing", { total: 12, limit: 20, period: "2026" })).toBe("12 / 20 JP (2026)");
    expect(t.t("id", "startup-ready", { port: "33827" })).toContain("localhost:33827/");
  });
});

describe("plural-style selectors", () => {
  it("reads a select expression closed at the start of a line, and picks the variant", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "pandu-ftl-sel-"));
    const ftl = "gaps = { $n ->\n    [0] Tidak ada.\n   *[other] Ada { $n }.\n}\n";
    writeFileSync(join(dir, "id.ftl"), ftl);
    writeFileSync(join(dir, "en.ftl"), ftl);
    const t = loadTranslations(dir);
    expect(t.t("id", "gaps", { n: 0 })).toBe("Tidak ada.");
    expect(t.t("id", "gaps", { n: 3 })).toBe("Ada 3.");
  });
});
