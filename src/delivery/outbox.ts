import type { DeliveryMessage, Identity } from "../db/models/index.js";
import type { NewDelivery } from "../db/repositories/deliveries.js";
import type { Repositories } from "../db/repositories/index.js";

/** Channels in the order Pandu prefers to reach a person on. */
const PREFERENCE = ["telegram", "slack"];

/**
 * Where a platform delivers to an identity: a Telegram user id (= the private chat), a Slack user
 * id (`slack:<team>:<user>`; posting to it opens the bot's direct message), else its stored address.
 * Both ids are derived from the identity itself, whatever address onboarding stored.
 */
export function addressOf(identity: Identity): string | undefined {
  if (identity.channel === "telegram") return identity._id.slice("telegram:".length);
  if (identity.channel === "slack") return identity._id.split(":")[2] || undefined;
  return identity.address || undefined;
}

export interface Scheduled {
  /** What it is for: `reminder.7d`, `survey.post`, `broadcast.<id>`… */
  purpose: string;
  /** Which occurrence: an enrolment, a survey run, a broadcast id. */
  occurrence: string;
  personId: string;
  message: DeliveryMessage;
  /**
   * The message to send instead when the person is reached on this channel: a platform file
   * reference (a Telegram file_id) only means something on its own platform.
   */
  byChannel?: Partial<Record<string, DeliveryMessage>>;
  dueAt: Date;
}

/** One message to a platform address that is no person (a Slack channel a broadcast also goes to). */
export interface ScheduledPost {
  purpose: string;
  occurrence: string;
  channel: string;
  address: string;
  message: DeliveryMessage;
  dueAt: Date;
}

/**
 * The one door for everything Pandu sends on its own: scheduled under an idempotency key
 * (purpose, occurrence, recipient), so scheduling twice sends once.
 */
export function createOutbox(deps: {
  repos: Pick<Repositories, "identities" | "deliveries">;
  now: () => Date;
  /** Told after something was scheduled, so a dispatcher can look now instead of at its next tick. */
  onScheduled?: () => void;
}) {
  /** The identity to reach a person on: reachable, with an address, in channel preference order. */
  async function route(personId: string): Promise<{ identity: Identity; address: string } | undefined> {
    return pick(await deps.repos.identities.listForPerson(personId));
  }

  /** The preferred reachable identity among `identities` (one person's), if any. */
  function pick(identities: Identity[]): { identity: Identity; address: string } | undefined {
    const usable = identities.filter((i) => !i.unreachable && PREFERENCE.includes(i.channel));
    usable.sort((a, b) => PREFERENCE.indexOf(a.channel) - PREFERENCE.indexOf(b.channel));
    for (const identity of usable) {
      const address = addressOf(identity);
      if (address) return { identity, address };
    }
    return undefined;
  }

  /** The stored delivery for one person reached at `target`. */
  const rowFor = (s: Scheduled, target: { identity: Identity; address: string }): NewDelivery => ({
    _id: `${s.purpose}:${s.occurrence}:${s.personId}`,
    purpose: s.purpose,
    personId: s.personId,
    identityId: target.identity._id,
    channel: target.identity.channel,
    address: target.address,
    message: s.byChannel?.[target.identity.channel] ?? s.message,
    dueAt: s.dueAt,
  });

  /** The identities of several people, grouped by person, in one read. */
  async function identitiesOf(personIds: string[]): Promise<Map<string, Identity[]>> {
    const byPerson = new Map<string, Identity[]>();
    for (const i of await deps.repos.identities.listForPeople(personIds))
      byPerson.set(i.personId, [...(byPerson.get(i.personId) ?? []), i]);
    return byPerson;
  }

  /**
   * The channel each reachable person would be sent to now; unreachable people are absent (a
   * broadcast's preview counts only those present).
   */
  async function routes(personIds: string[]): Promise<Map<string, string>> {
    const byPerson = await identitiesOf(personIds);
    const out = new Map<string, string>();
    for (const p of personIds) {
      const target = pick(byPerson.get(p) ?? []);
      if (target) out.set(p, target.identity.channel);
    }
    return out;
  }

  return {
    routes,
    /**
     * Schedules one message to a platform address that belongs to no person (a Slack channel).
     * Its key ends in `<channel>-channel.<address>` and its identity id is made up the same way:
     * no identity is stored under it, so a refusal (bot removed from the channel) marks nobody
     * unreachable. Says whether it was new.
     */
    async schedulePost(s: ScheduledPost): Promise<boolean> {
      const recipient = `${s.channel}-channel.${s.address}`;
      const fresh = await deps.repos.deliveries.enqueue(
        {
          _id: `${s.purpose}:${s.occurrence}:${recipient}`,
          purpose: s.purpose,
          identityId: recipient,
          channel: s.channel,
          address: s.address,
          message: s.message,
          dueAt: s.dueAt,
        },
        deps.now(),
      );
      if (fresh) deps.onScheduled?.();
      return fresh;
    },
    /**
     * Schedules the same purpose and occurrence for many people with one read of their identities
     * and inserts in batches (a broadcast); returns how many were new.
     */
    async scheduleMany(
      items: Omit<Scheduled, "purpose" | "occurrence">[],
      purpose: string,
      occurrence: string,
    ): Promise<number> {
      const byPerson = await identitiesOf(items.map((x) => x.personId));
      const rows = items.flatMap((s) => {
        const target = pick(byPerson.get(s.personId) ?? []);
        return target ? [rowFor({ ...s, purpose, occurrence }, target)] : [];
      });
      let fresh = 0;
      for (let i = 0; i < rows.length; i += 500) {
        const added = await deps.repos.deliveries.enqueueMany(rows.slice(i, i + 500), deps.now());
        fresh += added;
        // The dispatcher starts on the first batch while the next ones are stored.
        if (added > 0) deps.onScheduled?.();
      }
      return fresh;
    },
    /**
     * Schedules one message to one chat account, whoever it belongs to (an account not yet linked,
     * or the very account that asked for something). Says whether it was new.
     */
    async scheduleTo(s: {
      purpose: string;
      occurrence: string;
      identityId: string;
      personId?: string;
      message: DeliveryMessage;
      dueAt: Date;
    }): Promise<boolean> {
      const channel = s.identityId.split(":")[0] ?? "";
      const address = addressOf({ _id: s.identityId, channel } as Identity);
      if (!address) return false;
      const fresh = await deps.repos.deliveries.enqueue(
        {
          _id: `${s.purpose}:${s.occurrence}:${s.identityId}`,
          purpose: s.purpose,
          ...(s.personId ? { personId: s.personId } : {}),
          identityId: s.identityId,
          channel,
          address,
          message: s.message,
          dueAt: s.dueAt,
        },
        deps.now(),
      );
      if (fresh) deps.onScheduled?.();
      return fresh;
    },
    /** Schedules one message; says whether it was new, or why it cannot go. */
    async schedule(s: Scheduled): Promise<"scheduled" | "duplicate" | "unreachable"> {
      const target = await route(s.personId);
      if (!target) return "unreachable";
      const fresh = await deps.repos.deliveries.enqueue(rowFor(s, target), deps.now());
      if (fresh) deps.onScheduled?.();
      return fresh ? "scheduled" : "duplicate";
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
