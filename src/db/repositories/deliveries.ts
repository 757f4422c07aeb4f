import type { Delivery, DeliveryMessage, Models, StoredDeliveryMessage } from "../models/index.js";
import { duplicateKeyPositions, insertOnce, isDuplicateKeyError } from "./errors.js";

/** The stored form of a message (rows wrapped in objects; see StoredDeliveryMessage). */
function toStored(m: DeliveryMessage): StoredDeliveryMessage {
  return {
    text: m.text,
    ...(m.choices ? { rows: m.choices.map((buttons) => ({ buttons })) } : {}),
    ...(m.attachment ? { attachment: m.attachment } : {}),
  };
}

/** A delivery as read, with its message back in the channel-neutral form. */
function fromStored<T extends { message: unknown } | null>(d: T): T {
  if (!d) return d;
  const m = d.message as StoredDeliveryMessage;
  return {
    ...d,
    message: {
      text: m.text,
      ...(m.rows ? { choices: m.rows.map((r) => r.buttons) } : {}),
      ...(m.attachment ? { attachment: m.attachment } : {}),
    },
  };
}

/** The width of a due key's slot: deliveries dated for later are keyed by the minute they fall due. */
export const DUE_SLOT_MS = 60_000;

/** The slot (minute since the epoch) that `at` (a date or epoch ms) falls in. */
export const dueSlotOf = (at: Date | number): number =>
  Math.floor((typeof at === "number" ? at : at.getTime()) / DUE_SLOT_MS);

/** The due key of a channel's deliveries that were already due when they were scheduled. */
export const dueNowKey = (channel: string): string => `${channel}@now`;

/** The due key of a channel's deliveries that fall due in slot `slot`. */
export const dueSlotKey = (channel: string, slot: number): string => `${channel}@${slot}`;

/** The slot a due key names; undefined for the now key. */
export function slotOfDueKey(key: string): number | undefined {
  const slot = Number(key.slice(key.lastIndexOf("@") + 1));
  return Number.isInteger(slot) ? slot : undefined;
}

/**
 * Where a delivery of `channel` due at `dueAt` waits when stored at `now`: with the channel's
 * deliveries already due (read on every pass, whoever's clock stored them), else in the slot of
 * the minute it falls due.
 */
export const dueKeyOf = (channel: string, dueAt: Date, now: Date): string =>
  dueAt.getTime() <= now.getTime() ? dueNowKey(channel) : dueSlotKey(channel, dueSlotOf(dueAt));

/** The longest `$in` the patched FerretDB sends to an index (see the README's Storage rules). */
const MAX_KEYS = 1_000;

/** A new delivery as stored: pending, never attempted. */
const pending = (d: NewDelivery, now: Date) => ({
  ...d,
  message: toStored(d.message),
  dueKey: dueKeyOf(d.channel, d.dueAt, now),
  status: "pending" as const,
  attempts: 0,
  resends: 0,
  createdAt: now,
});

/** What the outbox needs to know of a delivery to put it back in line: its id and channel. */
export type Keyed = Pick<Delivery, "_id" | "channel">;

export type NewDelivery = Pick<
  Delivery,
  "_id" | "purpose" | "identityId" | "channel" | "address" | "message" | "dueAt"
> & { personId?: string };

/**
 * The outbox. A `sending` delivery keeps its lease end in `dueAt` (and its slot in `dueKey`) too,
 * so one read of what is due finds both what is due and what a crashed worker left behind.
 */
