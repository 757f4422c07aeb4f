import type { BroadcastAudience, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import { isBehindPace } from "../../domain/jp.js";
import { localClock } from "../../domain/reminder-time.js";
import type { JpLedger } from "../../services/jp-ledger.js";

/** The audiences /umumkan offers (flows/umumkan.yaml's `audience` step). */
export const AUDIENCES = [
  "all",
  "unit",
  "tier",
  "region",
  "session",
  "course",
  "not-assessed",
  "below-pace",
] as const;

/** The units chosen so far in the flow's unit loop. */
export const unitsOf = (answers: Record<string, unknown>): string[] =>
  Array.isArray(answers.units) ? answers.units.filter((u): u is string => typeof u === "string") : [];

/** The audience the coordinator chose, from the flow's answers. */
export function audienceOf(answers: Record<string, unknown>): BroadcastAudience {
  const kind = String(answers.audience) as BroadcastAudience["kind"];
  if (kind === "unit") {
    const values = unitsOf(answers);
    return values.length > 0 ? { kind, values } : { kind };
  }
  const value =
    kind === "tier" || kind === "region" || kind === "session" || kind === "course"
      ? answers[kind]
      : undefined;
  return value ? { kind, value: String(value) } : { kind };
}

/**
 * Resolves a broadcast's audience inside a coordinator's scope: the onboarded, reachable people it
 * selects, with the channel each would be reached on (which decides whether a file can go with it).
 */
export function createAudienceResolver(deps: {
  repos: Pick<Repositories, "people" | "orgUnits" | "enrollments">;
  outbox: Pick<Outbox, "routes">;
  jpLedger: Pick<JpLedger, "standingOf">;
  now: () => Date;
}) {
  return async function recipients(
    roots: string[] | undefined,
    audience: BroadcastAudience,
  ): Promise<{ people: Person[]; routes: Map<string, string> }> {
    const inScope = await deps.repos.orgUnits.inScope(roots);
    let unitIds = inScope.map((u) => u._id);
    if (audience.kind === "unit") {
      // Several units: each with its subtree, read from the scope already in hand (a unit's path
      // lists its ancestors), so overlapping picks count each person once.
      const chosen = new Set(audience.values ?? (audience.value ? [audience.value] : []));
      unitIds = inScope
        .filter((u) => chosen.has(u._id) || u.path.some((a) => chosen.has(a)))
        .map((u) => u._id);
    }
    let people = (await deps.repos.people.listByUnits([...new Set(unitIds)])).filter((p) => p.onboardedAt);
    const now = deps.now();
    switch (audience.kind) {
      case "tier":
        people = people.filter((p) => p.tier === audience.value);
        break;
      case "region":
        people = people.filter((p) => p.regionId === audience.value);
        break;
      case "session": {
        const places = new Set(
          (await deps.repos.enrollments.listForSession(audience.value ?? "")).map((e) => e.personId),
        );
        people = people.filter((p) => places.has(p._id));
        break;
      }
      case "course": {
        const places = new Set(
          (await deps.repos.enrollments.listForCourse(audience.value ?? "")).map((e) => e.personId),
        );
        people = people.filter((p) => places.has(p._id));
        break;
      }
      case "not-assessed":
        people = people.filter((p) => !p.status?.assessedAt);
        break;
      case "below-pace": {
        // Behind toward their own minimum; nobody under a ceiling (PPPK) is ever "behind".
        const behind = await Promise.all(
          people.map(async (p) =>
            isBehindPace(await deps.jpLedger.standingOf(p, now), localClock(now, p.timeZone).date),
          ),
        );
        people = people.filter((_, i) => behind[i]);
        break;
      }
      default:
        break;
    }
    const routes = await deps.outbox.routes(people.map((p) => p._id));
    return { people: people.filter((p) => routes.has(p._id)), routes };
  };
}
export type AudienceResolver = ReturnType<typeof createAudienceResolver>;
