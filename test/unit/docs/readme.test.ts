import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Access } from "../../../src/features/feature.js";
import { REPO_ROOT } from "../../../src/paths.js";
import { declaredApp } from "../../support/declarations.js";

/**
 * The README as a guide that stays true: its table of commands says who may use each one as the
 * features declare it, it links nowhere outside the repository, and every path it names exists.
 */
const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
const TABLE_HEADING = "Commands and who may use them";

/** How the README writes an access rule. */
function whoMayUse(access: Access): string {
  if (access === "anyone") return "everyone, also before registering";
  if (access === "registered") return "registered ASN";
  return access.join(" or ");
}

/** The README without fenced code blocks, which hold examples rather than links. */
function withoutCodeBlocks(markdown: string): string {
  let fence: string | undefined;
  const kept: string[] = [];
  for (const line of markdown.split("\n")) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker) fence = marker;
    else if (fence !== undefined && marker?.startsWith(fence)) fence = undefined;
    else if (fence === undefined) kept.push(line);
  }
  return kept.join("\n");
}

/** The same, with inline code spans removed too: what a reader sees as prose. */
function prose(markdown: string): string {
  return withoutCodeBlocks(markdown).replace(/(`+)[\s\S]*?\1/g, "");
}

/** Cells of one table row, split on unescaped pipes. */
function cellsOf(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** The rows of the table under the heading `title`: its cells, header and separator left out. */
function tableUnder(markdown: string, title: string): string[][] {
  const lines = markdown.split("\n");
  const heading = lines.findIndex((l) => /^#{1,6}\s/.test(l) && l.replace(/^#+\s*/, "").trim() === title);
  if (heading < 0) throw new Error(`README.md has no heading "${title}"`);
  const start = lines.findIndex((l, i) => i > heading && l.trimStart().startsWith("|"));
  const next = lines.findIndex((l, i) => i > heading && /^#{1,6}\s/.test(l));
  if (start < 0 || (next >= 0 && start > next)) throw new Error(`README.md has no table under "${title}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trimStart().startsWith("|")) break;
    rows.push(cellsOf(line));
  }
  return rows;
}

interface Row {
  /** The command's name, or its variant's name for a row written with an argument. */
  key: string;
  /** The command as written, `/survei hasil`. */
  shown: string;
  who: string;
}

/** What the features declare: one row per listed command, then one per variant of it. */
function declaredRows(): Row[] {
  const { registry } = declaredApp();
  const rows: Row[] = [];
  for (const listed of registry.listed) {
    rows.push({ key: listed.name, shown: `/${listed.name}`, who: whoMayUse(listed.access) });
    const command = registry.commands().find((c) => c.name === listed.name);
    for (const v of command?.variants ?? [])
      rows.push({
        key: v.name,
        shown: `/${listed.name} ${v.args} (variant ${v.name})`,
        who: whoMayUse(v.access),
      });
  }
  return rows;
}

/**
 * What the README's table says. A row written with an argument (`/tautkan KODE`) stands for the
 * variant the router would pick for that argument: the first whose `args` match, as it does.
 */
function readmeRows(): Row[] {
  const { registry } = declaredApp();
  return tableUnder(README, TABLE_HEADING).map(([commandCell = "", who = ""]) => {
    const shown = (/`([^`]+)`/.exec(commandCell)?.[1] ?? commandCell).trim();
    const [, name = "", args = ""] = /^\/?(\S+)\s*(.*)$/.exec(shown) ?? [];
    if (!args) return { key: name, shown, who };
    const variant = registry
      .commands()
      .find((c) => c.name === name)
      ?.variants?.find((v) => v.args.test(args));
    return { key: variant?.name ?? `${name} ${args}`, shown, who };
  });
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .replace(/`/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Every heading's anchor, with GitHub's -1, -2… for repeated ones. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of withoutCodeBlocks(markdown).split("\n")) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = anchorOf(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Targets of markdown links and images, inline `[x](target)` and reference `[x]: target`. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)].map((m) => m[1]!);
  const reference = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!);
  return [...inline, ...reference];
}

/** True when `path` (relative to the repository root) stays inside it and exists. */
function existsInRepo(path: string): boolean {
  const full = resolve(REPO_ROOT, path);
  const rel = relative(REPO_ROOT, full);
  return !rel.startsWith("..") && !isAbsolute(rel) && existsSync(full);
}

