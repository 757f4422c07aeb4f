import { createHmac } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import { SlackViews } from "./slack-views.js";
import { Waiters } from "./waiters.js";

/** Slack's limits on a message: 40,000 characters of text, 50 blocks, 3,000 characters a section. */
export const SLACK_MAX_TEXT = 40_000;
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_SECTION = 3_000;

/** A file uploaded through the external upload flow, as Slack keeps it once completed. */
export interface SlackUpload {
  id: string;
  filename: string;
  title?: string;
  /** The conversation it was shared in (`channel_id` at completion). */
  channel: string;
  initialComment?: string;
  bytes: Buffer;
}

/**
 * A local fake of the Slack Web API: records every call and answers what Bolt needs. It fails the
 * way Slack does: a call without the bot's token is `not_authed`, with another token
 * `invalid_auth`; a method over its configured rate answers HTTP 429 `ratelimited` with a
 * Retry-After header; a message over Slack's text or block limits is refused; files go through the
 * external upload flow (an upload URL on this server, the bytes posted there, then completion);
 * a file a person shared is described by files.info and downloaded from its private URL, both only
 * with the bot's token.
 */
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
  /** Methods whose answers wait (the call is recorded and takes effect at once) until `release`. */
  private readonly held = new Map<string, (() => void)[]>();
  /** What conversations.list answers: the workspace's channels, and whether the bot is in each. */
  channels: { id: string; name: string; is_member: boolean; is_archived?: boolean }[] = [];
  private server?: Server;
  private readonly conditions = new Waiters();
  private ts = 1_700_000_000;
  /** Messages posted, by `<channel>:<ts>`, with their text (chat.update changes it). */
  readonly posted = new Map<string, { text: string; updates: string[] }>();
  port = 0;

  /**
   * The bot token every call must carry as `Authorization: Bearer <token>` (or a `token` field).
   * Left unset, the first token a client calls with becomes it, so one run never mixes two.
   */
  token: string | undefined;
  /**
   * Per-method rate limits: at most `max` calls in `windowMs` (a minute by default, as Slack's
   * tiers); more answers 429 with Retry-After `retryAfterSec` (by default the wait until the
   * oldest call leaves the window, rounded up).
   */
  readonly rateLimits = new Map<string, { max: number; windowMs?: number; retryAfterSec?: number }>();
  /** Calls counted against each limit (a limit set anew starts with none). */
  private readonly hits = new WeakMap<object, number[]>();
  /** Calls refused: without a token or with a wrong one, and over a rate limit. */
  readonly stats = { unauthed: 0, ratelimited: 0 };
  /** Files completed through the external upload flow, oldest first. */
  readonly uploads: SlackUpload[] = [];
  /** Upload URLs handed out and not yet completed, by file id (bytes once posted). */
  private readonly pending = new Map<string, { filename: string; length: number; bytes?: Buffer }>();
  private nextFile = 1;
  /** Files people shared in a conversation (shareFile), by id: what files.info and downloads serve. */
  private readonly shared = new Map<
    string,
    { name: string; mimetype: string; user: string; bytes: Buffer }
  >();
  /** Every request for a shared file's bytes, and whether it carried the bot's token. */
  readonly downloads: { file: string; authorized: boolean }[] = [];
  /** Modals: views.open, views.update and views.push, and what a person does in a modal. */
  readonly views: SlackViews;

  /** `now` stamps each call and times rate windows: a test's controllable clock, or the real one. */
  constructor(
    private readonly now: () => number = Date.now,
    opts: { token?: string } = {},
  ) {
    this.token = opts.token;
    this.views = new SlackViews(now);
  }

  /** The base URL to pass as SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (d: Buffer) => chunks.push(d));
      req.on("end", async () => {
        const bytes = Buffer.concat(chunks);
        if (this.serveFile(req.url ?? "", req.headers.authorization, res)) return;
        const upload = /^\/upload\/(\w+)$/.exec((req.url ?? "").split("?")[0]!);
        if (upload) {
          // The upload URL is signed by Slack: it takes the bytes (raw or as one multipart file).
          const file = this.pending.get(upload[1]!);
          if (file) file.bytes = fileBytes(bytes, req.headers["content-type"]);
          res
            .writeHead(file ? 200 : 404, { "content-type": "text/plain" })
            .end(file ? `OK - ${bytes.length}` : "");
          this.conditions.notify();
          return;
        }
        const raw = bytes.toString("utf8");
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
        const authError = this.authError(req.headers.authorization, body.token);
        const retryAfter = authError ? undefined : this.overRate(method);
        const result = authError
          ? { ok: false, error: authError }
          : retryAfter !== undefined
            ? { ok: false, error: "ratelimited" }
            : this.answer(method, body);
        this.calls.push({ method, body, result, at: this.now() });
        this.conditions.notify();
        const waiting = this.held.get(method);
        if (waiting) await new Promise<void>((ok) => waiting.push(ok));
        res
          .writeHead(retryAfter !== undefined ? 429 : 200, {
            "content-type": "application/json",
            ...(retryAfter !== undefined ? { "retry-after": String(retryAfter) } : {}),
          })
          .end(JSON.stringify(result));
        this.conditions.notify();
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, "127.0.0.1", ok));
    this.port = (this.server!.address() as { port: number }).port;
  }

  /** From now on `method` answers only when `release(method)` is called (Slack slow to confirm). */
  hold(method: string): void {
    if (!this.held.has(method)) this.held.set(method, []);
  }

  /** Answers every held call of `method` and stops holding it. */
  release(method: string): void {
    for (const answer of this.held.get(method) ?? []) answer();
    this.held.delete(method);
  }

  async stop(): Promise<void> {
    for (const method of [...this.held.keys()]) this.release(method);
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

  /** Files completed in one conversation, oldest first. */
  uploadsTo(channel: string): SlackUpload[] {
    return this.uploads.filter((u) => u.channel === channel);
  }

  /**
   * A file a person shares (its bytes, name and type), as Slack keeps it once uploaded: its id,
   * which files.info answers and whose `url_private_download` serves the bytes.
   */
  shareFile(file: { bytes: Uint8Array; name: string; mimetype: string; user?: string }): string {
    const id = `F${String(this.nextFile++).padStart(8, "0")}`;
    this.shared.set(id, {
      name: file.name,
      mimetype: file.mimetype,
      user: file.user ?? "U0",
      bytes: Buffer.from(file.bytes),
    });
    return id;
  }

  /** Deletes a shared file, as its owner can: files.info then answers file_not_found. */
  deleteFile(id: string): void {
    this.shared.delete(id);
  }

  /** A shared file as Slack describes it, in a message event's `files` and in files.info. */
  fileObject(id: string): Record<string, unknown> {
    const f = this.shared.get(id);
    if (!f) throw new Error(`no shared file ${id}`);
    const path = `files-pri/T01-${id}`;
    const base = `http://127.0.0.1:${this.port}`;
    return {
      id,
      created: 1_700_000_000,
      name: f.name,
      title: f.name,
      mimetype: f.mimetype,
      filetype: f.name.split(".").pop() ?? "",
      user: f.user,
      mode: "hosted",
      is_external: false,
      size: f.bytes.length,
      url_private: `${base}/${path}/${encodeURIComponent(f.name)}`,
      url_private_download: `${base}/${path}/download/${encodeURIComponent(f.name)}`,
    };
  }

  /**
   * Serves a shared file's private URLs (true when `url` is one). With the bot's token it answers
   * the bytes; without it (or with another token) Slack does not answer 401 but redirects to the
   * workspace's sign-in page, which then answers 200 with HTML: a client that follows redirects
   * gets a login page instead of the file and must notice that itself.
   */
  private serveFile(url: string, authorization: string | undefined, res: ServerResponse): boolean {
    const path = url.split("?")[0]!;
    if (path === "/signin") {
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end("<!DOCTYPE html><title>Sign in</title>");
      return true;
    }
    const match = /^\/files-pri\/T01-(F\w+)\/(?:download\/)?[^/]+$/.exec(path);
    if (!match) return false;
    const file = this.shared.get(match[1]!);
    const authorized = this.token !== undefined && authorization === `Bearer ${this.token}`;
    this.downloads.push({ file: match[1]!, authorized });
    if (!authorized) {
      res.writeHead(302, { location: `/signin?redir=${encodeURIComponent(path)}` }).end();
    } else if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("File not found");
    } else {
      res
        .writeHead(200, { "content-type": file.mimetype, "content-length": String(file.bytes.length) })
        .end(file.bytes);
    }
    this.conditions.notify();
    return true;
  }

  /** Slack's error for a call's credentials (`not_authed`, `invalid_auth`), or undefined when right. */
  private authError(header: string | undefined, field: unknown): string | undefined {
    const token = /^Bearer (.+)$/.exec(header ?? "")?.[1] ?? (typeof field === "string" ? field : undefined);
    this.token ??= token;
    const error = !token ? "not_authed" : token !== this.token ? "invalid_auth" : undefined;
    if (error) this.stats.unauthed++;
    return error;
  }

  /** The Retry-After (seconds) when `method` is over its rate limit, counting this call if not. */
  private overRate(method: string): number | undefined {
    const limit = this.rateLimits.get(method);
    if (!limit) return undefined;
    const now = this.now();
    const windowMs = limit.windowMs ?? 60_000;
    const recent = (this.hits.get(limit) ?? []).filter((t) => now - t < windowMs);
    this.hits.set(limit, recent);
    if (recent.length < limit.max) {
      recent.push(now);
      return undefined;
    }
    this.stats.ratelimited++;
    return limit.retryAfterSec ?? Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
  }

  /** Slack's error for a message over its limits (text, blocks, sections, buttons), if any. */
  private messageError(body: Record<string, unknown>): string | undefined {
    const text = typeof body.text === "string" ? body.text : "";
    const blocks = Array.isArray(body.blocks) ? (body.blocks as Record<string, unknown>[]) : undefined;
    if (!text && !blocks?.length) return "no_text";
    if (text.length > SLACK_MAX_TEXT) return "msg_too_long";
    if (!blocks) return undefined;
    if (blocks.length > SLACK_MAX_BLOCKS) return "invalid_blocks";
    for (const b of blocks) {
      const t = (b.text as { text?: string } | undefined)?.text ?? "";
      if (b.type === "section" && (t.length === 0 || t.length > SLACK_MAX_SECTION)) return "invalid_blocks";
      const elements = (b.elements as { value?: string }[] | undefined) ?? [];
      if (b.type === "actions" && (elements.length === 0 || elements.length > 25)) return "invalid_blocks";
      if (elements.some((e) => (e.value?.length ?? 0) > 2_000)) return "invalid_blocks";
    }
    return undefined;
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    if (method === "chat.postMessage" || method === "chat.update" || method === "chat.postEphemeral") {
      const error = this.messageError(body);
      if (error) return { ok: false, error };
    }
    const view = this.views.answer(method, body);
    if (view) return view;
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
      case "views.publish": {
        const view = body.view as { type?: string; blocks?: Record<string, unknown>[] } | undefined;
        if (!body.user_id || view?.type !== "home") return { ok: false, error: "invalid_arguments" };
        return viewBlocksError(view.blocks ?? []) ? { ok: false, error: "invalid_blocks" } : { ok: true };
      }
      case "files.getUploadURLExternal": {
        const length = Number(body.length);
        if (!body.filename || !(length > 0)) return { ok: false, error: "invalid_arguments" };
        const id = `F${String(this.nextFile++).padStart(8, "0")}`;
        this.pending.set(id, { filename: String(body.filename), length });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const files = JSON.parse(String(body.files ?? "[]")) as { id: string; title?: string }[];
        if (files.length === 0) return { ok: false, error: "invalid_arguments" };
        // Slack completes only files whose bytes arrived at their upload URL.
        if (files.some((f) => !this.pending.get(f.id)?.bytes)) return { ok: false, error: "file_not_found" };
        const channel = String(body.channel_id ?? body.channels ?? "");
        // As Slack: a conversation id (C…, G…, D…), never a user id; a DM is opened first.
        if (body.channel_id !== undefined && !/^[CGDZ][A-Z0-9]+$/.test(channel))
          return { ok: false, error: "invalid_arguments" };
        for (const f of files) {
          const file = this.pending.get(f.id)!;
          this.pending.delete(f.id);
          this.uploads.push({
            id: f.id,
            filename: file.filename,
            ...(f.title ? { title: f.title } : {}),
            channel,
            ...(typeof body.initial_comment === "string" ? { initialComment: body.initial_comment } : {}),
            bytes: file.bytes!,
          });
        }
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? "" })) };
      }
      case "files.info": {
        // Only files shared where the bot can see them; any other id is not found.
        const id = String(body.file ?? "");
        return this.shared.has(id)
          ? { ok: true, file: this.fileObject(id) }
          : { ok: false, error: "file_not_found" };
      }
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

