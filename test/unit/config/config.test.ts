import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../src/config/config.js";

const problemOf = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return `${err.variable}: ${err.problem}`;
    throw err;
  }
  return "no problem";
};

describe("configuration", () => {
  it("runs with no configuration at all: embedded SQLite, defaults everywhere, no channels", () => {
    const c = parseConfig({});
    expect(c.storage).toEqual({ kind: "embedded-sqlite", dataDir: "data" });
    expect(c).toMatchObject({ mongoPoolSize: 20, port: 3000, defaultTimeZone: "Asia/Jakarta", adminIds: [] });
    expect(c.telegram).toBeUndefined();
    expect(c.slack).toBeUndefined();
  });

  it("treats empty values as unset, as a copied .env.example has them", () => {
    expect(parseConfig({ MONGODB_URI: "", PORT: "  ", TELEGRAM_BOT_TOKEN: "" }).port).toBe(3000);
  });

  it("prefers MONGODB_URI, then FerretDB on PostgreSQL, then SQLite", () => {
    const pg = "postgres://pandu:pw@127.0.0.1:5432/pandu";
    expect(
      parseConfig({ MONGODB_URI: "mongodb://db:27017/pandu", FERRETDB_POSTGRESQL_URL: pg }).storage,
    ).toEqual({
      kind: "mongodb",
      uri: "mongodb://db:27017/pandu",
    });
    expect(parseConfig({ FERRETDB_POSTGRESQL_URL: pg }).storage).toEqual({
      kind: "embedded-postgresql",
      postgresqlUrl: pg,
      dataDir: "data",
    });
  });

  it("keeps a year of sent messages and two years of audit entries unless told otherwise", () => {
    expect(parseConfig({}).retention).toEqual({ deliveryLogDays: 365, auditDays: 730 });
    expect(
      parseConfig({ RETENTION_DELIVERY_LOG_DAYS: "90", RETENTION_AUDIT_DAYS: "1825" }).retention,
    ).toEqual({ deliveryLogDays: 90, auditDays: 1825 });
    expect(problemOf({ RETENTION_DELIVERY_LOG_DAYS: "7" })).toBe(
      "RETENTION_DELIVERY_LOG_DAYS: must be at least 30",
    );
    expect(problemOf({ RETENTION_AUDIT_DAYS: "1.5" })).toBe("RETENTION_AUDIT_DAYS: must be a whole number");
  });

  it("parses ADMIN_IDS for Telegram and Slack identities", () => {
    expect(parseConfig({ ADMIN_IDS: "telegram:123, slack:T01:U456" }).adminIds).toEqual([
      "telegram:123",
      "slack:T01:U456",
    ]);
  });

  it("names the variable and the problem, never the secret", () => {
    expect(problemOf({ MONGODB_URI: "localhost:27017" })).toBe(
      "MONGODB_URI: must start with mongodb:// or mongodb+srv://",
    );
    expect(problemOf({ ADMIN_IDS: "telegram:123,budi" })).toMatch(/^ADMIN_IDS: "budi" is not an identity/);
    expect(problemOf({ MONGODB_POOL_SIZE: "60" })).toMatch(/^MONGODB_POOL_SIZE: must be at most 45/);
    expect(problemOf({ PORT: "http" })).toMatch(/^PORT: /);
    expect(problemOf({ DEFAULT_TIMEZONE: "Asia/Mataram" })).toBe(
      "DEFAULT_TIMEZONE: must be an IANA time zone such as Asia/Jakarta",
    );
    expect(problemOf({ LOG_LEVEL: "loud" })).toMatch(/^LOG_LEVEL: must be one of: fatal, error/);
    const secret = "123456:this-is-not-a-valid token!";
    const line = problemOf({ TELEGRAM_BOT_TOKEN: secret });
    expect(line).toMatch(/^TELEGRAM_BOT_TOKEN: /);
    expect(line).not.toContain("this-is-not");
  });

  it("requires the webhook secret with a webhook URL, and a signing secret or app token with Slack", () => {
    expect(
      problemOf({
        TELEGRAM_BOT_TOKEN: "123456:AAAAAAAAAAAAAAAAAAAAAAAA",
        TELEGRAM_WEBHOOK_URL: "https://x.example/tg",
      }),
    ).toMatch(/^TELEGRAM_WEBHOOK_SECRET: is required/);
    expect(problemOf({ SLACK_BOT_TOKEN: "xoxb-1-2-abc" })).toMatch(/^SLACK_SIGNING_SECRET: is required/);
    const slack = parseConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_APP_TOKEN: "xapp-1-abc" }).slack;
    expect(slack).toMatchObject({ appToken: "xapp-1-abc", apiUrl: "https://slack.com/api/" });
  });

  it("waits 10 seconds at most on a stop unless SHUTDOWN_TIMEOUT_SECONDS says otherwise (1–300)", () => {
    expect(parseConfig({}).shutdownTimeoutSeconds).toBe(10);
    expect(parseConfig({ SHUTDOWN_TIMEOUT_SECONDS: "25" }).shutdownTimeoutSeconds).toBe(25);
    expect(problemOf({ SHUTDOWN_TIMEOUT_SECONDS: "0" })).toMatch(
      /^SHUTDOWN_TIMEOUT_SECONDS: must be at least 1/,
    );
  });

  it("honours TELEGRAM_API_ROOT and SLACK_API_URL for emulators", () => {
    const c = parseConfig({
      TELEGRAM_BOT_TOKEN: "123456:AAAAAAAAAAAAAAAAAAAAAAAA",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      SLACK_BOT_TOKEN: "xoxb-1-2-abc",
      SLACK_SIGNING_SECRET: "0123456789abcdef",
      SLACK_API_URL: "http://127.0.0.1:8082/api",
    });
    expect(c.telegram?.apiRoot).toBe("http://127.0.0.1:8081");
    expect(c.slack?.apiUrl).toBe("http://127.0.0.1:8082/api/");
  });
});
