import { resolve } from "node:path";
import type { Config } from "./config/config.js";
import { loadDomainContent } from "./content/load.js";
import type { Database } from "./db/connection.js";
import { createRepositories, type Repositories } from "./db/repositories/index.js";
import { TIERS } from "./domain/skj.js";
import { zoneOfIana } from "./domain/timezone.js";
import { loadFlowDirectory } from "./engine/catalog.js";
import { createEngine } from "./engine/engine.js";
import { cachedRunStore } from "./engine/run-cache.js";
import type { Translate } from "./engine/text.js";
import { FLOWS_DIR } from "./paths.js";
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
}) {
  const now = deps.now ?? (() => new Date());
  const flowsDir = deps.flowsDir ?? FLOWS_DIR;
  const catalog = loadFlowDirectory(flowsDir);
  const content = loadDomainContent(flowsDir);
  const repos: Repositories = createRepositories(deps.database.models);
  let invalidate: (identityId: string) => void = () => {};
  const onboarding = createOnboarding({
    repos,
    regions: content.regions,
    tiers: TIERS,
    translate: deps.translate,
    zoneOf: zoneOfIana,
    onProfileChanged: (id) => invalidate(id),
  });
  const profile = createProfile({
    repos,
    regions: content.regions,
    tiers: TIERS,
    translate: deps.translate,
    zoneOf: zoneOfIana,
    onProfileChanged: (id) => invalidate(id),
  });
  const engine = createEngine({
    catalog,
    runs: cachedRunStore(repos.flowRuns),
    translate: deps.translate,
    services: { ...onboarding.services, ...profile.services },
    optionSources: { ...onboarding.optionSources },
    now,
  });
  const linking = createLinking({ repos, translate: deps.translate, now, onLinked: (id) => invalidate(id) });
  const conversations = createConversations({
    engine,
    catalog,
    repos,
    translate: deps.translate,
    now,
    linking,
  });
  invalidate = conversations.invalidate;
  return {
    catalog,
    content,
    repos,
    engine,
    conversations,
    seedFile: resolve(flowsDir, "seed/demo-org.yaml"),
  };
}
export type App = ReturnType<typeof createApp>;
export type { Config };
