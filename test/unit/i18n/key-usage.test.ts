import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTRACT_START_PROBLEMS, EMPLOYMENT_STATUSES } from "../../../src/domain/employment.js";
import { NIP_PROBLEMS } from "../../../src/domain/nip.js";
import { STAFF_ROLES } from "../../../src/domain/scope.js";
import { MEDIA_KINDS } from "../../../src/engine/types.js";
import { ANSWERS_OF } from "../../../src/features/broadcasts/acknowledgement.js";
import { AUDIENCES } from "../../../src/features/broadcasts/broadcasts.js";
import { NON_RESPONDER_CATEGORIES } from "../../../src/features/campaigns/categories/index.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { FLOWS_DIR, LOCALES_DIR, REPO_ROOT } from "../../../src/paths.js";
import { declaredApp } from "../../support/declarations.js";
import { keysInTypeScript, keysInYaml } from "./key-usage.js";

const walk = (dir: string, ext: RegExp): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p, ext) : ext.test(f) ? [p] : [];
  });

/** Keys the code builds at run time, from the sources that decide them. */
const DYNAMIC_KEYS = [
  ...NIP_PROBLEMS.map((p) => `nip-error-${p}`),
  ...CONTRACT_START_PROBLEMS.flatMap((p) => [`contract-start-${p}`, `import-contract-start-${p}`]),
  ...EMPLOYMENT_STATUSES.map((s) => `employment-${s}`),
  ...["WIB", "WITA", "WIT"].map((z) => `zone-${z}`),
  ...declaredApp().registry.listed.map((c) => c.descriptionKey),
  ...["asesmen", "hasil", "rekomendasi", "katalog", "pelatihan", "survei", "profil", "bahasa", "bantuan"].map(
    (m) => `menu-${m}`,
  ),
  ...["text", "number", "date", "nip"].map((k) => `input-hint-${k}`),
  ...["mentee", "mentor"].map((r) => `mentor-agreed-as-${r}`),
  ...["photo-pdf", "csv", "photo", "pdf", "photo-document"].flatMap((k) => [
    `input-hint-file-${k}`,
    `flow-expect-file-${k}`,
  ]),
  ...AUDIENCES.map((a) => `brd-audience-${a}`),
  ...["sent", "pending", "failed", "cancelled"].map((s) => `brd-channel-${s}`),
  ...Object.keys(ANSWERS_OF).flatMap((k) => [`brd-asks-${k}`, `brd-ack-counts-${k}`]),
  ...Object.values(ANSWERS_OF)
    .flat()
    .flatMap((a) => [`brd-ack-${a}`, `brd-ack-noted-${a}`]),
  ...["courses", "units", "people", "jabatan", "teknis"].map((k) => `import-${k}-done`),
  ...MEDIA_KINDS.map((k) => `media-${k}`),
  ...STAFF_ROLES.map((r) => `role-${r}`),
  ...NON_RESPONDER_CATEGORIES.flatMap((c) => [
    `${c.textPrefix}-line`,
    `${c.textPrefix}-title`,
    `${c.textPrefix}-open`,
    ...(c.remindable ? [`${c.textPrefix}-reminder`] : []),
  ]),
];

describe("every text the code or flows use exists in both languages", () => {
  const translator = loadTranslations(LOCALES_DIR);

  it("finds keys in source text (and ignores look-alikes)", () => {
    const src = `msg("flow-progress", { n }); x.t(locale, "nav-back"); t(conv, "nav-skip"); const a = { textKey: "zone-WIB" };
      console.log("not-a-key"); fetch("some-url");`;
    expect(keysInTypeScript(src).sort()).toEqual(["flow-progress", "nav-back", "nav-skip", "zone-WIB"]);
    expect(keysInYaml("label: { textKey: zone-WITA }\nid: x")).toEqual(["zone-WITA"]);
  });

  it("has every key referenced in src/ and flows/", () => {
    const missing: string[] = [];
    for (const file of walk(join(REPO_ROOT, "src"), /\.ts$/)) {
      for (const key of keysInTypeScript(readFileSync(file, "utf8"))) {
        if (!translator.has(key, "id")) missing.push(`${relative(REPO_ROOT, file)}: ${key}`);
      }
    }
    for (const file of walk(FLOWS_DIR, /\.ya?ml$/)) {
      for (const key of keysInYaml(readFileSync(file, "utf8"))) {
        if (!translator.has(key, "id")) missing.push(`${relative(REPO_ROOT, file)}: ${key}`);
      }
    }
    for (const key of DYNAMIC_KEYS)
      if (!translator.has(key, "id")) missing.push(`(built at run time): ${key}`);
    expect(missing).toEqual([]);
  });

  it("has the same keys in id.ftl and en.ftl", () => {
    const id = new Set(translator.keys("id"));
    const en = new Set(translator.keys("en"));
    expect([...id].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !id.has(k))).toEqual([]);
    expect(id.size).toBeGreaterThan(50);
  });
});
