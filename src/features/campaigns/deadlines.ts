import type { Campaign } from "../../db/models/index.js";
import { DEADLINE_STAGES, deadlineReminderAt } from "../../domain/campaign.js";
import { quietHoursOf } from "../../domain/reminder-time.js";
import { mayAct } from "../../domain/scope.js";
import { actorOf } from "../../services/actor.js";
import type { CategoryScope, Pending } from "./categories/index.js";
import type { CampaignsContext } from "./context.js";
import type { Reminders } from "./reminders.js";
import type { ScopeReads } from "./scope-reads.js";
import { ALL, type Target } from "./target.js";

/** The scheduled job: the automatic reminders before campaigns' deadlines. */
export function createDeadlines(deps: CampaignsContext, reads: ScopeReads, reminders: Reminders) {
  const { categoryOf } = deps;
  const { allPending } = reads;
  const { schedule } = reminders;

  /** The units a campaign still reaches (those its creator may still act on as koordinator), as its creator. */
  async function scopeOfCampaign(c: Campaign): Promise<CategoryScope | undefined> {
    const bootstrapAdmin = c.createdBy === "admin";
    const creator = bootstrapAdmin ? null : await deps.repos.people.get(c.createdBy);
    if (!bootstrapAdmin && !creator) return undefined;
    const actor = actorOf(creator, bootstrapAdmin);
    const units = c.unitId
      ? await deps.repos.orgUnits.inScope([c.unitId])
      : await deps.repos.orgUnits.inScope(c.scopeRoots.length ? c.scopeRoots : undefined);
    const reached = units.filter((u) => mayAct(actor, "koordinator", u));
    return reached.length ? { me: creator, actor, bootstrapAdmin, units: reached } : undefined;
  }

  /**
   * The automatic reminders before campaigns' deadlines at `tick`: for each stage (3 and 1 days
   * before, 08:00 in the person's zone) whose moment has come, those on the list who still have not
   * acted, are reachable, and were not reminded since that moment get one (the latest stage only).
   */
  async function deadlineTick(tick: Date): Promise<{ scheduled: number }> {
    let scheduled = 0;
    const horizon = (Math.max(...DEADLINE_STAGES) + 1) * 86_400_000;
    for (const c of await deps.repos.campaigns.withDeadlineAfter(tick)) {
      const category = categoryOf(c.category);
      const deadline = c.deadline;
      if (!category?.remindable || !deadline || deadline.getTime() - tick.getTime() > horizon) continue;
      const scope = await scopeOfCampaign(c);
      if (!scope) continue;
      const target: Target = { units: [...scope.units], key: ALL, roots: undefined };
      const pending = await allPending(category, target, scope, tick);
      const routes = await deps.outbox.routes(pending.map((p) => p.person._id));
      const reachable = pending.filter((p) => routes.has(p.person._id));
      const reminded = await deps.repos.campaigns.remindersOf(
        c._id,
        reachable.map((p) => p.person._id),
      );
      const byStage = new Map<number, Pending[]>();
      for (const e of reachable) {
        const quiet = quietHoursOf(e.person);
        // The latest stage whose moment has come for this person.
        const due = [...DEADLINE_STAGES]
          .sort((a, b) => a - b)
          .map((d) => ({ d, at: deadlineReminderAt(deadline, d, e.person.timeZone, quiet, deps.holidays) }))
          .find((s) => s.at && s.at <= tick);
        if (!due?.at) continue;
        const r = reminded.get(e.person._id);
        if (r?.stages?.includes(`d${due.d}`) || (r && r.lastAt >= due.at)) continue;
        byStage.set(due.d, [...(byStage.get(due.d) ?? []), e]);
      }
      for (const [d, entries] of byStage)
        scheduled += await schedule(c, category, entries, tick, `d${d}`, `d${d}`, deadline);
    }
    return { scheduled };
  }

  return { deadlineTick };
}
