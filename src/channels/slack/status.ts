import { webApi } from "@slack/bolt";
import type { StatusMessages } from "../../delivery/status-message.js";
import type { RecordSend } from "../channel.js";
import { slackText } from "./render.js";

/**
 * Status messages on Slack: chat.postMessage to the person (which opens the bot's direct message),
 * then chat.update in place. The reference is `<channel>:<ts>` of the posted message. Each call
 * is recorded in the bot's send budget under the person's user id, as the outbox addresses them.
 */
export function createSlackStatusMessages(opts: {
  botToken: string;
  apiUrl: string;
  recordSend?: RecordSend;
}): StatusMessages {
  const client = new webApi.WebClient(opts.botToken, {
    slackApiUrl: opts.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const recorded = async <T>(address: string, call: () => Promise<T>): Promise<T> => {
    const done = opts.recordSend?.(address);
    try {
      return await call();
    } finally {
      done?.();
    }
  };
  return {
    channel: "slack",
    async post(address, text) {
      const res = await recorded(address, () =>
        client.chat.postMessage({ channel: address, text: slackText(text) }),
      );
      if (!res.channel || !res.ts) throw new Error("chat.postMessage returned no channel or ts");
      return `${res.channel}:${res.ts}`;
    },
    async edit(address, ref, text) {
      const cut = ref.indexOf(":");
      const channel = ref.slice(0, cut);
      const ts = ref.slice(cut + 1);
      try {
        await recorded(address, () => client.chat.update({ channel, ts, text: slackText(text) }));
        return "edited";
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code === "message_not_found" || code === "cant_update_message" || code === "channel_not_found")
          return "gone";
        throw err;
      }
    },
  };
}
