import type { Models, SurveyInvitation, SurveyResponse } from "../models/index.js";
import { ONE_REPLY, readInBatches } from "./batches.js";
import { insertOnce } from "./errors.js";

/** An invitation as a non-responder list reads it: whether it was answered, not what. */
export type InvitationState = Pick<
  SurveyInvitation,
  "_id" | "surveyId" | "occurrence" | "personId" | "status" | "openedAt" | "closesAt" | "subject"
>;

/** How many places in the order of arrival an anonymous response tries before giving up. */
const SEQ_TRIES = 50;

/** Survey invitations, responses, and the answer keys and drafts of anonymous surveys. */
export function surveysRepository({
  SurveyInvitation,
  SurveyResponse,
  SurveyAnswerKey,
  SurveyDraft,
}: Pick<Models, "SurveyInvitation" | "SurveyResponse" | "SurveyAnswerKey" | "SurveyDraft">) {
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
    /**
     * These people's invitations with whether each was answered, and never what was answered (an
     * anonymous survey's answers so far are not even on the invitation; a named one's are left out).
     */
    async invitationStates(personIds: readonly string[]): Promise<InvitationState[]> {
      return readInBatches(personIds, (batch) =>
        SurveyInvitation.find(
          { personId: { $in: batch } },
          { surveyId: 1, occurrence: 1, personId: 1, status: 1, openedAt: 1, closesAt: 1, subject: 1 },
        )
          .lean<InvitationState[]>()
          .exec(),
      );
    },
    async setReminded(id: string, reminded: number): Promise<void> {
      await SurveyInvitation.updateOne({ _id: id }, { $set: { reminded } }).exec();
    },
    /** Closes an invitation, forgetting its answers so far and its draft token. */
    async close(id: string): Promise<void> {
      await SurveyInvitation.updateOne(
        { _id: id, status: "open" },
        { $set: { status: "closed", answers: [] }, $unset: { draft: "" } },
      ).exec();
    },
    /** Keeps the answers given so far. */
    async setAnswers(id: string, answers: number[]): Promise<void> {
      await SurveyInvitation.updateOne({ _id: id }, { $set: { answers } }).exec();
    },
    /** Marks an invitation answered and forgets its answers and draft token (they are in a response now). */
    async markAnswered(id: string): Promise<void> {
      await SurveyInvitation.updateOne(
        { _id: id },
        { $set: { status: "answered", answers: [] }, $unset: { draft: "" } },
      ).exec();
    },
    /** Puts a draft token on an invitation (an anonymous survey's first answer). */
    async setDraftToken(id: string, token: string): Promise<void> {
      await SurveyInvitation.updateOne({ _id: id }, { $set: { draft: token, answers: [] } }).exec();
    },
    /** An anonymous survey's answers so far, by the draft's id; empty when there is none. */
    async draftAnswers(draftId: string): Promise<number[]> {
      return (await SurveyDraft.findById(draftId).lean<{ answers: number[] }>().exec())?.answers ?? [];
    },
    /** Keeps an anonymous survey's answers so far under the draft's id. */
    async putDraft(draftId: string, answers: number[], expiresAt: Date): Promise<void> {
      await SurveyDraft.updateOne(
        { _id: draftId },
        { $set: { answers, expiresAt } },
        { upsert: true },
      ).exec();
    },
    async removeDraft(draftId: string): Promise<void> {
      await SurveyDraft.deleteOne({ _id: draftId }).exec();
    },
    /** Removes drafts whose survey has closed (those left by an erased invitation); returns how many. */
    async purgeDrafts(now: Date): Promise<number> {
      return (await SurveyDraft.deleteMany({ expiresAt: { $lte: now } }).exec()).deletedCount;
    },
    /** Takes the one-answer key of an anonymous survey; false when it was taken (answered before). */
    async takeAnswerKey(key: string): Promise<boolean> {
      return insertOnce(() => SurveyAnswerKey.create({ _id: key }));
    },
    /** Stores a response; false when one with this id exists (a second answer). */
    async respond(r: SurveyResponse): Promise<boolean> {
      return insertOnce(() => SurveyResponse.create(r));
    },
    /**
     * Stores an anonymous response as the next in its survey's order of arrival: `_id`
     * `<survey>#<seq>` where seq is the number of responses the survey has, so a unique insert
     * decides between two at once and the loser takes the next place. Anonymous responses are
     * never deleted, so the count is always past every place taken. Returns the place.
     */
    async respondInOrder(r: Omit<SurveyResponse, "_id" | "seq">): Promise<number> {
      let seq = await SurveyResponse.countDocuments({ surveyId: r.surveyId }).exec();
      for (let i = 0; i < SEQ_TRIES; i++, seq++)
        if (await insertOnce(() => SurveyResponse.create({ ...r, _id: `${r.surveyId}#${seq}`, seq })))
          return seq;
      throw new Error(`no free place for an answer to ${r.surveyId} after ${SEQ_TRIES} tries`);
    },
    /**
     * Deletes a person's invitations (data erasure); returns how many. An anonymous survey's draft
     * then has no link to anyone left (its token was on the invitation) and is purged when it expires.
     */
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
    /** The answers given in any of these units (the summary fold recounts their satisfaction). */
    async responsesInUnits(unitIds: readonly string[]): Promise<SurveyResponse[]> {
      return readInBatches(unitIds, (batch) =>
        SurveyResponse.find({ unitId: { $in: batch } })
          .batchSize(ONE_REPLY)
          .lean<SurveyResponse[]>()
          .exec(),
      );
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
