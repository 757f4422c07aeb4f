import { z } from "zod";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { ComputeService, TextSource } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { Outbound } from "../../engine/types.js";
import { formatNumber } from "../../i18n/format.js";
import type { FileReaders } from "../../services/file-readers.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import type { Acting, ButtonPress } from "../feature.js";
import type { ListAction } from "./buttons.js";
import { createCertificateView } from "./certificate-view.js";
import { createDecisions, MAX_REASON, RETURNED } from "./decisions.js";
import { createPendingList } from "./pending-list.js";
import { createRecordAccess, recordIdOf } from "./record-access.js";

/** The flow that asks a koordinator why a record goes back (flows/kembalikan.yaml). */
export const RETURN_FLOW = "kembalikan";

/** What the return flow carries: the record (seeded by the button) and the reason typed. */
const returnAnswers = z.object({
  record: z.string().min(1).max(200),
  reason: z.string().trim().min(5).max(MAX_REASON),
});

/** A page number from button data: digits only, and not absurdly many. */
const pageArg = z
  .string()
  .regex(/^\d{1,4}$/)
  .transform(Number);

/**
 * /verifikasi: koordinators (and admins) list the records waiting in their scope, see each
 * certificate, verify a record or return it with a reason. Every press and the reason's answer
 * check role, scope and state again at that moment.
 */
export function createVerification(deps: {
  repos: Pick<Repositories, "completions" | "people" | "orgUnits" | "audit" | "leases">;
  ledger: Pick<JpLedger, "verify">;
  outbox: Pick<Outbox, "schedule">;
  files: Pick<FileReaders, "read">;
  /** The agency's JP per nonklasikal method, shown beside a stated JP. */
  defaults: Readonly<Partial<Record<string, number>>>;
  translate: Translate;
  now: () => Date;
  /** Bootstrap admins (ADMIN_IDS): the reason's answer comes without the router's word on them. */
  adminIds?: readonly string[];
}) {
  const access = createRecordAccess(deps);
  const list = createPendingList(deps);
  const decisions = createDecisions({ ...deps, access });
  const certificate = createCertificateView({ ...deps, access });
  const isBootstrap = (identityId: string) => deps.adminIds?.includes(identityId) ?? false;

  /** Why a record goes back: the question names the record the button was pressed on. */
  const returnQuestion: TextSource = async ({ answers, locale }) => {
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    const id = z.string().max(200).safeParse(answers.record);
    const record = id.success ? await deps.repos.completions.get(id.data) : null;
    const person = record ? await deps.repos.people.get(record.personId) : null;
    const question =
      record && person
        ? t("verification-return-question", {
            title: record.title,
            name: person.name,
            jp: formatNumber(record.jp, locale),
          })
        : t("verification-return-question-plain");
    return `${question}\n${t("verification-return-limit", { max: MAX_REASON })}`;
  };

  /** The reason's answer: the record goes back, if the koordinator may still return it. */
  const giveBack: ComputeService = async ({ conversation, answers }) => {
    const parsed = returnAnswers.safeParse(answers);
    if (!parsed.success)
      return { outbound: [{ text: deps.translate(conversation.profile.locale, "verification-unknown") }] };
    const { record, reason } = parsed.data;
    const out = await decisions.giveBack(conversation, isBootstrap(conversation.identityId), record, reason);
    // The reason was typed, so there is no pressed message to replace.
    return { outbound: out.map(({ replacesPrompt: _, ...o }) => o) };
  };

  return {
    /** /verifikasi: the first page of records waiting in the koordinator's scope. */
    show: (acting: Acting) => list.show(acting.conv, acting.bootstrapAdmin, 0),

    /** A press on one of /verifikasi's buttons; undefined for data that names nothing usable. */
    async press(acting: Acting, press: ButtonPress<ListAction>): Promise<Outbound[] | undefined> {
      const { conv, bootstrapAdmin } = acting;
      if (press.action === "page") {
        const page = pageArg.safeParse(press.args[0]);
        return page.success ? list.show(conv, bootstrapAdmin, page.data) : undefined;
      }
      const [personId, tail] = press.args;
      if (!personId || !tail) return undefined;
      const recordId = recordIdOf(personId, tail);
      if (press.action === "verify") return decisions.verify(conv, bootstrapAdmin, recordId);
      if (press.action === "certificate") return certificate(conv, bootstrapAdmin, recordId);
      // Returning needs a reason: checked now, and again when the reason is given.
      const found = await access.check(conv, bootstrapAdmin, recordId, RETURNED);
      const t = (key: string) => deps.translate(conv.profile.locale, key);
      if (found.kind === "unknown") return [{ text: t("verification-unknown") }];
      if (found.kind === "out-of-scope") return [{ text: t("verification-out-of-scope") }];
      if (found.kind === "own") return [{ text: t("verification-own") }];
      if (found.record.state !== "pending")
        return [
          {
            text: deps.translate(conv.profile.locale, "verification-not-waiting", {
              title: found.record.title,
            }),
          },
        ];
      return acting.router.startFlow(RETURN_FLOW, { record: recordId });
    },

    services: { "verification.return": giveBack } satisfies Record<string, ComputeService>,
    textSources: { "verification.returnQuestion": returnQuestion } satisfies Record<string, TextSource>,
  };
}
export type Verification = ReturnType<typeof createVerification>;
