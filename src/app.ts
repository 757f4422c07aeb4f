import { resolve } from "node:path";
import { renderAssessmentChart } from "./charts/assessment-chart.js";
import { renderTeamHeatmap } from "./charts/team-heatmap.js";
import { type Config, DEV_DEEP_LINK_SECRET } from "./config/config.js";
import { loadDomainContent } from "./content/load.js";
import { createFloodGuard } from "./conversation/flood-guard.js";
import { createRegistry } from "./conversation/registry.js";
import { createConversations } from "./conversation/router.js";
import type { Database } from "./db/connection.js";
import { createRepositories, type Repositories } from "./db/repositories/index.js";
import { createOutbox } from "./delivery/outbox.js";
import { createSlotLease } from "./delivery/slot-lease.js";
import { ruleFor } from "./domain/jp.js";
import { TIERS } from "./domain/skj.js";
import { zoneOfIana } from "./domain/timezone.js";
import { createCatalog, loadFlowDirectory } from "./engine/catalog.js";
import { type ComputeService, createEngine } from "./engine/engine.js";
import { cachedRunStore } from "./engine/run-cache.js";
import type { Flow } from "./engine/schema.js";
import type { Translate } from "./engine/text.js";
import { createPersonVerification } from "./features/activation/person-verification.js";
import { createAssessment } from "./features/assessment/assessment.js";
import { createAssessmentRecorder } from "./features/assessment/assessment-record.js";
import { createLevelConfirmation } from "./features/assessment/level-confirmation.js";
import { createBroadcasts } from "./features/broadcasts/broadcasts.js";
import { createBroadcastProgress } from "./features/broadcasts/progress.js";
import { createCampaigns } from "./features/campaigns/campaigns.js";
import { createCatalogBrowser } from "./features/catalog/catalog-browser.js";
import type { FeatureContext } from "./features/context.js";
import { createInvitations } from "./features/deep-links/invitations.js";
import { createLinkOpener } from "./features/deep-links/open-link.js";
import { createCoordinatorDigest } from "./features/digest/coordinator-digest.js";
import { FEATURE_MODULES } from "./features/discover.js";
import { createEnrollment } from "./features/enrolment/enrollment.js";
import { createPlaceRequests } from "./features/enrolment/place-requests.js";
import { createWaitlist } from "./features/enrolment/waitlist.js";
import { createPeopleExport } from "./features/export/people-export.js";
import type { Feature } from "./features/feature.js";
import { commandButton } from "./features/help/buttons.js";
import { mainMenu } from "./features/help/index.js";
import { createAdminImport } from "./features/imports/admin-import.js";
import { createCourseImport } from "./features/imports/course-import.js";
import { createJabatanImport } from "./features/imports/jabatan-import.js";
import { createOrgImport } from "./features/imports/org-import.js";
import { createLinking } from "./features/linking/linking.js";
import { createMentoring } from "./features/mentoring/mentoring.js";
import { createOnboarding } from "./features/onboarding/onboarding.js";
import { createHousekeeping } from "./features/privacy/housekeeping.js";
import { createPrivacy } from "./features/privacy/privacy.js";
import { createRetention, DEFAULT_RETENTION, type RetentionRules } from "./features/privacy/retention.js";
import { createProfile } from "./features/profile/profile.js";
import { createRecommendations } from "./features/recommendations/recommendations.js";
import { createReminderSettings } from "./features/reminders/reminder-settings.js";
import { createTrainingReminders } from "./features/reminders/training-reminders.js";
import { createAssessmentResults, type RenderChart } from "./features/results/assessment-result.js";
import { createRoles } from "./features/roles/roles.js";
import { createRoster } from "./features/roster/roster.js";
import { createSummaryReport } from "./features/summaries/summary-report.js";
import { createSurveys, surveyButton } from "./features/surveys/surveys.js";
import { createTeam, type RenderTeamHeatmap } from "./features/team/team.js";
import { createCompletion } from "./features/training/completion.js";
import { createJpNudge } from "./features/training/jp-nudge.js";
import { createTrainingView } from "./features/training/training.js";
import { createUnitMoves } from "./features/unit-moves/unit-moves.js";
import { createVerification } from "./features/verification/verification.js";
import { FLOWS_DIR } from "./paths.js";
import { createActivation } from "./services/activation.js";
import { createCourseAccess } from "./services/course-access.js";
import { createCourseCatalog, shortKey } from "./services/course-catalog.js";
import { createDeepLinks } from "./services/deep-links.js";
import { announceEnrolments } from "./services/enrolment-changes.js";
import { type AppEvents, createEventHub, type EventHub } from "./services/events.js";
import { createFileReaders } from "./services/file-readers.js";
import { createHome } from "./services/home.js";
import { createImprovements } from "./services/improvements.js";
import { createJpLedger } from "./services/jp-ledger.js";
import { type RenderQr, renderQrPng } from "./services/qr-code.js";
import { createSummaryTotals } from "./services/summary-totals.js";

