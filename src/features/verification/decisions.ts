import type { Completion, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import { afterQuiet, quietHoursOf } from "../../domain/reminder-time.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatNumber } from "../../i18n/format.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { jpStandingLines } from "../../services/jp-standing-text.js";
import { commandButton, startFlowButton } from "../help/buttons.js";
import { listButton } from "./buttons.js";
import { type RecordAccessCheck, recordArgs } from "./record-access.js";

/** The longest reason a koordinator may give for returning a record (the flow asks within it). */
export const MAX_REASON = 300;

/** Audit actions of the decisions (and of their refusals). */
export const VERIFIED = "completion.verified";
export const RETURNED = "completion.returned";

type Decision = { state: "verified" } | { state: "returned"; reason: string };

/**
 * A koordinator's decision on a pending record: verify it (it counts from then on, through the JP
 * ledger, exactly as a record that counted at once) or return it with a reason. Each decision
 * checks role, scope and state at that moment, is won by one koordinator only, is audited, and is
 * told to the person through the outbox in their own language.
 */
export function createDecisions(deps: {
  repos: Pick<Repositories, "completions" | "people" | "orgUnits" | "audit" | "leases">;
  access: RecordAccessCheck;
  ledger: Pick<JpLedger, "verify">;
  outbox: Pick<Outbox, "schedule">;
  translate: Translate;
  now: () => Date;
}) {
  const audit = createAuditLog(deps);

  /**
   * Two koordinators pressing at once must not both decide. A filtered update is no
   * compare-and-set on FerretDB, a unique insert is: the first to take the key decides. The same
   * actor may take it again (a retry after a crash between the key and the decision).
   */
  async function claim(recordId: string, holder: string, now: Date): Promise<boolean> {
    const key = `verification:${recordId}`;
    return (
      (await deps.repos.leases.takeKey(key, holder, now)) ||
      (await deps.repos.leases.keyHolder(key)) === holder
    );
  }

  /** Tells the person of the decision, outside their quiet hours; false when they cannot be reached. */
  async function tell(person: Person, record: Completion, decision: Decision, extra: string[]) {
    const t = (key: string, args?: Record<string, string | number>) =>
      deps.translate(person.locale, key, args);
    const jp = formatNumber(record.jp, person.locale);
    const open = { data: commandButton.pack("open", "pelatihan"), label: t("verification-open-training") };
    const message =
      decision.state === "verified"
        ? {
            text: [t("verification-told-verified", { title: record.title, jp }), ...extra].join("\n\n"),
            choices: [[open]],
          }
        : {
            text: t("verification-told-returned", { title: record.title, jp, reason: decision.reason }),
            choices: [
              [{ data: startFlowButton.pack("start", "selesai"), label: t("verification-record-again") }],
              [open],
            ],
          };
    const outcome = await deps.outbox.schedule({
      purpose: `verification.${decision.state}`,
      occurrence: recordArgs(record)[1],
      personId: person._id,
      message,
      dueAt: afterQuiet(deps.now(), person.timeZone, quietHoursOf(person)),
    });
    return outcome !== "unreachable";
  }

  /** Verifies or returns the record `recordId` for the koordinator in `conv`. */
  async function decide(
    conv: Conversation,
    bootstrapAdmin: boolean,
    recordId: string,
    decision: Decision,
  ): Promise<Outbound[]> {
    const t = (key: string, args?: Record<string, string | number>) =>
      deps.translate(conv.profile.locale, key, args);
    const action = decision.state === "verified" ? VERIFIED : RETURNED;
    const again = [[{ data: listButton.pack("page", 0), label: t("verification-btn-list") }]];
    const found = await deps.access.check(conv, bootstrapAdmin, recordId, action);
    if (found.kind === "unknown") return [{ text: t("verification-unknown"), choices: again }];
    if (found.kind === "out-of-scope") return [{ text: t("verification-out-of-scope"), choices: again }];
    if (found.kind === "own") return [{ text: t("verification-own"), choices: again }];
    const { me, record, person, unit } = found;
    const notWaiting = [
      { text: t("verification-not-waiting", { title: record.title }), choices: again, replacesPrompt: true },
    ];
    if (record.state !== "pending") return notWaiting;
    const now = deps.now();
    if (!(await claim(record._id, me?._id ?? conv.identityId, now))) return notWaiting;

    const extra: string[] = [];
    if (decision.state === "verified") {
      const outcome = await deps.ledger.verify(person, record, now);
      if (!outcome) return notWaiting;
      const loc = person.locale;
      extra.push(jpStandingLines(outcome.standing, deps.translate, loc).headline);
      // The congratulation a direct record gets in its reply comes with the news instead.
      if (outcome.goalReachedNow)
        extra.push(
          deps.translate(loc, "recognition-jp-goal", {
            goal: formatNumber(outcome.standing.rule.jp, loc),
            year: outcome.standing.period.start.slice(0, 4),
          }),
        );
    } else if (!(await deps.repos.completions.decide(record._id, decision, now))) {
      return notWaiting;
    }
    // No title, JP or reason: the audit log outlives an erasure of the person, their record does not.
    await audit(conv, me, action, "ok", {
      target: { kind: "person", id: person._id },
      ...(unit ? { scopeUnitId: unit._id } : {}),
      details: { record: record._id },
    });
    const told = await tell(person, record, decision, extra);
    const shown = {
      title: record.title,
      name: person.name,
      jp: formatNumber(record.jp, conv.profile.locale),
    };
    const done =
      decision.state === "verified"
        ? t("verification-verified", shown)
        : t("verification-returned", { ...shown, reason: decision.reason });
    return [
      {
        text: `${done}\n${t(told ? "verification-told" : "verification-not-told", { name: person.name })}`,
        choices: again,
        replacesPrompt: true,
      },
    ];
  }

  return {
    /** Verifies a pending record: it counts toward the person's JP from now on. */
    verify: (conv: Conversation, bootstrapAdmin: boolean, recordId: string) =>
      decide(conv, bootstrapAdmin, recordId, { state: "verified" }),
    /** Returns a pending record with the koordinator's reason; it never counts. */
    giveBack: (conv: Conversation, bootstrapAdmin: boolean, recordId: string, reason: string) =>
      decide(conv, bootstrapAdmin, recordId, { state: "returned", reason }),
  };
}
export type Decisions = ReturnType<typeof createDecisions>;
