import type { Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { PersonPatch } from "../../db/repositories/people.js";
import { appointmentYear, parseContractMonth } from "../../domain/employment.js";
import { unitChoice } from "../../domain/membership.js";
import { formatNip, parseNip } from "../../domain/nip.js";
import type { ComputeResult, ComputeService } from "../../engine/engine.js";
import type { Flow } from "../../engine/schema.js";
import { resolveText, type Translate } from "../../engine/text.js";
import type { Conversation } from "../../engine/types.js";
import { formatLocalDay } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import { profileOfPerson } from "../../services/profile-of-person.js";
import {
  contractStartProblem,
  type RegionInfo,
  type TierInfo,
  ZONE_OPTIONS,
} from "../onboarding/onboarding.js";
import type { UnitMoves } from "../unit-moves/unit-moves.js";
import { createAtasanSettings } from "./atasan-settings.js";

export interface ProfileDeps {
  repos: Pick<Repositories, "people" | "orgUnits" | "jabatan" | "audit" | "nipClaims">;
  /** ADMIN_IDS: bootstrap admins may set anyone's direct atasan. */
  adminIds?: readonly string[];
  regions: readonly RegionInfo[];
  tiers: readonly TierInfo[];
  translate: Translate;
  zoneOf: (timeZone: string) => "WIB" | "WITA" | "WIT" | undefined;
  onProfileChanged?: (identityId: string) => void;
  /** A verified person's new unit is a request for an admin of that unit, not a change. */
  unitMoves: Pick<UnitMoves, "request">;
}

/** The person's NIP as parsed on `now`, if it parses. */
const nipOf = (person: Person, now: Date) => {
  const parsed = person.nip ? parseNip(person.nip, now) : undefined;
  return parsed?.ok ? parsed.nip : undefined;
};

/**
 * A PPPK by record, or, with no status recorded (registered before Pandu stored it), by the NIP.
 * A PPPK is not chosen or left by hand: it follows the NIP or the admin's import.
 */
const isPppk = (person: Person, now: Date): boolean =>
  person.employment ? person.employment === "PPPK" : nipOf(person, now)?.kind === "pppk";

/** Compute services of flows/profil.yaml: show the profile, save one changed field. */
export function createProfile(deps: ProfileDeps) {
  const { repos } = deps;

  /**
   * Learning preferences by the labels the flow offers them with ("Pelatihan jarak jauh"): the
   * stored ids ("jarak-jauh") are for the code. An id the flow no longer lists is shown as it is.
   */
  function modeLabels(flow: Flow, ids: readonly string[], locale: Locale): string {
    const step = flow.steps.find((s) => s.id === "modes");
    const options = step?.kind === "multi" && Array.isArray(step.options) ? step.options : [];
    return ids
      .map((id) => {
        const option = options.find((o) => o.id === id);
        return option ? resolveText(option.label, locale, deps.translate) : id;
      })
      .join(", ");
  }

  async function summary(person: Person, locale: Locale, flow: Flow): Promise<string> {
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    const [unit, instansi, jabatan] = await Promise.all([
      person.unitId ? repos.orgUnits.get(person.unitId) : null,
      person.instansiId ? repos.orgUnits.get(person.instansiId) : null,
      person.jabatanId ? repos.jabatan.get(person.jabatanId) : null,
    ]);
    const tier = deps.tiers.find((x) => x.id === person.tier);
    const region = deps.regions.find((r) => r.id === person.regionId);
    const zone = deps.zoneOf(person.timeZone);
    // Only a PPPK has a contract, so only a PPPK sees the line (with a dash until it is known).
    const contract: [string, string][] =
      person.employment === "PPPK"
        ? [
            [
              "profile-contract-start",
              person.contractStart ? formatLocalDay(person.contractStart, locale) : "—",
            ],
          ]
        : [];
    const rows: [string, string][] = [
      ["profile-name", person.name],
      [
        "profile-nip",
        person.nip
          ? formatNip(person.nip)
          : person.declaredNip
            ? t("profile-nip-unverified", { nip: formatNip(person.declaredNip) })
            : "—",
      ],
      ["profile-employment", person.employment ? t(`employment-${person.employment}`) : "—"],
      ...contract,
      ["profile-instansi", instansi?.name ?? "—"],
      ["profile-unit", unit?.name ?? "—"],
      ["profile-jabatan", jabatan?.name ?? (tier ? (locale === "en" ? tier.name.en : tier.name.id) : "—")],
      ["profile-region", region?.name ?? "—"],
      ["profile-zone", zone ? t(`zone-${zone}`) : person.timeZone],
      ["profile-language", person.locale === "en" ? "English" : "Bahasa Indonesia"],
      ["profile-modes", modeLabels(flow, person.learningModes, locale) || "—"],
    ];
    return [t("profile-title"), "", ...rows.map(([k, v]) => `${t(k)}: ${v}`)].join("\n");
  }

  /** The region the person's unit or its ancestors state, if Pandu knows it. */
  async function inheritedRegion(conversation: Conversation): Promise<RegionInfo | undefined> {
    const unitId = conversation.profile.unitId ?? conversation.profile.instansiId;
    const id = unitId ? await repos.orgUnits.regionOf(unitId) : undefined;
    return id ? deps.regions.find((r) => r.id === id) : undefined;
  }

  const regionRefused = (conversation: Conversation, region: RegionInfo): ComputeResult => ({
    outbound: [
      {
        text: deps.translate(conversation.profile.locale, "profile-region-inherited", {
          region: region.name,
        }),
      },
    ],
    goto: "field",
  });

  /** The province follows the instansi: it is chosen here only when the unit's tree states none. */
  const regionCheck: ComputeService = async ({ conversation }) => {
    const inherited = await inheritedRegion(conversation);
    return inherited ? regionRefused(conversation, inherited) : {};
  };

  /** CPNS and PNS are chosen by the person; a PPPK is told why not and asked the contract start instead. */
  const employmentCheck: ComputeService = async ({ conversation, now }) => {
    const person = conversation.profile.personId
      ? await repos.people.get(conversation.profile.personId)
      : null;
    if (!person || !isPppk(person, now)) return {};
    return {
      outbound: [{ text: deps.translate(conversation.profile.locale, "profile-employment-pppk") }],
      goto: "contract_start",
    };
  };

  /**
   * After the unit is chosen: a self-declared unit (a person HR has not verified) is saved as
   * before; a verified person's unit comes from HR data, so the choice becomes a move request for
   * an admin of that unit and nothing on the profile changes.
   */
  const unitMove: ComputeService = async ({ conversation, answers }) => {
    const person = conversation.profile.personId
      ? await repos.people.get(conversation.profile.personId)
      : null;
    if (!person) return { goto: "done" };
    const unitId = String(answers.unit);
    if (unitChoice(person, unitId) === "save") return {};
    return { outbound: await deps.unitMoves.request(conversation, person, unitId), goto: "field" };
  };

  const show: ComputeService = async ({ conversation, flow }) => {
    const person = conversation.profile.personId
      ? await repos.people.get(conversation.profile.personId)
      : null;
    if (!person)
      return {
        outbound: [{ text: deps.translate(conversation.profile.locale, "onboarding-needed") }],
        goto: "done",
      };
    return {
      outbound: [{ text: await summary(person, conversation.profile.locale, flow) }],
      // Pre-select the current preferences when they are edited.
      setAnswers: { modes: person.learningModes },
    };
  };

  const save: ComputeService = async ({ conversation, answers, now }) => {
    const personId = conversation.profile.personId;
    if (!personId) return { goto: "done" };
    const field = String(answers.field);
    const patch: PersonPatch = {};
    const clear: (keyof PersonPatch)[] = [];
    switch (field) {
      case "name":
        patch.name = String(answers.name);
        break;
      case "unit": {
        // Checked again here, not only in unitMove: only a self-declared unit is ever saved.
        const person = await repos.people.get(personId);
        if (!person) return { goto: "done" };
        if (unitChoice(person, String(answers.unit)) !== "save")
          return {
            outbound: await deps.unitMoves.request(conversation, person, String(answers.unit)),
            goto: "field",
          };
        const unit = await repos.orgUnits.get(String(answers.unit));
        if (unit) {
          patch.unitId = unit._id;
          patch.instansiId = unit.instansiId;
          // The province follows the new unit when its tree says one.
          const region = await repos.orgUnits.regionOf(unit._id);
          if (region && deps.regions.some((r) => r.id === region)) patch.regionId = region;
        }
        break;
      }
      case "jabatan": {
        const jabatan = answers.jabatan !== "other" ? await repos.jabatan.get(String(answers.jabatan)) : null;
        if (jabatan) {
          patch.jabatanId = jabatan._id;
          patch.tier = jabatan.tier;
        } else {
          clear.push("jabatanId");
          patch.tier = String(answers.tier);
        }
        break;
      }
      case "region": {
        // Also here, not only in regionCheck: a run may have waited at the question since before.
        const inherited = await inheritedRegion(conversation);
        if (inherited) return regionRefused(conversation, inherited);
        patch.regionId = String(answers.region);
        break;
      }
      case "zone":
        patch.timeZone = ZONE_OPTIONS[String(answers.zone)] ?? "Asia/Jakarta";
        break;
      case "language":
        patch.locale = answers.language === "en" ? "en" : "id";
        break;
      case "modes":
        patch.learningModes = (answers.modes as string[] | undefined) ?? [];
        break;
      case "employment": {
        const person = await repos.people.get(personId);
        if (!person) return { goto: "done" };
        // Decided by the record, not by which answer is present: answers stay from earlier rounds.
        if (isPppk(person, now)) {
          const nip = nipOf(person, now);
          const result = parseContractMonth(String(answers.contract_start ?? ""), {
            today: now,
            ...(nip ? { appointmentYear: appointmentYear(nip) } : {}),
          });
          if (!result.ok) {
            return {
              outbound: [{ text: contractStartProblem(deps.translate, conversation.profile.locale, result) }],
              goto: "contract_start",
            };
          }
          patch.contractStart = result.date;
          if (!person.employment) {
            patch.employment = "PPPK";
            patch.employmentSource = "nip";
          }
        } else {
          // A CPNS becomes PNS after probation (and a wrong guess is put right): the person says so.
          patch.employment = answers.employment === "cpns" ? "CPNS" : "PNS";
          patch.employmentSource = "confirmed";
        }
        break;
      }
    }
    await repos.people.update(personId, patch, clear);
    await repos.audit.append({
      at: now,
      actorPersonId: personId,
      actorIdentityId: conversation.identityId,
      action: "profile.update",
      outcome: "ok",
      targetKind: "person",
      targetId: personId,
      details: { field },
    });
    deps.onProfileChanged?.(conversation.identityId);
    const person = await repos.people.get(personId);
    const profile = person ? profileOfPerson(person) : conversation.profile;
    return { outbound: [{ text: deps.translate(profile.locale, "profile-saved") }], profile };
  };

  const atasan = createAtasanSettings({
    repos,
    translate: deps.translate,
    ...(deps.adminIds ? { adminIds: deps.adminIds } : {}),
  });
  return {
    optionSources: atasan.optionSources,
    textSources: atasan.textSources,
    services: {
      ...atasan.services,
      "profile.show": show,
      "profile.regionCheck": regionCheck,
      "profile.employmentCheck": employmentCheck,
      "profile.unitMove": unitMove,
      "profile.save": save,
    } satisfies Record<string, ComputeService>,
  };
}
