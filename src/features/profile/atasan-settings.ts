import { z } from "zod";
import type { Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { atasanProblem } from "../../domain/direct-report.js";
import { formatNip, parseNip } from "../../domain/nip.js";
import { mayAct } from "../../domain/scope.js";
import type { ComputeResult, ComputeService, OptionSource, TextSource } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation } from "../../engine/types.js";
import type { Locale } from "../../i18n/locales.js";
import { actingPerson } from "../../services/actor.js";

/** A NIP as the flow stored it (the input step checked it): 18 digits, nothing else. */
const nipAnswer = z.string().regex(/^\d{18}$/);
/** What the atasan question accepts: a NIP, or a word that removes the relation. */
const REMOVE_WORDS = new Set(["hapus", "kosongkan", "remove", "none", "-"]);

/**
 * /profil's "Atasan langsung" part: everyone sees who their direct atasan is and gives or withdraws
 * their consent; an admin also sets the direct atasan of a verified person in their scope. The
 * admin's role and scope are read again at every step (the staff member, the atasan, the save),
 * as for every staff action; a NIP outside scope reads like an unknown one.
 */
export function createAtasanSettings(deps: {
  repos: Pick<Repositories, "people" | "orgUnits" | "nipClaims" | "audit">;
  translate: Translate;
  /** ADMIN_IDS: identities that are admins over everything. */
  adminIds?: readonly string[];
}) {
  const { repos } = deps;
  const tr = (locale: Locale) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(locale, key, args);
  const bootstrap = (conv: Conversation) => deps.adminIds?.includes(conv.identityId) ?? false;

  /** The person holding `nip` now, if anyone does. */
  async function holderOf(nip: string | undefined): Promise<Person | null> {
    const owner = nip ? await repos.nipClaims.ownerOf(nip) : null;
    return owner ? repos.people.get(owner) : null;
  }

  /** True when the acting admin may act on `person`'s unit now (roles read again). */
  async function adminOver(conv: Conversation, person: Person | null): Promise<boolean> {
    const { actor } = await actingPerson(repos, conv, bootstrap(conv));
    if (!person?.unitId || person.unverified === true) return false;
    if (actor.bootstrapAdmin) return true;
    const unit = await repos.orgUnits.get(person.unitId);
    return unit !== null && mayAct(actor, "admin", unit);
  }

  /** True when the acting person holds an admin role anywhere now (or is a bootstrap admin). */
  async function isAdmin(conv: Conversation): Promise<boolean> {
    const { actor } = await actingPerson(repos, conv, bootstrap(conv));
    return actor.bootstrapAdmin || actor.grants.some((g) => g.role === "admin");
  }

  /** The staff member the run names, if the admin may still act on them. */
  async function staffOf(conv: Conversation, answers: Record<string, unknown>): Promise<Person | null> {
    const nip = nipAnswer.safeParse(answers.staff_nip);
    if (!nip.success) return null;
    const staff = await holderOf(nip.data);
    return staff && (await adminOver(conv, staff)) ? staff : null;
  }

  const label = (p: Person) => (p.nip ? `${p.name} (${formatNip(p.nip)})` : p.name);

  const show: ComputeService = async ({ conversation }) => {
    const t = tr(conversation.profile.locale);
    const me = conversation.profile.personId ? await repos.people.get(conversation.profile.personId) : null;
    if (!me) return { outbound: [{ text: t("onboarding-needed") }], goto: "done" };
    const atasan = await holderOf(me.atasanNip);
    const who = atasan
      ? label(atasan)
      : me.atasanNip
        ? t("atasan-unknown-nip", { nip: formatNip(me.atasanNip) })
        : t("atasan-none");
    const consent =
      me.atasanConsent === undefined
        ? t("atasan-consent-unanswered")
        : t(me.atasanConsent.allowed ? "atasan-consent-allowed" : "atasan-consent-refused");
    return { outbound: [{ text: t("atasan-show", { atasan: who, consent }) }] };
  };

  const actions: OptionSource = async ({ conversation }) => {
    const t = tr(conversation.profile.locale);
    const me = conversation.profile.personId ? await repos.people.get(conversation.profile.personId) : null;
    const allowed = me?.atasanConsent?.allowed === true;
    return [
      allowed
        ? { id: "withdraw", label: t("atasan-action-withdraw") }
        : { id: "allow", label: t("atasan-action-allow") },
      ...(me?.atasanConsent === undefined ? [{ id: "withdraw", label: t("atasan-action-refuse") }] : []),
      ...((await isAdmin(conversation)) ? [{ id: "staff", label: t("atasan-action-staff") }] : []),
      { id: "back", label: t("atasan-action-back") },
    ];
  };

  const route: ComputeService = async ({ conversation, answers, now }) => {
    const t = tr(conversation.profile.locale);
    const personId = conversation.profile.personId;
    if (!personId) return { goto: "done" };
    switch (answers.atasan_action) {
      case "allow":
      case "withdraw": {
        const allowed = answers.atasan_action === "allow";
        await repos.people.update(personId, { atasanConsent: { allowed, at: now } });
        await repos.audit.append({
          at: now,
          actorPersonId: personId,
          actorIdentityId: conversation.identityId,
          action: "person.atasan-consent",
          outcome: "ok",
          targetKind: "person",
          targetId: personId,
          details: { allowed },
        });
        return {
          outbound: [{ text: t(allowed ? "team-consent-yes" : "team-consent-no") }],
          goto: "field",
        };
      }
      case "staff":
        if (await isAdmin(conversation)) return { goto: "staff_nip" };
        return { outbound: [{ text: t("atasan-admin-only") }], goto: "field" };
      default:
        return { goto: "field" };
    }
  };

  const refusedStaff = (conversation: Conversation): ComputeResult => ({
    outbound: [{ text: tr(conversation.profile.locale)("atasan-staff-unknown") }],
    goto: "field",
  });

  const staffCheck: ComputeService = async ({ conversation, answers }) => {
    const staff = await staffOf(conversation, answers);
    if (!staff) return refusedStaff(conversation);
    const t = tr(conversation.profile.locale);
    const atasan = await holderOf(staff.atasanNip);
    const now = atasan ? label(atasan) : staff.atasanNip ? formatNip(staff.atasanNip) : t("atasan-none");
    return { outbound: [{ text: t("atasan-staff-current", { name: label(staff), atasan: now }) }] };
  };

  /** The atasan the run names for the staff member, or why not (checked at the question and the save). */
  async function chosenAtasan(
    conversation: Conversation,
    staff: Person,
    answer: unknown,
    now: Date,
  ): Promise<{ remove: true } | { atasan: Person } | { problem: string }> {
    const typed = typeof answer === "string" ? answer.trim() : "";
    if (REMOVE_WORDS.has(typed.toLowerCase())) return { remove: true };
    const parsed = parseNip(typed, now);
    if (!parsed.ok) return { problem: "atasan-nip-invalid" };
    const atasan = await holderOf(parsed.nip.digits);
    const problem = atasanProblem(staff, atasan);
    if (problem) return { problem: `atasan-problem-${problem}` };
    // The admin names people they reach: an atasan outside their scope reads as unknown, so no
    // NIP typed here tells them who works elsewhere (a wider admin or the import sets that one).
    if (!(await adminOver(conversation, atasan))) return { problem: "atasan-problem-unknown" };
    return { atasan: atasan! };
  }

  const atasanCheck: ComputeService = async ({ conversation, answers, now }) => {
    const staff = await staffOf(conversation, answers);
    if (!staff) return refusedStaff(conversation);
    const chosen = await chosenAtasan(conversation, staff, answers.atasan_nip, now);
    if ("problem" in chosen)
      return { outbound: [{ text: tr(conversation.profile.locale)(chosen.problem) }], goto: "atasan_nip" };
    return { setAnswers: { atasan_label: "remove" in chosen ? "" : label(chosen.atasan) } };
  };

  const confirmText: TextSource = async ({ answers, locale }) => {
    const t = tr(locale);
    const nip = nipAnswer.safeParse(answers.staff_nip);
    const staff = nip.success ? await holderOf(nip.data) : null;
    const name = staff ? label(staff) : "—";
    const atasan = typeof answers.atasan_label === "string" ? answers.atasan_label : "";
    return atasan ? t("atasan-confirm-set", { name, atasan }) : t("atasan-confirm-remove", { name });
  };

  const save: ComputeService = async ({ conversation, answers, now }) => {
    const staff = await staffOf(conversation, answers);
    if (!staff) return refusedStaff(conversation);
    const t = tr(conversation.profile.locale);
    const chosen = await chosenAtasan(conversation, staff, answers.atasan_nip, now);
    if ("problem" in chosen) return { outbound: [{ text: t(chosen.problem) }], goto: "atasan_nip" };
    if ("remove" in chosen) await repos.people.update(staff._id, {}, ["atasanNip"]);
    else await repos.people.update(staff._id, { atasanNip: chosen.atasan.nip! });
    await repos.audit.append({
      at: now,
      ...(conversation.profile.personId ? { actorPersonId: conversation.profile.personId } : {}),
      actorIdentityId: conversation.identityId,
      action: "person.atasan-set",
      outcome: "ok",
      targetKind: "person",
      targetId: staff._id,
      ...(staff.unitId ? { scopeUnitId: staff.unitId } : {}),
      details: "remove" in chosen ? { removed: true } : { atasanPersonId: chosen.atasan._id },
    });
    return { outbound: [{ text: t("atasan-saved", { name: label(staff) }) }], goto: "field" };
  };

  return {
    services: {
      "profile.atasanShow": show,
      "profile.atasanRoute": route,
      "profile.atasanStaffCheck": staffCheck,
      "profile.atasanCheck": atasanCheck,
      "profile.atasanSave": save,
    } satisfies Record<string, ComputeService>,
    optionSources: { "profile.atasan-actions": actions } satisfies Record<string, OptionSource>,
    textSources: { "profile.atasanConfirm": confirmText } satisfies Record<string, TextSource>,
  };
}
export type AtasanSettings = ReturnType<typeof createAtasanSettings>;
