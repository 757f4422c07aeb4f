import { posix } from "node:path";
import ts from "typescript";

/** One row of the README's layer table. */
export interface Layer {
  name: string;
  /** `src/x/` (everything under it) or `src/x.ts` (that file). */
  folders: string[];
  /** Names of other layers this one may import, or "any". A layer may always import itself. */
  mayImport: string[] | "any";
  /** Package names or `scope/*` patterns named in the row. */
  packages: string[];
  /** True when the row reads "only …": the layer imports no package beyond those it names. */
  onlyNamedPackages: boolean;
}

/** One import the table forbids, or a cycle, or a file the table does not place. */
export interface Violation {
  kind: "layer" | "package" | "cycle" | "unplaced" | "unresolved";
  from: string;
  /** A file under src/, or a package name. */
  to: string;
  rule: string;
}

/** One specifier written in a file, and whether it is gone at run time. */
export interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

/** The static imports, re-exports and string-literal dynamic imports of one TypeScript source. */
export function importsOf(fileName: string, source: string): ImportRef[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: ImportRef[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      // Under verbatimModuleSyntax `import { type A } from "x"` still loads x; only `import type` is erased.
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly ?? false });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The package a bare specifier names: `date-fns/locale` → `date-fns`, `@slack/bolt/x` → `@slack/bolt`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

function matchesPackage(pattern: string, name: string): boolean {
  return pattern.endsWith("/*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

/** The file a relative specifier names, if it is in `files`: `./x.js` → `x.ts`, `./x` → `x.ts` or `x/index.ts`. */
export function resolveRelative(from: string, specifier: string, files: ReadonlyMap<string, string>) {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = /\.[cm]?js$/.test(base)
    ? [base.replace(/\.([cm]?)js$/, ".$1ts")]
    : [base, `${base}.ts`, `${base}/index.ts`];
  return candidates.find((c) => files.has(c));
}

/** The layer a file belongs to: the row naming the file itself, else the longest folder holding it. */
export function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  let best: { layer: Layer; length: number } | undefined;
  for (const layer of layers) {
    for (const folder of layer.folders) {
      const holds = folder.endsWith("/") ? file.startsWith(folder) : file === folder;
      if (holds && (best === undefined || folder.length > best.length)) {
        best = { layer, length: folder.length };
      }
    }
  }
  return best?.layer;
}

/**
 * Checks every file's imports against the layer table and looks for cycles. Type-only imports
 * count for the table but not for cycles, since they are erased before anything runs.
 */
export function checkImportGraph(files: ReadonlyMap<string, string>, layers: readonly Layer[]): Violation[] {
  const violations: Violation[] = [];
  const runtimeEdges = new Map<string, Set<string>>();
  for (const [file, source] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const edges = new Set<string>();
    runtimeEdges.set(file, edges);
    const own = layerOf(file, layers);
    if (own === undefined) {
      violations.push({ kind: "unplaced", from: file, to: file, rule: "in no layer of the README table" });
    }
    for (const { specifier, typeOnly } of importsOf(file, source)) {
      if (!specifier.startsWith(".")) {
        const rule = own && packageRule(own, packageOf(specifier), layers);
        if (rule) violations.push({ kind: "package", from: file, to: packageOf(specifier), rule });
        continue;
      }
      const target = resolveRelative(file, specifier, files);
      if (target === undefined) {
        violations.push({
          kind: "unresolved",
          from: file,
          to: specifier,
          rule: "does not name a .ts file under src/",
        });
        continue;
      }
      if (!typeOnly) edges.add(target);
      const theirs = layerOf(target, layers);
      if (own === undefined || theirs === undefined || theirs === own) continue;
      if (own.mayImport !== "any" && !own.mayImport.includes(theirs.name)) {
        violations.push({
          kind: "layer",
          from: file,
          to: target,
          rule: `${own.name} may not import ${theirs.name}`,
        });
      }
    }
  }
  // A file may import one module twice (a type and a value); one line per offending pair is enough.
  const once = [...new Map(violations.map((v) => [formatViolation(v), v])).values()];
  for (const cycle of cyclesOf(runtimeEdges)) {
    once.push({ kind: "cycle", from: cycle[0]!, to: cycle[1]!, rule: `cycle ${cycle.join(" → ")}` });
  }
  return once;
}

function packageRule(layer: Layer, name: string, layers: readonly Layer[]): string | undefined {
  if (layer.onlyNamedPackages) {
    return layer.packages.some((p) => matchesPackage(p, name))
      ? undefined
      : `${layer.name} imports only ${layer.packages.join(", ")}`;
  }
  const owners = layers.filter(
    (l) => !l.onlyNamedPackages && l.packages.some((p) => matchesPackage(p, name)),
  );
  if (owners.length === 0 || owners.includes(layer)) return undefined;
  return `only ${owners.map((l) => l.name).join(", ")} may import ${name}`;
}

/**
 * One cycle per knot of files that reach each other (a strongly connected component), closed on
 * its first file: listing every elementary cycle of a big knot would bury the one edge to cut.
 */
export function cyclesOf(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const knots: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const knot: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        knot.push(w);
      } while (w !== v);
      if (knot.length > 1 || edges.get(v)?.has(v)) knots.push(knot.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) connect(v);
  return knots
    .sort((a, b) => a[0]!.localeCompare(b[0]!))
    .map((knot) => shortestCycle(knot[0]!, edges, new Set(knot)));
}

