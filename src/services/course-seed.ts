import { existsSync } from "node:fs";
import { loadYamlFile } from "../content/load.js";
import { parseCourseCatalog } from "../domain/course.js";
import type { CourseCatalog } from "./course-catalog.js";

/** Loads the sample course catalog when the database has no courses yet; true when it did. */
export async function seedCoursesIfEmpty(
  catalog: CourseCatalog,
  countCourses: () => Promise<number>,
  file: string,
): Promise<boolean> {
  if (!existsSync(file) || (await countCourses()) > 0) return false;
  await catalog.save(parseCourseCatalog(loadYamlFile(file)));
  return true;
}
