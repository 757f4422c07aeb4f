import type { Repositories } from "../../db/repositories/index.js";
import { type Actor, holdsRole } from "../../domain/scope.js";
import type { ComputeService } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { IncomingFile, Outbound } from "../../engine/types.js";
import type { Locale } from "../../i18n/locales.js";
import { type ImportProgress, PROGRESS_ABOVE } from "../../imports/import-progress.js";
import { csvKind } from "../../imports/org-csv.js";
import { activationCodesCsv } from "../../services/activation.js";
import { actingPerson } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { FileReaders } from "../../services/file-readers.js";
import { describeImport, type ImportCourses } from "./course-import.js";
import type { PeopleImportResult } from "./org-import.js";

/** A people import that succeeded (it carries activation codes and conflicts). */
const peopleDone = (r: { ok: boolean }): r is Extract<PeopleImportResult, { ok: true }> =>
  r.ok && "codes" in r;

/**
 * The compute service of flows/impor.yaml: reads the CSV the admin sent and imports it (units,
 * people, jabatan with their SKJ, teknis competencies or courses) all-or-nothing.
 */
export function createAdminImport(deps: {
  repos: Pick<Repositories, "people" | "audit" | "orgUnits">;
  now: () => Date;
  files: FileReaders;
  importCourses: ImportCourses;
  importUnits: (text: string, actor: Actor, onProgress?: ImportProgress) => ReturnType<ImportCourses>;
  importPeople: (
    text: string,
    actor: Actor,
    issuedBy?: string,
    onProgress?: ImportProgress,
  ) => Promise<PeopleImportResult>;
  importJabatan: (text: string, actor: Actor) => ReturnType<ImportCourses>;
  importTeknis: (text: string) => ReturnType<ImportCourses>;
  translate: Translate;
  /** Identities named in ADMIN_IDS: they hold the whole tree. */
  adminIds?: readonly string[];
}) {
  const audit = createAuditLog(deps);

  /**
   * A people import's reply: the counts, the NIPs someone unverified also gave, and the new
   * activation codes as a CSV to hand out unit by unit (shown this once; only hashes are kept).
   */
  const peopleOutcome = async (
    described: string,
    result: Extract<PeopleImportResult, { ok: true }>,
    locale: Locale,
  ): Promise<Outbound[]> => {
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    const lines = [described];
    if (result.conflicts.length > 0)
      lines.push(
        t("import-people-conflicts", {
          count: result.conflicts.length,
          rows: result.conflicts.map((c) => c.row).join(", "),
        }),
      );
    if (result.unknownAtasan.length > 0)
      lines.push(
        t("import-people-unknown-atasan", {
          count: result.unknownAtasan.length,
          rows: result.unknownAtasan.map((c) => c.row).join(", "),
        }),
      );
    if (result.codes.length === 0) return [{ text: lines.join("\n\n") }];
    const units = new Map((await deps.repos.orgUnits.all()).map((u) => [u._id, u.name]));
    lines.push(t("import-people-codes", { count: result.codes.length }));
    const day = deps.now().toISOString().slice(0, 10);
    return [
      {
        text: lines.join("\n\n"),
        media: {
          kind: "document",
          filename: `kode-aktivasi-${day}.csv`,
          mime: "text/csv",
          bytes: new TextEncoder().encode(activationCodesCsv(result.codes, units, locale)),
        },
      },
    ];
  };

  const run: ComputeService = async ({ conversation, answers, progress }) => {
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
    // A long file says how far it got, in one note that is updated in place where the channel can.
    const onProgress: ImportProgress = async (done, total) => {
      if (total > PROGRESS_ABOVE && progress)
        await progress({
          text: deps.translate(locale, "import-progress", { done, total }),
          replace: "import",
        });
    };
    const importers = {
      people: (csv: string) => deps.importPeople(csv, actor, me?._id, onProgress),
      units: (csv: string) => deps.importUnits(csv, actor, onProgress),
      teknis: deps.importTeknis,
      jabatan: (csv: string) => deps.importJabatan(csv, actor),
      courses: (csv: string) => deps.importCourses(csv, onProgress),
    };
    const result = await importers[kind](text);
    const outside = result.ok ? [] : result.problems.filter((p) => p.key.startsWith("import-scope-"));
    // A file with problems wrote nothing: refused, whether for scope or for its contents.
    await audit(conversation, me, `import.${kind}`, result.ok ? "ok" : "refused", {
      details: result.ok
        ? {
            created: result.created,
            updated: result.updated,
            unchanged: result.unchanged,
            ...(peopleDone(result) ? { codes: result.codes.length, conflicts: result.conflicts.length } : {}),
          }
        : { problems: result.problems.length, outOfScope: outside.map((p) => p.row) },
    });
    const described = describeImport(result, `import-${kind}-done`, locale, deps.translate);
    if (!peopleDone(result)) return { outbound: [{ text: described }] };
    return { outbound: await peopleOutcome(described, result, locale) };
  };
  return { services: { "import.csv": run } satisfies Record<string, ComputeService> };
}
