import pino, { type Logger } from "pino";
import { isErrorLike, scrubMessage, serializeError, serializeErrorsIn } from "./errors.js";

export type { Logger };

/**
 * Paths pino blanks out wherever they appear: personal data (UU PDP) and secrets never reach logs.
 * Log an id (person id, identity id) instead of the person.
 */
export const REDACTED_PATHS = [
  "nip",
  "*.nip",
  "name",
  "*.name",
  "text",
  "*.text",
  "token",
  "*.token",
  "password",
  "*.password",
  "uri",
  "*.uri",
  "headers.authorization",
  "*.headers.authorization",
  'headers["x-telegram-bot-api-secret-token"]',
];

/** JSON logs on stderr: stdout stays free for the terminal chat. */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  return pino(
    {
      level,
      base: { app: "pandu" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Redaction paths stop at a fixed depth; errors carry request payloads deeper than that.
      serializers: { err: serializeError },
      formatters: { log: serializeErrorsIn },
      hooks: {
        // Without a message pino takes the error's own as the line's message, unscrubbed.
        logMethod(args, method) {
          const [first, second] = args as unknown[];
          if (typeof second === "string") return method.apply(this, args);
          const err = isErrorLike(first) ? first : (first as { err?: unknown } | null)?.err;
          if (!isErrorLike(err)) return method.apply(this, args);
          const entry = first === err ? { err } : (first as object);
          return method.apply(this, [entry, scrubMessage(err.message)] as never);
        },
      },
    },
    destination,
  );
}

/** Removes the password (and user) from a connection URL before it is shown anywhere. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/)[^@/]*@/, "$1***@");
}
