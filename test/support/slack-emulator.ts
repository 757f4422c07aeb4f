import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { Waiters } from "./waiters.js";

/** A local fake of the Slack Web API: records every call and answers what Bolt needs. */
export class SlackWebApiEmulator {
  /** Every call in the order it arrived, `at` the time it arrived by the emulator's clock. */
  readonly calls: {
    method: string;
    body: Record<string, unknown>;
    result: Record<string, unknown>;
    at: number;
  }[] = [];
  /** Channels whose chat.postMessage fails with this Slack error (account_inactive, …). */
  readonly refuse = new Map<string, string>();
  /**
   * Methods that fail below the Web API: `http` answers 500 (an HTTP error, with headers and body),
   * `drop` closes the connection unanswered (a request error, which carries the request it sent).
   * The attempt is still recorded, with `error` saying how it failed.
   */
  readonly failing = new Map<string, "http" | "drop">();
  /** What conversations.list answers: the workspace's channels, and whether the bot is in each. */
  channels: { id: string; name: string; is_member: boolean; is_archived?: boolean }[] = [];
  private server?: Server;
  private readonly conditions = new Waiters();
  private ts = 1_700_000_000;
  /** Messages posted, by `<channel>:<ts>`, with their text (chat.update changes it). */
  readonly posted = new Map<string, { text: string; updates: string[] }>();
  port = 0;

  /** `now` stamps each call: a test's controllable clock, or the real one. */
  constructor(private readonly now: () => number = Date.now) {}

  /** The base URL to pass as SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8").on("data", (d: string) => {
        raw += d;
      });
      req.on("end", () => {
        const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0]!;
        const body: Record<string, unknown> = req.headers["content-type"]?.includes("json")
          ? JSON.parse(raw || "{}")
          : Object.fromEntries(new URLSearchParams(raw));
        for (const k of ["blocks", "view"])
          if (typeof body[k] === "string") body[k] = JSON.parse(body[k] as string);
        const failure = this.failing.get(method);
        if (failure) {
          this.calls.push({
            method,
            body,
            result: { ok: false, error: `emulated_${failure}` },
            at: this.now(),
          });
          if (failure === "drop") req.socket.destroy();
          else res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error: emulated");
          this.conditions.notify();
          return;
        }
        const result = this.answer(method, body);
        this.calls.push({ method, body, result, at: this.now() });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
        this.conditions.notify();
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, "127.0.0.1", ok));
    this.port = (this.server!.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  /** Calls of one method. */
  of(method: string) {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits until `check` holds (re-checked after every call). */
  async waitFor<T>(check: () => T | undefined | false, ms = 15_000, what = "condition"): Promise<T> {
    return this.conditions.waitFor(check, ms, what, () => `last: ${JSON.stringify(this.calls.slice(-3))}`);
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { ok: true, user_id: "UBOT", team_id: "T01", bot_id: "B01" };
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(body.users)}` } };
      case "chat.postMessage": {
        const error = this.refuse.get(String(body.channel));
        if (error) return { ok: false, error };
        // As Slack: a message to a user id lands in the bot's direct message with them (D…).
        const channel = String(body.channel).replace(/^U/, "DU");
        const ts = String(++this.ts);
        this.posted.set(`${channel}:${ts}`, { text: String(body.text ?? ""), updates: [] });
        return { ok: true, channel, ts };
      }
      case "chat.update": {
        const msg = this.posted.get(`${String(body.channel)}:${String(body.ts)}`);
        if (msg) {
          msg.text = String(body.text ?? "");
          msg.updates.push(msg.text);
        }
        return { ok: true, channel: body.channel, ts: body.ts };
      }
      case "views.publish":
        return { ok: true };
      case "conversations.list": {
        // Two channels a page, so Pandu's paging is exercised too.
        const start = Number(body.cursor || 0);
        const page = this.channels.slice(start, start + 2);
        const next = start + 2 < this.channels.length ? String(start + 2) : "";
        return { ok: true, channels: page, response_metadata: { next_cursor: next } };
      }
      default:
        return { ok: true };
    }
  }
}

/** Signs a request body the way Slack does (v0 HMAC-SHA256 over "v0:<ts>:<body>"). */
export function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const sig = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-signature": sig, "x-slack-request-timestamp": String(timestamp) };
}

/** Posts a signed request to the app's /slack/events. */
export async function postToSlackEndpoint(
  baseUrl: string,
  secret: string,
  body: string,
  contentType: "application/json" | "application/x-www-form-urlencoded",
  extraHeaders: Record<string, string> = {},
  signWith = secret,
): Promise<Response> {
  return fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: { "content-type": contentType, ...slackSignature(signWith, body), ...extraHeaders },
    body,
  });
}
