import { webApi } from "@slack/bolt";

/**
 * How a reply to a person is retried: a few times, all within about a minute, because the person
 * is waiting for it. Slack's client would otherwise keep trying for about 30 minutes (10 retries),
 * holding the update's work and answering long after the person gave up.
 */
export interface ReplyRetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** A retry that could not start within this long after the first attempt is not made. */
  withinMs: number;
  /** The wait before the first retry of a failure that names none; it doubles each time. */
  backoffMs: number;
  /** Waits (a test passes one that only moves its clock). */
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** Told of each retry before its wait (logged). */
  onRetry?: (info: { method: string; attempt: number; waitMs: number; error: string }) => void;
}

/** Three retries within a minute: 1 s, 2 s and 4 s apart, or as long as Slack's Retry-After says. */
export const SLACK_REPLY_RETRY: Pick<ReplyRetryPolicy, "retries" | "withinMs" | "backoffMs"> = {
  retries: 3,
  withinMs: 60_000,
  backoffMs: 1_000,
};

/** Platform errors Slack says to try again after. */
const TRANSIENT_PLATFORM = new Set([
  "fatal_error",
  "internal_error",
  "service_unavailable",
  "request_timeout",
]);

/**
 * How long to wait before trying `err`'s call again, or undefined when trying again cannot help
 * (Slack refused the call itself: a wrong channel, a message too long, a missing scope).
 */
export function retryWaitOf(err: unknown, backoffMs: number): { waitMs: number; error: string } | undefined {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { waitMs: (e.retryAfter ?? 1) * 1_000, error: "ratelimited" };
    case webApi.ErrorCode.RequestError:
      return { waitMs: backoffMs, error: "request" };
    case webApi.ErrorCode.HTTPError:
      return (e.statusCode ?? 0) >= 500 ? { waitMs: backoffMs, error: `http ${e.statusCode}` } : undefined;
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? "";
      if (code === "ratelimited") return { waitMs: 1_000, error: code };
      return TRANSIENT_PLATFORM.has(code) ? { waitMs: backoffMs, error: code } : undefined;
    }
    default:
      return undefined;
  }
}

/** Runs `call`, retrying as `policy` allows; the last failure is thrown when it allows no more. */
export async function withBoundedRetries<T>(
  method: string,
  call: () => Promise<T>,
  policy: ReplyRetryPolicy,
): Promise<T> {
  const start = policy.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const retry = retryWaitOf(err, policy.backoffMs * 2 ** (attempt - 1));
      if (!retry || attempt > policy.retries) throw err;
      // A wait that ends past the budget is not begun: the person has waited long enough.
      if (policy.now() - start + retry.waitMs > policy.withinMs) throw err;
      policy.onRetry?.({ method, attempt, waitMs: retry.waitMs, error: retry.error });
      await policy.sleep(retry.waitMs);
    }
  }
}

/**
 * A Web API client whose calls retry by a bounded policy instead of the client's own (which is
 * switched off, and a 429 handed back at once, so the policy alone decides how long to wait).
 * Every method, and files.uploadV2's steps, go through `apiCall`, which the method shortcuts are
 * bound to when the client is built; so overriding it here catches them all.
 */
export class BoundedWebClient extends webApi.WebClient {
  constructor(
    token: string,
    options: webApi.WebClientOptions,
    private readonly policy: ReplyRetryPolicy,
  ) {
    super(token, { ...options, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  }

  override apiCall(method: string, options?: Record<string, unknown>): Promise<webApi.WebAPICallResult> {
    return withBoundedRetries(method, () => super.apiCall(method, options), this.policy);
  }
}

/** The bounded policy on the real clock, with `overrides` (a test's clock, a shorter budget). */
export function replyRetryPolicy(overrides: Partial<ReplyRetryPolicy> = {}): ReplyRetryPolicy {
  return {
    ...SLACK_REPLY_RETRY,
    sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    now: Date.now,
    ...overrides,
  };
}
