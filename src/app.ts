import { resolve } from "node:path";
import { renderAssessmentChart } from "./charts/assessment-chart.js";
import type { Config } from "./config/config.js";
import { loadDomainContent } from "./content/load.js";
import type { Database } from "./db/connection.js";
import { createRepositories, type Repositories } from "./db/repositories/index.js";
import { createOutbox } from "./delivery/outbox.js";
import { createSlotLease } from "./delivery/slot-lease.js";
import { TIERS } from "./domain/skj.js";
import { zoneOfIana } from "./domain/timezone.js";
import { createCatalog, loadFlowDirectory } from "./engine/catalog.js";
import { type ComputeService, createEngine } from "./engine/engine.js";
import { cachedRunStore } from "./engine/run-cache.js";
import type { Flow } from "./engine/schema.js";
import type { Translate } from "./engine/text.js";
import { FLOWS_DIR } from "./paths.js";
import type { Job } from "./scheduler/scheduler.js";
import { createAdminImport } from "./services/admin-import.js";
import { createAssessment } from "./services/assessment.js";
import { createAssessmentRecorder } from "./services/assessment-record.js";
import { createAssessmentResults, type RenderChart } from "./services/assessment-result.js";
import { createBroadcasts } from "./services/broadcasts.js";
import { createCompletion } from "./services/completion.js";
import { createConversations } from "./services/conversation.js";
import { createCourseCatalog } from "./services/course-catalog.js";
import { createCourseImport } from "./services/course-import.js";
import { createEnrollment } from "./services/enrollment.js";
import { createFileReaders } from "./services/file-readers.js";
import { createFloodGuard } from "./services/flood-guard.js";
import { createHousekeeping } from "./services/housekeeping.js";
import { createImprovements } from "./services/improvements.js";
import { createJpLedger } from "./services/jp-ledger.js";
import { createJpNudge } from "./services/jp-nudge.js";
import { createLinking } from "./services/linking.js";
import { createMentoring } from "./services/mentoring.js";
import { createOnboarding } from "./services/onboarding.js";
import { createOrgImport } from "./services/org-import.js";
import { createPeopleExport } from "./services/people-export.js";
import { createPrivacy } from "./services/privacy.js";
import { createProfile } from "./services/profile.js";
import { createRecommendations } from "./services/recommendations.js";
import { createReminderSettings } from "./services/reminder-settings.js";
import { createRetention, DEFAULT_RETENTION, type RetentionRules } from "./services/retention.js";
import { createRoles } from "./services/roles.js";
import { createSummaryReport } from "./services/summary-report.js";
import { createSummaryTotals } from "./services/summary-totals.js";
import { createSurveys } from "./services/surveys.js";
import { createTrainingView } from "./services/training.js";
import { createTrainingReminders } from "./services/training-reminders.js";

