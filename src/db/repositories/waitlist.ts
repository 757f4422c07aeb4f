import type { Models, WaitlistEntry, WaitlistState } from "../models/index.js";
import { isDuplicateKeyError } from "./errors.js";

export type JoinOutcome =
  | { kind: "joined"; entry: WaitlistEntry }
  | { kind: "already"; entry: WaitlistEntry };

/** States in which a person is still on the list (and holds its `member` key). */
const OPEN: readonly WaitlistState[] = ["waiting", "offered"];

/**
 * Waiting lists of full sessions. Positions are `<session>~<n>` keys inserted in increasing n (see
 * the model): the order is the order the server accepted the inserts, with no gap and no repeat.
 */
export function waitlistRepository({ WaitlistEntry }: Pick<Models, "WaitlistEntry">) {
  const memberOf = (sessionId: string, personId: string) => `${sessionId}|${personId}`;
  const entry = WaitlistEntry;

  /** The highest n handed out in a session so far (0 for none). */
  async function highest(sessionId: string): Promise<number> {
    const top = await entry
      .find({ sessionId }, { n: 1 })
      .sort({ n: -1 })
      .limit(1)
      .lean<{ n: number }[]>()
      .exec();
    return top[0]?.n ?? 0;
  }

  /** Closes an open entry: its member key gets its n, so the person may join again later. */
  async function close(e: WaitlistEntry, state: WaitlistState, at: Date): Promise<boolean> {
    const res = await entry
      .updateOne(
        { _id: e._id, member: memberOf(e.sessionId, e.personId) },
        { $set: { state, member: `${memberOf(e.sessionId, e.personId)}#${e.n}`, closedAt: at } },
      )
      .exec();
    return res.modifiedCount === 1;
  }

  return {
    /**
     * Puts a person at the end of a session's list: tries n one past the highest, then the next
     * on every duplicate. Every n below the one tried is taken, so the first free one is always the
     * next in line: no gap, no repeat, in the order the inserts were accepted.
     */
    async join(e: Omit<WaitlistEntry, "_id" | "member" | "n" | "state">): Promise<JoinOutcome> {
      const member = memberOf(e.sessionId, e.personId);
      const mine = await entry.findOne({ member }).lean<WaitlistEntry>().exec();
      if (mine) return { kind: "already", entry: mine };
      for (let n = (await highest(e.sessionId)) + 1; ; n++) {
        const doc: WaitlistEntry = { ...e, _id: `${e.sessionId}~${n}`, member, n, state: "waiting" };
        try {
          await entry.create(doc);
          return { kind: "joined", entry: doc };
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
          // Either this n was taken a moment ago (try the next) or this person just joined.
          const again = await entry.findOne({ member }).lean<WaitlistEntry>().exec();
          if (again) return { kind: "already", entry: again };
        }
      }
    },
    /** The person's open entry in a session, if they are on its list. */
    async get(sessionId: string, personId: string): Promise<WaitlistEntry | null> {
      return entry
        .findOne({ member: memberOf(sessionId, personId) })
        .lean<WaitlistEntry>()
        .exec();
    },
    /** The person's open entries (waiting or offered), in every session. */
    async openForPerson(personId: string): Promise<WaitlistEntry[]> {
      const all = await entry.find({ personId }).lean<WaitlistEntry[]>().exec();
      return all.filter((e) => OPEN.includes(e.state));
    },
    /** A session's open entries, first in line first. */
    async openForSession(sessionId: string): Promise<WaitlistEntry[]> {
      const all = await entry.find({ sessionId }).sort({ n: 1 }).lean<WaitlistEntry[]>().exec();
      return all.filter((e) => OPEN.includes(e.state));
    },
    /**
     * Marks a waiting entry offered until `expiresAt`. Whoever offers first is decided before this
     * by the offer's outbox key (a unique insert), so this only records it.
     */
    async markOffered(e: WaitlistEntry, at: Date, expiresAt: Date): Promise<void> {
      await entry
        .updateOne(
          { _id: e._id },
          {
            $set: { state: "offered", offeredAt: at, offerExpiresAt: expiresAt, offers: (e.offers ?? 0) + 1 },
          },
        )
        .exec();
    },
    /** Puts an offered entry back to waiting at its own place (the seat went to someone else). */
    async backToWaiting(e: WaitlistEntry): Promise<void> {
      await entry
        .updateOne(
          { _id: e._id, member: memberOf(e.sessionId, e.personId) },
          { $set: { state: "waiting" }, $unset: { offeredAt: "", offerExpiresAt: "" } },
        )
        .exec();
    },
    close,
    /** Offers whose time ran out before `now` (the expiry job), in every session. */
    async expiredOffers(now: Date): Promise<WaitlistEntry[]> {
      const offered = await entry.find({ state: "offered" }).lean<WaitlistEntry[]>().exec();
      return offered.filter((e) => e.offerExpiresAt && e.offerExpiresAt <= now);
    },
    /** Every entry of a person's, those closed too (the /dataku file). */
    async listForPerson(personId: string): Promise<WaitlistEntry[]> {
      return entry.find({ personId }).sort({ joinedAt: 1 }).lean<WaitlistEntry[]>().exec();
    },
    /** Deletes a person's entries (data erasure); returns how many. */
    async removeForPerson(personId: string): Promise<number> {
      return (await entry.deleteMany({ personId }).exec()).deletedCount;
    },
  };
}
export type WaitlistRepository = ReturnType<typeof waitlistRepository>;
