import type { Connection, Model, Schema } from "mongoose";
import { queryLogPlugin } from "../query-log.js";
import { type Achievement, achievementSchema } from "./achievement.js";
import { type ActivationCode, activationCodeSchema } from "./activation-code.js";
import { type Assessment, assessmentSchema } from "./assessment.js";
import { type AuditEntry, auditEntrySchema } from "./audit-entry.js";
import { type Broadcast, type BroadcastAckEntry, broadcastAckSchema, broadcastSchema } from "./broadcast.js";
import { type Campaign, type CampaignReminder, campaignReminderSchema, campaignSchema } from "./campaign.js";
import { type ChangeStamp, changeStampSchema } from "./change-stamp.js";
import { type Completion, completionSchema } from "./completion.js";
import { courseSchema, type StoredCourse } from "./course.js";
import {
  type Delivery,
  type DeliveryClaim,
  deliveryClaimSchema,
  deliveryLogSchema,
  deliverySchema,
  type Lease,
  leaseSchema,
} from "./delivery.js";
import { type Enrollment, enrollmentSchema } from "./enrollment.js";
import { type ErasureRequest, erasureRequestSchema } from "./erasure-request.js";
import { type FlowRun, flowRunSchema, type StoredFlowRun } from "./flow-run.js";
import { type Identity, identitySchema } from "./identity.js";
import { type Jabatan, jabatanSchema } from "./jabatan.js";
import {
  type LinkAttempt,
  type LinkCode,
  type LinkRequest,
  linkAttemptSchema,
  linkCodeSchema,
  linkRequestSchema,
} from "./link-code.js";
import {
  type MentoringRequest,
  type MentorProfile,
  mentoringRequestSchema,
  mentorProfileSchema,
} from "./mentoring.js";
import { type NipClaim, nipClaimSchema } from "./nip-claim.js";
import { type OrgUnit, orgUnitSchema } from "./org-unit.js";
import { type Person, personSchema } from "./person.js";
import { type PlaceRequest, placeRequestSchema } from "./place-request.js";
import {
  type Contribution,
  contributionSchema,
  type SummaryMark,
  type SummaryMember,
  summaryMarkSchema,
  summaryMemberSchema,
  type TreeHeadcount,
  type TreeYearTotals,
  treeHeadcountSchema,
  treeTotalsSchema,
  type UnitHeadcount,
  type UnitYearTotals,
  unitHeadcountSchema,
  unitTotalsSchema,
} from "./summary.js";
import {
  type SurveyAnswerKey,
  type SurveyDraft,
  type SurveyInvitation,
  type SurveyResponse,
  surveyAnswerKeySchema,
  surveyDraftSchema,
  surveyInvitationSchema,
  surveyResponseSchema,
} from "./survey.js";
import { type TeknisCompetency, teknisCompetencySchema } from "./teknis-competency.js";
import { type UnitMove, unitMoveSchema } from "./unit-move.js";
import { type WaitlistEntry, waitlistEntrySchema } from "./waitlist-entry.js";

export type { CompetencyResult } from "./assessment.js";
export type {
  BroadcastAck,
  BroadcastAnswer,
  BroadcastAttachment,
  BroadcastAudience,
  BroadcastProgress,
} from "./broadcast.js";
export type { Certificate } from "./completion.js";
export type { StoredSession } from "./course.js";
export type {
  DeliveryAttachment,
  DeliveryMessage,
  DeliveryStatus,
  StoredDeliveryMessage,
} from "./delivery.js";
export type { Channel } from "./identity.js";
export type { JabatanKind, StandardSource } from "./jabatan.js";
export type { EmploymentStatus, ReminderPrefs, Role, RoleGrant } from "./person.js";
export type { WaitlistState } from "./waitlist-entry.js";
export type {
  Achievement,
  ActivationCode,
  Assessment,
  AuditEntry,
  Broadcast,
  BroadcastAckEntry,
  Campaign,
  CampaignReminder,
  ChangeStamp,
  Completion,
  Contribution,
  Delivery,
  DeliveryClaim,
  Enrollment,
  ErasureRequest,
  FlowRun,
  Identity,
  Jabatan,
  Lease,
  LinkAttempt,
  LinkCode,
  LinkRequest,
  MentoringRequest,
  MentorProfile,
  NipClaim,
  OrgUnit,
  Person,
  PlaceRequest,
  StoredCourse,
  StoredFlowRun,
  SummaryMark,
  SummaryMember,
  SurveyAnswerKey,
  SurveyDraft,
  SurveyInvitation,
  SurveyResponse,
  TeknisCompetency,
  TreeHeadcount,
  TreeYearTotals,
  UnitHeadcount,
  UnitMove,
  UnitYearTotals,
  WaitlistEntry,
};

