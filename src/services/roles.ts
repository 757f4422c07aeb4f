import type { Person, Role } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import { nipDigits } from "../domain/nip.js";
import { type Actor, mayAct, STAFF_ROLES, type StaffRole } from "../domain/scope.js";
import type { Translate } from "../engine/text.js";
import type { Conversation, Outbound } from "../engine/types.js";
import { formatDateTime } from "../i18n/format.js";
import { createAuditLog } from "./audit-log.js";

/** The actor behind a conversation: their grants, and whether ADMIN_IDS names this identity. */
export function actorOf(person: Person | null, bootstrapAdmin: boolean): Actor {
  return {
    grants: (person?.roles ?? []).map((r) => ({ role: r.role as StaffRole, unitId: r.unitId })),
    bootstrapAdmin,
  };
}

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
}) {
  const tr = (conv: Conversation) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  async function actorFor(conv: Conversation, bootstrapAdmin: boolean) {
    const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
    return { me, actor: actorOf(me, bootstrapAdmin) };
  }

  const audit = createAuditLog(deps);

  async function change(conv: Conversation, bootstrapAdmin: boolean, verb: "beri" | "cabut", rest: string[]) {
    const t = tr(conv);
    const [nipText, roleText, unitId] = rest;
    const role = roleText?.toLowerCase() as StaffRole | undefined;
    if (!nipText || !role || !unitId || !STAFF_ROLES.includes(role)) return [{ text: t("roles-usage") }];
    const nip = nipDigits(nipText);
    const { me, actor } = await actorFor(conv, bootstrapAdmin);
    const unit = await deps.repos.orgUnits.get(unitId);
    if (!unit) return [{ text: t("roles-unknown-unit", { unit: unitId }) }];
    const action = verb === "beri" ? "role.grant" : "role.revoke";
    if (!mayAct(actor, "admin", unit)) {
      await audit(conv, me, action, "refused", { scopeUnitId: unit._id, details: { role } });
      return [{ text: t("roles-out-of-scope", { unit: unit.name }) }];
    }
    const ownerId = nip ? await deps.repos.nipClaims.ownerOf(nip) : null;
    const target = ownerId ? await deps.repos.people.get(ownerId) : null;
    if (!target?.onboardedAt) return [{ text: t("roles-unknown-person") }];
    const has = target.roles.some((r) => r.role === role && r.unitId === unit._id);
    if (verb === "beri" && has)
      return [{ text: t("roles-already", { name: target.name, role, unit: unit.name }) }];
    if (verb === "cabut" && !has)
      return [{ text: t("roles-not-held", { name: target.name, role, unit: unit.name }) }];
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
        text: t(verb === "beri" ? "roles-granted" : "roles-revoked", {
          name: target.name,
          role,
          unit: unit.name,
        }),
      },
    ];
  }

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
    /** /peran [beri|cabut NIP peran unit | lepas-nip NIP]. */
    async peran(conv: Conversation, args: string, bootstrapAdmin: boolean): Promise<Outbound[]> {
      const t = tr(conv);
      const [verb, ...rest] = args.trim().split(/\s+/).filter(Boolean);
      if (verb === "lepas-nip" || verb === "release-nip") return releaseNip(conv, bootstrapAdmin, rest[0]);
      if (verb === "beri" || verb === "cabut" || verb === "grant" || verb === "revoke")
        return change(
          conv,
          bootstrapAdmin,
          verb === "grant" ? "beri" : verb === "revoke" ? "cabut" : verb,
          rest,
        );
      const { actor } = await actorFor(conv, bootstrapAdmin);
      const holders = (await deps.repos.people.listWithRoles()).flatMap((p) =>
        p.roles.map((r) => ({ name: p.name, role: r.role, unitId: r.unitId })),
      );
      const visible: string[] = [];
      for (const h of holders) {
        const unit = await deps.repos.orgUnits.get(h.unitId);
        if (unit && mayAct(actor, "admin", unit)) visible.push(`• ${h.name}: ${h.role} — ${unit.name}`);
      }
      return [
        {
          text: [
            t("roles-title"),
            ...(visible.length ? visible : [t("roles-none")]),
            "",
            t("roles-usage"),
          ].join("\n"),
        },
      ];
    },

    /** /audit [action or NIP]: the latest 20 entries. */
    async auditLog(conv: Conversation, args: string): Promise<Outbound[]> {
      const t = tr(conv);
      const filter = args.trim();
      const nip = nipDigits(filter);
      const personId = nip ? await deps.repos.nipClaims.ownerOf(nip) : null;
      const entries = await deps.repos.audit.list({
        ...(personId ? { actorPersonId: personId } : filter ? { action: filter } : {}),
        limit: 20,
      });
      if (entries.length === 0) return [{ text: t("audit-empty") }];
      const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      const zone = me?.timeZone ?? "Asia/Jakarta";
      const lines = entries.map(
        (e) =>
          `${formatDateTime(e.at, { locale: conv.profile.locale, timeZone: zone })} · ${e.action} · ${
            e.outcome === "ok" ? t("audit-ok") : t("audit-refused")
          } · ${e.actorPersonId ?? e.actorIdentityId ?? "-"}${e.targetId ? ` → ${e.targetId}` : ""}${
            e.scopeUnitId ? ` (${e.scopeUnitId})` : ""
          }`,
      );
      return [{ text: [t("audit-title"), ...lines].join("\n") }];
    },

    /** Writes a refused command to the audit log (staff commands tried without the role). */
    async refused(conv: Conversation, command: string): Promise<void> {
      const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      await audit(conv, me, `command.${command}`, "refused");
    },
  };
}
export type Roles = ReturnType<typeof createRoles>;
