import type { Repositories } from "../../db/repositories/index.js";
import type { TierInfo } from "../../domain/skj.js";
import type { Region } from "../../domain/timezone.js";
import type { OptionSource } from "../../engine/engine.js";
import { formatDateTime } from "../../i18n/format.js";
import type { CourseCatalog } from "../../services/course-catalog.js";
import { unitsOf } from "./audience.js";
import type { ActorOf } from "./broadcast-access.js";
import type { PostChannels } from "./post-channels.js";

/** Typed search words, lower case. */
const wordsOf = (query: string | undefined) => (query ?? "").toLowerCase().split(/\s+/).filter(Boolean);

/** The option lists of /umumkan: units in scope, tiers, provinces, sessions, courses, Slack channels. */
export function createBroadcastOptions(deps: {
  repos: Pick<Repositories, "orgUnits">;
  catalog: Pick<CourseCatalog, "all">;
  regions: readonly Region[];
  tiers: readonly TierInfo[];
  actor: ActorOf;
  channels: PostChannels;
  now: () => Date;
}): Record<string, OptionSource> {
  const units: OptionSource = async ({ conversation, answers, query }) => {
    const { roots } = await deps.actor(conversation);
    const words = wordsOf(query);
    const chosen = new Set(unitsOf(answers));
    return (await deps.repos.orgUnits.inScope(roots))
      .filter((u) => !chosen.has(u._id) && words.every((w) => u.name.toLowerCase().includes(w)))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((u) => ({ id: u._id, label: u.name }));
  };
  const tiers: OptionSource = async ({ conversation }) =>
    deps.tiers.map((x) => ({ id: x.id, label: x.name[conversation.profile.locale] }));
  const regions: OptionSource = async ({ query }) => {
    const words = wordsOf(query);
    return deps.regions
      .filter((r) => words.every((w) => r.name.toLowerCase().includes(w)))
      .map((r) => ({ id: r.id, label: r.name }));
  };
  const sessions: OptionSource = async ({ conversation }) => {
    const since = deps.now().getTime() - 90 * 86_400_000;
    const zone = "Asia/Jakarta";
    return (await deps.catalog.all())
      .flatMap((c) => c.sessions.map((s) => ({ c, s })))
      .filter(({ s }) => s.endsAt.getTime() >= since)
      .sort((a, b) => a.s.startsAt.getTime() - b.s.startsAt.getTime())
      .map(({ c, s }) => ({
        id: s.id,
        label: `${c.title} (${formatDateTime(s.startsAt, { locale: conversation.profile.locale, timeZone: zone })})`,
      }));
  };
  const courses: OptionSource = async ({ query }) => {
    const since = deps.now().getTime() - 90 * 86_400_000;
    const words = wordsOf(query);
    return (await deps.catalog.all())
      .filter((c) => c.sessions.some((s) => s.endsAt.getTime() >= since))
      .filter((c) => words.every((w) => c.title.toLowerCase().includes(w)))
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((c) => ({ id: c.id, label: c.title }));
  };
  const slackChannels: OptionSource = async ({ conversation, query }) => {
    const words = (query ?? "").toLowerCase().replace(/#/g, " ").split(/\s+/).filter(Boolean);
    // A listing that fails (a missing scope, Slack down) offers nothing; the step says why it may
    // be empty and "Kembali" leads back to "Tidak perlu".
    const listed = await deps.channels.listed();
    const allowed = await deps.channels.allowed((await deps.actor(conversation)).roots);
    return listed
      .filter((c) => !allowed || allowed.has(c.id))
      .filter((c) => words.every((w) => c.name.toLowerCase().includes(w)))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c) => ({ id: c.id, label: `#${c.name}` }));
  };
  return {
    "broadcast.units": units,
    "broadcast.tiers": tiers,
    "broadcast.regions": regions,
    "broadcast.sessions": sessions,
    "broadcast.courses": courses,
    "broadcast.slack-channels": slackChannels,
  };
}
