import { createButtonHandler } from "./button-handler.js";
import { createCampaignSend } from "./campaign-send.js";
import { type CampaignsDeps, campaignsContext } from "./context.js";
import { createDeadlines } from "./deadlines.js";
import { createLists } from "./lists.js";
import { createNeverContacted } from "./never-contacted.js";
import { createOverview } from "./overview.js";
import { createReminders } from "./reminders.js";
import { createScopeReads } from "./scope-reads.js";
import { createTargets } from "./target.js";

// Imported from here by the feature, the app and tests: the button codec and the list sizes.
export { type NonResponderAction, nonResponderButton } from "./buttons.js";
export type { CampaignsDeps } from "./context.js";
export { PAGE_SIZE, WALK_BUDGET } from "./list-walk.js";
export { SMALL_SCOPE } from "./scope-reads.js";

/**
 * /belum: lists of people in a coordinator's scope who have not done something (registered,
 * assessed this year, answered a survey or a broadcast, kept the JP pace), with "Ingatkan yang
 * belum" that reminds them through the outbox as a campaign (at most once per campaign per three
 * days, outside quiet hours and holidays), a deadline with automatic reminders before it, and the CSV
 * of imported people Pandu cannot reach.
 *
 * Browsing never reads a whole large scope: counts come from the running summary totals (lagging
 * by up to a minute) or from a category's few candidates, and a list's page reads the scope's units
 * one at a time from where the previous page stopped. Reminders, the CSV and the deadline job are
 * actions and read the whole scope afresh (saying so first when it is large).
 */
export function createCampaigns(deps: CampaignsDeps) {
  const ctx = campaignsContext(deps);
  const targets = createTargets(ctx);
  const reads = createScopeReads(ctx);
  const reminders = createReminders(ctx);
  const overview = createOverview(ctx, targets, reads);
  const buttons = createButtonHandler(ctx, {
    targets,
    overview,
    lists: createLists(ctx, targets, reads),
    sending: createCampaignSend(ctx, reads, reminders),
    neverContacted: createNeverContacted(ctx, reads),
  });
  const { deadlineTick } = createDeadlines(ctx, reads, reminders);

  return {
    /** /belum [unit]: the overview of the coordinator's scope, or of one unit in it. */
    show: overview.show,
    /** Every /belum button, the actor's role and scope read again first. */
    handleButton: buttons.handleButton,
    /** What waits in a coordinator's whole scope, for the weekly digest. */
    openCounts: overview.openCounts,
    /** The automatic reminders before deadlines (the scheduled job). */
    deadlineTick,
  };
}
/** /belum's service, as the app creates it. */
export type Campaigns = ReturnType<typeof createCampaigns>;
