import pino, { type Logger } from "pino";

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
    },
    destination,
  );
}

/** Removes the password (and user) from a connection URL before it is shown anywhere. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/)[^@/]*@/, "$1***@");
}
