import type { Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import { isUnverified } from "../../domain/membership.js";
import { formatNip, parseNip } from "../../domain/nip.js";
import { type Actor, mayAct, scopeRoots } from "../../domain/scope.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDate } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import type { Activation } from "../../services/activation.js";
import { actingPerson } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import { shownCode } from "../../services/one-time-code.js";
import { buttonCodec } from "../feature.js";

/** `akt|v|<person>`: verify that unverified person. The id is checked again on every press. */
export const activationButton = buttonCodec("activation", "akt", { verify: ["v", 1] });

/** How many unverified people one /aktivasi shows (the oldest first; verifying shortens the list). */
export const LIST_SIZE = 10;

/** HR fields an imported record gives the person who turns out to be its owner. */
const HR_FIELDS = [
  "name",
  "instansiId",
  "unitId",
  "jabatanId",
  "tier",
  "employment",
  "employmentSource",
  "contractStart",
  "regionId",
  "atasanNip",
] as const;

/**
 * /aktivasi for admins: activation codes for imported people (re-issued one at a time, shown once)
 * and the verification of people who registered without one. Every action reads the admin's roles
 * now and acts only on people whose unit is inside the admin's scope.
 */
export function createPersonVerification(deps: {
  repos: Pick<
    Repositories,
    "people" | "orgUnits" | "nipClaims" | "identities" | "activationCodes" | "audit" | "leases"
  >;
  activation: Pick<Activation, "issue" | "awaitingRegistration">;
  outbox: Pick<Outbox, "schedule">;
  translate: Translate;
  now: () => Date;
  /** Told who changed (the summary totals recount them). */
  onPeopleChanged?: (personIds: string[]) => Promise<unknown>;
  /** Told which chat accounts' cached profiles are stale. */
  onProfileChanged?: (identityId: string) => void;
  /** Told when a merge gave the person the imported record's roles (menus and caches follow). */
  onRolesChanged?: (personId: string) => void;
}) {
  const { repos } = deps;
  const audit = createAuditLog(deps);
  const tr = (conv: Conversation) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  /** Whether the admin may act on a person where they work (their unit, declared or from HR). */
  const inScope = async (actor: Actor, person: Person): Promise<boolean> => {
    const unit = person.unitId ? await repos.orgUnits.get(person.unitId) : null;
    return unit !== null && mayAct(actor, "admin", unit);
  };

  return {
    /** The unverified people in the admin's scope, oldest first, each with a button to verify. */
    async list(conv: Conversation, bootstrapAdmin: boolean): Promise<Outbound[]> {
      const t = tr(conv);
      const { me, actor } = await actingPerson(repos, conv, bootstrapAdmin);
      const units = await repos.orgUnits.inScope(scopeRoots(actor, "admin"));
      const names = new Map(units.map((u) => [u._id, u.name]));
      const waiting = await repos.people.unverifiedInUnits(units.map((u) => u._id));
      if (waiting.length === 0)
        return [{ text: [t("activation-none-waiting"), "", t("activation-hint")].join("\n") }];
      const shown = waiting.slice(0, LIST_SIZE);
      // Dates as the admin reads them (a bootstrap admin with no person: Jakarta time).
      const zone = me?.timeZone ?? "Asia/Jakarta";
      const lines = shown.map((p, i) =>
        t("activation-line", {
          n: i + 1,
          name: p.name,
          nip: p.declaredNip ? formatNip(p.declaredNip) : "—",
          unit: names.get(p.unitId ?? "") ?? "—",
          date: p.onboardedAt
            ? formatDate(p.onboardedAt, { locale: conv.profile.locale, timeZone: zone })
            : "—",
        }),
      );
      return [
        {
          text: [
            t("activation-waiting", { count: waiting.length, shown: shown.length }),
            "",
            ...lines,
            "",
            t("activation-verify-explain"),
            t("activation-hint"),
          ].join("\n"),
          choices: shown.map((p, i) => [
            { data: activationButton.pack("verify", p._id), label: t("activation-btn-verify", { n: i + 1 }) },
          ]),
        },
      ];
    },

    /** `/aktivasi <NIP>`: a fresh code for an imported person who has not registered, shown once. */
    async reissue(conv: Conversation, bootstrapAdmin: boolean, typed: string): Promise<Outbound[]> {
      const t = tr(conv);
      const parsed = parseNip(typed, deps.now());
      if (!parsed.ok) return [{ text: t("activation-nip-invalid") }];
      const { me, actor } = await actingPerson(repos, conv, bootstrapAdmin);
      const ownerId = await repos.nipClaims.ownerOf(parsed.nip.digits);
      const person = ownerId ? await repos.people.get(ownerId) : null;
      // Outside the scope reads exactly like unknown: the admin learns nothing about other instansi.
      if (!person || !(await inScope(actor, person))) {
        if (person)
          await audit(conv, me, "activation.issued", "refused", {
            target: { kind: "person", id: person._id },
            details: { reason: "out-of-scope" },
          });
        return [{ text: t("activation-nip-unknown") }];
      }
      if (!(await deps.activation.awaitingRegistration(person)))
        return [{ text: t("activation-already-registered", { name: person.name }) }];
      const [issued] = await deps.activation.issue([person], me?._id);
      await audit(conv, me, "activation.issued", "ok", {
        target: { kind: "person", id: person._id },
        ...(person.unitId ? { scopeUnitId: person.unitId } : {}),
      });
      return [
        {
          text: t("activation-code-issued", {
            name: person.name,
            nip: formatNip(parsed.nip.digits),
            code: shownCode(issued!.code),
          }),
        },
      ];
    },

    /**
     * Verifies an unverified person: their NIP becomes theirs, or, when HR imported that NIP and
     * nobody registered as it, the imported record's HR data becomes theirs and the record goes.
     */
    async verify(conv: Conversation, bootstrapAdmin: boolean, personId: string): Promise<Outbound[]> {
      const t = tr(conv);
      const now = deps.now();
      const { me, actor } = await actingPerson(repos, conv, bootstrapAdmin);
      const person = await repos.people.get(personId);
      if (!person || !isUnverified(person) || !person.declaredNip)
        return [{ text: t("activation-verify-gone"), replacesPrompt: true }];
      if (!(await inScope(actor, person))) {
        await audit(conv, me, "person.verified", "refused", {
          target: { kind: "person", id: person._id },
          details: { reason: "out-of-scope" },
        });
        return [{ text: t("activation-verify-out-of-scope") }];
      }
      // Two admins pressing at once: a unique key decides who verifies (filtered updates are no
      // compare-and-set on FerretDB).
      const key = `verify:${person._id}`;
      if (!(await repos.leases.takeKey(key, conv.identityId, now)))
        return [{ text: t("activation-verify-gone"), replacesPrompt: true }];
      const nip = person.declaredNip;
      const claim = await repos.nipClaims.claim(nip, person._id, now);
      let merged: Person | null = null;
      if (!claim.ok) {
        const holder = await repos.people.get(claim.ownerPersonId);
        // Only an imported record nobody registered as, inside the admin's scope, may be merged in.
        const mergeable =
          holder && (await deps.activation.awaitingRegistration(holder)) && (await inScope(actor, holder));
        if (!mergeable) {
          await repos.leases.removeKey(key);
          await audit(conv, me, "person.verified", "refused", {
            target: { kind: "person", id: person._id },
            details: { reason: "nip-taken" },
          });
          return [{ text: t("activation-verify-nip-taken", { nip: formatNip(nip) }) }];
        }
        merged = holder;
        await repos.nipClaims.release(nip);
        await repos.nipClaims.claim(nip, person._id, now);
        await repos.activationCodes.remove(holder._id);
        await repos.people.remove(holder._id);
      }
      const hr = merged
        ? Object.fromEntries(HR_FIELDS.filter((f) => merged[f] !== undefined).map((f) => [f, merged[f]]))
        : {};
      await repos.people.update(person._id, { ...hr, nip }, ["unverified", "declaredNip"]);
      if (merged?.roles.length) {
        await repos.people.setRoles(person._id, [...person.roles, ...merged.roles]);
        deps.onRolesChanged?.(person._id);
      }
      await audit(conv, me, "person.verified", "ok", {
        target: { kind: "person", id: person._id },
        ...(person.unitId ? { scopeUnitId: person.unitId } : {}),
        details: merged ? { mergedImport: merged._id } : {},
      });
      await deps.onPeopleChanged?.(merged ? [person._id, merged._id] : [person._id]);
      for (const identity of await repos.identities.listForPerson(person._id))
        deps.onProfileChanged?.(identity._id);
      const locale: Locale = person.locale === "en" ? "en" : "id";
      await deps.outbox.schedule({
        purpose: "person.verified",
        occurrence: person._id,
        personId: person._id,
        message: { text: deps.translate(locale, "activation-you-are-verified") },
        dueAt: now,
      });
      return [
        {
          text: t(merged ? "activation-verified-merged" : "activation-verified", {
            name: (merged?.name ?? person.name) as string,
            nip: formatNip(nip),
          }),
        },
      ];
    },
  };
}
export type PersonVerification = ReturnType<typeof createPersonVerification>;
