import type { Repositories } from "../../db/repositories/index.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { FileReaders } from "../../services/file-readers.js";
import type { RecordAccessCheck } from "./record-access.js";

/** Audit action of a koordinator opening a person's certificate (personal data seen by staff). */
export const CERTIFICATE_VIEWED = "completion.certificate";

/**
 * Sends a koordinator the certificate of a record in their scope. Pandu keeps only the platform's
 * reference to the file, so the bytes are fetched from the channel it came from (Telegram today)
 * and sent as an attachment of the reply, whichever channel the koordinator uses.
 */
export function createCertificateView(deps: {
  repos: Pick<Repositories, "audit">;
  access: RecordAccessCheck;
  files: Pick<FileReaders, "read">;
  translate: Translate;
  now: () => Date;
}) {
  const audit = createAuditLog(deps);
  return async function show(
    conv: Conversation,
    bootstrapAdmin: boolean,
    recordId: string,
  ): Promise<Outbound[]> {
    const t = (key: string, args?: Record<string, string | number>) =>
      deps.translate(conv.profile.locale, key, args);
    const found = await deps.access.check(conv, bootstrapAdmin, recordId, CERTIFICATE_VIEWED);
    if (found.kind === "unknown") return [{ text: t("verification-unknown") }];
    if (found.kind === "out-of-scope") return [{ text: t("verification-out-of-scope") }];
    if (found.kind === "own") return [{ text: t("verification-own") }];
    const { record, person, unit } = found;
    const cert = record.certificate;
    if (!cert) return [{ text: t("verification-certificate-none") }];
    let bytes: Uint8Array;
    try {
      bytes = await deps.files.read({ channel: cert.channel, fileId: cert.fileId });
    } catch {
      // No reader for that channel in this process, or the platform refused (an expired file).
      return [{ text: t("verification-certificate-unavailable", { channel: cert.channel }) }];
    }
    await audit(conv, found.me, CERTIFICATE_VIEWED, "ok", {
      target: { kind: "person", id: person._id },
      ...(unit ? { scopeUnitId: unit._id } : {}),
      details: { record: record._id },
    });
    const photo = cert.kind === "photo";
    return [
      {
        text: t("verification-certificate-caption", { title: record.title, name: person.name }),
        media: {
          kind: photo ? "photo" : "document",
          filename: cert.filename ?? (photo ? "sertifikat.jpg" : "sertifikat.pdf"),
          mime: cert.mime || (photo ? "image/jpeg" : "application/pdf"),
          bytes,
        },
      },
    ];
  };
}
export type CertificateView = ReturnType<typeof createCertificateView>;
