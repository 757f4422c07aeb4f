import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { replyRetryPolicy, withBoundedRetries } from "../../../src/channels/slack/retry.js";

// The replies' retry policy on a clock of the test's own: waits are recorded, never slept.

/** Errors shaped as Slack's Web API client throws them. */
const rateLimited = (retryAfter: number) => ({ code: webApi.ErrorCode.RateLimitedError, retryAfter });
const dropped = { code: webApi.ErrorCode.RequestError, message: "socket hang up" };
const refused = (error: string) => ({ code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });

/** A call failing with `errors` in turn, then answering ok; `tries` counts the attempts. */
function failing(errors: unknown[]) {
  const state = { tries: 0 };
  const call = async () => {
    state.tries++;
    const err = errors[state.tries - 1];
    if (err) throw err;
    return "sent";
  };
  return { state, call };
}

function clock() {
  let now = 0;
  const waits: number[] = [];
  return {
    waits,
    policy: replyRetryPolicy({
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    }),
  };
}

describe("the bounded retry of Slack replies", () => {
  it("waits Slack's Retry-After, backs off 1, 2, 4 s on network failures, and gives up after three retries", async () => {
    const { waits, policy } = clock();
    const ok = failing([rateLimited(7), dropped]);
    expect(await withBoundedRetries("chat.postMessage", ok.call, policy)).toBe("sent");
    expect(waits).toEqual([7_000, 2_000]);

    const down = clock();
    const never = failing([dropped, dropped, dropped, dropped, dropped]);
    await expect(withBoundedRetries("chat.postMessage", never.call, down.policy)).rejects.toBe(dropped);
    expect(never.state.tries).toBe(4);
    expect(down.waits).toEqual([1_000, 2_000, 4_000]);
  });

  it("does not begin a wait that would end past the minute, and never retries what Slack refused", async () => {
    const { waits, policy } = clock();
    const long = failing([rateLimited(30), rateLimited(31)]);
    await expect(withBoundedRetries("chat.postMessage", long.call, policy)).rejects.toEqual(rateLimited(31));
    expect(long.state.tries).toBe(2);
    expect(waits).toEqual([30_000]);

    const wrong = failing([refused("channel_not_found")]);
    await expect(withBoundedRetries("chat.postMessage", wrong.call, clock().policy)).rejects.toEqual(
      refused("channel_not_found"),
    );
    expect(wrong.state.tries).toBe(1);
    const bug = failing([new TypeError("x is undefined")]);
    await expect(withBoundedRetries("chat.postMessage", bug.call, clock().policy)).rejects.toThrow(TypeError);
    expect(bug.state.tries).toBe(1);
  });
});
