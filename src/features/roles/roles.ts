import type { Role } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { isUnverified } from "../../domain/membership.js";
import { nipDigits } from "../../domain/nip.js";
import { mayAct, STAFF_ROLES, type StaffRole } from "../../domain/scope.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import { actingPerson } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import { createRolePicker, roleLabel } from "./role-picker.js";

/** Entries /audit shows, and how many of the latest it looks through for a scoped admin's. */
const AUDIT_SHOWN = 20;
const AUDIT_SCAN = 500;

/**
 * /peran (grant and revoke roles within the admin's scope) and /audit (the audit log, latest
 * first). Every grant, revocation and refusal is written to the audit log.
 */
export function createRoles(deps: {
  repos: Pick<Repositories, "people" | "nipClaims" | "orgUnits" | "audit" | "identities">;
  translate: Translate;
  now: () => Date;
  /** Drops cached roles of a person's identities on this instance after a change. */
  onRolesChanged?: (personId: string) => void;
  /** Bootstrap administrators (ADMIN_IDS), for buttons and flows that carry no such flag. */
  adminIds?: readonly string[];
}) {
  const tr = (conv: Conversation) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  async function actorFor(conv: Conversation, bootstrapAdmin: boolean) {
    return actingPerson(deps.repos, conv, bootstrapAdmin);
  }

  const audit = createAuditLog(deps);

  /**
   * Grants or revokes one role for one person: the unit's scope, the person's registration, the
   * write and the audit entry. The only path that changes roles, for typed commands and buttons.
   */
  async function changeRole(
    conv: Conversation,
    bootstrapAdmin: boolean,
    verb: "beri" | "cabut",
    targetId: string | null,
    role: StaffRole,
    unitId: string,
  ): Promise<Outbound[]> {
    const t = tr(conv);
    const { me, actor } = await actorFor(conv, bootstrapAdmin);
    const unit = await deps.repos.orgUnits.get(unitId);
    if (!unit) return [{ text: t("roles-unknown-unit", { unit: unitId }) }];
    const action = verb === "beri" ? "role.grant" : "role.revoke";
    if (!mayAct(actor, "admin", unit)) {
      await audit(conv, me, action, "refused", { scopeUnitId: unit._id, details: { role } });
      return [{ text: t("roles-out-of-scope", { unit: unit.name }) }];
    }
    const target = targetId ? await deps.repos.people.get(targetId) : null;
    if (!target?.onboardedAt) return [{ text: t("roles-unknown-person") }];
    // A grant needs the person inside the admin's reach: no lending roles across instansi. A
    // revocation does not, so a holder who moved away can still lose a grant on this unit; but a
    // person outside the reach who holds no such grant is refused like a grant, without their name
    // (a NIP typed from outside must not tell who it belongs to).
    const home = target.unitId ? await deps.repos.orgUnits.get(target.unitId) : null;
    const reachable = home !== null && mayAct(actor, "admin", home);
    const has = target.roles.some((r) => r.role === role && r.unitId === unit._id);
    if (!reachable && (verb === "beri" || !has)) {
      await audit(conv, me, action, "refused", {
        target: { kind: "person", id: target._id },
        scopeUnitId: unit._id,
        details: { role, reason: "person-out-of-scope" },
      });
      return [{ text: t("roles-person-out-of-scope") }];
    }
    // A role is trust in a known employee: someone whose NIP HR has not confirmed holds none.
    if (verb === "beri" && isUnverified(target)) {
      await audit(conv, me, action, "refused", {
        target: { kind: "person", id: target._id },
        scopeUnitId: unit._id,
        details: { role, reason: "unverified" },
      });
      return [{ text: t("roles-person-unverified", { name: target.name }) }];
    }
    const shown = { name: target.name, role: roleLabel(t, role), unit: unit.name };
    if (verb === "beri" && has) return [{ text: t("roles-already", shown) }];
    if (verb === "cabut" && !has) return [{ text: t("roles-not-held", shown) }];
    const roles =
      verb === "beri"
        ? [
            ...target.roles,
            {
              role: role as Role,
              unitId: unit._id,
              grantedAt: deps.now(),
              ...(me ? { grantedBy: me._id } : {}),
            },
          ]
        : target.roles.filter((r) => !(r.role === role && r.unitId === unit._id));
    await deps.repos.people.setRoles(target._id, roles);
    deps.onRolesChanged?.(target._id);
    await audit(conv, me, action, "ok", {
      target: { kind: "person", id: target._id },
      scopeUnitId: unit._id,
      details: { role },
    });
    return [
      {
        text: t(verb === "beri" ? "roles-granted" : "roles-revoked", shown),
      },
    ];
  }

  /** `/peran beri|cabut NIP peran unit`: the person is found by NIP. */
  async function change(conv: Conversation, bootstrapAdmin: boolean, verb: "beri" | "cabut", rest: string[]) {
    const [nipText, roleText, unitId] = rest;
    // "atasan" is how people name the supervisor role, so it is taken as its code too.
    const typed = roleText?.toLowerCase();
    const role = (typed === "atasan" ? "supervisor" : typed) as StaffRole | undefined;
    if (!nipText || !role || !unitId || !STAFF_ROLES.includes(role))
      return [{ text: tr(conv)("roles-usage") }];
    const nip = nipDigits(nipText);
    const ownerId = nip ? await deps.repos.nipClaims.ownerOf(nip) : null;
    return changeRole(conv, bootstrapAdmin, verb, ownerId, role, unitId);
  }

  const picker = createRolePicker({ ...deps, changeRole });

  /** Frees a NIP someone registered with by mistake (the owner must be in the admin's scope). */
  async function releaseNip(conv: Conversation, bootstrapAdmin: boolean, nipText: string | undefined) {
    const t = tr(conv);
    const nip = nipText ? nipDigits(nipText) : undefined;
    if (!nip) return [{ text: t("roles-usage") }];
    const { me, actor } = await actorFor(conv, bootstrapAdmin);
    const ownerId = await deps.repos.nipClaims.ownerOf(nip);
    const owner = ownerId ? await deps.repos.people.get(ownerId) : null;
    if (!owner) return [{ text: t("roles-nip-free") }];
    const unit = owner.unitId ? await deps.repos.orgUnits.get(owner.unitId) : null;
    if (!(unit ? mayAct(actor, "admin", unit) : bootstrapAdmin)) {
      await audit(conv, me, "nip.release", "refused", {
        target: { kind: "person", id: owner._id },
        ...(unit ? { scopeUnitId: unit._id } : {}),
      });
      return [{ text: t("roles-out-of-scope", { unit: unit?.name ?? "—" }) }];
    }
    await deps.repos.nipClaims.release(nip);
    await deps.repos.people.update(owner._id, {}, ["nip"]);
    await audit(conv, me, "nip.release", "ok", {
      target: { kind: "person", id: owner._id },
      ...(unit ? { scopeUnitId: unit._id } : {}),
    });
    return [{ text: t("roles-nip-released", { name: owner.name }) }];
  }

  return {
    /**
     * /peran: the menu with buttons; `beri|cabut NIP peran unit`; `beri|cabut words` (a list
     * filtered by name or NIP); `daftar` (role holders); `lepas-nip NIP`.
     */
    async manage(conv: Conversation, args: string, bootstrapAdmin: boolean): Promise<Outbound[]> {
      const [verb, ...rest] = args.trim().split(/\s+/).filter(Boolean);
      if (verb === "lepas-nip" || verb === "release-nip") return releaseNip(conv, bootstrapAdmin, rest[0]);
      const grant = verb === "beri" || verb === "grant";
      if (grant || verb === "cabut" || verb === "revoke") {
        // Fewer than three words cannot be NIP, role and unit: they filter the list to pick from.
        if (rest.length < 3) return picker.list(conv, grant ? "beri" : "cabut", 0, rest.join(" "));
        return change(conv, bootstrapAdmin, grant ? "beri" : "cabut", rest);
      }
      if (verb === "daftar" || verb === "list") return picker.holders(conv);
      return picker.menu(conv);
    },

    /** Buttons of the role picker (`per|…`). */
    handleButton: picker.handleButton,

    /** Compute services for flows/peran-cari.yaml (a typed name or NIP filters the list). */
    services: picker.services,

    /** /audit [action or NIP]: the latest 20 entries. */
    async auditLog(conv: Conversation, args: string, bootstrapAdmin: boolean): Promise<Outbound[]> {
      const t = tr(conv);
      const { me, actor } = await actorFor(conv, bootstrapAdmin);
      const filter = args.trim();
      const nip = nipDigits(filter);
      const personId = nip ? await deps.repos.nipClaims.ownerOf(nip) : null;
      // A bootstrap admin reads the latest entries; any other admin the latest of those that touch
      // their scope, found among the last AUDIT_SCAN.
      const scanned = await deps.repos.audit.list({
        ...(personId ? { actorPersonId: personId } : filter ? { action: filter } : {}),
        limit: actor.bootstrapAdmin ? AUDIT_SHOWN : AUDIT_SCAN,
        now: deps.now(),
      });
      // People and units by name, as the admin knows them; someone erased since keeps their id.
      const people = await deps.repos.people.byIds(
        scanned.flatMap((e) => [
          ...(e.actorPersonId ? [e.actorPersonId] : []),
          ...(e.targetKind === "person" && e.targetId ? [e.targetId] : []),
        ]),
      );
      const units = new Map((await deps.repos.orgUnits.all()).map((u) => [u._id, u]));
      const reaches = (unitId: string | undefined) => {
        const unit = unitId ? units.get(unitId) : undefined;
        return unit !== undefined && mayAct(actor, "admin", unit);
      };
      // An entry belongs to an admin's scope by where it acted, who acted, or whom it was about.
      const entries = scanned
        .filter(
          (e) =>
            actor.bootstrapAdmin ||
            reaches(e.scopeUnitId) ||
            reaches(e.actorPersonId ? people.get(e.actorPersonId)?.unitId : undefined) ||
            reaches(e.targetKind === "person" && e.targetId ? people.get(e.targetId)?.unitId : undefined),
        )
        .slice(0, AUDIT_SHOWN);
      // Asking after a person outside the admin's scope is what their own admins want to know of.
      if (personId && !actor.bootstrapAdmin && !reaches((await deps.repos.people.get(personId))?.unitId))
        await audit(conv, me, "audit.read", "refused", { target: { kind: "person", id: personId } });
      if (entries.length === 0) return [{ text: t("audit-empty") }];
      const zone = me?.timeZone ?? "Asia/Jakarta";
      const person = (id: string) => people.get(id)?.name ?? id;
      // Whoever acted is named (an admin wants to know who tried to touch their people), but the
      // person an entry is about only when they work in the admin's scope: an admin's own refused
      // attempt on someone elsewhere must not tell them whom the NIP they typed belongs to.
      const about = (id: string) =>
        actor.bootstrapAdmin || reaches(people.get(id)?.unitId) ? person(id) : t("audit-person-outside");
      const lines = entries.map((e) => {
        const actor = e.actorPersonId ? person(e.actorPersonId) : (e.actorIdentityId ?? "-");
        const target = e.targetId ? (e.targetKind === "person" ? about(e.targetId) : e.targetId) : "";
        const unit = e.scopeUnitId ? (units.get(e.scopeUnitId)?.name ?? e.scopeUnitId) : "";
        return `${formatDateTime(e.at, { locale: conv.profile.locale, timeZone: zone })} · ${e.action} · ${
          e.outcome === "ok" ? t("audit-ok") : t("audit-refused")
        } · ${actor}${target ? ` → ${target}` : ""}${unit ? ` (${unit})` : ""}`;
      });
      const title = actor.bootstrapAdmin ? t("audit-title") : t("audit-title-scoped");
      return [{ text: [title, ...lines].join("\n") }];
    },

    /** Writes a refused command to the audit log (staff commands tried without the role). */
    async refused(conv: Conversation, command: string): Promise<void> {
      const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      await audit(conv, me, `command.${command}`, "refused");
    },
  };
}
export type Roles = ReturnType<typeof createRoles>;
