import type { ComputeService } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { IncomingFile } from "../../engine/types.js";
import { csvKind } from "../../imports/org-csv.js";
import type { FileReaders } from "../../services/file-readers.js";
import { describeImport, type ImportCourses } from "./course-import.js";

/**
 * The compute service of flows/impor.yaml: reads the CSV the admin sent and imports it (units,
 * people, jabatan with their SKJ, teknis competencies or courses) all-or-nothing.
 */
export function createAdminImport(deps: {
  files: FileReaders;
  importCourses: ImportCourses;
  importUnits: (text: string) => ReturnType<ImportCourses>;
  importPeople: (text: string) => ReturnType<ImportCourses>;
  importJabatan: (text: string) => ReturnType<ImportCourses>;
  importTeknis: (text: string) => ReturnType<ImportCourses>;
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
    // The header row says what the file is: people (nip), the org tree (parent), teknis
    // competencies (level 1), jabatan (a tier or competency column) or courses.
    const kind = csvKind(text);
    const importers = {
      people: deps.importPeople,
      units: deps.importUnits,
      teknis: deps.importTeknis,
      jabatan: deps.importJabatan,
      courses: deps.importCourses,
    };
    const result = await importers[kind](text);
    return { outbound: [{ text: describeImport(result, `import-${kind}-done`, locale, deps.translate) }] };
  };
  return { services: { "import.csv": run } satisfies Record<string, ComputeService> };
}
