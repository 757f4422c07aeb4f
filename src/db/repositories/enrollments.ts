import type { Enrollment, Models } from "../models/index.js";
import { readInBatches } from "./batches.js";
import { isDuplicateKeyError } from "./errors.js";

export type EnrollOutcome =
  | { kind: "enrolled"; enrollment: Enrollment }
  | { kind: "already"; enrollment: Enrollment }
  | { kind: "full" };

/** Places in sessions. The quota is held by unique seat keys, never by a read-then-write. */
export function enrollmentsRepository({ Enrollment }: Pick<Models, "Enrollment">) {
  const keyOf = (sessionId: string, personId: string) => `${sessionId}|${personId}`;
  return {
    /**
     * Takes a seat numbered 1…quota in the session: tries the seat after those already taken
     * first, then any seat freed by a cancellation. Exactly `quota` people can ever hold one.
     */
    async enroll(e: Omit<Enrollment, "_id" | "seat">, quota: number): Promise<EnrollOutcome> {
      const _id = keyOf(e.sessionId, e.personId);
      const mine = await Enrollment.findById(_id).lean<Enrollment>().exec();
      if (mine) return { kind: "already", enrollment: mine };
      const taken = new Set(
        (
          await Enrollment.find({ sessionId: e.sessionId }, { seat: 1 }).lean<{ seat: string }[]>().exec()
        ).map((x) => x.seat),
      );
      const order: number[] = [];
      for (let n = 1; n <= quota; n++) if (!taken.has(`${e.sessionId}#${n}`)) order.push(n);
      for (const n of order) {
        const doc = { ...e, _id, seat: `${e.sessionId}#${n}` };
        try {
          await Enrollment.create(doc);
          return { kind: "enrolled", enrollment: doc };
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
          // Either someone took this seat a moment ago (try the next) or this person is already in.
          const again = await Enrollment.findById(_id).lean<Enrollment>().exec();
          if (again) return { kind: "already", enrollment: again };
        }
      }
      return { kind: "full" };
    },
    /** Gives up a place; false when there was none. The seat is free again at once. */
    async cancel(sessionId: string, personId: string): Promise<Enrollment | null> {
      return Enrollment.findOneAndDelete({ _id: keyOf(sessionId, personId) })
        .lean<Enrollment>()
        .exec();
    },
    /** One person's place in a session. */
    async get(sessionId: string, personId: string): Promise<Enrollment | null> {
      return Enrollment.findById(keyOf(sessionId, personId)).lean<Enrollment>().exec();
    },
    /** A person's places, soonest first. */
    async listForPerson(personId: string): Promise<Enrollment[]> {
      return Enrollment.find({ personId }).sort({ startsAt: 1 }).lean<Enrollment[]>().exec();
    },
    /** The places of several people, by the indexed person id (in batches of the storage limit). */
    async listForPeople(personIds: readonly string[]): Promise<Enrollment[]> {
      return readInBatches(personIds, (batch) =>
        Enrollment.find({ personId: { $in: batch } })
          .lean<Enrollment[]>()
          .exec(),
      );
    },
    /** Places in sessions starting in [from, to). */
    async listStartingBetween(from: Date, to: Date): Promise<Enrollment[]> {
      return Enrollment.find({ startsAt: { $gte: from, $lt: to } })
        .lean<Enrollment[]>()
        .exec();
    },
    /** Places in sessions that ended in [from, to). */
    async listEndedBetween(from: Date, to: Date): Promise<Enrollment[]> {
      return Enrollment.find({ endsAt: { $gte: from, $lt: to } })
        .lean<Enrollment[]>()
        .exec();
    },
    /** Records whether the person will attend; false when they hold no place. */
    async setAttendance(_id: string, attendance: "hadir" | "tidak", at: Date): Promise<boolean> {
      const res = await Enrollment.updateOne({ _id }, { $set: { attendance, attendanceAt: at } }).exec();
      return res.matchedCount === 1;
    },
    /** Records what a koordinator marked: present or absent; false when the place is gone. */
    async setCheckedIn(_id: string, checkedIn: "hadir" | "tidak", at: Date, by: string): Promise<boolean> {
      const res = await Enrollment.updateOne(
        { _id },
        { $set: { checkedIn, checkedInAt: at, checkedInBy: by } },
      ).exec();
      return res.matchedCount === 1;
    },
    /** The places in many sessions (batches of 1,000 ids, each served by the index). */
    async listForSessions(sessionIds: readonly string[]): Promise<Enrollment[]> {
      return readInBatches(sessionIds, (batch) =>
        Enrollment.find({ sessionId: { $in: batch } })
          .lean<Enrollment[]>()
          .exec(),
      );
    },
    /** The places in one session. */
    async listForSession(sessionId: string): Promise<Enrollment[]> {
      return Enrollment.find({ sessionId }).lean<Enrollment[]>().exec();
    },
    /** The places in every session of one course (a broadcast to a course's participants). */
    async listForCourse(courseId: string): Promise<Enrollment[]> {
      return Enrollment.find({ courseId }).lean<Enrollment[]>().exec();
    },
    /** Seats taken in a session. */
    async countForSession(sessionId: string): Promise<number> {
      return Enrollment.countDocuments({ sessionId }).exec();
    },
  };
}
export type EnrollmentsRepository = ReturnType<typeof enrollmentsRepository>;
