import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { TierInfo } from "../../domain/skj.js";
import type { Region } from "../../domain/timezone.js";
import type { ComputeService, OptionSource } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { CourseCatalog } from "../../services/course-catalog.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { createAcknowledgements } from "./acknowledgement.js";
import { AUDIENCES, createAudienceResolver } from "./audience.js";
import { createBroadcastActor } from "./broadcast-access.js";
import { createComposeServices } from "./compose.js";
import { createBroadcastOptions } from "./options.js";
import { createOverview } from "./overview.js";
import { createPostChannels, type PostChannel } from "./post-channels.js";
import { createUnansweredList } from "./unanswered.js";

export { ackButton, recipientsNotAcknowledged } from "./acknowledgement.js";
export { broadcastButton } from "./overview.js";
export { unansweredButton } from "./unanswered.js";
export type { PostChannel };

/**
 * Coordinator broadcasts (flows/umumkan.yaml), put together from their parts: the audience is
 * resolved inside the coordinator's scope (audience.ts), composed and queued by the flow's
 * services (compose.ts, options.ts), answered by recipients (acknowledgement.ts), and followed
 * and cancelled in /siaran (overview.ts, unanswered.ts).
 */
export function createBroadcasts(deps: {
  repos: Pick<
    Repositories,
    | "people"
    | "orgUnits"
    | "enrollments"
    | "broadcasts"
    | "broadcastAcks"
    | "deliveries"
    | "identities"
    | "audit"
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
  const acks = createAcknowledgements(deps);
  const overview = createOverview({ ...deps, actor, acks });
  const unanswered = createUnansweredList({ ...deps, actor });
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
    /** A recipient's answer button (`bak|…`). */
    handleAck: acks.handleButton,
    /** /siaran's list of recipients who have not answered (`brn|…`). */
    handleUnanswered: unanswered.handleButton,
    /**
     * The recipients of broadcast `broadcastId` who have not acknowledged it (person ids): those its
     * message reached who gave no answer. For other features (non-responders).
     */
    notAcknowledged: acks.notAcknowledged,
  };
}
export type Broadcasts = ReturnType<typeof createBroadcasts>;
export { AUDIENCES };
