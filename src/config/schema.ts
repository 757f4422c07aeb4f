import { z } from "zod";

/** Empty strings in a .env file mean "not set", as most people write `KEY=` to switch one off. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    schema.prefault(fallback as never),
  );

/** A whole number from `min` to `max`, each bound named in the message a wrong value gets. */
const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number()
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const httpUrl = z
  .string()
  .trim()
  .refine((v) => /^https?:\/\/[^\s/]+/.test(v) && URL.canParse(v), "must be an http(s) URL");

const isValidTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** A chat identity as Pandu stores it: `telegram:<user id>`, `slack:<team>:<user>` or `terminal:<login>`. */
export const IDENTITY_ID_PATTERN =
  /^(telegram:\d{1,20}|slack:[A-Z0-9]{2,20}:[A-Z0-9]{2,20}|terminal:[A-Za-z0-9._-]{1,64})$/;

const adminIds = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  )
  .superRefine((ids, ctx) => {
    for (const id of ids) {
      if (!IDENTITY_ID_PATTERN.test(id)) {
        ctx.addIssue({
          code: "custom",
          message: `"${id}" is not an identity; use telegram:<user id> or slack:<team id>:<user id>, comma-separated`,
        });
        return;
      }
    }
  });

/** Every environment variable Pandu reads; `.env.example` documents each one. */
export const configSchema = z
  .object({
    MONGODB_URI: optional(
      z
        .string()
        .trim()
        .refine(
          (v) => /^mongodb(\+srv)?:\/\/[^\s]+$/.test(v),
          "must start with mongodb:// or mongodb+srv://",
        ),
    ),
    MONGODB_POOL_SIZE: withDefault(
      z.coerce
        .number()
        .int("must be a whole number")
        .min(2, "must be at least 2")
        // FerretDB's own PostgreSQL pool is 50; reaching it deadlocks FerretDB during DDL.
        .max(45, "must be at most 45 (FerretDB deadlocks when its pool of 50 is exhausted)"),
      20,
    ),
    FERRETDB_POSTGRESQL_URL: optional(
      z
        .string()
        .trim()
        .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v), "must start with postgres:// or postgresql://"),
    ),
    DATA_DIR: withDefault(z.string().trim(), "data"),
    TELEGRAM_BOT_TOKEN: optional(
      z
        .string()
        .trim()
        .regex(
          /^\d{3,20}:[A-Za-z0-9_-]{20,}$/,
          "does not look like a bot token from @BotFather (123456:ABC…)",
        ),
    ),
    TELEGRAM_API_ROOT: withDefault(httpUrl, "https://api.telegram.org"),
    TELEGRAM_WEBHOOK_URL: optional(httpUrl),
    TELEGRAM_WEBHOOK_SECRET: optional(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A–Z, a–z, 0–9, _ and -"),
    ),
    SLACK_BOT_TOKEN: optional(
      z
        .string()
        .trim()
        .regex(/^xoxb-[A-Za-z0-9-]+$/, "must start with xoxb-"),
    ),
    SLACK_SIGNING_SECRET: optional(z.string().trim().min(8, "is too short")),
    SLACK_APP_TOKEN: optional(
      z
        .string()
        .trim()
        .regex(/^xapp-[A-Za-z0-9-]+$/, "must start with xapp-"),
    ),
    SLACK_API_URL: withDefault(httpUrl, "https://slack.com/api/"),
    PORT: withDefault(
      z.coerce.number().int("must be a whole number").min(0).max(65535, "must be 0–65535"),
      3000,
    ),
    METRICS_PORT: withDefault(
      z.coerce.number().int("must be a whole number").min(0).max(65535, "must be 0–65535"),
      9464,
    ),
    METRICS_HOST: withDefault(z.string().trim().min(1), "127.0.0.1"),
    HTTP_BODY_LIMIT_KB: withDefault(
      z.coerce
        .number()
        .int("must be a whole number")
        .min(16, "must be at least 16")
        .max(10_240, "must be at most 10240"),
      256,
    ),
    DEFAULT_TIMEZONE: withDefault(
      z.string().trim().refine(isValidTimeZone, "must be an IANA time zone such as Asia/Jakarta"),
      "Asia/Jakarta",
    ),
    ADMIN_IDS: withDefault(adminIds, ""),
    ASSESSMENT_INTERVAL_DAYS: withDefault(
      z.coerce.number().int("must be a whole number").min(0).max(3650, "must be at most 3650"),
      90,
    ),
    LOG_LEVEL: optional(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])),
    TELEGRAM_MAX_PER_SECOND: withDefault(
      z.coerce.number().min(1, "must be at least 1").max(1000, "must be at most 1000"),
      30,
    ),
    OUTBOX_SEND_LEASE_SECONDS: withDefault(wholeNumber(2, 3600), 60),
    SCHEDULER_ENABLED: withDefault(z.enum(["true", "false"], "must be true or false"), "true"),
    DEEP_LINK_SECRET: optional(
      z.string().trim().min(32, "must be at least 32 characters (openssl rand -hex 32)"),
    ),
    SURVEY_HASH_KEY: optional(
      z.string().trim().min(32, "must be at least 32 characters (openssl rand -hex 32)"),
    ),
    RATE_LIMIT_UPDATES: withDefault(wholeNumber(1, 10_000), 20),
    RATE_LIMIT_WINDOW_SECONDS: withDefault(wholeNumber(1, 3600), 10),
    BUSY_TARGET_MS: withDefault(wholeNumber(0, 60_000), 50),
    STAFF_CONVERSATION_IDLE_HOURS: withDefault(wholeNumber(1, 720), 24),
    RETENTION_DELIVERY_LOG_DAYS: withDefault(
      // Below a month, a message could be scheduled again under a key whose record is gone.
      wholeNumber(30, 3650),
      365,
    ),
    RETENTION_AUDIT_DAYS: withDefault(wholeNumber(30, 3650), 730),
    OUTBOX_LEASE_SECONDS: withDefault(wholeNumber(1, 300), 10),
    SHUTDOWN_TIMEOUT_SECONDS: withDefault(wholeNumber(1, 300), 10),
  })
  .superRefine((c, ctx) => {
    if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["TELEGRAM_WEBHOOK_SECRET"],
        message: "is required when TELEGRAM_WEBHOOK_URL is set (Telegram sends it with every update)",
      });
    }
    if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)",
      });
    }
  });

export type RawConfig = z.output<typeof configSchema>;
