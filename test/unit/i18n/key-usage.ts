/** Finds i18n keys referenced in TypeScript source: msg("k"), .t(x, "k"), t(conv, "k"), textKey: "k". */
export function keysInTypeScript(source: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\bmsg\(\s*["']([a-z][a-zA-Z0-9-]*)["']/g,
    /\.t\(\s*[^,()]+,\s*["']([a-z][a-zA-Z0-9-]*)["']/g,
    /\bt\(\s*(?:conv|switched|conversation\.profile\.locale|locale|person\.locale|profile\.locale|[a-zA-Z_.]+)\s*,\s*["']([a-z][a-zA-Z0-9-]*)["']/g,
    /\btranslate\(\s*[^,()]+,\s*["']([a-z][a-zA-Z0-9-]*)["']/g,
    /\btextKey:\s*["']([a-z][a-zA-Z0-9-]*)["']/g,
    /\bnotice\(\s*["']([a-z][a-zA-Z0-9-]*)["']/g,
    /\bkey:\s*["']([a-z][a-zA-Z0-9-]*)["']/g,
    /\bt\(\s*["']([a-z][a-zA-Z0-9-]*)["']/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.add(m[1]!);
  return [...found];
}

/** Finds `textKey: key` in flow YAML. */
export function keysInYaml(source: string): string[] {
  return [...source.matchAll(/\btextKey:\s*["']?([a-z][a-zA-Z0-9-]*)["']?/g)].map((m) => m[1]!);
}
