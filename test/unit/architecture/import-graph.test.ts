import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkImportGraph, formatViolation, layerOf, parseLayerTable } from "../../support/import-graph.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const layers = parseLayerTable(readFileSync(join(root, "README.md"), "utf8"));

/** Every .ts file under src/, keyed by its repository path with forward slashes. */
function sources(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(root, "src"), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path).split(sep).join("/"), readFileSync(path, "utf8"));
  }
  return files;
}

const real = sources();

/** The violations that start in the given made-up files, run over the real src/ plus them. */
function withFiles(made: Record<string, string>): string[] {
  const all = new Map([...real, ...Object.entries(made)]);
  return checkImportGraph(all, layers)
    .filter((v) => v.from in made)
    .map(formatViolation);
}

describe("import graph of src/", () => {
  it("keeps to the README's layer table and has no cycles", () => {
    const found = checkImportGraph(real, layers).map(formatViolation);
    expect(found, `\n${found.join("\n")}`).toEqual([]);
  });

  it("places every folder and file directly under src/ in a layer", () => {
    const named = new Set(layers.flatMap((l) => l.folders));
    const top = readdirSync(join(root, "src"), { withFileTypes: true }).map((e) =>
      e.isDirectory() ? `src/${e.name}/` : `src/${e.name}`,
    );
    expect(top.filter((entry) => !named.has(entry))).toEqual([]);
  });

  it("refuses a table row that names no layer or no src/ path", () => {
    const table = (row: string) => `| layer | folder | may import | packages |\n|---|---|---|---|\n${row}\n`;
    expect(() => parseLayerTable(table("| a | `src/a/` | b | |"))).toThrow(
      'may import "b", which is no layer',
    );
    expect(() => parseLayerTable(table("| a | `lib/a/` | — | |"))).toThrow("is no src/ folder or file");
  });

  it("places a feature's files in features and an adapter's in its own channel", () => {
    expect(layerOf("src/features/roles/index.ts", layers)?.name).toBe("features");
    expect(layerOf("src/channels/telegram/bot.ts", layers)?.name).toBe("telegram");
    expect(layerOf("src/channels/seen-ids.ts", layers)?.name).toBe("channels");
  });
});

describe("a forbidden import added to src/", () => {
  it("is reported when the domain imports mongoose or a Node built-in", () => {
    expect(
      withFiles({
        "src/domain/x.ts": 'import mongoose from "mongoose";\nimport { readFileSync } from "node:fs";\n',
      }),
    ).toEqual([
      "src/domain/x.ts → mongoose: domain imports only zod, date-fns, @date-fns/tz, node-cron",
      "src/domain/x.ts → node:fs: domain imports only zod, date-fns, @date-fns/tz, node-cron",
    ]);
  });

  it("is reported when the domain imports another layer, even for a type", () => {
    expect(
      withFiles({ "src/domain/x.ts": 'import type { Person } from "../db/models/index.js";\n' }),
    ).toEqual(["src/domain/x.ts → src/db/models/index.ts: domain may not import storage"]);
  });

  it("is reported when a feature reaches a channel, statically or dynamically", () => {
    expect(
      withFiles({
        "src/features/x/index.ts": [
          'import { createBot } from "../../channels/telegram/bot.js";',
          'export const later = () => import("../../http/server.js");',
        ].join("\n"),
      }),
    ).toEqual([
      "src/features/x/index.ts → src/channels/telegram/bot.ts: features may not import telegram",
      "src/features/x/index.ts → src/http/server.ts: features may not import http",
    ]);
  });

  it("is reported when a platform SDK is imported outside its channel", () => {
    expect(
      withFiles({
        "src/channels/telegram/x.ts": 'import { App } from "@slack/bolt";\n',
        "src/services/x.ts": [
          'import { Bot } from "grammy";',
          'import type { Model } from "mongoose";',
          'import { Schema } from "mongoose";',
        ].join("\n"),
      }),
    ).toEqual([
      "src/channels/telegram/x.ts → @slack/bolt: only slack may import @slack/bolt",
      "src/services/x.ts → grammy: only telegram may import grammy",
      "src/services/x.ts → mongoose: only storage may import mongoose",
    ]);
  });

  it("is reported when a lower layer imports a higher one", () => {
    expect(
      withFiles({
        "src/engine/x.ts": 'export { createAuditLog } from "../services/audit-log.js";\n',
        "src/delivery/x.ts": 'import type { Outbound } from "../engine/types.js";\n',
        "src/db/x.ts": 'import "../channels/seen-ids.js";\n',
      }),
    ).toEqual([
      "src/db/x.ts → src/channels/seen-ids.ts: storage may not import channels",
      "src/delivery/x.ts → src/engine/types.ts: delivery may not import engine",
      "src/engine/x.ts → src/services/audit-log.ts: engine may not import services",
    ]);
  });

  it("reports a cycle as its chain of files, but not one closed only by `import type`", () => {
    expect(
      withFiles({
        "src/domain/ping.ts": 'import { pong } from "./pong.js";\nexport const ping = () => pong;\n',
        "src/domain/pong.ts": 'import { ping } from "./ping.js";\nexport const pong = () => ping;\n',
        "src/domain/tick.ts": 'import type { Tock } from "./tock.js";\nexport type Tick = Tock[];\n',
        "src/domain/tock.ts": 'import { type Tick } from "./tick.js";\nexport type Tock = Tick;\n',
      }),
    ).toEqual([
      "src/domain/ping.ts → src/domain/pong.ts: cycle src/domain/ping.ts → src/domain/pong.ts → src/domain/ping.ts",
    ]);
  });

  it("is reported when a file sits in no layer or names no file", () => {
    expect(
      withFiles({
        "src/newthing/x.ts": "export const x = 1;\n",
        "src/services/x.ts": 'import { y } from "./no-such-file.js";\n',
      }),
    ).toEqual([
      "src/newthing/x.ts → src/newthing/x.ts: in no layer of the README table",
      "src/services/x.ts → ./no-such-file.js: does not name a .ts file under src/",
    ]);
  });
});
