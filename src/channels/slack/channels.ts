import { z } from "zod";
import { BoundedWebClient, replyRetryPolicy } from "./retry.js";

/** One page of conversations.list, as far as Pandu reads it. */
const listPage = z.object({
  ok: z.boolean(),
  channels: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().optional(),
        is_member: z.boolean().optional(),
        is_archived: z.boolean().optional(),
      }),
    )
    .default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/**
 * Lists the Slack channels the bot is a member of (conversations.list, public and private), for a
 * coordinator who also posts a broadcast to a channel. Only those: posting elsewhere fails with
 * not_in_channel. Kept for a minute, because conversations.list allows about 20 calls a minute and
 * the flow reads it for each search the coordinator types.
 */
export function slackChannelLister(opts: {
  botToken: string;
  apiUrl: string;
  now?: () => number;
  maxPages?: number;
}): () => Promise<{ id: string; name: string }[]> {
  // The coordinator waits for the list: one retry, within the replies' minute.
  const client = new BoundedWebClient(
    opts.botToken,
    { slackApiUrl: opts.apiUrl },
    replyRetryPolicy({ retries: 1 }),
  );
  const now = opts.now ?? Date.now;
  let cached: { at: number; channels: { id: string; name: string }[] } | undefined;
  return async () => {
    if (cached && now() - cached.at < 60_000) return cached.channels;
    const channels: { id: string; name: string }[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < (opts.maxPages ?? 10); page++) {
      const raw = await client.conversations.list({
        types: "public_channel,private_channel",
        exclude_archived: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      const parsed = listPage.parse(raw);
      for (const c of parsed.channels)
        if (c.is_member && !c.is_archived) channels.push({ id: c.id, name: c.name ?? c.id });
      cursor = parsed.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    cached = { at: now(), channels };
    return channels;
  };
}
