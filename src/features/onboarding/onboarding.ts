import type { Person } from "../../db/models/index.js";
import { isDuplicateKeyError } from "../../db/repositories/errors.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { PersonPatch } from "../../db/repositories/people.js";
import {
  appointmentYear,
  type ContractStartResult,
  employmentFromNip,
  parseContractMonth,
} from "../../domain/employment.js";
import { type ParsedNip, parseNip } from "../../domain/nip.js";
import type { ComputeResult, ComputeService, OptionItem, OptionSource } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Profile } from "../../engine/types.js";
import type { Locale } from "../../i18n/locales.js";
import type { Activation } from "../../services/activation.js";

/** A province and its time zone, from flows/content/regions.yaml. */
export interface RegionInfo {
  id: string;
  name: string;
  timeZone: string;
}

/** A jabatan tier with its display names. */
export interface TierInfo {
  id: string;
  name: { id: string; en: string };
}

export interface OnboardingDeps {
  repos: Pick<
    Repositories,
    "people" | "identities" | "nipClaims" | "orgUnits" | "jabatan" | "audit" | "leases"
  >;
  regions: readonly RegionInfo[];
  tiers: readonly TierInfo[];
  translate: Translate;
  /** Maps an IANA zone to its short Indonesian name (WIB/WITA/WIT). */
  zoneOf: (timeZone: string) => "WIB" | "WITA" | "WIT" | undefined;
  /** Called when a person's profile changed, so caches of it are dropped. */
  onProfileChanged?: (identityId: string) => void;
}

/** Onboarding also checks activation codes (the profile flow shares the rest of its dependencies). */
export interface RegistrationDeps extends OnboardingDeps {
  activation: Pick<Activation, "check" | "consume" | "awaitingRegistration">;
}

/** The zone choices offered in flows, by option id. */
export const ZONE_OPTIONS: Record<string, string> = {
  "asia-jakarta": "Asia/Jakarta",
  "asia-makassar": "Asia/Makassar",
  "asia-jayapura": "Asia/Jayapura",
};

