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
export function createOnboarding(deps: OnboardingDeps) {
  const { repos } = deps;

  const channelOf = (identityId: string) => identityId.split(":")[0] as "telegram" | "slack" | "terminal";

  /** Refuses a NIP someone else holds: audited for admins, and the person asked for it again. */
  const refuseNip = async (conversation: Conversation, owner: string, now: Date): Promise<ComputeResult> => {
    // Knowing someone's NIP (printed on many documents) must not let anyone take over their profile.
    await repos.audit.append({
      at: now,
      actorIdentityId: conversation.identityId,
      action: "nip.claim-refused",
      outcome: "refused",
      targetKind: "person",
      targetId: owner,
    });
    return {
      outbound: [{ text: deps.translate(conversation.profile.locale, "onboarding-nip-taken") }],
      goto: "nip",
    };
  };

  /** A person an admin imported who has not registered yet: whoever registers with the NIP becomes them. */
  const adoptableOwner = async (ownerId: string): Promise<Person | null> => {
    const owner = await repos.people.get(ownerId);
    if (!owner || owner.onboardedAt) return null;
    return (await repos.identities.listForPerson(ownerId)).length === 0 ? owner : null;
  };
  const adoptable = async (ownerId: string): Promise<boolean> => (await adoptableOwner(ownerId)) !== null;

  /** Takes an imported person for this identity: one unique key, so two people registering at once cannot both. */
  const adopt = async (ownerId: string, identityId: string, now: Date): Promise<boolean> => {
    const key = `adopt:${ownerId}`;
    return (
      (await repos.leases.takeKey(key, identityId, now)) || (await repos.leases.keyHolder(key)) === identityId
    );
  };

  const checkNip: ComputeService = async ({ conversation, answers, now }) => {
    const owner = await repos.nipClaims.ownerOf(String(answers.nip));
    if (!owner || owner === conversation.subjectId || (await adoptable(owner))) return {};
    return refuseNip(conversation, owner, now);
  };

  /**
   * Decides what to ask about the status kepegawaian: nothing when an imported record states it
   * (but a PPPK's missing contract start); else what the NIP calls for (employmentFromNip).
   */
  const inferEmployment: ComputeService = async ({ conversation, answers, now }) => {
    const nip = nipOf(answers, now);
    if (!nip) return {};
    const ownerId = await repos.nipClaims.ownerOf(nip.digits);
    const imported = ownerId && ownerId !== conversation.subjectId ? await adoptableOwner(ownerId) : null;
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
    const claim = await repos.nipClaims.claim(nip, personId, now);
    let imported: Person | null = null;
    if (!claim.ok) {
      // An imported employee registering: they become that person. Otherwise someone may have
      // taken this NIP between the check and now.
      const owner = claim.ownerPersonId;
      imported = await adoptableOwner(owner);
      if (!imported || !(await adopt(owner, conversation.identityId, now)))
        return refuseNip(conversation, owner, now);
      personId = owner;
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
    const profile = {
      name: String(answers.name),
      nip,
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
      hasNip: true,
      onboarded: true,
    };
    return { subjectId: personId, profile: newProfile };
  };

  const label = (locale: Locale, key: string) => deps.translate(locale, key);

  const instansi: OptionSource = async ({ query }) =>
    (await repos.orgUnits.roots())
      .filter((u) => matchesQuery(u.name, query))
      .map((u) => ({ id: u._id, label: u.name }));

  const units: OptionSource = async ({ conversation, answers, query }) => {
    const all = await repos.orgUnits.subtree(String(answers.instansi ?? conversation.profile.instansiId));
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