/**
 * Whether Slack refuses a view's blocks: more than 100, a header over 150 characters, an empty or
 * over-long section, an actions block with no or more than 25 elements, a button's text over 75 or
 * value over 2,000 characters, a block_id used twice in the view or an action_id twice in a block.
 */
function viewBlocksError(blocks: Record<string, unknown>[]): boolean {
  if (blocks.length > 100) return true;
  const blockIds = blocks.flatMap((b) => (typeof b.block_id === "string" ? [b.block_id] : []));
  if (new Set(blockIds).size < blockIds.length) return true;
  for (const b of blocks) {
    const t = (b.text as { text?: string } | undefined)?.text ?? "";
    if (b.type === "header" && (t.length === 0 || t.length > 150)) return true;
    if (b.type === "section" && (t.length === 0 || t.length > SLACK_MAX_SECTION)) return true;
    if (b.type !== "actions") continue;
    const elements = (b.elements as { action_id?: string; value?: string; text?: { text?: string } }[]) ?? [];
    if (elements.length === 0 || elements.length > 25) return true;
    // Action ids are unique within their block.
    if (new Set(elements.map((e) => e.action_id)).size < elements.length) return true;
    if (elements.some((e) => (e.text?.text?.length ?? 0) > 75 || (e.value?.length ?? 0) > 2_000)) return true;
  }
  return false;
}

/** The file in an upload: the body itself, or the one file part of a multipart body. */
function fileBytes(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=([^;]+)/.exec(contentType ?? "")?.[1];
  if (!contentType?.startsWith("multipart/") || !boundary) return body;
  const start = body.indexOf("\r\n\r\n", body.indexOf(`--${boundary}`)) + 4;
  return body.subarray(start, body.indexOf(`\r\n--${boundary}`, start));
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
