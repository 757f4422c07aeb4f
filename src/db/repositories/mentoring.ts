import type { MentoringRequest, MentorProfile, Models } from "../models/index.js";
import { changeStampsRepository } from "./change-stamps.js";
import { insertOnce } from "./errors.js";

/** The change stamp of one instansi's mentor profiles (processes hold them in memory). */
export const mentorsStamp = (instansiId: string) => `mentors:${instansiId}`;

/** Mentoring requests between colleagues, and the levels of those willing to mentor. */
export function mentoringRepository(
  models: Pick<Models, "MentoringRequest" | "MentorProfile" | "ChangeStamp">,
) {
  const { MentoringRequest: M, MentorProfile: P } = models;
  const stamps = changeStampsRepository(models);
  /** Removes a profile and marks its instansi's mentors changed. */
  async function removeProfile(personId: string): Promise<void> {
    const gone = await P.findOneAndDelete({ _id: personId }).lean<MentorProfile>().exec();
    if (gone) await stamps.touch(mentorsStamp(gone.instansiId));
  }
  return {
    /** Writes (or replaces) one mentor's profile; a move to another instansi marks both changed. */
    async putProfile(profile: MentorProfile): Promise<void> {
      const before = await P.findOneAndReplace({ _id: profile._id }, profile, { upsert: true })
        .lean<MentorProfile>()
        .exec();
      if (before && before.instansiId !== profile.instansiId)
        await stamps.touch(mentorsStamp(before.instansiId));
      await stamps.touch(mentorsStamp(profile.instansiId));
    },
    /** Removes a person's mentor profile (opted out, erased, or no longer in the instansi). */
    removeProfile,
    /** The mentor profiles of one instansi (an indexed top-level field of a small collection). */
    async profilesIn(instansiId: string): Promise<MentorProfile[]> {
      return P.find({ instansiId }).lean<MentorProfile[]>().exec();
    },
    /** Opens a request; false when the mentee already has one for this competency. */
    async open(r: MentoringRequest): Promise<boolean> {
      return insertOnce(() => M.create(r));
    },
    /** One request by id. */
    async get(id: string): Promise<MentoringRequest | null> {
      return M.findById(id).lean<MentoringRequest>().exec();
    },
    /** Records the mentor's answer; only a pending request addressed to `mentorId` changes. */
    async decide(id: string, mentorId: string, status: "accepted" | "declined", at: Date): Promise<boolean> {
      const res = await M.updateOne(
        { _id: id, mentorId, status: "pending" },
        { $set: { status, decidedAt: at } },
      ).exec();
      return res.modifiedCount === 1;
    },
    /** Requests addressed to a mentor, newest first. */
    async forMentor(mentorId: string): Promise<MentoringRequest[]> {
      return M.find({ mentorId }).sort({ createdAt: -1 }).lean<MentoringRequest[]>().exec();
    },
    /** Deletes every request a person is part of, as mentee or mentor, and their profile (data erasure); returns how many requests. */
    async removeInvolving(personId: string): Promise<number> {
      await removeProfile(personId);
      const asMentee = (await M.deleteMany({ menteeId: personId }).exec()).deletedCount;
      return asMentee + (await M.deleteMany({ mentorId: personId }).exec()).deletedCount;
    },
    /** A mentee's requests, newest first. */
    async forMentee(menteeId: string): Promise<MentoringRequest[]> {
      return M.find({ menteeId }).sort({ createdAt: -1 }).lean<MentoringRequest[]>().exec();
    },
  };
}