/** Everything that serves conversations, built from its parts; channels receive `conversations`. */
export function createApp(deps: {
  database: Database;
  translate: Translate;
  now?: () => Date;
  flowsDir?: string;
  adminIds?: readonly string[];
  /** Days before a person may take the assessment again (ASSESSMENT_INTERVAL_DAYS). */
  assessmentIntervalDays?: number;
  /** Draws the result chart; defaults to ECharts + resvg (tests pass a failing one). */
  renderChart?: RenderChart;
  /** When the JP nudge runs, read in each person's zone (default: 08:00 on the 1st of the month). */
  jpNudgeCron?: string;
  /** Days delivery history and audit entries are kept (RETENTION_DELIVERY_LOG_DAYS, RETENTION_AUDIT_DAYS). */
  retention?: RetentionRules;
  /** SURVEY_HASH_KEY: without it anonymous surveys are not sent. */
  surveyHashKey?: string;
  /** Per-person update limit (RATE_LIMIT_UPDATES in RATE_LIMIT_WINDOW_SECONDS); none when not given. */
  rateLimit?: { updates: number; windowSeconds: number };
  /** Told of each step taken in a flow (metrics). */
  onFlowStep?: (flowId: string) => void;
  /** This process's name in leases (the summary folder is one process at a time). */
  instanceId?: string;
  /** Flows and services added to those in flows/ (benchmarks and tests). */
  extra?: { flows: Flow[]; services: Record<string, ComputeService> };
}) {
  const now = deps.now ?? (() => new Date());
  const flowsDir = deps.flowsDir ?? FLOWS_DIR;
  const catalog = deps.extra
    ? createCatalog([...loadFlowDirectory(flowsDir).all(), ...deps.extra.flows])
    : loadFlowDirectory(flowsDir);
  const content = loadDomainContent(flowsDir);
  const repos: Repositories = createRepositories(deps.database.models);
  // Whoever runs dispatchers sets this, so something scheduled for now goes at once.
  let onScheduled: () => void = () => {};
  const outbox = createOutbox({ repos, now, onScheduled: () => onScheduled() });
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
    yearlyGoal: content.jpRules.yearlyGoal,
    now,
    mayFold: () => summaryLease.holds(),
  });
  const touch = (personId: string) => summaries.touch(personId);
  let invalidate: (identityId: string) => void = () => {};
  const profileListeners: ((identityId: string) => void | Promise<void>)[] = [
    // A new person, a move to another unit, registration: the unit counts change.
    async (identityId) => {
      const identity = await repos.identities.get(identityId);
      if (identity) await touch(identity.personId);
    },
  ];
  const profileChanged = (identityId: string) => {
    invalidate(identityId);
    // Listeners are side effects (refresh a view); they never fail the change itself.
    for (const listener of profileListeners) void Promise.resolve(listener(identityId)).catch(() => {});
  };
  const profileServices = {
    repos,
    regions: content.regions,
    tiers: TIERS,
    translate: deps.translate,
    zoneOf: zoneOfIana,
    onProfileChanged: profileChanged,
  };
  const onboarding = createOnboarding(profileServices);
  const profile = createProfile(profileServices);
  const results = createAssessmentResults({
    repos,
    competencies: content.allCompetencies,
    translate: deps.translate,
    renderChart: (rows, labels) => renderChart(rows, labels),
  });
  const recordAssessment = createAssessmentRecorder({
    repos,
    onAchievement: announceImprovement,
    onRecorded: touch,
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
    onRecorded: touch,
  });
  const mentoring = createMentoring({
    outbox,
    repos,
    competencies: content.allCompetencies,
    translate: deps.translate,
    now,
  });
  const recommendations = createRecommendations({
    mentoring,
    repos,
    catalog: courseCatalog,
    ledger,
    competencies: content.allCompetencies,
    translate: deps.translate,
    now,
  });
  const enrollment = createEnrollment({
    repos,
    catalog: courseCatalog,
    competencies: content.allCompetencies,
    translate: deps.translate,
    now,
  });
  const training = createTrainingView({ repos, ledger, translate: deps.translate, now });
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
    rules: { minutesPerJp: content.jpRules.minutesPerJp, yearlyGoal: content.jpRules.yearlyGoal },
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
  });
  const broadcasts = createBroadcasts({
    repos,
    outbox,
    catalog: courseCatalog,
    regions: content.regions,
    tiers: TIERS,
    jpRules: { minutesPerJp: content.jpRules.minutesPerJp, yearlyGoal: content.jpRules.yearlyGoal },
    translate: deps.translate,
    now,
    ...(deps.adminIds ? { adminIds: deps.adminIds } : {}),
  });
  const files = createFileReaders();
  const orgImport = createOrgImport({
    repos,
    regions: content.regions,
    tiers: TIERS.map((x) => x.id),
    now,
    onPeopleChanged: (ids) => summaries.touchMany(ids),
    onUnitsChanged: () => summaries.requestRebuild(),
  });
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
    yearlyGoal: content.jpRules.yearlyGoal,
  });
  const adminImport = createAdminImport({
    files,
    importCourses,
    importUnits: orgImport.units,
    importPeople: orgImport.people,
    translate: deps.translate,
  });
  const roles = createRoles({
    repos,
    translate: deps.translate,
    now,
    onRolesChanged: (personId) => {
      void repos.identities.listForPerson(personId).then((ids) => {
        for (const i of ids) invalidate(i._id);
      });
    },
    ...(deps.adminIds ? { adminIds: deps.adminIds } : {}),
  });
  // One run store for the engine and for erasure, so a run erased is gone from the cache too.
  const runStore = cachedRunStore(repos.flowRuns);
  const engine = createEngine({
    catalog,
    runs: runStore,
    translate: deps.translate,
    services: {
      ...onboarding.services,
      ...profile.services,
      ...assessment.services,
      ...completion.services,
      ...adminImport.services,
      ...broadcasts.services,
      ...roles.services,
      ...deps.extra?.services,
    },
    optionSources: { ...onboarding.optionSources, ...completion.optionSources, ...broadcasts.optionSources },
    textSources: { ...assessment.textSources },
    now,
    onStep: deps.onFlowStep,
  });
  const privacy = createPrivacy({
    repos,
    runs: runStore,
    summaries,
    competencies: content.allCompetencies,
    translate: deps.translate,
    now,
    onErased: (identityIds) => {
      for (const id of identityIds) invalidate(id);
    },
  });
  const linking = createLinking({ repos, translate: deps.translate, now, onLinked: profileChanged });
  const conversations = createConversations({
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
    catalog,
    repos,
    translate: deps.translate,
    now,
    linking,
    results,
    recommendations,
    enrollment,
    training,
    mentoring,
    reminders,
    reminderSettings,
    surveys,
    roles,
    broadcasts,
    summaryReport,
    peopleExport: createPeopleExport({
      repos,
      translate: deps.translate,
      now,
      yearlyGoal: content.jpRules.yearlyGoal,
    }),
    privacy,
    adminIds: deps.adminIds,
  });
  const housekeeping = createHousekeeping({ repos, finishErasures: (at) => privacy.finishInterrupted(at) });
  const retention = createRetention({ repos, rules: deps.retention ?? DEFAULT_RETENTION });
  /** The periodic jobs: each only decides what to send and puts it in the outbox. */
  const jobs: Job[] = [
    {
      name: "housekeeping",
      cron: "17 * * * *",
      timeZone: "Asia/Jakarta",
      run: (tick) => housekeeping.run(tick),
    },
    {
      name: "training-reminders",
      cron: "*/5 * * * *",
      timeZone: "Asia/Jakarta",
      run: (tick) => reminders.plan(tick),
    },
    {
      name: "surveys",
      cron: "*/5 * * * *",
      timeZone: "Asia/Jakarta",
      run: (tick) => surveys.tick(tick),
    },
    ...surveys.periodic().map(
      (def): Job => ({
        name: `survey:${def.id}`,
        cron: def.cron,
        timeZone: def.timeZone,
        run: (tick) => surveys.openPeriodic(def.id, tick),
      }),
    ),
    // One nudge job per zone: "08:00 on the 1st" means each person's own 08:00.
    ...["Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"].map(
      (zone): Job => ({
        name: `jp-nudge@${zone}`,
        cron: deps.jpNudgeCron ?? "0 8 1 * *",
        timeZone: zone,
        run: (tick) => jpNudge.run(zone, tick),
      }),
    ),
    // Monday 07:00 in each zone: the weekly summary for supervisors who asked for it.
    ...["Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"].map(
      (zone): Job => ({
        name: `weekly-summary@${zone}`,
        cron: "0 7 * * 1",
        timeZone: zone,
        run: (tick) => summaryReport.weekly(zone, tick),
      }),
    ),
    // Nightly: delete sent messages and audit entries past their retention (FerretDB has no TTL).
    { name: "retention", cron: "10 3 * * *", timeZone: "Asia/Jakarta", run: (tick) => retention.run(tick) },
    // Take recorded changes into the unit totals; /ringkasan also does on request.
    { name: "summaries", cron: "* * * * *", timeZone: "Asia/Jakarta", run: () => summaries.fold(1000) },
    // Nightly: recompute from the facts and repair anything a crash left half done (writes nothing
    // when the totals are right).
    { name: "summaries-check", cron: "40 2 * * *", timeZone: "Asia/Jakarta", run: () => summaries.rebuild() },
  ];
  invalidate = conversations.invalidate;
  return {
    catalog,
    content,
    repos,
    engine,
    conversations,
    seedFile: resolve(flowsDir, "seed/demo-org.yaml"),
    courseSeedFile: resolve(flowsDir, "content/courses.yaml"),
    courseCatalog,
    importCourses,
    orgImport,
    /** Where channels register how to read files people send (certificates, imports). */
    files,
    ledger,
    recommendations,
    outbox,
    /** The one function that records assessment results (flows use it through /asesmen). */
    recordAssessment,
    reminders,
    jpNudge,
    surveys,
    broadcasts,
    /** The running totals behind /ringkasan (fold, rebuild, and the marks writers leave). */
    summaries,
    summaryReport,
    /** /dataku and /hapusdata, and the erasure itself (tests drive an interrupted one). */
    privacy,
    retention,
    jobs,
    /**
     * Gives up what this process holds in the database (the summary folder's lease) when it stops,
     * so another process folds at once. Call it after the scheduler and the handlers stopped.
     */
    releaseLeases(): Promise<void> {
      return summaryLease.release();
    },
    /** Tells the outbox whom to poke when something is scheduled (the running dispatchers). */
    onDeliveryScheduled(listener: () => void) {
      onScheduled = listener;
    },
    /** Tells `listener` whenever a person's profile changed through one of their identities. */
    onProfileChanged(listener: (identityId: string) => void | Promise<void>) {
      profileListeners.push(listener);
    },
  };
}
export type App = ReturnType<typeof createApp>;

export type { Config };
