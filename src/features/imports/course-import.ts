import type { Translate } from "../../engine/text.js";
import type { Locale } from "../../i18n/locales.js";
import { type CourseCsvContext, type ImportProblem, parseCourseCsv } from "../../imports/course-csv.js";
import type { ImportProgress } from "../../imports/import-progress.js";
import type { CourseCatalog } from "../../services/course-catalog.js";

export type CourseImportResult =
  | { ok: true; created: number; updated: number; unchanged: number }
  | { ok: false; problems: ImportProblem[] };

/** Imports a course CSV all-or-nothing; used by /impor and `npm run import -- courses FILE`. */
export function createCourseImport(deps: { catalog: CourseCatalog; context: CourseCsvContext }) {
  return async function importCourses(
    text: string,
    onProgress?: ImportProgress,
  ): Promise<CourseImportResult> {
    const parsed = parseCourseCsv(text, deps.context);
    if (!parsed.ok) return parsed;
    return { ok: true, ...(await deps.catalog.save(parsed.courses, onProgress)) };
  };
}
export type ImportCourses = ReturnType<typeof createCourseImport>;

/** The course import's outcome in the admin's language. */
export function describeCourseImport(
  result: CourseImportResult,
  locale: Locale,
  translate: Translate,
  maxProblems = 50,
): string {
  return describeImport(result, "import-courses-done", locale, translate, maxProblems);
}

/** An import's outcome in the admin's language: counts (`doneKey`), or every problem with row and column. */
export function describeImport(
  result: CourseImportResult,
  doneKey: string,
  locale: Locale,
  translate: Translate,
  maxProblems = 50,
): string {
  const t = (key: string, args?: Record<string, string | number>) => translate(locale, key, args);
  if (result.ok) {
    return t(doneKey, {
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
    });
  }
  const lines = result.problems.slice(0, maxProblems).map((p) => {
    const where = p.column
      ? t("import-where-cell", { row: String(p.row), column: p.column })
      : t("import-where-row", { row: String(p.row) });
    return `• ${where}: ${t(p.key, p.args)}`;
  });
  const more = result.problems.length - lines.length;
  return [
    t("import-failed", { count: result.problems.length }),
    ...lines,
    ...(more > 0 ? [t("import-more-problems", { count: more })] : []),
  ].join("\n");
}
