import type { Conversation, Outbound, Progress } from "../../engine/types.js";
import type { ButtonPress } from "../feature.js";
import type { NonResponderAction } from "./buttons.js";
import { type CampaignSend, DEADLINE_DAYS } from "./campaign-send.js";
import type { CampaignsContext } from "./context.js";
import type { Lists } from "./lists.js";
import type { NeverContacted } from "./never-contacted.js";
import type { Overview } from "./overview.js";
import { scopeOf, type Targets } from "./target.js";

/** What a /belum button leads to: the modules that show and act. */
interface Handlers {
  targets: Pick<Targets, "resolve">;
  overview: Pick<Overview, "overview">;
  lists: Lists;
  sending: CampaignSend;
  neverContacted: NeverContacted;
}

/** Handling /belum's buttons: each press resolves the reader's scope again, then shows or acts. */
export function createButtonHandler(deps: CampaignsContext, handlers: Handlers) {
  const { categoryOf } = deps;
  const { resolve } = handlers.targets;
  const { overview } = handlers.overview;
  const { listPage } = handlers.lists;
  const { noteIfLarge, preview, send } = handlers.sending;
  const { neverContactedCsv } = handlers.neverContacted;

  return {
    /**
     * Every /belum button: the actor's role and scope are read again before anything is shown or
     * sent. `progress` says first that an action reading a large scope takes a moment.
     */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<NonResponderAction>,
      bootstrapAdmin: boolean,
      progress?: Progress,
    ): Promise<Outbound[] | undefined> {
      const t = (k: string) => deps.translate(conv.profile.locale, k);
      const [a = "", b = "", c = "", d, e, f] = press.args;
      const scopeKey = press.action === "csv" || press.action === "overview" ? a : b;
      const category = press.action === "csv" || press.action === "overview" ? undefined : categoryOf(a);
      if (press.action !== "csv" && press.action !== "overview" && !category)
        return [{ text: t("nonresp-gone") }];
      const r = await resolve(conv, bootstrapAdmin, scopeKey);
      if (!r.ok) return r.reply;
      const scope = scopeOf(r.me, r.actor, bootstrapAdmin, r.target);
      switch (press.action) {
        case "overview":
          return overview(conv, r.me, r.target, scope);
        case "csv":
          await noteIfLarge(conv, r.me, r.target, undefined, progress, "document");
          return neverContactedCsv(conv, r.me, r.target);
        case "list": {
          // Numbers from outside: whole and not negative (a cursor past the units starts over).
          const whole = (x: string) => Math.max(0, Math.floor(Number(x) || 0));
          const at = d !== undefined && e !== undefined ? { u: whole(d), o: whole(e) } : undefined;
          return listPage(conv, r.me, r.target, scope, category!, whole(c), at, f === "b");
        }
        case "preview":
          if (!category!.remindable) return [{ text: t("nonresp-not-remindable") }];
          await noteIfLarge(conv, r.me, r.target, category, progress);
          return preview(conv, r.me, r.target, scope, category!);
        case "send": {
          if (!category!.remindable) return [{ text: t("nonresp-not-remindable") }];
          const days = Number(c);
          if (days !== 0 && !DEADLINE_DAYS.includes(days as 7 | 14)) return [{ text: t("nonresp-gone") }];
          await noteIfLarge(conv, r.me, r.target, category, progress);
          return send(conv, r.me, r.target, scope, category!, days);
        }
      }
      return undefined;
    },
  };
}
