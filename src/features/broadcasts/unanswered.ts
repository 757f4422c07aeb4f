import type { Repositories } from "../../db/repositories/index.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { createAuditLog } from "../../services/audit-log.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import { recipientsNotAcknowledged } from "./acknowledgement.js";
import type { ActorOf } from "./broadcast-access.js";

/**
 * /siaran's button: the recipients of a broadcast who have not answered, a page at a time
 * (broadcast id, page, and "n" when pressed on the list itself, which it then replaces).
 */
export const unansweredButton = buttonCodec("broadcast-unanswered", "brn", { page: ["p", [2, 3]] });

/** Names a page lists: 25 lines of name and unit stay far inside a chat message. */
export const PAGE_SIZE = 25;

/**
 * The paged list of a broadcast's recipients who have not answered, by name and unit. Every press
 * checks again that the person may see the broadcast (their own, or an admin's whose audience lies
 * in their scope), and lists only people inside their scope as it is now.
 */
export function createUnansweredList(deps: {
  repos: Pick<Repositories, "broadcasts" | "broadcastAcks" | "deliveries" | "people" | "orgUnits" | "audit">;
  actor: ActorOf;
  translate: Translate;
  now: () => Date;
}) {
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);
  const audit = createAuditLog(deps);

  return {
    /** Handles `brn|p|<broadcast id>|<page>[|n]`. */
    async handleButton(conv: Conversation, press: ButtonPress<"page">): Promise<Outbound[] | undefined> {
      const [id = "", pageArg = "0", nav] = press.args;
      const { me, roots, visible } = await deps.actor(conv);
      const b = await deps.repos.broadcasts.get(id);
      if (!b || (await visible([b])).length === 0) {
        if (b)
          await audit(conv, me, "broadcast.unanswered", "refused", {
            target: { kind: "broadcast", id: b._id },
          });
        return [{ text: t(conv, "brd-gone") }];
      }
      const ids = await recipientsNotAcknowledged(deps.repos, b._id);
      const units = new Map((await deps.repos.orgUnits.inScope(roots)).map((u) => [u._id, u.name] as const));
      const people = [...(await deps.repos.people.byIds(ids)).values()]
        .flatMap((p) => {
          const unit = p.unitId === undefined ? undefined : units.get(p.unitId);
          return unit === undefined ? [] : [{ name: p.name, unit }];
        })
        .sort((x, y) => x.unit.localeCompare(y.unit) || x.name.localeCompare(y.name));
      if (people.length === 0) return [{ text: t(conv, "brd-unanswered-none") }];
      const pages = Math.ceil(people.length / PAGE_SIZE);
      const page = Math.min(Math.max(0, Number.parseInt(pageArg, 10) || 0), pages - 1);
      const shown = people.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
      const moves = [
        ...(page > 0
          ? [{ data: unansweredButton.pack("page", b._id, page - 1, "n"), label: t(conv, "cat-prev") }]
          : []),
        ...(page < pages - 1
          ? [{ data: unansweredButton.pack("page", b._id, page + 1, "n"), label: t(conv, "cat-next") }]
          : []),
      ];
      return [
        {
          text: [
            t(conv, "brd-unanswered-title", {
              title: `${b.text.slice(0, 60)}${b.text.length > 60 ? "…" : ""}`,
              count: people.length,
              page: page + 1,
              pages,
            }),
            ...shown.map((p, i) => `${page * PAGE_SIZE + i + 1}. ${p.name} — ${p.unit}`),
          ].join("\n"),
          ...(moves.length > 0 ? { choices: [moves] } : {}),
          ...(nav === "n" ? { replacesPrompt: true } : {}),
        },
      ];
    },
  };
}
