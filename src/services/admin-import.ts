import type { ComputeService } from "../engine/engine.js";
import type { Translate } from "../engine/text.js";
import type { IncomingFile } from "../engine/types.js";
import { describeCourseImport, type ImportCourses } from "./course-import.js";
import type { FileReaders } from "./file-readers.js";

/** The compute service of flows/impor.yaml: reads the CSV the admin sent and imports it all-or-nothing. */
export function createAdminImport(deps: {
  files: FileReaders;
  importCourses: ImportCourses;
  translate: Translate;
}) {
  const run: ComputeService = async ({ conversation, answers }) => {
    const locale = conversation.profile.locale;
    const file = answers.file as IncomingFile | undefined;
    if (!file) return { outbound: [{ text: deps.translate(locale, "import-no-file") }] };
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: false }).decode(await deps.files.read(file));
    } catch {
      return { outbound: [{ text: deps.translate(locale, "import-download-failed") }] };
    }
    const result = await deps.importCourses(text);
    return { outbound: [{ text: describeCourseImport(result, locale, deps.translate) }] };
  };
  return { services: { "import.courses": run } satisfies Record<string, ComputeService> };
}
