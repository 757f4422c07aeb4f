import type { Broadcast, BroadcastAck, BroadcastAnswer, DeliveryMessage } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import type { Locale } from "../../i18n/locales.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import { deliveryKey, peoplePurpose } from "./purposes.js";

/** A recipient's answer buttons on a broadcast that asked for one; the argument is the broadcast id. */
export const ackButton = buttonCodec("broadcast-ack", "bak", {
  read: ["r", 1],
  attend: ["h", 1],
  absent: ["t", 1],
});

/** The answers each kind of acknowledgement offers, in button order. */
export const ANSWERS_OF: Record<BroadcastAck, readonly BroadcastAnswer[]> = {
  read: ["read"],
  attendance: ["attend", "absent"],
};

/** What the flow's `ack` step answers, as a broadcast stores it (none: nothing asked). */
export function ackOf(answers: Record<string, unknown>): BroadcastAck | undefined {
  return answers.ack === "read" || answers.ack === "attendance" ? answers.ack : undefined;
}

/** The answer buttons a delivered broadcast carries, in the recipient's language. */
export function ackChoices(
  translate: Translate,
  locale: Locale,
  broadcastId: string,
  ack: BroadcastAck | undefined,
): Pick<DeliveryMessage, "choices"> {
  if (!ack) return {};
  return {
    choices: [
      ANSWERS_OF[ack].map((a) => ({
        data: ackButton.pack(a, broadcastId),
        label: translate(locale, `brd-ack-${a}`),
      })),
    ],
  };
}

/** How the answers to one broadcast stand: per answer, and those reached who gave none. */
export interface AckCounts {
  answers: Record<BroadcastAnswer, number>;
  unanswered: number;
}

/**
 * The recipients of broadcast `broadcastId` who have not acknowledged it: the people its message
 * reached (sent, not waiting or given up) who gave no answer, as person ids. For a broadcast that
 * asked for no answer, everyone reached. Other features (non-responders) use this.
 */
export async function recipientsNotAcknowledged(
  repos: Pick<Repositories, "deliveries" | "broadcastAcks">,
  broadcastId: string,
): Promise<string[]> {
  const [reached, answers] = await Promise.all([
    repos.deliveries.reachedBy(peoplePurpose(broadcastId)),
    repos.broadcastAcks.answersTo(broadcastId),
  ]);
  return [...new Set(reached)].filter((p) => !answers.has(p));
}

/**
 * Acknowledgements: a recipient answers a broadcast by its buttons (only a recipient of that
 * broadcast, one answer each, changeable), and /siaran counts the answers.
 */
export function createAcknowledgements(deps: {
  repos: Pick<Repositories, "broadcasts" | "broadcastAcks" | "deliveries" | "people">;
  translate: Translate;
  now: () => Date;
}) {
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  return {
    /** Handles `bak|<answer>|<broadcast id>`: records a recipient's answer and confirms it. */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<BroadcastAnswer>,
    ): Promise<Outbound[] | undefined> {
      const personId = conv.profile.personId;
      if (!personId) return undefined;
      const id = press.args[0]!;
      const b = await deps.repos.broadcasts.get(id);
      // A broadcast that asked for another answer (or none) takes none of this kind.
      if (!b?.ack || !ANSWERS_OF[b.ack].includes(press.action)) return [{ text: t(conv, "brd-gone") }];
      // Only a person the broadcast was sent to may answer it: the key of their own message.
      const key = deliveryKey(id, personId);
      if (!(await deps.repos.deliveries.existsOrSent(key))) return [{ text: t(conv, "brd-ack-not-yours") }];
      await deps.repos.broadcastAcks.answer(id, personId, press.action, deps.now());
      return [{ text: t(conv, `brd-ack-noted-${press.action}`) }];
    },

    /** The answers to a broadcast and how many of those it reached gave none. */
    async counts(b: Broadcast): Promise<AckCounts> {
      const [reached, answers] = await Promise.all([
        deps.repos.deliveries.reachedBy(peoplePurpose(b._id)),
        deps.repos.broadcastAcks.answersTo(b._id),
      ]);
      const counts: Record<BroadcastAnswer, number> = { read: 0, attend: 0, absent: 0 };
      for (const a of answers.values()) counts[a]++;
      return { answers: counts, unanswered: new Set(reached.filter((p) => !answers.has(p))).size };
    },

    /** The recipients of a broadcast who have not answered it (see recipientsNotAcknowledged). */
    notAcknowledged: (broadcastId: string) => recipientsNotAcknowledged(deps.repos, broadcastId),
  };
}
export type Acknowledgements = ReturnType<typeof createAcknowledgements>;
