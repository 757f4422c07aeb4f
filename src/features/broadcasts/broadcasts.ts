import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { TierInfo } from "../../domain/skj.js";
import type { Region } from "../../domain/timezone.js";
import type { ComputeService, OptionSource } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { CourseCatalog } from "../../services/course-catalog.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { AUDIENCES, createAudienceResolver } from "./audience.js";
import { createBroadcastActor } from "./broadcast-access.js";
import { createComposeServices } from "./compose.js";
import { createBroadcastOptions } from "./options.js";
import { createOverview } from "./overview.js";
import { createPostChannels, type PostChannel } from "./post-channels.js";

export { broadcastButton } from "./overview.js";
export type { PostChannel };

/**
 * Coordinator broadcasts (flows/umumkan.yaml), put together from their parts: the audience is
 * resolved inside the coordinator's scope (audience.ts), composed and queued by the flow's
 * services (compose.ts, options.ts), and followed and cancelled in /siaran (overview.ts).
 */
export function createBroadcasts(deps: {
  repos: Pick<
    Repositories,
    "people" | "orgUnits" | "enrollments" | "broadcasts" | "deliveries" | "identities" | "audit"
  >;
  outbox: Pick<Outbox, "scheduleMany" | "routes" | "schedulePost">;
  catalog: Pick<CourseCatalog, "all">;
  regions: readonly Region[];
  tiers: readonly TierInfo[];
  jpLedger: Pick<JpLedger, "standingOf">;
  translate: Translate;
  now: () => Date;
  adminIds?: readonly string[];
}) {
  const actor = createBroadcastActor(deps);
  const channels = createPostChannels(deps);
  const recipients = createAudienceResolver(deps);
  const overview = createOverview({ ...deps, actor });
  return {
    /** Lets coordinators on Slack also post to a channel: `list` gives the channels the bot is in. */
    useSlackChannels(list: () => Promise<PostChannel[]>) {
      channels.use(list);
    },
    services: createComposeServices({ ...deps, recipients, actor, channels }) satisfies Record<
      string,
      ComputeService
    >,
    optionSources: createBroadcastOptions({ ...deps, actor, channels }) satisfies Record<
      string,
      OptionSource
    >,
    overview: overview.overview,
    handleButton: overview.handleButton,
  };
}
export type Broadcasts = ReturnType<typeof createBroadcasts>;
export { AUDIENCES };