/** The app settings a deployment's configuration decides (main.ts, and benchmarks wired like it). */
export function appSettingsOf(config: Config) {
  return {
    adminIds: config.adminIds,
    assessmentIntervalDays: config.assessmentIntervalDays,
    retention: config.retention,
    rateLimit: config.rateLimit,
    staffIdleHours: config.staffIdleHours,
    ...(config.surveyHashKey ? { surveyHashKey: config.surveyHashKey } : {}),
    deepLinkSecret: config.deepLinkSecret,
  };
}

/** Everything that serves conversations, built from its parts; channels receive `conversations`. */
export function createApp(deps: {
  database: Database;
  translate: Translate;
  now?: () => Date;
  flowsDir?: string;
  adminIds?: readonly string[];
  /** Days before a person may take the assessment again (ASSESSMENT_INTERVAL_DAYS). */
  assessmentIntervalDays?: number;
  /** Draws the result chart; defaults to ECharts on a Skia canvas (tests pass a failing one). */
  renderChart?: RenderChart;
  /** Draws /tim's heatmap; defaults to ECharts on a Skia canvas (tests record what it is given). */
  renderTeamHeatmap?: RenderTeamHeatmap;
  /** When the JP nudge runs, read in each person's zone (default: 08:00 on the 1st of the month). */
  jpNudgeCron?: string;
  /** Days delivery history and audit entries are kept (RETENTION_DELIVERY_LOG_DAYS, RETENTION_AUDIT_DAYS). */
  retention?: RetentionRules;
  /** SURVEY_HASH_KEY: without it anonymous surveys are not sent. */
  surveyHashKey?: string;
  /** The key deep links are signed with (Config.deepLinkSecret); a development key when not given. */
  deepLinkSecret?: string;
  /** Draws the registration link's QR code; defaults to the `qrcode` package's PNG. */
  renderQr?: RenderQr;
  /** Per-person update limit (RATE_LIMIT_UPDATES in RATE_LIMIT_WINDOW_SECONDS); none when not given. */
  rateLimit?: { updates: number; windowSeconds: number };
  /** STAFF_CONVERSATION_IDLE_HOURS: a staff conversation idle longer ends (default 24). */
  staffIdleHours?: number;
  /** Told of each step taken in a flow (metrics). */
  onFlowStep?: (flowId: string) => void;
  /** This process's name in leases (the summary folder is one process at a time). */
  instanceId?: string;
  /** Flows, services and features added to Pandu's own (benchmarks and tests). */
  extra?: { flows?: Flow[]; services?: Record<string, ComputeService>; features?: Feature[] };
}) {
  const now = deps.now ?? (() => new Date());
  const flowsDir = deps.flowsDir ?? FLOWS_DIR;
  const catalog = deps.extra?.flows
    ? createCatalog([...loadFlowDirectory(flowsDir).all(), ...deps.extra.flows])
    : loadFlowDirectory(flowsDir);
  const content = loadDomainContent(flowsDir);
  const events: EventHub = createEventHub<AppEvents>();
  const progressChanged = (personId: string, what: AppEvents["progressChanged"]["what"]) =>
    events.emit("progressChanged", { personId, what });
  // Every place taken or given up is announced (a person's App Home lists their sessions).
  const repos: Repositories = announceEnrolments(createRepositories(deps.database.models), (personId) =>
    progressChanged(personId, "enrolment"),
  );
  // The running dispatchers listen, so something scheduled for now goes at once.
  const outbox = createOutbox({ repos, now, onScheduled: () => events.emit("deliveryScheduled", {}) });
  const announceImprovement = createImprovements({
    repos,
    outbox,
    competencyName: (code, locale) =>
      content.allCompetencies.find((c) => c.code === code)?.name[locale] ?? code,
    translate: deps.translate,
    now,
  });
  const summaryLease = createSlotLease({
    leases: repos.leases,
    name: "summaries",
    holder: deps.instanceId ?? "app",
    slotMs: 60_000,
    now: () => now().getTime(),
  });
  const summaries = createSummaryTotals({
    repos,
    satisfactionSurveys: new Set(content.surveys.filter((s) => s.kind === "post-training").map((s) => s.id)),
    anonymousSurveys: new Set(content.surveys.filter((s) => s.anonymous).map((s) => s.id)),
    jpRuleOf: (p) => ruleFor(content.jpRules, p.employment),
    now,
    mayFold: () => summaryLease.holds(),
  });
  const touch = (personId: string) => summaries.touch(personId);
  // A new person, a move to another unit, registration: the unit counts change.
  events.on("profileChanged", async ({ identityId }) => {
    const identity = await repos.identities.get(identityId);
    if (identity) await touch(identity.personId);
  });
  const profileChanged = (identityId: string) => events.emit("profileChanged", { identityId });
  const rolesChanged = (personId: string) => events.emit("rolesChanged", { personId });
  const profileServices = {
    repos,
    regions: content.regions,
    tiers: TIERS,
    translate: deps.translate,
    zoneOf: zoneOfIana,
    onProfileChanged: profileChanged,
  };
  // A verified person's unit changes by a move an admin of the new unit approves.
  const unitMoves = createUnitMoves({
    repos,
    outbox,
    translate: deps.translate,
    now,
    regionIds: new Set(content.regions.map((r) => r.id)),
    ...(deps.adminIds ? { adminIds: deps.adminIds } : {}),
    // What a profile save fires, for each of the moved person's accounts.
    onMoved: async (personId) => {
      const identities = await repos.identities.listForPerson(personId);
      if (identities.length === 0) await touch(personId);
      for (const identity of identities) profileChanged(identity._id);
    },
  });
  const activation = createActivation({ repos, now });
  const onboarding = createOnboarding({ ...profileServices, activation });
  const profile = createProfile({
    ...profileServices,
    unitMoves,
    ...(deps.adminIds ? { adminIds: deps.adminIds } : {}),
  });
  const results = createAssessmentResults({
    repos,
    competencies: content.allCompetencies,
    translate: deps.translate,
    renderChart: (rows, labels) => renderChart(rows, labels),
  });
  // Both may change a mentor's profile: this process's cached mentor lists whose stamp moved are read again.
  const recordAssessment = createAssessmentRecorder({
    repos,
    onAchievement: announceImprovement,
    onRecorded: async (personId) => {
      progressChanged(personId, "assessment");
      await mentoring.profilesChanged();
      await touch(personId);
    },
  });
  const confirmLevel = createLevelConfirmation({
    repos,
    now,
    onAchievement: announceImprovement,
    onConfirmed: async (personId) => {
      progressChanged(personId, "assessment");
      await mentoring.profilesChanged();
      await touch(personId);
    },
  });
  const assessment = createAssessment({
    repos,
    competencies: content.allCompetencies,
    skjDefaults: content.skjDefaults,
    instrument: content.instrument,
    intervalDays: deps.assessmentIntervalDays ?? 90,
    record: recordAssessment,
    results,
    translate: deps.translate,
  });
  const courseCatalog = createCourseCatalog({ repos, now });
  const ledger = createJpLedger({
    repos,
    rules: content.jpRules,
    onAchievement: announceImprovement,
    onRecorded: (personId) => {
      progressChanged(personId, "jp");
      return touch(personId);
    },
  });
  const mentoring = createMentoring({
    outbox,
    repos,
    competencies: content.allCompetencies,
    translate: deps.translate,
    now,
  });
  const courseAccess = createCourseAccess({ repos, now });
  const recommendations = createRecommendations({
    mentoring,
    access: courseAccess,
    repos,
    catalog: courseCatalog,
    ledger,
    competencies: content.allCompetencies,
    translate: deps.translate,
    now,
    regions: content.regions,
  });
  const placeRequests = createPlaceRequests({
    repos,
    catalog: courseCatalog,
    access: courseAccess,
    outbox,
    translate: deps.translate,
    now,
    ...(deps.adminIds ? { adminIds: deps.adminIds } : {}),
  });
  const waitlist = createWaitlist({
    repos,
    catalog: courseCatalog,
    outbox,
    access: courseAccess,
    translate: deps.translate,
    now,
  });
  const enrollment = createEnrollment({
    waitlist,
    access: courseAccess,
    requestPlace: placeRequests.request,
    repos,
    catalog: courseCatalog,
    competencies: content.allCompetencies,
    translate: deps.translate,
    now,
    regions: content.regions,
  });
  const catalogBrowser = createCatalogBrowser({
    repos,
    catalog: courseCatalog,
    access: courseAccess,
    ledger,
    competencies: content.allCompetencies,
    regions: content.regions,
    translate: deps.translate,
    now,
  });
  const training = createTrainingView({ repos, ledger, translate: deps.translate, now, waitlist });
  const importCourses = createCourseImport({
    catalog: courseCatalog,
    context: {
      competencyCodes: new Set(content.allCompetencies.map((c) => c.code)),
      regionIds: new Set(content.regions.map((r) => r.id)),
    },
  });
  const completion = createCompletion({
    repos,
    ledger,
    catalog: courseCatalog,
    competencies: content.allCompetencies,
    rules: content.jpRules,
    translate: deps.translate,
    now,
  });
  const reminders = createTrainingReminders({
    repos,
    outbox,
    holidays: content.holidays,
    translate: deps.translate,
    now,
    rulesOf: async (courseId) => (await courseCatalog.get(courseId))?.reminders,
  });
  const reminderSettings = createReminderSettings({ repos, translate: deps.translate, now });
  const jpNudge = createJpNudge({
    repos,
    outbox,
    recommendations,
    holidays: content.holidays,
    ledger,
    translate: deps.translate,
  });
  const surveys = createSurveys({
    repos,
    outbox,
    surveys: content.surveys,
    translate: deps.translate,
    now,
    ...(deps.surveyHashKey ? { hashKey: deps.surveyHashKey } : {}),
    onAnswered: (surveyId, unitId, answeredOn) => summaries.surveyAnswered(surveyId, unitId, answeredOn),
    onInvitationChanged: (personId) => progressChanged(personId, "survey"),
  });
  const broadcasts = createBroadcasts({
    repos,
    outbox,
    catalog: courseCatalog,
    regions: content.regions,
    tiers: TIERS,
    jpLedger: ledger,
    translate: deps.translate,
    now,
    ...(deps.adminIds ? { adminIds: deps.adminIds } : {}),
  });
  // One process at a time edits the coordinators' progress messages, so an edit is never doubled.
  const progressLease = createSlotLease({
    leases: repos.leases,
    name: "broadcast-progress",
    holder: deps.instanceId ?? "app",
    slotMs: 30_000,
    now: () => now().getTime(),
  });
  const broadcastProgress = createBroadcastProgress({
    repos,
    translate: deps.translate,
    now,
    mayRun: () => progressLease.holds(),
  });
  const campaigns = createCampaigns({
    repos,
    outbox,
    ledger,
    holidays: content.holidays,
    surveys: content.surveys,
    translate: deps.translate,
    now,
  });
  const files = createFileReaders();
  const verification = createVerification({
    repos,
    ledger,
    outbox,
    files,
    defaults: content.jpRules.nonklasikal,
    translate: deps.translate,
    now,
    ...(deps.adminIds ? { adminIds: deps.adminIds } : {}),
  });
  const orgImport = createOrgImport({
    repos,
    activation,
    regions: content.regions,
    tiers: TIERS.map((x) => x.id),
    now,
    onPeopleChanged: (ids) => summaries.touchMany(ids),
    onUnitsChanged: () => summaries.requestRebuild(),
  });
  const jabatanImport = createJabatanImport({ repos, competencies: content.allCompetencies });
  const renderChart = deps.renderChart ?? ((rows, labels) => renderAssessmentChart(rows, labels));
  const summaryReport = createSummaryReport({
    repos,
    totals: summaries,
    outbox,
    holidays: content.holidays,
    competencyName: (code, locale) =>
      content.allCompetencies.find((c) => c.code === code)?.name[locale] ?? code,
    renderChart,
    translate: deps.translate,
    now,
  });
  const coordinatorDigest = createCoordinatorDigest({
    repos,
    outbox,
    holidays: content.holidays,
    translate: deps.translate,
    now,
    openCounts: (actor, locale, me) => campaigns.openCounts(actor, locale, me ?? null),
  });
  const team = createTeam({
    repos,
    ledger,
    confirmLevel,
    outbox,
    competencies: content.allCompetencies,
    translate: deps.translate,
    now,
    renderHeatmap: deps.renderTeamHeatmap ?? ((heatmap, labels) => renderTeamHeatmap(heatmap, labels)),
  });
  const adminImport = createAdminImport({
    repos,
    now,
    files,
    importCourses,
    importUnits: orgImport.units,
    importPeople: orgImport.people,
    importJabatan: jabatanImport.jabatan,
    importTeknis: jabatanImport.teknis,
    translate: deps.translate,
    ...(deps.adminIds ? { adminIds: deps.adminIds } : {}),
  });
  const personVerification = createPersonVerification({
    repos,
    activation,
    outbox,
    translate: deps.translate,
    now,
    onPeopleChanged: (ids) => summaries.touchMany(ids),
    onProfileChanged: profileChanged,
    onRolesChanged: rolesChanged,
  });
  const roles = createRoles({
    repos,
    translate: deps.translate,
    now,
    onRolesChanged: rolesChanged,
    ...(deps.adminIds ? { adminIds: deps.adminIds } : {}),
  });
  // One run store for the engine and for erasure, so a run erased is gone from the cache too.
  const runStore = cachedRunStore(repos.flowRuns);
  const privacy = createPrivacy({
    repos,
    runs: runStore,
    summaries,
    competencies: content.allCompetencies,
    translate: deps.translate,
    now,
    surveyDrafts: surveys,
    onErased: (identityIds) => events.emit("identitiesErased", { identityIds }),
  });
  // Signed t.me links; the Telegram channel tells it the bot's username when it starts.
  const deepLinks = createDeepLinks({ secret: deps.deepLinkSecret ?? DEV_DEEP_LINK_SECRET, now });
  const linking = createLinking({
    repos,
    outbox,
    translate: deps.translate,
    now,
    onLinked: profileChanged,
    // The code travels lower-case in a link; typing it takes any case.
    linkFor: (code, expiresAt) => deepLinks.make("link", code.toLowerCase(), expiresAt)?.url,
  });
  const linkOpener = createLinkOpener({
    links: deepLinks,
    linking,
    repos,
    translate: deps.translate,
    finishErasure: (identityId) => privacy.finishFor(identityId),
  });
  const invitations = createInvitations({
    repos,
    links: deepLinks,
    renderQr: deps.renderQr ?? renderQrPng,
    translate: deps.translate,
    now,
  });
  const peopleExport = createPeopleExport({
    repos,
    translate: deps.translate,
    now,
    ledger,
  });
  const roster = createRoster({
    repos,
    catalog: courseCatalog,
    ledger,
    waitlist,
    outbox,
    competencies: content.allCompetencies,
    translate: deps.translate,
    now,
  });
  // The person's overview (Slack's App Home); its buttons are the chat's own, so a press starts the flow.
  const home = createHome({
    repos,
    ledger,
    competencies: content.allCompetencies,
    surveys: content.surveys,
    buttons: {
      command: (name) => commandButton.pack("open", name),
      survey: (invitationId) => surveyButton.pack("open", shortKey(invitationId)),
    },
    translate: deps.translate,
    now,
  });
  const housekeeping = createHousekeeping({ repos, finishErasures: (at) => privacy.finishInterrupted(at) });
  const retention = createRetention({ repos, rules: deps.retention ?? DEFAULT_RETENTION });
  const featureContext: FeatureContext = {
    services: {
      onboarding,
      profile,
      assessment,
      confirmLevel,
      results,
      recommendations,
      catalog: catalogBrowser,
      enrollment,
      waitlist,
      placeRequests,
      unitMoves,
      training,
      completion,
      verification,
      jpNudge,
      mentoring,
      reminders,
      reminderSettings,
      surveys,
      linking,
      deepLinks,
      linkOpener,
      invitations,
      privacy,
      housekeeping,
      retention,
      broadcasts,
      campaigns,
      summaryReport,
      coordinatorDigest,
      team,
      summaries,
      peopleExport,
      roles,
      roster,
      personVerification,
      adminImport,
    },
    content,
    repos,
    translate: deps.translate,
    now,
    events,
    ...(deps.jpNudgeCron ? { jpNudgeCron: deps.jpNudgeCron } : {}),
  };
  /** Every feature folder's declaration, in menu order, and those a test or benchmark adds. */
  const features: Feature[] = [
    ...FEATURE_MODULES.map((m) => m.build(featureContext)),
    ...(deps.extra?.features ?? []),
    ...(deps.extra?.services ? [{ name: "extra", services: deps.extra.services }] : []),
  ];
  const registry = createRegistry(features, catalog);
  const engine = createEngine({
    catalog,
    runs: runStore,
    translate: deps.translate,
    services: registry.services,
    optionSources: registry.optionSources,
    textSources: registry.textSources,
    now,
    ...(deps.onFlowStep ? { onStep: deps.onFlowStep } : {}),
    // The same idle time that ends a staff conversation resumes anyone else's with a word.
    idleMs: (deps.staffIdleHours ?? 24) * 3_600_000,
  });
  const conversations = createConversations({
    ...(deps.staffIdleHours ? { staffIdleMs: deps.staffIdleHours * 3_600_000 } : {}),
    ...(deps.rateLimit
      ? {
          floodGuard: createFloodGuard({
            limit: deps.rateLimit.updates,
            windowMs: deps.rateLimit.windowSeconds * 1000,
            now: () => now().getTime(),
          }),
        }
      : {}),
    engine,
    registry,
    repos,
    translate: deps.translate,
    now,
    menu: mainMenu(deps.translate),
    onRefused: (conv, what) => roles.refused(conv, what),
    ...(deps.adminIds ? { adminIds: deps.adminIds } : {}),
  });
  // Cached profiles and roles are dropped on this instance as soon as they change.
  events.on("profileChanged", ({ identityId }) => conversations.invalidate(identityId));
  events.on("identitiesErased", ({ identityIds }) => {
    for (const id of identityIds) conversations.invalidate(id);
  });
  // At once, not after reading the person's identities: the grantee's next message must see it.
  events.on("rolesChanged", ({ personId }) => conversations.invalidatePerson(personId));
  // A revoked role also closes the staff conversations it opened (the guard would refuse their next step).
  events.on("rolesChanged", async ({ personId }) => {
    await conversations.endStaffRunsOf(personId);
  });
  return {
    catalog,
    content,
    repos,
    engine,
    conversations,
    seedFile: resolve(flowsDir, "seed/demo-org.yaml"),
    courseSeedFile: resolve(flowsDir, "content/courses.yaml"),
    courseCatalog,
    mentoring,
    importCourses,
    orgImport,
    activation,
    /** Jabatan with their SKJ, and teknis competencies (/impor and the import CLI). */
    jabatanImport,
    /** Where channels register how to read files people send (certificates, imports). */
    files,
    ledger,
    recommendations,
    /** Places in courses by request ("Ajukan"). */
    placeRequests,
    /** Waiting lists of full sessions (the expiry job runs `expireOffers`). */
    waitlist,
    outbox,
    /** The one function that records assessment results (flows use it through /asesmen). */
    recordAssessment,
    /** Records an atasan's confirmation of a self-assessed level (the level that counts from then on). */
    confirmLevel,
    reminders,
    jpNudge,
    surveys,
    broadcasts,
    /** The coordinators' progress messages of sending broadcasts (main.ts gives it the channels). */
    broadcastProgress,
    /** /belum: non-responder lists and their campaigns (the deadline job). */
    campaigns,
    /** The running totals behind /ringkasan (fold, rebuild, and the marks writers leave). */
    summaries,
    summaryReport,
    /** The coordinators' weekly digest (/rekap). */
    coordinatorDigest,
    /**
     * Pandu's signed deep links: the Telegram channel passes the bot's username (`useTelegramBot`),
     * and `openCommand("asesmen")` makes a link a broadcast or survey may carry.
     */
    deepLinks,
    /** /dataku and /hapusdata, and the erasure itself (tests drive an interrupted one). */
    privacy,
    retention,
    /** The periodic jobs, as the features declared them. */
    jobs: registry.jobs,
    /** Every feature's declaration, indexed (the router, menus and the access table read it). */
    registry,
    events,
    /** A person's overview by one of their identities (Slack renders it as App Home). */
    home,
    /**
     * Gives up what this process holds in the database (the summary folder's and the progress lease)
     * when it stops, so another process takes over at once. Call it after the scheduler and the handlers stopped.
     */
    async releaseLeases(): Promise<void> {
      await summaryLease.release();
      await progressLease.release();
    },
    /** Tells `listener` whenever something is put in the outbox (the running dispatchers). */
    onDeliveryScheduled(listener: () => void) {
      events.on("deliveryScheduled", listener);
    },
    /** Tells `listener` whenever a person's profile changed through one of their identities. */
    onProfileChanged(listener: (identityId: string) => void | Promise<void>) {
      events.on("profileChanged", ({ identityId }) => listener(identityId));
    },
    /**
     * Tells `listener` whenever something a person's overview shows changed other than the profile
     * (assessment, enrolment, JP, survey invitations), once per change.
     */
    onProgressChanged(listener: (personId: string) => void | Promise<void>) {
      events.on("progressChanged", ({ personId }) => listener(personId));
    },
    /** Tells `listener` of the accounts erased with their person (/hapusdata). */
    onIdentitiesErased(listener: (identityIds: readonly string[]) => void) {
      events.on("identitiesErased", ({ identityIds }) => listener(identityIds));
    },
    /** Tells `listener` whenever a person's staff roles were granted or revoked. */
    onRolesChanged(listener: (personId: string) => void | Promise<void>) {
      events.on("rolesChanged", ({ personId }) => listener(personId));
    },
  };
}
export type App = ReturnType<typeof createApp>;

export type { Config };