export function deliveriesRepository({
  Delivery,
  DeliveryLog,
  DeliveryClaim,
}: Pick<Models, "Delivery" | "DeliveryLog" | "DeliveryClaim">) {
  return {
    /** Schedules a delivery; false when its key exists already (scheduled, sent or dead). */
    async enqueue(d: NewDelivery, now: Date): Promise<boolean> {
      if (await DeliveryLog.exists({ _id: d._id })) return false;
      return insertOnce(() => Delivery.create(pending(d, now)));
    },
    /** Schedules many at once (a broadcast); returns how many were new. Duplicates are skipped. */
    async enqueueMany(ds: NewDelivery[], now: Date): Promise<number> {
      if (ds.length === 0) return 0;
      // Keys already sent or given up stay done (a retried broadcast must not send them again).
      // Read per purpose, by equality: FerretDB reads the whole log either way, but it checks a
      // 500-id `$in` against every row one id at a time (over 100,000 rows: 13 s per batch).
      const done = new Set<string>();
      for (const purpose of new Set(ds.map((d) => d.purpose))) {
        const keys = new Set(ds.filter((d) => d.purpose === purpose).map((d) => d._id));
        const logged = await DeliveryLog.find({ purpose }, { _id: 1 }).lean<{ _id: string }[]>().exec();
        for (const { _id } of logged) if (keys.has(_id)) done.add(_id);
      }
      const fresh = ds.filter((d) => !done.has(d._id));
      if (fresh.length === 0) return 0;
      const docs = fresh.map((d) => pending(d, now));
      try {
        await Delivery.insertMany(docs, { ordered: false });
        return docs.length;
      } catch (err) {
        // Unordered: everything but the duplicates went in.
        const dupes = duplicateKeyPositions(err);
        if (dupes) return docs.length - dupes.length;
        throw err;
      }
    },
    /**
     * Deliveries of a channel that are due, or whose sending lease lapsed, oldest first: those
     * scheduled already due and those keyed by the slots from `fromSlot` to now's, by equality on
     * the due key (1,000 keys a read at most, oldest slots first, until `limit` are found). A due
     * delivery in a slot before `fromSlot` is not found: the caller knows there is none
     * (`lowestDueSlot`).
     */
    async due(channel: string, now: Date, limit: number, fromSlot: number): Promise<Delivery[]> {
      const last = dueSlotOf(now);
      const found: Delivery[] = [];
      let keys = [dueNowKey(channel)];
      for (let slot = Math.min(fromSlot, last); slot <= last && found.length < limit; ) {
        while (slot <= last && keys.length < MAX_KEYS) keys.push(dueSlotKey(channel, slot++));
        found.push(
          ...(await Delivery.find({ dueKey: { $in: keys }, dueAt: { $lte: now } })
            .sort({ dueAt: 1 })
            .limit(limit - found.length)
            .lean<Delivery[]>()
            .exec()),
        );
        keys = [];
      }
      return found.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).map(fromStored);
    },
    /**
     * The lowest slot holding a delivery of `channel` that is due at `now` (undefined when none is
     * due but those scheduled already due). Reads the whole outbox on FerretDB: a dispatcher asks
     * once when it starts sending, then keeps track itself.
     */
    async lowestDueSlot(channel: string, now: Date): Promise<number | undefined> {
      const found = await Delivery.find({ channel, dueAt: { $lte: now } }, { dueKey: 1 })
        .lean<{ dueKey?: string }[]>()
        .exec();
      let lowest: number | undefined;
      for (const { dueKey } of found) {
        const slot = dueKey === undefined ? undefined : slotOfDueKey(dueKey);
        if (slot !== undefined && (lowest === undefined || slot < lowest)) lowest = slot;
      }
      return lowest;
    },
    /** Wins attempt `n` of a delivery for this worker; false when another worker won it. */
    async claim(id: string, attempt: number, now: Date): Promise<boolean> {
      return insertOnce(() => DeliveryClaim.create({ _id: `${id}#${attempt}`, at: now }));
    },
    /** When attempt `n` of a delivery was claimed, if it was. */
    async claimedAt(id: string, attempt: number): Promise<Date | undefined> {
      return (await DeliveryClaim.findById(`${id}#${attempt}`).lean<{ at: Date }>().exec())?.at;
    },
    /** Marks a claimed delivery as being sent until `leaseUntil` (when it is due again if not sent). */
    async markSending(d: Keyed, attempt: number, leaseUntil: Date, resend: boolean): Promise<void> {
      await Delivery.updateOne(
        { _id: d._id },
        {
          $set: {
            status: "sending",
            attempts: attempt,
            leaseUntil,
            dueAt: leaseUntil,
            dueKey: dueSlotKey(d.channel, dueSlotOf(leaseUntil)),
          },
          $unset: { inDoubt: "" },
          ...(resend ? { $inc: { resends: 1 } } : {}),
        },
      ).exec();
    },
    /**
     * Puts a delivery back to wait until `dueAt` (retry after a rate limit or an error); `partsSent`
     * records the parts of a several-call message that already arrived, so the retry skips them.
     */
    async retryAt(d: Keyed, dueAt: Date, error: string, partsSent?: number): Promise<void> {
      await Delivery.updateOne(
        { _id: d._id },
        {
          $set: {
            status: "pending",
            dueAt,
            dueKey: dueSlotKey(d.channel, dueSlotOf(dueAt)),
            lastError: error,
            ...(partsSent !== undefined ? { partsSent } : {}),
          },
          $unset: { leaseUntil: "" },
        },
      ).exec();
    },
    /**
     * Puts a delivery whose send was still unanswered when this process had to stop back to
     * pending, due now. The platform may have it already, so the next attempt counts as a resend.
     */
    async releaseInDoubt(d: Keyed, now: Date): Promise<void> {
      await Delivery.updateOne(
        { _id: d._id, status: "sending" },
        {
          $set: {
            status: "pending",
            dueAt: now,
            dueKey: dueNowKey(d.channel),
            inDoubt: true,
            lastError: "in doubt: Pandu stopped while the send was unanswered",
          },
          $unset: { leaseUntil: "" },
        },
      ).exec();
    },
    /**
     * Moves a delivery to the log as sent or dead. Log first, then remove: a crash in between
     * leaves it in both, and the next worker finds it already logged and only removes it.
     */
    async finish(d: Delivery, status: "sent" | "dead", at: Date, error?: string): Promise<void> {
      const { leaseUntil: _, inDoubt: __, dueKey: ___, ...rest } = d;
      const logged = {
        ...rest,
        message: toStored(d.message),
        status,
        ...(status === "sent" ? { sentAt: at } : {}),
        ...(error ? { lastError: error } : {}),
        dueAt: d.dueAt,
      };
      try {
        await DeliveryLog.create(logged);
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      await Delivery.deleteOne({ _id: d._id }).exec();
    },
    /** Removes from the outbox a delivery already in the log (a finish cut off before its delete). */
    async dropLogged(id: string): Promise<void> {
      await Delivery.deleteOne({ _id: id }).exec();
    },
    /** One delivery still in the outbox. */
    async get(id: string): Promise<Delivery | null> {
      return fromStored(await Delivery.findById(id).lean<Delivery>().exec());
    },
    /** One logged delivery. */
    async getLogged(id: string): Promise<Delivery | null> {
      return fromStored(await DeliveryLog.findById(id).lean<Delivery>().exec());
    },
    /** Logged deliveries of purposes starting with `prefix`, without their messages (rebuilds). */
    async loggedWithPrefix(
      prefix: string,
    ): Promise<Pick<Delivery, "_id" | "personId" | "status" | "dueAt" | "purpose">[]> {
      const found = await DeliveryLog.find({}, { personId: 1, status: 1, dueAt: 1, purpose: 1 })
        .lean<Pick<Delivery, "_id" | "personId" | "status" | "dueAt" | "purpose">[]>()
        .exec();
      // Filtered here: a $regex would be read the same way on FerretDB, and this stays portable.
      return found.filter((d) => d.purpose.startsWith(prefix));
    },
    /** Counts in the outbox and in the log, for reports and tests. */
    async counts(): Promise<{ outbox: number; sent: number; dead: number; resends: number }> {
      const [outbox, sent, dead, resent] = await Promise.all([
        Delivery.countDocuments({}).exec(),
        DeliveryLog.countDocuments({ status: "sent" }).exec(),
        DeliveryLog.countDocuments({ status: "dead" }).exec(),
        DeliveryLog.find({ resends: { $gt: 0 } }, { resends: 1 })
          .lean<{ resends: number }[]>()
          .exec(),
      ]);
      return { outbox, sent, dead, resends: resent.reduce((s, x) => s + x.resends, 0) };
    },
    /** How a purpose's deliveries stand: waiting in the outbox, sent, and dead with their errors. */
    async statusOf(
      purpose: string,
    ): Promise<{ pending: number; sent: number; dead: { lastError?: string }[] }> {
      const [pending, logged] = await Promise.all([
        Delivery.countDocuments({ purpose }).exec(),
        DeliveryLog.find({ purpose }, { status: 1, lastError: 1 })
          .lean<{ status: string; lastError?: string }[]>()
          .exec(),
      ]);
      return {
        pending,
        sent: logged.filter((d) => d.status === "sent").length,
        dead: logged.filter((d) => d.status === "dead"),
      };
    },
    /**
     * How far a purpose's sending is, counted without reading every sent row (a broadcast's
     * progress is read every few seconds while it sends): waiting, sent, and dead with their errors.
     */
    async progressOf(
      purpose: string,
    ): Promise<{ pending: number; sent: number; dead: { lastError?: string }[] }> {
      const [pending, sent, dead] = await Promise.all([
        Delivery.countDocuments({ purpose }).exec(),
        DeliveryLog.countDocuments({ purpose, status: "sent" }).exec(),
        DeliveryLog.find({ purpose, status: "dead" }, { lastError: 1 })
          .lean<{ lastError?: string }[]>()
          .exec(),
      ]);
      return { pending, sent, dead };
    },
    /** The people a purpose's messages reached (sent, in the log), e.g. a broadcast's recipients. */
    async reachedBy(purpose: string): Promise<string[]> {
      const found = await DeliveryLog.find({ purpose, status: "sent" }, { personId: 1 })
        .lean<{ personId?: string }[]>()
        .exec();
      return found.flatMap((d) => (d.personId ? [d.personId] : []));
    },
    /** Whether a message under this key is waiting in the outbox or was sent (not given up). */
    async existsOrSent(id: string): Promise<boolean> {
      if (await Delivery.exists({ _id: id })) return true;
      return (await DeliveryLog.exists({ _id: id, status: "sent" })) !== null;
    },
    /** Removes what is still waiting for a purpose (a cancelled broadcast); returns how many. */
    async cancelPending(purpose: string): Promise<number> {
      return (await Delivery.deleteMany({ purpose, status: "pending" }).exec()).deletedCount;
    },
    /** What waits in the outbox for a person, and what was sent to them or given up (/dataku). */
    async ofPerson(personId: string): Promise<{ waiting: Delivery[]; logged: Delivery[] }> {
      const [waiting, logged] = await Promise.all([
        Delivery.find({ personId }).sort({ dueAt: 1 }).lean<Delivery[]>().exec(),
        DeliveryLog.find({ personId }).sort({ createdAt: 1 }).lean<Delivery[]>().exec(),
      ]);
      return { waiting: waiting.map(fromStored), logged: logged.map(fromStored) };
    },
    /** Removes what still waits in the outbox for a person (data erasure); returns how many. */
    async removeWaitingFor(personId: string): Promise<number> {
      return (await Delivery.deleteMany({ personId }).exec()).deletedCount;
    },
    /** Removes a person's delivery history (data erasure); returns how many. */
    async removeLoggedFor(personId: string): Promise<number> {
      return (await DeliveryLog.deleteMany({ personId }).exec()).deletedCount;
    },
    /**
     * Deletes up to `batch` logged deliveries created before `before`; returns how many (the
     * retention purge, in batches so no single delete runs long).
     */
    async purgeLogBefore(before: Date, batch: number): Promise<number> {
      const ids = (
        await DeliveryLog.find({ createdAt: { $lt: before } }, { _id: 1 })
          .limit(batch)
          .lean<{ _id: string }[]>()
          .exec()
      ).map((d) => d._id);
      if (ids.length === 0) return 0;
      return (await DeliveryLog.deleteMany({ _id: { $in: ids } }).exec()).deletedCount;
    },
    /** Drops attempt claims older than `before` (no TTL index on FerretDB). */
    async purgeClaims(before: Date): Promise<number> {
      return (await DeliveryClaim.deleteMany({ at: { $lt: before } }).exec()).deletedCount;
    },
  };
}
export type DeliveriesRepository = ReturnType<typeof deliveriesRepository>;
