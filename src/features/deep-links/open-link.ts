import type { Repositories } from "../../db/repositories/index.js";
import type { Translate } from "../../engine/text.js";
import type { Outbound } from "../../engine/types.js";
import { type DeepLinks, OPENABLE_COMMANDS } from "../../services/deep-links.js";
import type { CommandContext } from "../feature.js";
import type { Linking } from "../linking/linking.js";

/**
 * `/start <payload>`: what a deep link does once its signature and expiry are checked. Each kind
 * does exactly what the person could have typed: `/tautkan KODE`, `/start` with the instansi
 * already chosen, or the command itself, with the same checks. A link refused is explained and
 * changes nothing.
 */
export function createLinkOpener(deps: {
  links: Pick<DeepLinks, "read">;
  linking: Pick<Linking, "redeem">;
  repos: Pick<Repositories, "orgUnits">;
  translate: Translate;
  /** Finishes an erasure cut short for this identity, as `/start` does before registering. */
  finishErasure: (identityId: string) => Promise<unknown>;
}) {
  return {
    /** Opens the deep link whose payload followed `/start`. */
    async open(ctx: CommandContext): Promise<Outbound[]> {
      const t = (key: string) => deps.translate(ctx.conv.profile.locale, key);
      const read = deps.links.read(ctx.args.trim());
      if (!read.ok) return [{ text: t(read.reason === "expired" ? "deeplink-expired" : "deeplink-invalid") }];
      const { kind, data } = read.link;
      switch (kind) {
        case "link":
          // The same one-time code, with the same lockouts and approval, as typing it.
          return deps.linking.redeem(ctx.conv, data);
        case "register": {
          if (ctx.conv.profile.onboarded)
            return [{ text: t("deeplink-already-registered") }, ...ctx.router.menu()];
          const unit = await deps.repos.orgUnits.get(data);
          if (!unit) return [{ text: t("deeplink-unit-gone") }];
          await deps.finishErasure(ctx.conv.identityId);
          return ctx.router.startFlow("onboarding", { invitedUnit: unit._id });
        }
        case "open":
          // Signed by Pandu, but only ever for everyone's own commands, checked as if typed.
          if (!OPENABLE_COMMANDS.includes(data)) return [{ text: t("deeplink-invalid") }];
          return ctx.router.runCommand(data);
      }
    },
  };
}
export type LinkOpener = ReturnType<typeof createLinkOpener>;