/** Every model Pandu stores, bound to one connection. */
export interface Models {
  Person: Model<Person>;
  NipClaim: Model<NipClaim>;
  ActivationCode: Model<ActivationCode>;
  Identity: Model<Identity>;
  OrgUnit: Model<OrgUnit>;
  Jabatan: Model<Jabatan>;
  FlowRun: Model<StoredFlowRun>;
  AuditEntry: Model<AuditEntry>;
  LinkCode: Model<LinkCode>;
  LinkAttempt: Model<LinkAttempt>;
  LinkRequest: Model<LinkRequest>;
  Assessment: Model<Assessment>;
  Course: Model<StoredCourse>;
  Enrollment: Model<Enrollment>;
  Completion: Model<Completion>;
  Achievement: Model<Achievement>;
  MentoringRequest: Model<MentoringRequest>;
  MentorProfile: Model<MentorProfile>;
  PlaceRequest: Model<PlaceRequest>;
  Delivery: Model<Delivery>;
  DeliveryLog: Model<Delivery>;
  DeliveryClaim: Model<DeliveryClaim>;
  Lease: Model<Lease>;
  SurveyInvitation: Model<SurveyInvitation>;
  SurveyResponse: Model<SurveyResponse>;
  SurveyAnswerKey: Model<SurveyAnswerKey>;
  SurveyDraft: Model<SurveyDraft>;
  Broadcast: Model<Broadcast>;
  BroadcastAck: Model<BroadcastAckEntry>;
  ChangeStamp: Model<ChangeStamp>;
  SummaryMark: Model<SummaryMark>;
  Contribution: Model<Contribution>;
  SummaryMember: Model<SummaryMember>;
  UnitTotals: Model<UnitYearTotals>;
  UnitHeadcount: Model<UnitHeadcount>;
  TreeTotals: Model<TreeYearTotals>;
  TreeHeadcount: Model<TreeHeadcount>;
  ErasureRequest: Model<ErasureRequest>;
  TeknisCompetency: Model<TeknisCompetency>;
  UnitMove: Model<UnitMove>;
  WaitlistEntry: Model<WaitlistEntry>;
  Campaign: Model<Campaign>;
  CampaignReminder: Model<CampaignReminder>;
}

// Every schema reports its queries to the query log (the storage-rules test listens to it).
const logged = new WeakSet<Schema>();
function bind<T>(conn: Connection, name: string, schema: Schema<T>): Model<T> {
  if (!logged.has(schema)) {
    schema.plugin(queryLogPlugin);
    logged.add(schema);
  }
  return conn.model<T>(name, schema);
}

