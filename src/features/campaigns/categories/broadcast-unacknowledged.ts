import type { Broadcast } from "../../../db/models/index.js";
import type { Repositories } from "../../../db/repositories/index.js";
import { ackChoices, recipientsNotAcknowledged } from "../../broadcasts/acknowledgement.js";
import { visibleBroadcasts } from "../../broadcasts/broadcast-access.js";
import type { CategoryScope } from "./category.js";
import { defineCategory } from "./category.js";

/** How far back a broadcast still counts as waiting for answers. */
export const ACK_WINDOW_DAYS = 30;
/** The most of a broadcast's text a reminder repeats (a chat message holds 4,096 characters). */
const QUOTED = 3_000;
const NOTE = 40;

/**
 * The broadcasts of the last 30 days that asked for an answer and that the reader may see (as
 * /siaran shows them: their own, an admin's those inside their scope), with who has not answered
 * each, newest first.
 */
async function openBroadcasts(
  repos: Repositories,
  now: Date,
  scope: CategoryScope,
): Promise<{ broadcast: Broadcast; waiting: Set<string> }[]> {
  const since = new Date(now.getTime() - ACK_WINDOW_DAYS * 86_400_000);
  const admin = scope.bootstrapAdmin || (scope.me?.roles.some((r) => r.role === "admin") ?? false);
  // A coordinator sees only their own: read by author; an admin's are read by month.
  if (!admin && !scope.me) return [];
  const recent = await repos.broadcasts.createdSince(since, now, admin ? undefined : scope.me!._id);
  const asking = recent.filter((b) => b.ack && b.status === "scheduled");
  if (asking.length === 0) return [];
  const visible = visibleBroadcasts(asking, scope, admin ? await repos.orgUnits.all() : []);
  const out = [];
  for (const broadcast of visible.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()))
    out.push({ broadcast, waiting: new Set(await recipientsNotAcknowledged(repos, broadcast._id)) });
  return out;
}

/** The first words of a broadcast, for the list. */
const snippet = (text: string) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > NOTE ? `"${line.slice(0, NOTE - 1)}…"` : `"${line}"`;
};

/**
 * Sent a broadcast that asked for an answer ("Sudah dibaca", "Saya hadir / Tidak bisa") in the last
 * 30 days and not answered it. Only the recipients of those few broadcasts are read, never the
 * scope. The reminder repeats the broadcast with its own answer buttons, so the answer is recorded
 * as if given on the original.
 */
export const broadcastUnacknowledged = defineCategory({
  id: "ack",
  textPrefix: "nonresp-ack",
  remindable: true,
  async candidates(now, { repos }, scope) {
    const open = await openBroadcasts(repos, now, scope);
    return [...new Set(open.flatMap((o) => [...o.waiting]))];
  },
  async find(people, now, { repos }, scope) {
    const open = await openBroadcasts(repos, now, scope);
    if (open.length === 0) return { pending: [] };
    return {
      pending: people.flatMap((person) => {
        const mine = open.filter((o) => o.waiting.has(person._id));
        if (mine.length === 0) return [];
        return [
          {
            person,
            refs: mine.map((o) => o.broadcast._id),
            note: mine.map((o) => snippet(o.broadcast.text)).join(", "),
          },
        ];
      }),
    };
  },
  async reminder({ person, refs = [] }, { repos, translate }) {
    // The newest broadcast still unanswered; the others are counted in the text.
    const b = refs[0] ? await repos.broadcasts.get(refs[0]) : null;
    if (!b?.ack) return undefined;
    const text = b.text.length > QUOTED ? `${b.text.slice(0, QUOTED - 1)}…` : b.text;
    return {
      text: `${translate(person.locale, "nonresp-ack-reminder", { name: person.name, count: refs.length })}\n\n${text}`,
      ...ackChoices(translate, person.locale, b._id, b.ack),
    };
  },
});
