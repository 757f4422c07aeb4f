import type { DomainContent } from "../content/load.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Translate } from "../engine/text.js";
import type { DeepLinks } from "../services/deep-links.js";
import type { EventHub } from "../services/events.js";
import type { SummaryTotals } from "../services/summary-totals.js";
import type { PersonVerification } from "./activation/person-verification.js";
import type { createAssessment } from "./assessment/assessment.js";
import type { ConfirmLevel } from "./assessment/level-confirmation.js";
import type { Broadcasts } from "./broadcasts/broadcasts.js";
import type { Campaigns } from "./campaigns/campaigns.js";
import type { CatalogBrowser } from "./catalog/catalog-browser.js";
import type { Invitations } from "./deep-links/invitations.js";
import type { LinkOpener } from "./deep-links/open-link.js";
import type { CoordinatorDigest } from "./digest/coordinator-digest.js";
import type { EnrollmentService } from "./enrolment/enrollment.js";
import type { PlaceRequests } from "./enrolment/place-requests.js";
import type { Waitlist } from "./enrolment/waitlist.js";
import type { PeopleExport } from "./export/people-export.js";
import type { Feature } from "./feature.js";
import type { createAdminImport } from "./imports/admin-import.js";
import type { Linking } from "./linking/linking.js";
import type { Mentoring } from "./mentoring/mentoring.js";
import type { createOnboarding } from "./onboarding/onboarding.js";
import type { createHousekeeping } from "./privacy/housekeeping.js";
import type { Privacy } from "./privacy/privacy.js";
import type { Retention } from "./privacy/retention.js";
import type { createProfile } from "./profile/profile.js";
import type { Recommendations } from "./recommendations/recommendations.js";
import type { ReminderSettings } from "./reminders/reminder-settings.js";
import type { TrainingReminders } from "./reminders/training-reminders.js";
import type { AssessmentResults } from "./results/assessment-result.js";
import type { Roles } from "./roles/roles.js";
import type { Roster } from "./roster/roster.js";
import type { SummaryReport } from "./summaries/summary-report.js";
import type { Surveys } from "./surveys/surveys.js";
import type { Team } from "./team/team.js";
import type { createCompletion } from "./training/completion.js";
import type { JpNudge } from "./training/jp-nudge.js";
import type { TrainingView } from "./training/training.js";
import type { UnitMoves } from "./unit-moves/unit-moves.js";
import type { Verification } from "./verification/verification.js";

/** The services the app builds (src/app.ts), which features declare commands and jobs over. */
export interface AppServices {
  onboarding: ReturnType<typeof createOnboarding>;
  profile: ReturnType<typeof createProfile>;
  assessment: ReturnType<typeof createAssessment>;
  /** Records an atasan's confirmation of one self-assessed level. */
  confirmLevel: ConfirmLevel;
  results: AssessmentResults;
  recommendations: Recommendations;
  /** /katalog: the catalog searched and paged, showing only what the person may take. */
  catalog: CatalogBrowser;
  enrollment: EnrollmentService;
  /** Waiting lists of full sessions: joining, offers of freed seats, their expiry. */
  waitlist: Waitlist;
  /** Places in courses by request ("Ajukan"), decided by coordinators. */
  placeRequests: PlaceRequests;
  /** Moves of verified people between units: asked in /profil, decided by an admin of the new unit. */
  unitMoves: UnitMoves;
  training: TrainingView;
  completion: ReturnType<typeof createCompletion>;
  /** /verifikasi: koordinators verify or return training records that wait for them. */
  verification: Verification;
  jpNudge: JpNudge;
  mentoring: Mentoring;
  reminders: TrainingReminders;
  reminderSettings: ReminderSettings;
  surveys: Surveys;
  linking: Linking;
  /** Signed t.me deep links; `openCommand` makes one that opens a command (for broadcasts, surveys). */
  deepLinks: DeepLinks;
  /** `/start <payload>`: what an opened deep link does. */
  linkOpener: LinkOpener;
  /** /undangan: admins' registration links with their QR codes. */
  invitations: Invitations;
  privacy: Privacy;
  housekeeping: ReturnType<typeof createHousekeeping>;
  retention: Retention;
  broadcasts: Broadcasts;
  /** /belum: non-responder lists and the campaigns that remind them. */
  campaigns: Campaigns;
  summaryReport: SummaryReport;
  /** /rekap: the coordinators' weekly digest of their scope. */
  coordinatorDigest: CoordinatorDigest;
  /** /tim: a direct atasan's consenting staff, and the review of their levels. */
  team: Team;
  summaries: SummaryTotals;
  peopleExport: PeopleExport;
  roles: Roles;
  /** /peserta: session rosters for koordinators. */
  roster: Roster;
  /** /aktivasi: activation codes re-issued and self-registered people verified by admins. */
  personVerification: PersonVerification;
  adminImport: ReturnType<typeof createAdminImport>;
}

/** What every feature may build its declaration from. */
export interface FeatureContext {
  services: AppServices;
  /** Competencies, SKJ defaults, JP rules, regions, surveys and holidays from flows/content/. */
  content: DomainContent;
  repos: Repositories;
  translate: Translate;
  now: () => Date;
  events: EventHub;
  /** When the JP nudge runs, read in each person's zone (JP_NUDGE_CRON in tests). */
  jpNudgeCron?: string;
}

/**
 * A feature folder's default export: where its commands sit in menus and /bantuan (lower first),
 * and how its declaration is built from the app's services.
 */
export interface FeatureModule {
  order: number;
  build(ctx: FeatureContext): Feature;
}

/** Declares a feature folder's module (the default export of its index.ts). */
export function defineFeature(module: FeatureModule): FeatureModule {
  return module;
}