/** Binds the schemas to a connection (no DDL: collections and indexes come from ensureSchema). */
export function createModels(conn: Connection): Models {
  return {
    Person: bind<Person>(conn, "Person", personSchema),
    NipClaim: bind<NipClaim>(conn, "NipClaim", nipClaimSchema),
    ActivationCode: bind<ActivationCode>(conn, "ActivationCode", activationCodeSchema),
    Identity: bind<Identity>(conn, "Identity", identitySchema),
    OrgUnit: bind<OrgUnit>(conn, "OrgUnit", orgUnitSchema),
    Jabatan: bind<Jabatan>(conn, "Jabatan", jabatanSchema),
    FlowRun: bind<StoredFlowRun>(conn, "FlowRun", flowRunSchema),
    AuditEntry: bind<AuditEntry>(conn, "AuditEntry", auditEntrySchema),
    LinkCode: bind<LinkCode>(conn, "LinkCode", linkCodeSchema),
    LinkAttempt: bind<LinkAttempt>(conn, "LinkAttempt", linkAttemptSchema),
    LinkRequest: bind<LinkRequest>(conn, "LinkRequest", linkRequestSchema),
    Assessment: bind<Assessment>(conn, "Assessment", assessmentSchema),
    Course: bind<StoredCourse>(conn, "Course", courseSchema),
    Enrollment: bind<Enrollment>(conn, "Enrollment", enrollmentSchema),
    Completion: bind<Completion>(conn, "Completion", completionSchema),
    Achievement: bind<Achievement>(conn, "Achievement", achievementSchema),
    MentoringRequest: bind<MentoringRequest>(conn, "MentoringRequest", mentoringRequestSchema),
    MentorProfile: bind<MentorProfile>(conn, "MentorProfile", mentorProfileSchema),
    PlaceRequest: bind<PlaceRequest>(conn, "PlaceRequest", placeRequestSchema),
    Delivery: bind<Delivery>(conn, "Delivery", deliverySchema),
    DeliveryLog: bind<Delivery>(conn, "DeliveryLog", deliveryLogSchema),
    DeliveryClaim: bind<DeliveryClaim>(conn, "DeliveryClaim", deliveryClaimSchema),
    Lease: bind<Lease>(conn, "Lease", leaseSchema),
    SurveyInvitation: bind<SurveyInvitation>(conn, "SurveyInvitation", surveyInvitationSchema),
    SurveyResponse: bind<SurveyResponse>(conn, "SurveyResponse", surveyResponseSchema),
    SurveyAnswerKey: bind<SurveyAnswerKey>(conn, "SurveyAnswerKey", surveyAnswerKeySchema),
    SurveyDraft: bind<SurveyDraft>(conn, "SurveyDraft", surveyDraftSchema),
    Broadcast: bind<Broadcast>(conn, "Broadcast", broadcastSchema),
    BroadcastAck: bind<BroadcastAckEntry>(conn, "BroadcastAck", broadcastAckSchema),
    ChangeStamp: bind<ChangeStamp>(conn, "ChangeStamp", changeStampSchema),
    SummaryMark: bind<SummaryMark>(conn, "SummaryMark", summaryMarkSchema),
    Contribution: bind<Contribution>(conn, "Contribution", contributionSchema),
    SummaryMember: bind<SummaryMember>(conn, "SummaryMember", summaryMemberSchema),
    UnitTotals: bind<UnitYearTotals>(conn, "UnitTotals", unitTotalsSchema),
    UnitHeadcount: bind<UnitHeadcount>(conn, "UnitHeadcount", unitHeadcountSchema),
    TreeTotals: bind<TreeYearTotals>(conn, "TreeTotals", treeTotalsSchema),
    TreeHeadcount: bind<TreeHeadcount>(conn, "TreeHeadcount", treeHeadcountSchema),
    ErasureRequest: bind<ErasureRequest>(conn, "ErasureRequest", erasureRequestSchema),
    TeknisCompetency: bind<TeknisCompetency>(conn, "TeknisCompetency", teknisCompetencySchema),
    UnitMove: bind<UnitMove>(conn, "UnitMove", unitMoveSchema),
    WaitlistEntry: bind<WaitlistEntry>(conn, "WaitlistEntry", waitlistEntrySchema),
    Campaign: bind<Campaign>(conn, "Campaign", campaignSchema),
    CampaignReminder: bind<CampaignReminder>(conn, "CampaignReminder", campaignReminderSchema),
  };
}
