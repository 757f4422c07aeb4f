import type { OrgUnit } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { mayAct, scopeRoots } from "../../domain/scope.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDate } from "../../i18n/format.js";
import { actingPerson } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { DeepLinks } from "../../services/deep-links.js";
import type { RenderQr } from "../../services/qr-code.js";
import { buttonCodec } from "../feature.js";

/** A registration link is valid this long. */
export const INVITATION_DAYS = 30;
const DAY_MS = 86_400_000;

/** The unit a registration link is made for, picked from the admin's scope. */
export const inviteButton = buttonCodec("invitation", "udg", { make: ["m", 1] });

/**
 * `/undangan`: an admin's registration link (and its QR code) for a unit in their scope, to share
 * where new staff will see it. Whoever opens it registers with the unit's instansi already chosen
 * and picks their unit within it (see the link opener).
 */
export function createInvitations(deps: {
  repos: Pick<Repositories, "people" | "orgUnits" | "audit">;
  links: Pick<DeepLinks, "make" | "telegramBot">;
  renderQr: RenderQr;
  translate: Translate;
  now: () => Date;
}) {
  const audit = createAuditLog(deps);
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  /** The units an admin may invite to: the roots of their admin scope (every instansi for a bootstrap admin). */
  async function unitsFor(bootstrapAdmin: boolean, conv: Conversation): Promise<OrgUnit[]> {
    const { actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
    const roots = scopeRoots(actor, "admin");
    if (!roots) return deps.repos.orgUnits.roots();
    const units = await Promise.all(roots.map((id) => deps.repos.orgUnits.get(id)));
    return units.filter((u): u is OrgUnit => u !== null);
  }

  /** The link and QR code for `unit`, once the admin's scope was checked. */
  async function linkFor(conv: Conversation, unit: OrgUnit): Promise<Outbound[]> {
    const expiresAt = new Date(deps.now().getTime() + INVITATION_DAYS * DAY_MS);
    const made = deps.links.make("register", unit._id, expiresAt);
    if (!made) return [{ text: t(conv, "invite-too-long") }];
    if (!made.url) return [{ text: t(conv, "invite-no-telegram") }];
    const instansi = unit.instansiId === unit._id ? unit : await deps.repos.orgUnits.get(unit.instansiId);
    const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
    await audit(conv, me, "invitation.created", "ok", {
      target: { kind: "unit", id: unit._id },
      scopeUnitId: unit._id,
      details: { expiresAt: expiresAt.toISOString() },
    });
    const locale = conv.profile.locale;
    return [
      {
        text: t(conv, "invite-made", {
          unit: unit.name,
          instansi: instansi?.name ?? unit.name,
          url: made.url,
          until: formatDate(expiresAt, { locale, timeZone: me?.timeZone ?? "Asia/Jakarta" }),
        }),
        media: {
          kind: "photo",
          filename: `undangan-${unit._id}.png`,
          mime: "image/png",
          bytes: await deps.renderQr(made.url),
        },
      },
    ];
  }

  return {
    /** `/undangan`: the link at once when the admin's scope is one unit, else a button per unit. */
    async list(conv: Conversation, bootstrapAdmin: boolean): Promise<Outbound[]> {
      if (!deps.links.telegramBot()) return [{ text: t(conv, "invite-no-telegram") }];
      const units = await unitsFor(bootstrapAdmin, conv);
      if (units.length === 0) return [{ text: t(conv, "invite-none") }];
      if (units.length === 1) return linkFor(conv, units[0]!);
      return [
        {
          text: t(conv, "invite-choose"),
          choices: units
            .filter((u) => u._id.length <= 40)
            .map((u) => [{ data: inviteButton.pack("make", u._id), label: u.name }]),
        },
      ];
    },

    /** A unit's button: the admin's scope is read again now, and a unit outside it is refused. */
    async make(conv: Conversation, bootstrapAdmin: boolean, unitId: string): Promise<Outbound[]> {
      const { me, actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
      const unit = await deps.repos.orgUnits.get(unitId);
      if (!unit || !mayAct(actor, "admin", unit)) {
        await audit(conv, me, "invitation.created", "refused", {
          target: { kind: "unit", id: unitId },
          details: { reason: "out-of-scope" },
        });
        return [{ text: t(conv, "invite-out-of-scope") }];
      }
      return linkFor(conv, unit);
    },
  };
}
export type Invitations = ReturnType<typeof createInvitations>;
