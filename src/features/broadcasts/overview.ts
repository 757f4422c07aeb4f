import type { Broadcast } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import { createAuditLog } from "../../services/audit-log.js";
import { shortKey } from "../../services/course-catalog.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import type { Acknowledgements } from "./acknowledgement.js";
import type { ActorOf } from "./broadcast-access.js";
import { BLOCKED, channelPurpose, peoplePurpose } from "./purposes.js";
import { unansweredButton } from "./unanswered.js";

/** How many of the latest broadcasts an admin's /siaran looks through for those in their scope. */
export const SCANNED = 200;

/** /siaran's button: cancel what of a broadcast has not gone yet. */
export const broadcastButton = buttonCodec("broadcast", "brd", { cancel: ["x", 1] });

/**
 * /siaran: the coordinator's latest broadcasts with live sent / pending / failed / blocked counts,
 * and cancelling what of one has not gone yet.
 */
export function createOverview(deps: {
  repos: Pick<Repositories, "broadcasts" | "deliveries" | "audit">;
  actor: ActorOf;
  acks: Pick<Acknowledgements, "counts">;
  translate: Translate;
  now: () => Date;
}) {
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);
  const audit = createAuditLog(deps);

  /** The lines about one broadcast and whether what waits of it can still be cancelled. */
  async function describe(conv: Conversation, b: Broadcast, zone: string): Promise<Outbound> {
    const status = await deps.repos.deliveries.statusOf(peoplePurpose(b._id));
    const blocked = status.dead.filter((d) => BLOCKED.test(d.lastError ?? "")).length;
    const post = b.slackChannel ? await deps.repos.deliveries.statusOf(channelPurpose(b._id)) : undefined;
    const waiting = b.status === "scheduled" && (status.pending > 0 || (post?.pending ?? 0) > 0);
    const units = b.audience.values?.length ?? 0;
    const acks = b.ack ? await deps.acks.counts(b) : undefined;
    const choices = [
      ...(waiting
        ? [[{ data: broadcastButton.pack("cancel", shortKey(b._id)), label: t(conv, "brd-cancel") }]]
        : []),
      ...(acks && acks.unanswered > 0
        ? [
            [
              {
                data: unansweredButton.pack("page", b._id, 0),
                label: t(conv, "brd-unanswered-show", { count: acks.unanswered }),
              },
            ],
          ]
        : []),
    ];
    return {
      text: [
        `📣 ${b.text.slice(0, 80)}${b.text.length > 80 ? "…" : ""}`,
        ...(b.attachment
          ? [
              b.attachment.kind === "photo"
                ? t(conv, "brd-attached-photo")
                : t(conv, "brd-attached-document", { name: b.attachment.filename ?? "—" }),
            ]
          : []),
        t(conv, b.status === "cancelled" ? "brd-line-cancelled" : "brd-line", {
          when: formatDateTime(b.dueAt, { locale: conv.profile.locale, timeZone: zone }),
          audience:
            units > 1
              ? t(conv, "brd-audience-units", { count: units })
              : t(conv, `brd-audience-${b.audience.kind}`),
        }),
        t(conv, "brd-counts", {
          sent: status.sent,
          pending: status.pending,
          failed: status.dead.length - blocked,
          blocked,
        }),
        ...(b.slackChannel && post
          ? [
              t(conv, "brd-line-channel", {
                name: b.slackChannel.name,
                state: t(
                  conv,
                  `brd-channel-${post.sent > 0 ? "sent" : post.dead.length > 0 ? "failed" : post.pending > 0 ? "pending" : "cancelled"}`,
                ),
              }),
            ]
          : []),
        ...(b.ack && acks
          ? [
              t(conv, `brd-ack-counts-${b.ack}`, {
                read: acks.answers.read,
                attend: acks.answers.attend,
                absent: acks.answers.absent,
                none: acks.unanswered,
              }),
            ]
          : []),
      ].join("\n"),
      ...(choices.length > 0 ? { choices } : {}),
    };
  }

  return {
    /** /siaran: the coordinator's latest broadcasts with live counts, and a cancel button for what waits. */
    async overview(conv: Conversation): Promise<Outbound[]> {
      const { me, owner, visible } = await deps.actor(conv);
      const list = (
        await visible(await deps.repos.broadcasts.list(owner, owner ? 10 : SCANNED, deps.now()))
      ).slice(0, 10);
      if (list.length === 0) return [{ text: t(conv, "brd-none") }];
      const zone = me?.timeZone ?? "Asia/Jakarta";
      const out: Outbound[] = [];
      for (const b of list) out.push(await describe(conv, b, zone));
      return out;
    },

    /** Handles `brd|x|<key>`: cancels what of a broadcast has not gone yet. */
    async handleButton(conv: Conversation, press: ButtonPress<"cancel">): Promise<Outbound[] | undefined> {
      const key = press.args[0]!;
      const { me, owner, visible } = await deps.actor(conv);
      // Only a broadcast this person may see is found: a key from elsewhere reads as gone.
      const listed = await deps.repos.broadcasts.list(owner, SCANNED, deps.now());
      const b = (await visible(listed)).find((x) => shortKey(x._id) === key);
      if (!b) {
        // Someone else's broadcast, out of this person's reach: the answer stays "gone", but the
        // attempt is for the admins to see.
        const other = (
          owner ? await deps.repos.broadcasts.list(undefined, SCANNED, deps.now()) : listed
        ).find((x) => shortKey(x._id) === key);
        if (other)
          await audit(conv, me, "broadcast.cancel", "refused", {
            target: { kind: "broadcast", id: other._id },
          });
        return [{ text: t(conv, "brd-gone") }];
      }
      const removed =
        (await deps.repos.deliveries.cancelPending(peoplePurpose(b._id))) +
        (await deps.repos.deliveries.cancelPending(channelPurpose(b._id)));
      await deps.repos.broadcasts.cancel(b._id, deps.now());
      await audit(conv, me, "broadcast.cancel", "ok", {
        target: { kind: "broadcast", id: b._id },
        details: { removed },
      });
      return [{ text: t(conv, "brd-cancelled", { count: removed }), replacesPrompt: true }];
    },
  };
}
