import { Schema } from "mongoose";

/**
 * One person asked to answer one occurrence of a survey (a session for post-training surveys, a
 * date for periodic ones). `_id` is `<survey>:<occurrence>:<person>`, so inviting twice stores
 * once. While the person answers a named survey, their answers so far wait here; they move to a
 * response when the last item is answered. An anonymous survey's answers so far never sit here:
 * see `draft` and `SurveyDraft`.
 */
export interface SurveyInvitation {
  _id: string;
  surveyId: string;
  occurrence: string;
  personId: string;
  status: "open" | "answered" | "closed";
  openedAt: Date;
  closesAt: Date;
  /** How many of the survey's reminders were scheduled. */
  reminded: number;
  /** A named survey's answers so far (always empty for an anonymous one). */
  answers: number[];
  /**
   * An anonymous survey's answers so far are in a `SurveyDraft` whose id is a keyed hash
   * (SURVEY_HASH_KEY) of this random token. The token is the only link between the person and
   * those answers; it is dropped when the response is stored, when the survey closes and when
   * the invitation is erased.
   */
  draft?: string;
  /** What the survey is about, shown to the person ("Bimtek Penyusunan SAKIP"). */
  subject?: string;
  courseId?: string;
  instansiId?: string;
  unitId?: string;
}

export const surveyInvitationSchema = new Schema<SurveyInvitation>(
  {
    _id: { type: String, required: true },
    surveyId: { type: String, required: true },
    occurrence: { type: String, required: true },
    personId: { type: String, required: true },
    status: { type: String, enum: ["open", "answered", "closed"], required: true },
    openedAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    reminded: { type: Number, default: 0 },
    answers: { type: [Number], default: [] },
    draft: String,
    subject: String,
    courseId: String,
    instansiId: String,
    unitId: String,
  },
  { collection: "survey_invitations", versionKey: false },
);
surveyInvitationSchema.index({ status: 1 });
surveyInvitationSchema.index({ personId: 1 });

/**
 * One completed answer set. For an anonymous survey there is no person and only the date (no
 * time) it was answered, so it cannot be matched to an invitation's timing; the group fields are
 * what results are shown by.
 */
export interface SurveyResponse {
  _id: string;
  surveyId: string;
  occurrence: string;
  personId?: string;
  answers: number[];
  courseId?: string;
  instansiId?: string;
  unitId?: string;
  /** YYYY-MM-DD in Indonesia's western zone. */
  answeredOn: string;
  answeredAt?: Date;
  /**
   * An anonymous response's place in its survey's order of arrival (0, 1, 2, …; absent on those
   * stored before it existed, which come first): results count whole steps of 5 in this order, so
   * they do not move when one more answer comes. It tells in what order answers came, never who
   * gave them or when (nothing else records the order in which people answered).
   */
  seq?: number;
}

export const surveyResponseSchema = new Schema<SurveyResponse>(
  {
    _id: { type: String, required: true },
    surveyId: { type: String, required: true },
    occurrence: { type: String, required: true },
    personId: String,
    answers: { type: [Number], required: true },
    courseId: String,
    instansiId: String,
    unitId: String,
    answeredOn: { type: String, required: true },
    answeredAt: Date,
    seq: Number,
  },
  { collection: "survey_responses", versionKey: false },
);
surveyResponseSchema.index({ surveyId: 1, occurrence: 1 });
surveyResponseSchema.index({ unitId: 1 });
// A person's own answers (/dataku, erasure).
surveyResponseSchema.index({ personId: 1 });

/**
 * For anonymous surveys: `_id` is a keyed hash (SURVEY_HASH_KEY) of survey, occurrence and person.
 * Its only use is a unique insert that refuses a second answer; without the key it cannot be
 * turned back into a person.
 */
export interface SurveyAnswerKey {
  _id: string;
}

export const surveyAnswerKeySchema = new Schema<SurveyAnswerKey>(
  { _id: { type: String, required: true } },
  { collection: "survey_answer_keys", versionKey: false },
);

/**
 * An anonymous survey's answers so far, under a keyed hash of the random token on the invitation:
 * no person, no survey, no time but when it may be purged (when the survey closes). Deleted when
 * the response is stored or the survey closes; an orphan (its invitation erased) is purged when
 * it expires.
 */
export interface SurveyDraft {
  _id: string;
  answers: number[];
  expiresAt: Date;
}

export const surveyDraftSchema = new Schema<SurveyDraft>(
  {
    _id: { type: String, required: true },
    answers: { type: [Number], default: [] },
    expiresAt: { type: Date, required: true },
  },
  { collection: "survey_drafts", versionKey: false },
);
