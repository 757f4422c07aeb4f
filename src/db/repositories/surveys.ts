import type { Models, SurveyInvitation, SurveyResponse } from "../models/index.js";
import { insertOnce } from "./errors.js";

/** Survey invitations, responses and the answer keys of anonymous surveys. */
export function surveysRepository({
  SurveyInvitation,
  SurveyResponse,
  SurveyAnswerKey,
}: Pick<Models, "SurveyInvitation" | "SurveyResponse" | "SurveyAnswerKey">) {
  return {
    /** Stores an invitation; false when it exists already. */
    async invite(inv: Omit<SurveyInvitation, "status" | "reminded" | "answers">): Promise<boolean> {
      return insertOnce(() => SurveyInvitation.create({ ...inv, status: "open", reminded: 0, answers: [] }));
    },
    async get(id: string): Promise<SurveyInvitation | null> {
      return SurveyInvitation.findById(id).lean<SurveyInvitation>().exec();
    },
    /** Every invitation still open (the reminder and closing job). */
    async listOpen(): Promise<SurveyInvitation[]> {
      return SurveyInvitation.find({ status: "open" }).lean<SurveyInvitation[]>().exec();
    },
    /** A person's invitations, newest first. */
    async listForPerson(personId: string): Promise<SurveyInvitation[]> {
      return SurveyInvitation.find({ personId }).sort({ openedAt: -1 }).lean<SurveyInvitation[]>().exec();
    },
    async setReminded(id: string, reminded: number): Promise<void> {
      await SurveyInvitation.updateOne({ _id: id }, { $set: { reminded } }).exec();
    },
    async close(id: string): Promise<void> {
      await SurveyInvitation.updateOne(
        { _id: id, status: "open" },
        { $set: { status: "closed", answers: [] } },
      ).exec();
    },
    /** Keeps the answers given so far. */
    async setAnswers(id: string, answers: number[]): Promise<void> {
      await SurveyInvitation.updateOne({ _id: id }, { $set: { answers } }).exec();
    },
    /** Marks an invitation answered and forgets its answers (they are in a response now). */
    async markAnswered(id: string): Promise<void> {
      await SurveyInvitation.updateOne({ _id: id }, { $set: { status: "answered", answers: [] } }).exec();
    },
    /** Takes the one-answer key of an anonymous survey; false when it was taken (answered before). */
    async takeAnswerKey(key: string): Promise<boolean> {
      return insertOnce(() => SurveyAnswerKey.create({ _id: key }));
    },
    /** Stores a response; false when one with this id exists (a second answer). */
    async respond(r: SurveyResponse): Promise<boolean> {
      return insertOnce(() => SurveyResponse.create(r));
    },
    /** Deletes a person's invitations (data erasure); returns how many. */
    async removeInvitationsForPerson(personId: string): Promise<number> {
      return (await SurveyInvitation.deleteMany({ personId }).exec()).deletedCount;
    },
    /** The responses that name a person (non-anonymous surveys), oldest first. */
    async responsesOfPerson(personId: string): Promise<SurveyResponse[]> {
      return SurveyResponse.find({ personId }).sort({ answeredOn: 1 }).lean<SurveyResponse[]>().exec();
    },
    /**
     * Replaces a named response by a copy under `newId` without the person and the answer time,
     * as anonymous responses are kept. Copy first, then delete: a retry with the same `newId`
     * finds the copy there and only deletes, so the answer is never counted twice.
     */
    async deidentifyResponse(r: SurveyResponse, newId: string): Promise<void> {
      const { personId: _p, answeredAt: _a, _id: _i, ...rest } = r;
      await insertOnce(() => SurveyResponse.create({ ...rest, _id: newId }));
      await SurveyResponse.deleteOne({ _id: r._id }).exec();
    },
    /** The answers given in one unit (summary totals pick the surveys they count). */
    async responsesInUnit(unitId: string): Promise<SurveyResponse[]> {
      return SurveyResponse.find({ unitId }).lean<SurveyResponse[]>().exec();
    },
    /** Every response to a survey (one occurrence, or all). */
    async responses(surveyId: string, occurrence?: string): Promise<SurveyResponse[]> {
      return SurveyResponse.find({ surveyId, ...(occurrence ? { occurrence } : {}) })
        .lean<SurveyResponse[]>()
        .exec();
    },
  };
}
export type SurveysRepository = ReturnType<typeof surveysRepository>;
