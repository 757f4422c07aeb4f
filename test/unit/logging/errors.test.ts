import { createServer } from "node:net";
import { MultipleListenerError, UnknownError, webApi } from "@slack/bolt";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeError } from "../../../src/logging/errors.js";
import { createLogger } from "../../../src/logging/logger.js";
import { SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";

const TG_TOKEN = "123456:SECRET-token-that-must-never-be-logged";
const SLACK_TOKEN = "xoxb-4242-secret-slack-token";
const NAME = "Rahmawati Siregar";
const NIP = "198503142010012007";
/** A message as Pandu sends it: a name and a NIP, written with spaces as the profile shows it. */
const TEXT = `Profil Anda\nNama: ${NAME}\nNIP: 19850314 201001 2 007`;

let tg: TelegramEmulator;
let slack: SlackWebApiEmulator;

beforeAll(async () => {
  tg = new TelegramEmulator();
  await tg.start();
  slack = new SlackWebApiEmulator();
  await slack.start();
});
afterAll(async () => {
  await tg.stop();
  await slack.stop();
});

/** What `work` rejects with. */
async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
}

/** Logs `entry` through Pandu's logger at trace level and returns the line it wrote. */
function logged(write: (logger: ReturnType<typeof createLogger>) => void): string {
  let out = "";
  const logger = createLogger("trace", {
    write: (s: string) => {
      out += s;
    },
  });
  write(logger);
  return out;
}

/** Fails the test if `text` holds the name, the NIP (with or without spaces) or a token. */
function expectNothingPersonal(text: string): void {
  const squeezed = text.replace(/\s/g, "");
  for (const secret of [NAME, "Siregar", NIP, TG_TOKEN, "SECRET-token", SLACK_TOKEN, "secret-slack"]) {
    expect(text.includes(secret), `holds ${secret}`).toBe(false);
    expect(squeezed.includes(secret.replace(/\s/g, "")), `holds ${secret} without spaces`).toBe(false);
  }
}

const telegramApi = () => new Api(TG_TOKEN, { apiRoot: tg.apiRoot });
const slackClient = () =>
  new webApi.WebClient(SLACK_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });

describe("the error serializer, on the errors the platforms' own clients throw", () => {
  it("keeps a refused Telegram send's method, code and description, and drops its payload", async () => {
    tg.refusing.set("sendMessage", { code: 400, description: "Bad Request: message is too long" });
    const err = await failureOf(() => telegramApi().sendMessage(42, TEXT));
    tg.refusing.delete("sendMessage");
    // The error really holds the text: this is what used to reach the logs.
    expect(JSON.stringify(err)).toContain(NAME);
    expect(serializeError(err)).toMatchObject({
      type: "GrammyError",
      method: "sendMessage",
      error_code: 400,
      description: "Bad Request: message is too long",
    });
    const line = logged((l) => l.error({ err }, "telegram middleware error"));
    expect(line).toContain('"error_code":400');
    expectNothingPersonal(line);
  });

  it("keeps Telegram's retry_after from a 429", async () => {
    tg.refusing.set("sendMessage", {
      code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
    const err = await failureOf(() => telegramApi().sendMessage(42, TEXT));
    tg.refusing.delete("sendMessage");
    expect(serializeError(err)).toMatchObject({ error_code: 429, retry_after: 7 });
    expectNothingPersonal(logged((l) => l.warn({ err }, "limited")));
  });

  it("drops the bot token a network failure's message carries in its URL", async () => {
    const port = await closedPort();
    const api = new Api(TG_TOKEN, { apiRoot: `http://127.0.0.1:${port}` });
    const err = await failureOf(() => api.sendMessage(42, TEXT));
    expect(serializeError(err)).toMatchObject({ type: "HttpError", error: { code: "ECONNREFUSED" } });
    expectNothingPersonal(logged((l) => l.error({ err }, "send failed")));
  });

  it("keeps a Slack platform error's code and drops the answer it came in", async () => {
    slack.refuse.set("C0LOG", "msg_too_long");
    const err = await failureOf(() => slackClient().chat.postMessage({ channel: "C0LOG", text: TEXT }));
    slack.refuse.delete("C0LOG");
    expect(serializeError(err)).toEqual(
      expect.objectContaining({ code: "slack_webapi_platform_error", error: "msg_too_long" }),
    );
    expect(serializeError(err)).not.toHaveProperty("data");
    expectNothingPersonal(logged((l) => l.error({ err }, "slack error")));
  });

  it("drops the headers and body of a Slack HTTP error and keeps its status", async () => {
    slack.failing.set("chat.postMessage", "http");
    const err = await failureOf(() => slackClient().chat.postMessage({ channel: "C0LOG", text: TEXT }));
    slack.failing.delete("chat.postMessage");
    const shown = serializeError(err) as Record<string, unknown>;
    expect(shown).toMatchObject({ code: "slack_webapi_http_error", statusCode: 500 });
    expect(Object.keys(shown)).not.toEqual(expect.arrayContaining(["headers"]));
    expect(Object.keys(shown)).not.toEqual(expect.arrayContaining(["body"]));
  });

  it("drops the request a Slack request error carries (its body and Authorization header)", async () => {
    slack.failing.set("chat.postMessage", "drop");
    const err = await failureOf(() => slackClient().chat.postMessage({ channel: "C0LOG", text: TEXT }));
    slack.failing.delete("chat.postMessage");
    // The original error holds the whole request: the text and the bot token.
    const raw = JSON.stringify((err as { original?: { config?: unknown } }).original?.config);
    expect(raw).toContain("Siregar");
    expect(raw).toContain(SLACK_TOKEN);
    expect(serializeError(err)).toMatchObject({
      code: "slack_webapi_request_error",
      original: { type: expect.any(String), code: "ECONNRESET" },
    });
    // Bolt hands listener failures to app.error wrapped, alone or several at once.
    const wrapped = new UnknownError(err as Error);
    const several = new MultipleListenerError([err as Error, wrapped]);
    expectNothingPersonal(
      logged((l) => {
        l.error({ err }, "slack error");
        l.error({ err: wrapped }, "slack error");
        l.error({ err: several }, "slack error");
      }),
    );
  });
});

describe("the logger", () => {
  it("rebuilds errors wherever they sit in a line, and never takes an error's own message unscrubbed", async () => {
    tg.refusing.set("sendMessage", { code: 400, description: "Bad Request: chat not found" });
    const grammy = await failureOf(() => telegramApi().sendMessage(42, TEXT));
    tg.refusing.delete("sendMessage");
    // A MongoDB duplicate key names the key's value: a NIP is a key.
    const duplicate = Object.assign(
      new Error(
        `E11000 duplicate key error collection: pandu.nip_claims index: _id_ dup key: { _id: "${NIP}" }`,
      ),
      { code: 11000, keyValue: { _id: NIP }, errorResponse: { errmsg: NIP } },
    );
    const lines = logged((l) => {
      l.warn({ outcome: { tries: [grammy] }, error: grammy }, "deep");
      l.error(grammy);
      l.error(duplicate);
      l.error({ err: duplicate });
      l.error(new Error("outer", { cause: grammy }), "caused");
      l.info({ user: { name: NAME, nip: NIP }, text: TEXT }, "redacted paths still apply");
    });
    expectNothingPersonal(lines);
    expect(lines).toContain("dup key: [redacted]");
    expect(lines.split("\n").filter(Boolean)).toHaveLength(6);
    // Each error kept what tells an operator which call failed.
    expect(lines.match(/"method":"sendMessage"/g)?.length).toBeGreaterThanOrEqual(4);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}