/** Words typed to search a list: every word must appear in the label (case-insensitive). */
export function matchesQuery(label: string, query: string | undefined): boolean {
  if (!query) return true;
  const hay = label.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

/**
 * Which consent text a person agreed to: the `consent` step of flows/onboarding.yaml. Change it
 * together with that text (and the flow's version), so every stored consent names the words the
 * person actually saw; /dataku shows it.
 */
export const CONSENT_TEXT_VERSION = "onboarding-1";

/** Person ids follow from the onboarding run, so a compute step retried after a crash is harmless. */
export const personIdForRun = (runId: string): string => `p${runId.replace(/^r/, "")}`;

/** The NIP answered in a run; undefined if it no longer parses (it was checked when typed). */
const nipOf = (answers: Record<string, unknown>, now: Date): ParsedNip | undefined => {
  const parsed = parseNip(String(answers.nip ?? ""), now);
  return parsed.ok ? parsed.nip : undefined;
};

/** Why a typed contract start was refused, in the person's language (onboarding and /profil ask alike). */
export function contractStartProblem(
  translate: Translate,
  locale: Locale,
  refused: Extract<ContractStartResult, { ok: false }>,
): string {
  // The year as a string: Fluent would group a number's digits ("2.024").
  return translate(locale, `contract-start-${refused.problem}`, { year: String(refused.detail?.year ?? "") });
}

type EmploymentFields = Pick<PersonPatch, "employment" | "employmentSource" | "contractStart">;

/**
 * The status kepegawaian to store at the end of onboarding. An imported status stands (the person
 * was asked at most a missing contract start); otherwise the NIP's, with the person's answer where
 * one was asked. A run started before these questions existed has no answers and gets what the
 * NIP says on its own.
 */
export function employmentToStore(
  answers: Record<string, unknown>,
  now: Date,
  imported: Pick<Person, "employment" | "contractStart"> | null,
): EmploymentFields {
  const contractStart = typeof answers.contractStart === "string" ? answers.contractStart : undefined;
  if (imported?.employment) {
    const missing = imported.employment === "PPPK" && !imported.contractStart;
    return missing && contractStart ? { contractStart } : {};
  }
  const nip = nipOf(answers, now);
  if (!nip) return {};
  if (employmentFromNip(nip, now).status === "PPPK")
    return { employment: "PPPK", employmentSource: "nip", ...(contractStart ? { contractStart } : {}) };
  if (typeof answers.cpns_confirm === "boolean")
    return { employment: answers.cpns_confirm ? "CPNS" : "PNS", employmentSource: "confirmed" };
  return { employment: "PNS", employmentSource: "nip" };
}

/** Compute services and option lists used by flows/onboarding.yaml. */
export function createOnboarding(deps: RegistrationDeps) {
  const { repos } = deps;

  const channelOf = (identityId: string) => identityId.split(":")[0] as "telegram" | "slack" | "terminal";

  /** Answers that say which imported record this run is becoming, cleared when the code is not accepted. */
  const NOT_ADOPTING = { adopt: "", activationHash: "" };

  /** The code was used (or re-issued) between the check and the save: the person is asked again. */
  const refuseActivation = async (
    conversation: Conversation,
    owner: string,
    now: Date,
  ): Promise<ComputeResult> => {
    await repos.audit.append({
      at: now,
      actorIdentityId: conversation.identityId,
      action: "activation.refused",
      outcome: "refused",
      targetKind: "person",
      targetId: owner,
      details: { reason: "used" },
    });
    return {
      outbound: [{ text: deps.translate(conversation.profile.locale, "onboarding-activation-used") }],
      setAnswers: NOT_ADOPTING,
      goto: "activation_has",
    };
  };

  /** A person an admin imported who has not registered yet: whoever registers with the NIP and code becomes them. */
  const adoptableOwner = async (ownerId: string): Promise<Person | null> => {
    const owner = await repos.people.get(ownerId);
    return owner && (await deps.activation.awaitingRegistration(owner)) ? owner : null;
  };
  /** The imported record this run is becoming, if its activation code was accepted. */
  const adoptingOf = (answers: Record<string, unknown>): string | undefined =>
    typeof answers.adopt === "string" && answers.adopt ? answers.adopt : undefined;

  /**
   * Takes an imported person for this identity, using up the code: one unique key, so two people
   * registering at once cannot both, and a save retried after a crash finds its own key.
   */
  const adopt = async (ownerId: string, hash: string, identityId: string, now: Date): Promise<boolean> => {
    const key = `adopt:${ownerId}`;
    if (await repos.leases.takeKey(key, identityId, now)) {
      if (await deps.activation.consume(ownerId, hash)) return true;
      await repos.leases.removeKey(key);
      return false;
    }
    return (await repos.leases.keyHolder(key)) === identityId;
  };

  /**
   * Any well-formed NIP goes on to the same activation question: whether a NIP is imported,
   * registered or unknown is never told to whoever types it. A NIP typed again forgets the code.
   */
  const checkNip: ComputeService = async () => ({ setAnswers: NOT_ADOPTING });

  /** Checks the activation code typed for the NIP; a wrong one is explained and the question asked again. */
  const checkActivation: ComputeService = async ({ conversation, answers }) => {
    const checked = await deps.activation.check(
      String(answers.nip),
      String(answers.activation_code ?? ""),
      conversation.identityId,
    );
    // The code itself is not kept in the run: it is checked now and only its hash goes on.
    if (checked.ok)
      return { setAnswers: { adopt: checked.personId, activationHash: checked.hash, activation_code: "" } };
    const text = deps.translate(conversation.profile.locale, `onboarding-activation-${checked.reason}`, {
      left: checked.reason === "wrong" ? checked.left : 0,
    });
    return {
      outbound: [{ text }],
      setAnswers: { ...NOT_ADOPTING, activation_code: "" },
      goto: "activation_has",
    };
  };

  /** No code: the person registers "belum terverifikasi", and is told what that means. */
  const withoutActivation: ComputeService = async ({ conversation }) => ({
    outbound: [{ text: deps.translate(conversation.profile.locale, "onboarding-unverified-note") }],
    setAnswers: NOT_ADOPTING,
  });

  /** An activated person works where HR says: their instansi, unit and (if HR gave one) position are not asked. */
  const hrPlacement: ComputeService = async ({ conversation, answers }) => {
    const adopting = adoptingOf(answers);
    const owner = adopting ? await adoptableOwner(adopting) : null;
    if (!owner?.unitId || !owner.instansiId) return invitedPlacement(conversation, answers);
    const jabatan = owner.jabatanId ? await repos.jabatan.get(owner.jabatanId) : null;
    return {
      setAnswers: {
        instansi: owner.instansiId,
        unit: owner.unitId,
        ...(jabatan ? { jabatan: jabatan._id } : {}),
      },
      goto: jabatan ? "region_known" : "jabatan",
    };
  };

  /**
   * Someone who opened an admin's registration link (`invitedUnit`, seeded by the link) has the
   * link's instansi chosen and picks a unit within the linked unit; everyone else is asked.
   */
  const invitedPlacement = async (
    conversation: Conversation,
    answers: Record<string, unknown>,
  ): Promise<ComputeResult> => {
    const invited =
      typeof answers.invitedUnit === "string" ? await repos.orgUnits.get(answers.invitedUnit) : null;
    if (!invited) return {};
    return {
      outbound: [
        { text: deps.translate(conversation.profile.locale, "onboarding-invited", { unit: invited.name }) },
      ],
      setAnswers: { instansi: invited.instansiId },
      goto: "unit",
    };
  };

  /**
   * Decides what to ask about the status kepegawaian: nothing when an imported record states it
   * (but a PPPK's missing contract start); else what the NIP calls for (employmentFromNip).
   */
  const inferEmployment: ComputeService = async ({ answers, now }) => {
    const nip = nipOf(answers, now);
    if (!nip) return {};
    const adopting = adoptingOf(answers);
    const imported = adopting ? await adoptableOwner(adopting) : null;
    if (imported?.employment) {
      return imported.employment === "PPPK" && !imported.contractStart ? { goto: "contract_start" } : {};
    }
    const { ask } = employmentFromNip(nip, now);
    if (ask === "cpns-confirm") return { goto: "cpns_confirm" };
    if (ask === "contract-start") return { goto: "contract_start" };
    return {};
  };

  /** Checks the contract start typed by a PPPK; a mistake is explained and the question asked again. */
  const checkContractStart: ComputeService = async ({ conversation, answers, now }) => {
    const nip = nipOf(answers, now);
    const result = parseContractMonth(String(answers.contract_start ?? ""), {
      today: now,
      ...(nip ? { appointmentYear: appointmentYear(nip) } : {}),
    });
    if (result.ok) return { setAnswers: { contractStart: result.date } };
    return {
      outbound: [{ text: contractStartProblem(deps.translate, conversation.profile.locale, result) }],
      goto: "contract_start",
    };
  };

  /**
   * The province follows the instansi: when the chosen unit (or an ancestor) states a region, it
   * becomes the answer and the province question is skipped, so the two cannot contradict.
   */
  const inheritRegion: ComputeService = async ({ answers }) => {
    const unitId = answers.unit ?? answers.instansi;
    const region = unitId ? await repos.orgUnits.regionOf(String(unitId)) : undefined;
    // An import may name a region Pandu does not know; then the person is asked rather than stored wrong.
    if (!region || !deps.regions.some((r) => r.id === region)) return {};
    return { setAnswers: { region }, goto: "zone_suggest" };
  };

  const suggestZone: ComputeService = async ({ conversation, answers }) => {
    const region = deps.regions.find((r) => r.id === answers.region);
    const timeZone = region?.timeZone ?? "Asia/Jakarta";
    const zone = deps.zoneOf(timeZone) ?? "WIB";
    return {
      setAnswers: {
        zoneSuggested: timeZone,
        zoneLabel: deps.translate(conversation.profile.locale, `zone-${zone}`),
      },
    };
  };

  /** The rest of the conversation speaks the language just chosen (stored at the end, with consent). */
  const useLanguage: ComputeService = async ({ answers }) => ({
    locale: answers.language === "en" ? "en" : "id",
  });

  const complete: ComputeService = async ({ runId, conversation, answers, now }) => {
    let personId = personIdForRun(runId);
    const nip = String(answers.nip);
    const adopting = adoptingOf(answers);
    let imported: Person | null = null;
    if (adopting) {
      // An imported employee with their code: they become that person, with HR's NIP and unit.
      imported = await adoptableOwner(adopting);
      // Holding the key is what makes the record this identity's (a retried save holds it already).
      if (!(await adopt(adopting, String(answers.activationHash ?? ""), conversation.identityId, now)))
        return refuseActivation(conversation, adopting, now);
      personId = adopting;
    }
    const locale: Locale = answers.language === "en" ? "en" : "id";
    const timeZone =
      answers.zone_confirm === false
        ? (ZONE_OPTIONS[String(answers.zone)] ?? "Asia/Jakarta")
        : String(answers.zoneSuggested ?? "Asia/Jakarta");
    const jabatan =
      answers.jabatan && answers.jabatan !== "other"
        ? await repos.jabatan.get(String(answers.jabatan))
        : null;
    const unit = await repos.orgUnits.get(String(answers.unit));
    // Without a code the NIP is only declared: it claims nothing, so it takes no one's record.
    const identityFields = adopting ? { nip } : { unverified: true, declaredNip: nip };
    const profile = {
      name: String(answers.name),
      ...identityFields,
      instansiId: unit?.instansiId ?? String(answers.instansi),
      unitId: String(answers.unit),
      jabatanId: jabatan?._id,
      tier: jabatan?.tier ?? (answers.tier ? String(answers.tier) : undefined),
      regionId: String(answers.region),
      timeZone,
      locale,
      learningModes: (answers.modes as string[] | undefined) ?? [],
      ...employmentToStore(answers, now, imported),
      consent: { givenAt: now, textVersion: CONSENT_TEXT_VERSION },
      onboardedAt: now,
    };
    try {
      await repos.people.create({ _id: personId, ...profile });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      await repos.people.update(personId, profile);
    }
    const bound = await repos.identities.bind({
      id: conversation.identityId,
      channel: channelOf(conversation.identityId),
      personId,
      address: conversation.identityId.split(":").slice(1).join(":"),
      now,
    });
    if (!bound) await repos.identities.rebind(conversation.identityId, personId, now);
    await repos.audit.append({
      at: now,
      actorPersonId: personId,
      actorIdentityId: conversation.identityId,
      action: "person.onboarded",
      outcome: "ok",
      targetKind: "person",
      targetId: personId,
    });
    deps.onProfileChanged?.(conversation.identityId);
    const newProfile: Profile = {
      personId,
      locale,
      tier: profile.tier,
      instansiId: profile.instansiId,
      unitId: profile.unitId,
      jabatanId: profile.jabatanId,
      regionId: profile.regionId,
      hasNip: Boolean(adopting),
      onboarded: true,
    };
    return {
      subjectId: personId,
      profile: newProfile,
      ...(adopting ? {} : { outbound: [{ text: deps.translate(locale, "onboarding-unverified-done") }] }),
    };
  };

  const label = (locale: Locale, key: string) => deps.translate(locale, key);

  const instansi: OptionSource = async ({ query }) =>
    (await repos.orgUnits.roots())
      .filter((u) => matchesQuery(u.name, query))
      .map((u) => ({ id: u._id, label: u.name }));

  const units: OptionSource = async ({ conversation, answers, query }) => {
    // A registration link narrows the choice to the linked unit's subtree (its instansi, or a part).
    const root = answers.invitedUnit ?? answers.instansi ?? conversation.profile.instansiId;
    const all = await repos.orgUnits.subtree(String(root));
    const names = new Map(all.map((u) => [u._id, u.name]));
    return all
      .filter((u) => u.kind === "unit")
      .map((u) => ({
        id: u._id,
        // "Dinas Kesehatan › Bidang Pelayanan": the path below the instansi makes similar names distinct.
        label: [...u.path.slice(1), u._id]
          .map((id) => names.get(id) ?? "")
          .filter(Boolean)
          .join(" › "),
      }))
      .filter((o) => matchesQuery(o.label, query))
      .sort((a, b) => a.label.localeCompare(b.label, "id"));
  };

  const jabatan: OptionSource = async ({ conversation, answers, query }) => {
    const instansi = answers.instansi ?? conversation.profile.instansiId;
    const found: OptionItem[] = (await repos.jabatan.listForInstansi(String(instansi)))
      .filter((j) => matchesQuery(j.name, query))
      .map((j) => ({ id: j._id, label: j.name }));
    // "Not on the list" stays reachable however long the list is.
    return [
      ...found.slice(0, 7),
      { id: "other", label: label(conversation.profile.locale, "onboarding-jabatan-other") },
    ];
  };

  const tiers: OptionSource = async ({ conversation }) =>
    deps.tiers.map((t) => ({
      id: t.id,
      label: conversation.profile.locale === "en" ? t.name.en : t.name.id,
    }));

  const regions: OptionSource = async ({ query }) =>
    deps.regions.filter((r) => matchesQuery(r.name, query)).map((r) => ({ id: r.id, label: r.name }));

  return {
    services: {
      "onboarding.checkNip": checkNip,
      "onboarding.checkActivation": checkActivation,
      "onboarding.withoutActivation": withoutActivation,
      "onboarding.hrPlacement": hrPlacement,
      "onboarding.inferEmployment": inferEmployment,
      "onboarding.checkContractStart": checkContractStart,
      "onboarding.inheritRegion": inheritRegion,
      "onboarding.suggestZone": suggestZone,
      "onboarding.useLanguage": useLanguage,
      "onboarding.complete": complete,
    } satisfies Record<string, ComputeService>,
    optionSources: {
      "org.instansi": instansi,
      "org.units": units,
      jabatan,
      tiers,
      regions,
    } satisfies Record<string, OptionSource>,
  };
}
