import { existsSync } from "node:fs";
import { loadYamlFile } from "../content/load.js";
import { isDuplicateKeyError } from "../db/repositories/errors.js";
import { parseCourseCatalog } from "../domain/course.js";
import type { CourseCatalog } from "./course-catalog.js";

/** Loads the sample course catalog when the database has no courses yet; true when it did. */
export async function seedCoursesIfEmpty(
  catalog: CourseCatalog,
  countCourses: () => Promise<number>,
  file: string,
): Promise<boolean> {
  if (!existsSync(file) || (await countCourses()) > 0) return false;
  try {
    await catalog.save(parseCourseCatalog(loadYamlFile(file)));
  } catch (err) {
    // Another instance seeding the same file at the same moment (see seedDemoIfEmpty).
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
  return true;
}
