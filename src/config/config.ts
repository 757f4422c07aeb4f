import { createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import { configSchema, type RawConfig } from "./schema.js";

/** Where Pandu keeps its data: a MongoDB it is given, or the embedded FerretDB on PostgreSQL or SQLite. */
export type StorageConfig =
  | { kind: "mongodb"; uri: string }
  | { kind: "embedded-postgresql"; postgresqlUrl: string; dataDir: string }
  | { kind: "embedded-sqlite"; dataDir: string };

/** Validated configuration, grouped by concern. */
export interface Config {
  storage: StorageConfig;
  mongoPoolSize: number;
  dataDir: string;
  telegram?: { token: string; apiRoot: string; webhook?: { url: string; secret: string } };
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl: string };
  port: number;
  /** The internal server for /metrics and detailed readiness: loopback unless an operator opens it. */
  metrics: { port: number; host: string };
  /** The largest request body read on any HTTP route, in bytes. */
  httpBodyLimitBytes: number;
  defaultTimeZone: string;
  adminIds: string[];
  /** Days a person waits between two self-assessments. */
  assessmentIntervalDays: number;
  /** Outbox sending: the Telegram bot's overall limit, and the slot of the per-channel sender lease. */
  outbox: { telegramPerSecond: number; leaseSeconds: number; sendLeaseSeconds: number };
  /** Whether this process runs the cron jobs (any number may: one runs each tick). */
  schedulerEnabled: boolean;
  /** Per-person updates allowed in a window (beyond: one polite message, then dropped). */
  rateLimit: { updates: number; windowSeconds: number };
  /**
   * While the machine is saturated and answers take this long on average, a message that starts a
   * conversation waits its turn (see conversation-order.ts); 0: nothing ever waits.
   */
  busyTargetMs: number;
  /** How long a staff conversation (an import, a broadcast) may sit idle before it ends. */
  staffIdleHours: number;
  /**
   * Key deep links are signed with: DEEP_LINK_SECRET, else derived from the Telegram bot token
   * (the only channel that opens them), else a development key.
   */
  deepLinkSecret: string;
  /** Secret for anonymous surveys' answer keys; without it anonymous surveys are not sent. */
  surveyHashKey?: string;
  /** Days sent messages and audit entries are kept before the nightly purge deletes them. */
  retention: { deliveryLogDays: number; auditDays: number };
  /** How long a stop waits for updates being handled and sends on the wire to finish. */
  shutdownTimeoutSeconds: number;
  /** Unset means: info for servers, warn in the terminal chat. */
  logLevel?: NonNullable<RawConfig["LOG_LEVEL"]>;
}

/** A configuration problem, reported to the operator as one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = "ConfigError";
  }
}

/** Signs deep links where nothing secret is configured: no Telegram bot opens them there. */
export const DEV_DEEP_LINK_SECRET = "pandu-development-deep-links-not-secret";

/**
 * The deep links' key: the one configured, else one derived from the bot token (secret already,
 * and the same in every process of the deployment), else the development key.
 */
function deepLinkSecretOf(configured: string | undefined, botToken: string | undefined): string {
  if (configured) return configured;
  if (botToken) return createHmac("sha256", botToken).update("pandu-deep-links").digest("hex");
  return DEV_DEEP_LINK_SECRET;
}

/** Validates the environment; throws ConfigError for the first variable at fault. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    // zod's default messages echo the input; ours never do, so secrets stay out of the line.
    const problem =
      issue.code === "invalid_value" ? `must be one of: ${issue.values.join(", ")}` : issue.message;
    throw new ConfigError(variable, problem);
  }
  const c = parsed.data;
  const storage: StorageConfig = c.MONGODB_URI
    ? { kind: "mongodb", uri: c.MONGODB_URI }
    : c.FERRETDB_POSTGRESQL_URL
      ? { kind: "embedded-postgresql", postgresqlUrl: c.FERRETDB_POSTGRESQL_URL, dataDir: c.DATA_DIR }
      : { kind: "embedded-sqlite", dataDir: c.DATA_DIR };
  return {
    storage,
    mongoPoolSize: c.MONGODB_POOL_SIZE,
    dataDir: c.DATA_DIR,
    telegram: c.TELEGRAM_BOT_TOKEN
      ? {
          token: c.TELEGRAM_BOT_TOKEN,
          apiRoot: c.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
          webhook:
            c.TELEGRAM_WEBHOOK_URL && c.TELEGRAM_WEBHOOK_SECRET
              ? { url: c.TELEGRAM_WEBHOOK_URL, secret: c.TELEGRAM_WEBHOOK_SECRET }
              : undefined,
        }
      : undefined,
    slack: c.SLACK_BOT_TOKEN
      ? {
          botToken: c.SLACK_BOT_TOKEN,
          signingSecret: c.SLACK_SIGNING_SECRET,
          appToken: c.SLACK_APP_TOKEN,
          apiUrl: c.SLACK_API_URL.endsWith("/") ? c.SLACK_API_URL : `${c.SLACK_API_URL}/`,
        }
      : undefined,
    port: c.PORT,
    httpBodyLimitBytes: c.HTTP_BODY_LIMIT_KB * 1024,
    metrics: { port: c.METRICS_PORT, host: c.METRICS_HOST },
    defaultTimeZone: c.DEFAULT_TIMEZONE,
    adminIds: c.ADMIN_IDS,
    assessmentIntervalDays: c.ASSESSMENT_INTERVAL_DAYS,
    outbox: {
      telegramPerSecond: c.TELEGRAM_MAX_PER_SECOND,
      leaseSeconds: c.OUTBOX_LEASE_SECONDS,
      sendLeaseSeconds: c.OUTBOX_SEND_LEASE_SECONDS,
    },
    schedulerEnabled: c.SCHEDULER_ENABLED === "true",
    rateLimit: { updates: c.RATE_LIMIT_UPDATES, windowSeconds: c.RATE_LIMIT_WINDOW_SECONDS },
    busyTargetMs: c.BUSY_TARGET_MS,
    staffIdleHours: c.STAFF_CONVERSATION_IDLE_HOURS,
    deepLinkSecret: deepLinkSecretOf(c.DEEP_LINK_SECRET, c.TELEGRAM_BOT_TOKEN),
    ...(c.SURVEY_HASH_KEY ? { surveyHashKey: c.SURVEY_HASH_KEY } : {}),
    retention: { deliveryLogDays: c.RETENTION_DELIVERY_LOG_DAYS, auditDays: c.RETENTION_AUDIT_DAYS },
    shutdownTimeoutSeconds: c.SHUTDOWN_TIMEOUT_SECONDS,
    logLevel: c.LOG_LEVEL,
  };
}

/** Reads `.env` (if present; real environment variables win) and validates the result. */
export function loadConfig(envFile = ".env"): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}