/** The shortest path from `start` back to itself inside one knot (breadth first, so it is short). */
function shortestCycle(
  start: string,
  edges: ReadonlyMap<string, ReadonlySet<string>>,
  knot: ReadonlySet<string>,
) {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of [...(edges.get(v) ?? [])].sort()) {
      if (!knot.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let at: string | undefined = v; at !== undefined && at !== start; at = cameFrom.get(at)) {
          path.splice(1, 0, at);
        }
        return [...path, start];
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** One violation as `src/a.ts → src/b.ts: rule`. */
export function formatViolation(v: Violation): string {
  return `${v.from} → ${v.to}: ${v.rule}`;
}

/**
 * Reads the layer table from the README: the first table whose header starts with
 * `layer | folder | may import | packages`. Cells hold comma-separated `code` names; "—" is none.
 * A layer spread over several folders takes one row per folder, each with the same rules.
 */
export function parseLayerTable(markdown: string): Layer[] {
  const lines = markdown.split("\n");
  const header = lines.findIndex((l) =>
    /^\|\s*layer\s*\|\s*folder\s*\|\s*may import\s*\|\s*packages\s*\|/i.test(l),
  );
  if (header < 0) throw new Error("README has no table headed | layer | folder | may import | packages |");
  const layers = new Map<string, Layer & { rules: string }>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const [name, folders, mayImport, packages] = line
      .split("|")
      .slice(1, 5)
      .map((c) => c.trim());
    if (!name || folders === undefined || mayImport === undefined || packages === undefined) {
      throw new Error(`layer table row has too few cells: ${line}`);
    }
    const rules = `${mayImport} | ${packages}`;
    const known = layers.get(name);
    if (known !== undefined) {
      if (known.rules !== rules) throw new Error(`layer ${name} has rows with different rules: ${line}`);
      known.folders.push(...names(folders));
      continue;
    }
    const named = packages.replace(/^only\b/i, "");
    layers.set(name, {
      name,
      folders: names(folders),
      mayImport: /^any\b/i.test(mayImport) ? "any" : names(mayImport),
      packages: names(named),
      onlyNamedPackages: named !== packages,
      rules,
    });
  }
  for (const layer of layers.values()) {
    for (const other of layer.mayImport === "any" ? [] : layer.mayImport) {
      if (!layers.has(other)) throw new Error(`layer ${layer.name} may import "${other}", which is no layer`);
    }
    for (const folder of layer.folders) {
      if (!/^src\/.+(\/|\.ts)$/.test(folder)) {
        throw new Error(`layer ${layer.name}: "${folder}" is no src/ folder or file`);
      }
    }
  }
  return [...layers.values()].map(({ rules: _, ...layer }) => layer);
}

function names(cell: string): string[] {
  return cell
    .split(",")
    .map((n) => n.replaceAll("`", "").trim())
    .filter((n) => n !== "" && n !== "—");
}
