import type { Repositories } from "../../db/repositories/index.js";
import { type Actor, holdsRole } from "../../domain/scope.js";
import type { ComputeService } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { IncomingFile } from "../../engine/types.js";
import { csvKind } from "../../imports/org-csv.js";
import { actingPerson } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { FileReaders } from "../../services/file-readers.js";
import { describeImport, type ImportCourses } from "./course-import.js";

/**
 * The compute service of flows/impor.yaml: reads the CSV the admin sent and imports it (units,
 * people, jabatan with their SKJ, teknis competencies or courses) all-or-nothing.
 */
export function createAdminImport(deps: {
  repos: Pick<Repositories, "people" | "audit">;
  now: () => Date;
  files: FileReaders;
  importCourses: ImportCourses;
  importUnits: (text: string, actor: Actor) => ReturnType<ImportCourses>;
  importPeople: (text: string, actor: Actor) => ReturnType<ImportCourses>;
  importJabatan: (text: string, actor: Actor) => ReturnType<ImportCourses>;
  importTeknis: (text: string) => ReturnType<ImportCourses>;
  translate: Translate;
  /** Identities named in ADMIN_IDS: they hold the whole tree. */
  adminIds?: readonly string[];
}) {
  const audit = createAuditLog(deps);
  const run: ComputeService = async ({ conversation, answers }) => {
    const locale = conversation.profile.locale;
    const t = (key: string) => deps.translate(locale, key);
    // Roles are read again here, where the import acts, not trusted from when /impor began.
    const { me, actor } = await actingPerson(
      deps.repos,
      conversation,
      deps.adminIds?.includes(conversation.identityId) ?? false,
    );
    if (!holdsRole(actor, "admin")) {
      await audit(conversation, me, "import", "refused", { details: { reason: "not-admin" } });
      return { outbound: [{ text: t("import-not-admin") }] };
    }
    const file = answers.file as IncomingFile | undefined;
    if (!file) return { outbound: [{ text: t("import-no-file") }] };
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: false }).decode(await deps.files.read(file));
    } catch {
      return { outbound: [{ text: deps.translate(locale, "import-download-failed") }] };
    }
    // The header row says what the file is: people (nip), the org tree (parent), teknis
    // competencies (level 1), jabatan (a tier or competency column) or courses.
    const kind = csvKind(text);
    // The catalog and teknis competencies serve every instansi: only a bootstrap admin replaces them.
    if ((kind === "courses" || kind === "teknis") && !actor.bootstrapAdmin) {
      await audit(conversation, me, `import.${kind}`, "refused", { details: { reason: "shared" } });
      return { outbound: [{ text: t(`import-scope-${kind}`) }] };
    }
    const importers = {
      people: (csv: string) => deps.importPeople(csv, actor),
      units: (csv: string) => deps.importUnits(csv, actor),
      teknis: deps.importTeknis,
      jabatan: (csv: string) => deps.importJabatan(csv, actor),
      courses: deps.importCourses,
    };
    const result = await importers[kind](text);
    const outside = result.ok ? [] : result.problems.filter((p) => p.key.startsWith("import-scope-"));
    // A file with problems wrote nothing: refused, whether for scope or for its contents.
    await audit(conversation, me, `import.${kind}`, result.ok ? "ok" : "refused", {
      details: result.ok
        ? { created: result.created, updated: result.updated, unchanged: result.unchanged }
        : { problems: result.problems.length, outOfScope: outside.map((p) => p.row) },
    });
    return { outbound: [{ text: describeImport(result, `import-${kind}-done`, locale, deps.translate) }] };
  };
  return { services: { "import.csv": run } satisfies Record<string, ComputeService> };
}
