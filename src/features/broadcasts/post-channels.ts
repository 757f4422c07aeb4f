import type { Repositories } from "../../db/repositories/index.js";

/** A channel a coordinator can post to (a Slack channel the bot is in), as the adapter lists it. */
export interface PostChannel {
  id: string;
  name: string;
}

/**
 * The Slack channels a broadcast may also be posted to. The Slack adapter sets `list` at start-up:
 * without it, no channel post is offered.
 */
export function createPostChannels(deps: { repos: Pick<Repositories, "orgUnits"> }) {
  let list: (() => Promise<PostChannel[]>) | undefined;

  /**
   * The Slack channels a coordinator may post to: those listed on the units of their scope (the
   * units import's `slack` column); every channel for a bootstrap admin.
   */
  async function allowed(roots: string[] | undefined): Promise<Set<string> | undefined> {
    if (!roots) return undefined;
    return new Set((await deps.repos.orgUnits.inScope(roots)).flatMap((u) => u.slackChannels ?? []));
  }

  return {
    /** Lets coordinators on Slack also post to a channel: `listed` gives the channels the bot is in. */
    use(listed: () => Promise<PostChannel[]>) {
      list = listed;
    },
    /** Whether the Slack adapter offered its channel list. */
    available: () => list !== undefined,
    /** The channels the bot is in; none when the list cannot be read (a missing scope, Slack down). */
    listed: async (): Promise<PostChannel[]> => (await list?.().catch(() => [])) ?? [],
    allowed,
    /**
     * The Slack channel the coordinator chose, with its name (the id when the list cannot be read);
     * none when it is not one they may post to (checked again here, where the broadcast is made).
     */
    async chosen(
      roots: string[] | undefined,
      answers: Record<string, unknown>,
    ): Promise<PostChannel | undefined> {
      if (answers.slack_post !== "yes" || typeof answers.slack_channel !== "string") return undefined;
      const id = answers.slack_channel;
      const may = await allowed(roots);
      if (may && !may.has(id)) return undefined;
      if (typeof answers.channelName === "string") return { id, name: answers.channelName };
      const listed = await list?.().catch(() => []);
      return { id, name: listed?.find((c) => c.id === id)?.name ?? id };
    },
  };
}
export type PostChannels = ReturnType<typeof createPostChannels>;
