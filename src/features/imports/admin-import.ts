import type { ComputeService } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { IncomingFile } from "../../engine/types.js";
import { csvKind } from "../../imports/org-csv.js";
import type { FileReaders } from "../../services/file-readers.js";
import { describeImport, type ImportCourses } from "./course-import.js";

/** The compute service of flows/impor.yaml: reads the CSV the admin sent and imports it (units, people or courses) all-or-nothing. */
export function createAdminImport(deps: {
  files: FileReaders;
  importCourses: ImportCourses;
  importUnits: (text: string) => ReturnType<ImportCourses>;
  importPeople: (text: string) => ReturnType<ImportCourses>;
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
    // The header row says what the file is: people (nip), the org tree (parent) or courses.
    const kind = csvKind(text);
    const result =
      kind === "people"
        ? await deps.importPeople(text)
        : kind === "units"
          ? await deps.importUnits(text)
          : await deps.importCourses(text);
    return { outbound: [{ text: describeImport(result, `import-${kind}-done`, locale, deps.translate) }] };
  };
  return { services: { "import.csv": run } satisfies Record<string, ComputeService> };
}
