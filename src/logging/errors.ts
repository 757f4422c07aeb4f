/**
 * Errors as logs show them. Platform errors carry what was sent: grammY's GrammyError its
 * `payload` (a message's text, names and NIPs in it), @slack/web-api's errors the response
 * (`data`, `body`, `headers`) and, on a request error, the whole request in `original` (body and
 * Authorization header). Pino's default serializer copies every enumerable property, and its
 * path redaction reaches only fixed depths, so an error is rebuilt here from a short list of
 * fields an operator needs (which call, which answer, how long to wait) and nothing else.
 */

/** Plain values copied as they are, when present: names of calls, codes, statuses and waits. */
const KEPT = [
  "code",
  "errno",
  "syscall",
  "codeName",
  "method",
  "error_code",
  "description",
  "status",
  "statusCode",
  "statusText",
  "statusMessage",
  "retryAfter",
] as const;

/** Properties holding the error underneath (Error.cause, Bolt's and Slack's `original`, grammY's HttpError). */
const WRAPPED = ["cause", "original", "error"] as const;
/** Properties holding several errors underneath (AggregateError, Bolt's MultipleListenerError). */
const LISTS = ["errors", "originals"] as const;

const MAX_DEPTH = 3;
const MAX_LISTED = 5;
const MAX_CHARS = 2_000;

/** Outputs of this module, so serializing twice (a formatter, then the `err` serializer) changes nothing. */
const done = new WeakSet<object>();

/** Whether a value is an error, or shaped like one (errors from another realm, plain rejections). */
export function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error) return true;
  if (typeof value !== "object" || value === null || done.has(value)) return false;
  const v = value as { message?: unknown; stack?: unknown };
  return typeof v.message === "string" && typeof v.stack === "string";
}

/**
 * Removes secrets and personal data that error messages are known to repeat: Telegram bot tokens
 * (in a failed request's URL), Slack tokens, passwords in connection strings, the key values of a
 * MongoDB duplicate-key error (a NIP is a key), and long runs of digits (a NIP, written anyhow).
 */
export function scrubMessage(text: string): string {
  return text
    .slice(0, MAX_CHARS)
    .replace(/(?<![0-9])\d{5,}:[A-Za-z0-9_-]{20,}/g, "[token]")
    .replace(/\bxox[a-z]-[A-Za-z0-9-]+/g, "[token]")
    .replace(/(\/\/)[^@/\s]*@/g, "$1***@")
    .replace(/dup key: \{[\s\S]*?\}/g, "dup key: [redacted]")
    .replace(/\d(?:[\s.-]?\d){14,}/g, "[digits]");
}

/** An error as logs show it: its class, message, stack and the kept fields, with what it wraps. */
export function serializeError(value: unknown): unknown {
  return isErrorLike(value) ? rebuild(value, 0) : value;
}

function rebuild(err: Error, depth: number): Record<string, unknown> {
  const source = err as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {
    type: err.constructor?.name && err.constructor.name !== "Object" ? err.constructor.name : err.name,
    message: scrubMessage(String(err.message ?? "")),
  };
  if (typeof err.stack === "string") out.stack = scrubMessage(err.stack);
  for (const key of KEPT) {
    const v = source[key];
    if (typeof v === "number" || typeof v === "boolean") out[key] = v;
    else if (typeof v === "string") out[key] = scrubMessage(v);
  }
  // grammY: how long Telegram asks to wait; Slack: its error code from the answer's body.
  const retryAfter = (source.parameters as { retry_after?: unknown } | undefined)?.retry_after;
  if (typeof retryAfter === "number") out.retry_after = retryAfter;
  const slackError = (source.data as { error?: unknown } | undefined)?.error;
  if (typeof slackError === "string") out.error = scrubMessage(slackError);
  else if (typeof source.error === "string") out.error = scrubMessage(source.error);
  if (depth < MAX_DEPTH) {
    for (const key of WRAPPED) {
      const inner = source[key];
      if (isErrorLike(inner) && inner !== err) out[key] = rebuild(inner, depth + 1);
    }
    for (const key of LISTS) {
      const list = source[key];
      if (Array.isArray(list))
        out[key] = list
          .slice(0, MAX_LISTED)
          .map((e) => (isErrorLike(e) ? rebuild(e, depth + 1) : { type: typeof e }));
    }
  }
  done.add(out);
  return out;
}

/**
 * A log entry with every error in it rebuilt by `serializeError`, however deep it sits among plain
 * objects and arrays (an error logged under another key than `err`, or inside an outcome).
 */
export function serializeErrorsIn(entry: Record<string, unknown>): Record<string, unknown> {
  const visit = (value: unknown, depth: number): unknown => {
    if (isErrorLike(value)) return rebuild(value, 0);
    if (depth >= MAX_DEPTH || typeof value !== "object" || value === null || done.has(value)) return value;
    if (Array.isArray(value)) return value.map((v) => visit(v, depth + 1));
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    let changed = false;
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      copy[k] = visit(v, depth + 1);
      if (copy[k] !== v) changed = true;
    }
    return changed ? copy : value;
  };
  return visit(entry, -1) as Record<string, unknown>;
}
