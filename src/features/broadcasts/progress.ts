import type { Broadcast, BroadcastProgress, Identity } from "../../db/models/index.js";
import { withQueryOrigin } from "../../db/query-origin.js";
import type { Repositories } from "../../db/repositories/index.js";
import { addressOf } from "../../delivery/outbox.js";
import type { StatusMessages } from "../../delivery/status-message.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation } from "../../engine/types.js";
import { BLOCKED, peoplePurpose } from "./purposes.js";

/** Least time between two edits of one status message: edits count against the bot's budget. */
export const MIN_EDIT_INTERVAL_MS = 4_000;

/**
 * Where the status message of a broadcast created in `conv` goes: the coordinator's own chat on
 * the platform they wrote from; none where no platform can edit (the terminal).
 */
export function progressTarget(conv: Conversation): BroadcastProgress | undefined {
  const channel = conv.identityId.split(":")[0] ?? "";
  if (channel !== "telegram" && channel !== "slack") return undefined;
  const address = addressOf({ _id: conv.identityId, channel } as Identity);
  return address ? { identityId: conv.identityId, channel, address, locale: conv.profile.locale } : undefined;
}

/**
 * A sending broadcast's progress, shown to its coordinator in one message edited in place, ending
 * with the final counts. Everything it needs is on the broadcast record (where the message is, its
 * platform reference, the text last shown), so after a restart the next look carries on editing
 * the same message. A message is edited at most every `minIntervalMs`, and only when its text
 * changed (Telegram refuses an edit that changes nothing).
 */
export function createBroadcastProgress(deps: {
  repos: Pick<Repositories, "broadcasts" | "deliveries">;
  translate: Translate;
  now: () => Date;
  /** Whether this process edits now (one process at a time: the progress lease); always when not given. */
  mayRun?: () => Promise<boolean>;
  minIntervalMs?: number;
}) {
  const minInterval = deps.minIntervalMs ?? MIN_EDIT_INTERVAL_MS;
  const boards = new Map<string, StatusMessages>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  /** Told of a post or edit that failed (it is tried again at the next look). */
  let onError: (err: unknown, broadcastId: string) => void = () => {};

  /** What the status message of `b` says now, and whether that is the final word. */
  async function textOf(b: Broadcast, p: BroadcastProgress): Promise<{ text: string; done: boolean }> {
    const s = await deps.repos.deliveries.progressOf(peoplePurpose(b._id));
    const blocked = s.dead.filter((d) => BLOCKED.test(d.lastError ?? "")).length;
    const counts = { sent: s.sent, failed: s.dead.length - blocked, blocked };
    if (s.pending === 0) return { text: deps.translate(p.locale, "brd-progress-done", counts), done: true };
    return {
      text: deps.translate(p.locale, "brd-progress", {
        ...counts,
        done: s.sent + s.dead.length,
        total: Math.max(b.recipients, s.sent + s.dead.length + s.pending),
      }),
      done: false,
    };
  }

  /** Brings one broadcast's status message up to date; says whether the platform was called. */
  async function update(b: Broadcast, now: Date): Promise<boolean> {
    const p = b.progress;
    if (!p) return false;
    // Cancelled before anything was shown: there is no sending to report.
    if (b.status === "cancelled" && !p.ref) {
      await deps.repos.broadcasts.progressShown(b._id, p, true);
      return false;
    }
    // Not yet due (a scheduled broadcast), or a platform this process cannot edit on.
    const board = boards.get(p.channel);
    if (!board || b.dueAt.getTime() > now.getTime()) return false;
    const { text, done } = await textOf(b, p);
    if (text === p.text) {
      // Already shown; a final text shown earlier closes it.
      if (done) await deps.repos.broadcasts.progressShown(b._id, p, true);
      return false;
    }
    // The final count goes at once; counts in between wait out the interval.
    if (!done && p.shownAt && now.getTime() - p.shownAt.getTime() < minInterval) return false;
    let ref = p.ref;
    if (ref && (await board.edit(p.address, ref, text)) === "gone") ref = undefined;
    if (!ref) ref = await board.post(p.address, text);
    await deps.repos.broadcasts.progressShown(b._id, { ...p, ref, text, shownAt: now }, done);
    return true;
  }

  /** One look at every broadcast whose status message is still open; returns how many were edited or posted. */
  async function tick(): Promise<number> {
    const now = deps.now();
    let changed = 0;
    for (const b of await deps.repos.broadcasts.withOpenProgress()) {
      try {
        if (await update(b, now)) changed++;
      } catch (err) {
        onError(err, b._id);
      }
    }
    return changed;
  }

  return {
    /** A channel's way to post and edit status messages (set by main.ts for each channel that can). */
    useChannel(board: StatusMessages) {
      boards.set(board.channel, board);
    },
    tick,
    /**
     * Looks every `everyMs` in the background, while this process holds the progress lease;
     * `failed` hears of a post or edit that failed (tried again at the next look).
     */
    start(opts: { everyMs?: number; failed?: (err: unknown, broadcastId: string) => void } = {}) {
      if (running) return;
      running = true;
      const everyMs = opts.everyMs ?? 2_000;
      if (opts.failed) onError = opts.failed;
      loop = withQueryOrigin("job:broadcast-progress", async () => {
        while (running) {
          try {
            if (!deps.mayRun || (await deps.mayRun())) await tick();
          } catch (err) {
            onError(err, "");
          }
          if (!running) break;
          await new Promise<void>((r) => {
            wake = r;
            setTimeout(r, everyMs);
          });
          wake = undefined;
        }
      });
    },
    /** Stops looking; a look in progress finishes first. */
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
export type BroadcastProgressUpdater = ReturnType<typeof createBroadcastProgress>;
