import type { z } from "zod";

/** Data that failed its schema: one line per problem, each starting with the path inside the data. */
export class ContentValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ContentValidationError";
  }
}

/** Renders a zod path as people read it in YAML: `competencies[2].levels[0].level`. */
export function formatPath(path: readonly PropertyKey[]): string {
  const text = path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return text.replace(/^\./, "") || "(top)";
}

/** Validates `raw` with `schema`, or throws ContentValidationError naming every problem's path. */
export function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ContentValidationError(parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
}
