import type { Connection, Model } from "mongoose";
import { type Achievement, achievementSchema } from "./achievement.js";
import { type Assessment, assessmentSchema } from "./assessment.js";
import { type AuditEntry, auditEntrySchema } from "./audit-entry.js";
import { type Broadcast, broadcastSchema } from "./broadcast.js";
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
import { type FlowClaim, flowClaimSchema } from "./flow-claim.js";
import { type FlowRun, flowRunSchema } from "./flow-run.js";
import { type Identity, identitySchema } from "./identity.js";
import { type Jabatan, jabatanSchema } from "./jabatan.js";
import { type LinkAttempt, type LinkCode, linkAttemptSchema, linkCodeSchema } from "./link-code.js";
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
  type SurveyInvitation,
  type SurveyResponse,
  surveyAnswerKeySchema,
  surveyInvitationSchema,
  surveyResponseSchema,
} from "./survey.js";
import { type TeknisCompetency, teknisCompetencySchema } from "./teknis-competency.js";

export type { CompetencyResult } from "./assessment.js";
export type { BroadcastAttachment, BroadcastAudience } from "./broadcast.js";
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
export type {
  Achievement,
  Assessment,
  AuditEntry,
  Broadcast,
  Completion,
  Contribution,
  Delivery,
  DeliveryClaim,
  Enrollment,
  ErasureRequest,
  FlowClaim,
  FlowRun,
  Identity,
  Jabatan,
  Lease,
  LinkAttempt,
  LinkCode,
  MentoringRequest,
  MentorProfile,
  NipClaim,
  OrgUnit,
  Person,
  PlaceRequest,
  StoredCourse,
  SummaryMark,
  SummaryMember,
  SurveyAnswerKey,
  SurveyInvitation,
  SurveyResponse,
  TeknisCompetency,
  TreeHeadcount,
  TreeYearTotals,
  UnitHeadcount,
  UnitYearTotals,
};

/** Every model Pandu stores, bound to one connection. */
export interface Models {
  Person: Model<Person>;
  NipClaim: Model<NipClaim>;
  Identity: Model<Identity>;
  OrgUnit: Model<OrgUnit>;
  Jabatan: Model<Jabatan>;
  FlowRun: Model<FlowRun>;
  FlowClaim: Model<FlowClaim>;
  AuditEntry: Model<AuditEntry>;
  LinkCode: Model<LinkCode>;
  LinkAttempt: Model<LinkAttempt>;
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
  Broadcast: Model<Broadcast>;
  SummaryMark: Model<SummaryMark>;
  Contribution: Model<Contribution>;
  SummaryMember: Model<SummaryMember>;
  UnitTotals: Model<UnitYearTotals>;
  UnitHeadcount: Model<UnitHeadcount>;
  TreeTotals: Model<TreeYearTotals>;
  TreeHeadcount: Model<TreeHeadcount>;
  ErasureRequest: Model<ErasureRequest>;
  TeknisCompetency: Model<TeknisCompetency>;
}

/** Binds the schemas to a connection (no DDL: collections and indexes come from ensureSchema). */
export function createModels(conn: Connection): Models {
  return {
    Person: conn.model<Person>("Person", personSchema),
    NipClaim: conn.model<NipClaim>("NipClaim", nipClaimSchema),
    Identity: conn.model<Identity>("Identity", identitySchema),
    OrgUnit: conn.model<OrgUnit>("OrgUnit", orgUnitSchema),
    Jabatan: conn.model<Jabatan>("Jabatan", jabatanSchema),
    FlowRun: conn.model<FlowRun>("FlowRun", flowRunSchema),
    FlowClaim: conn.model<FlowClaim>("FlowClaim", flowClaimSchema),
    AuditEntry: conn.model<AuditEntry>("AuditEntry", auditEntrySchema),
    LinkCode: conn.model<LinkCode>("LinkCode", linkCodeSchema),
    LinkAttempt: conn.model<LinkAttempt>("LinkAttempt", linkAttemptSchema),
    Assessment: conn.model<Assessment>("Assessment", assessmentSchema),
    Course: conn.model<StoredCourse>("Course", courseSchema),
    Enrollment: conn.model<Enrollment>("Enrollment", enrollmentSchema),
    Completion: conn.model<Completion>("Completion", completionSchema),
    Achievement: conn.model<Achievement>("Achievement", achievementSchema),
    MentoringRequest: conn.model<MentoringRequest>("MentoringRequest", mentoringRequestSchema),
    MentorProfile: conn.model<MentorProfile>("MentorProfile", mentorProfileSchema),
    PlaceRequest: conn.model<PlaceRequest>("PlaceRequest", placeRequestSchema),
    Delivery: conn.model<Delivery>("Delivery", deliverySchema),
    DeliveryLog: conn.model<Delivery>("DeliveryLog", deliveryLogSchema),
    DeliveryClaim: conn.model<DeliveryClaim>("DeliveryClaim", deliveryClaimSchema),
    Lease: conn.model<Lease>("Lease", leaseSchema),
    SurveyInvitation: conn.model<SurveyInvitation>("SurveyInvitation", surveyInvitationSchema),
    SurveyResponse: conn.model<SurveyResponse>("SurveyResponse", surveyResponseSchema),
    SurveyAnswerKey: conn.model<SurveyAnswerKey>("SurveyAnswerKey", surveyAnswerKeySchema),
    Broadcast: conn.model<Broadcast>("Broadcast", broadcastSchema),
    SummaryMark: conn.model<SummaryMark>("SummaryMark", summaryMarkSchema),
    Contribution: conn.model<Contribution>("Contribution", contributionSchema),
    SummaryMember: conn.model<SummaryMember>("SummaryMember", summaryMemberSchema),
    UnitTotals: conn.model<UnitYearTotals>("UnitTotals", unitTotalsSchema),
    UnitHeadcount: conn.model<UnitHeadcount>("UnitHeadcount", unitHeadcountSchema),
    TreeTotals: conn.model<TreeYearTotals>("TreeTotals", treeTotalsSchema),
    TreeHeadcount: conn.model<TreeHeadcount>("TreeHeadcount", treeHeadcountSchema),
    ErasureRequest: conn.model<ErasureRequest>("ErasureRequest", erasureRequestSchema),
    TeknisCompetency: conn.model<TeknisCompetency>("TeknisCompetency", teknisCompetencySchema),
  };
}