describe("the README's table of commands", () => {
  const declared = declaredRows();
  const written = readmeRows();

  it("has a row for every command and variant the features declare, saying who may use it", () => {
    const byKey = new Map(written.map((r) => [r.key, r]));
    const missing = declared
      .filter((d) => !byKey.has(d.key))
      .map((d) => `${d.shown} (${d.who}) has no row in README.md's "${TABLE_HEADING}" table`);
    const wrong = declared
      .filter((d) => byKey.has(d.key) && byKey.get(d.key)!.who !== d.who)
      .map((d) => `${byKey.get(d.key)!.shown}: README says "${byKey.get(d.key)!.who}", declared "${d.who}"`);
    const problems = [...missing, ...wrong];
    expect(problems, `\n${problems.join("\n")}`).toEqual([]);
  });

  it("has no row for a command that is not declared, nor any row twice", () => {
    const known = new Set(declared.map((d) => d.key));
    const extra = written.filter((r) => !known.has(r.key)).map((r) => `${r.shown} is declared by no feature`);
    const twice = written
      .filter((r, i) => written.findIndex((o) => o.key === r.key) !== i)
      .map((r) => `${r.shown} has more than one row`);
    const problems = [...extra, ...twice];
    expect(problems, `\n${problems.join("\n")}`).toEqual([]);
  });

  it("lists them in the order of the menus and /bantuan, each variant after its command", () => {
    expect(written.map((r) => r.key)).toEqual(declared.map((d) => d.key));
  });

  it("says what each one does", () => {
    const empty = tableUnder(README, TABLE_HEADING).filter((cells) => !cells[2]);
    expect(empty.map((cells) => cells[0])).toEqual([]);
  });
});

describe("links and paths in the README", () => {
  it("links nowhere outside the repository", () => {
    const outside = [
      ...(prose(README).match(/\bhttps?:\/\/[^\s)>\]]*/g) ?? []),
      ...linkTargets(README).filter((t) => /^[a-z][a-z0-9+.-]*:/i.test(t)),
    ];
    expect(outside).toEqual([]);
  });

  it("links only to files, folders and headings that exist", () => {
    const headings = anchors(README);
    const broken = linkTargets(README).filter((target) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return false; // the test above reports these
      const [path = "", anchor] = target.split("#");
      if (!path) return anchor === undefined || !headings.has(decodeURIComponent(anchor));
      return !existsInRepo(decodeURIComponent(path));
    });
    expect(broken).toEqual([]);
  });

  it("names only src/ files and folders that exist", () => {
    const named = [...README.matchAll(/`(src\/[^`\s]*)`/g)]
      .map((m) => m[1]!.split("#")[0]!.replace(/[.,:;]+$/, ""))
      // Patterns such as src/features/<name>/ stand for many paths.
      .filter((p) => !/[<*{]/.test(p))
      .filter((p) => p.endsWith("/") || /\.[a-z0-9]+$/i.test(p.split("/").pop()!));
    expect(named.length).toBeGreaterThan(20);
    const missing = [...new Set(named)].filter((p) => !existsInRepo(p));
    expect(missing).toEqual([]);
  });

  it("finds the things it checks for (the checks themselves are sound)", () => {
    const sample = [
      "See [docs](https://example.org) and [here](src/x.ts#a) and <https://y.org>.",
      "```sh",
      "curl https://inside.code.block",
      "```",
      "`https://in.a.code.span`",
      "[ref]: ../outside.md",
    ].join("\n");
    expect(prose(sample)).not.toContain("inside.code.block");
    expect(prose(sample)).not.toContain("in.a.code.span");
    expect(prose(sample).match(/\bhttps?:\/\/[^\s)>\]]*/g)).toEqual(["https://example.org", "https://y.org"]);
    expect(linkTargets(sample)).toEqual(["https://example.org", "src/x.ts#a", "../outside.md"]);
    expect(existsInRepo("../outside.md")).toBe(false);
    expect(existsInRepo("src/app.ts")).toBe(true);
    expect(anchorOf("Storage rules (MongoDB and FerretDB 1.24)")).toBe(
      "storage-rules-mongodb-and-ferretdb-124",
    );
    expect(anchorOf("Privacy (UU PDP)")).toBe("privacy-uu-pdp");
  });
});
