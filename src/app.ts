import { resolve } from "node:path";
import type { Config } from "./config/config.js";
import { loadDomainContent } from "./content/load.js";
import type { Database } from "./db/connection.js";
import { createRepositories, type Repositories } from "./db/repositories/index.js";
import { TIERS } from "./domain/skj.js";
import { zoneOfIana } from "./domain/timezone.js";
import { createCatalog, loadFlowDirectory } from "./engine/catalog.js";
import { type ComputeService, createEngine } from "./engine/engine.js";
import { cachedRunStore } from "./engine/run-cache.js";
import type { Flow } from "./engine/schema.js";
import type { Translate } from "./engine/text.js";
import { FLOWS_DIR } from "./paths.js";
import { createAssessmentResults } from "./services/assessment-result.js";
import { createConversations } from "./services/conversation.js";
import { createLinking } from "./services/linking.js";
import { createOnboarding } from "./services/onboarding.js";
import { createProfile } from "./services/profile.js";

/** Everything that serves conversations, built from its parts; channels receive `conversations`. */
export function createApp(deps: {
  database: Database;
  translate: Translate;
  now?: () => Date;
  flowsDir?: string;
  adminIds?: readonly string[];
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
  let invalidate: (identityId: string) => void = () => {};
  const profileListeners: ((identityId: string) => void | Promise<void>)[] = [];
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
  const engine = createEngine({
    catalog,
    runs: cachedRunStore(repos.flowRuns),
    translate: deps.translate,
    services: { ...onboarding.services, ...profile.services, ...deps.extra?.services },
    optionSources: { ...onboarding.optionSources },
    now,
  });
  const linking = createLinking({ repos, translate: deps.translate, now, onLinked: profileChanged });
  const conversations = createConversations({
    engine,
    catalog,
    repos,
    translate: deps.translate,
    now,
    linking,
    results: createAssessmentResults({
      repos,
      competencies: content.competencies,
      translate: deps.translate,
    }),
    adminIds: deps.adminIds,
  });
  invalidate = conversations.invalidate;
  return {
    catalog,
    content,
    repos,
    engine,
    conversations,
    seedFile: resolve(flowsDir, "seed/demo-org.yaml"),
    /** Tells `listener` whenever a person's profile changed through one of their identities. */
    onProfileChanged(listener: (identityId: string) => void | Promise<void>) {
      profileListeners.push(listener);
    },
  };
}
export type App = ReturnType<typeof createApp>;
export type { Config };
