import { createServer, type IncomingMessage, type Server } from "node:http";
import { Waiters } from "./waiters.js";

/** A message the bot sent (or edited), as the emulator recorded it. */
export interface SentMessage {
  message_id: number;
  chat_id: number;
  text: string;
  buttons: { text: string; callback_data: string; url?: string }[][];
  edits: number;
  /** Every text it showed, oldest first (the first as sent, then each edit). */
  history: string[];
  kind: "text" | "photo" | "document";
  /** The file_id a photo or document was sent by (absent for uploaded bytes and texts). */
  file?: string;
  /** An uploaded document's name and bytes as text (a CSV the bot sent, such as activation codes). */
  upload?: { filename: string; text: string };
  /** When the emulator accepted it (ms, performance clock). */
  at: number;
  /** Its Telegram date: when it was sent, in Unix seconds. */
  date: number;
}

interface Waiter {
  offset: number;
  resolve: (updates: unknown[]) => void;
  timer: NodeJS.Timeout;
}

/** The Bot API methods the emulator knows; any other answers 404 Not Found, as Telegram does. */
const KNOWN_METHODS = new Set([
  "getUpdates",
  "getMe",
  "getFile",
  "deleteWebhook",
  "setWebhook",
  "setMyCommands",
  "deleteMyCommands",
  "answerCallbackQuery",
  "sendChatAction",
  "sendMessage",
  "sendPhoto",
  "sendDocument",
  "editMessageText",
]);

/** Telegram refuses callback data longer than this many bytes (UTF-8). */
export const MAX_CALLBACK_BYTES = 64;

/**
 * A local Telegram Bot API: the methods Pandu uses, long-polled getUpdates, and a log of every
 * call. Tests push updates as a person would and read what the bot sent. It fails the way the Bot
 * API does: a wrong token in the path is 401, an unknown method 404, over-long texts, captions and
 * button data 400, and flood limits 429 with a `retry_after` that is not always 1.
 */
export class TelegramEmulator {
  /**
   * The bot token every call's path must carry (`/bot<token>/<method>`); anything else is 401
   * Unauthorized. Left unset, the first token the bot calls with becomes the token, so one run
   * can never mix two.
   */
  token: string | undefined;
  /**
   * The `retry_after` (seconds) a 429 carries, given how long (ms) until the send would have been
   * accepted. By default that wait rounded up (at least 1), as Telegram's varies with the flood.
   */
  retryAfter: (waitMs: number) => number = (waitMs) => Math.max(1, Math.ceil(waitMs / 1000));

  /** `token`: the bot's token (see `token`); tests pass the one their bot is configured with. */
  constructor(opts: { token?: string } = {}) {
    this.token = opts.token;
  }

  readonly calls: { method: string; body: Record<string, unknown> }[] = [];
  readonly messages = new Map<number, SentMessage>();
  /** Methods that answer 500 (to prove a failure there does not stop Pandu). */
  readonly failing = new Set<string>();
  /** Methods that answer with this Bot API error at once (a 400 is not retried, so it is logged at once). */
  readonly refusing = new Map<
    string,
    { code: number; description: string; parameters?: { retry_after?: number } }
  >();
  /** Bot API flood limits to enforce on sendMessage (429 with retry_after when exceeded). */
  limits?: { perSecond: number; perChatMs: number };
  /** Share of sendMessage calls that fail with a 500, at random. */
  flaky = 0;
  /** Chats whose person blocked the bot: sendMessage (and sendPhoto/sendDocument) answer 403. */
  readonly blocked = new Set<number>();
  /** File ids that sendPhoto/sendDocument refuse (400), like an expired or foreign file_id. */
  readonly rejectFiles = new Set<string>();
  /** Chats whose next sendMessage answers 500 once (a failure after a file already went). */
  readonly failNextText = new Set<number>();
  /** Chats whose next editMessageText is refused as Telegram refuses an edit it no longer allows. */
  readonly refuseNextEdit = new Set<number>();
  /** While set, editMessageText changes the message at once but holds its answer until `releaseEdits()`. */
  private heldEdits: (() => void)[] | undefined;
  /** Chats whose sendMessage never answers (a hung connection) until released. */
  readonly hanging = new Set<number>();
  /** Milliseconds every sendMessage takes before it answers (a slow Bot API). */
  sendDelayMs = 0;
  private hung: (() => void)[] = [];
  /** sendMessage calls refused with 429, 500 and 403, and accepted ones. */
  readonly stats = {
    throttled: 0,
    failed: 0,
    forbidden: 0,
    accepted: 0,
    unauthorized: 0,
    badButtons: 0,
    /** getUpdates calls answered, and the updates they carried. */
    polls: 0,
    polledUpdates: 0,
  };
  /** When each 429 was answered (performance clock), to see where pacing failed. */
  readonly throttledAt: number[] = [];
  private recentSends: number[] = [];
  private lastSendByChat = new Map<number, number>();
  /** The newest message per chat (kept for benchmarks, where scanning every message is too slow). */
  readonly lastByChat = new Map<number, SentMessage>();
  /** Benchmark hooks: an update handed to the bot, and a call the bot made. */
  readonly hooks: {
    delivered?: (updateId: number, at: number) => void;
    called?: (method: string, body: Record<string, unknown>, at: number) => void;
    /** A message the emulator accepted and recorded (sent, not edited). */
    recorded?: (message: SentMessage) => void;
    /** A send refused with 429: to which chat, and whether the overall or the per-chat limit. */
    throttled?: (chat: number, limit: "overall" | "chat", at: number) => void;
  } = {};
  /**
   * A slow Bot API: sendMessage records the message at once (Telegram has it) but answers only
   * after this many milliseconds, so sends stay on the wire (graceful shutdown tests).
   */
  answerDelayMs = 0;
  /** While set, sendMessage records the message but holds its answer until `releaseAnswers()`. */
  private held: (() => void)[] | undefined;
  /** Keep a log of every call (tests) or not (benchmarks, thousands of calls). */
  logCalls = true;
  private readonly handedOut = new Set<number>();
  private server?: Server;
  private updates: { update_id: number }[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private waiters: Waiter[] = [];
  private readonly conditions = new Waiters();
  port = 0;

  /** The base URL to pass as TELEGRAM_API_ROOT. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? "");
      if (file) {
        if (!this.authorised(decodeURIComponent(file[1]!))) {
          res.writeHead(401).end();
          return;
        }
        const bytes = this.files.get(decodeURIComponent(file[2]!));
        res.writeHead(bytes ? 200 : 404).end(bytes);
        return;
      }
      void this.route(req).then(
        (body) =>
          res
            .writeHead(body.ok ? 200 : (body.error_code as number), { "content-type": "application/json" })
            .end(JSON.stringify(body)),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((ok) => this.server!.listen(0, "127.0.0.1", ok));
    this.port = (this.server!.address() as { port: number }).port;
  }

  /** Lets every hung sendMessage fail (as a dropped connection would) and stops hanging. */
  releaseHung(): void {
    this.hanging.clear();
    for (const release of this.hung.splice(0)) release();
  }

  /** From now on sendMessage answers wait for `releaseAnswers()` (the message is recorded at once). */
  holdAnswers(): void {
    this.held ??= [];
  }

  /** Answers every held sendMessage and stops holding. */
  releaseAnswers(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const answer of held) answer();
  }

  /** From now on editMessageText answers wait for `releaseEdits()` (the message changes at once). */
  holdEdits(): void {
    this.heldEdits ??= [];
  }

  /** Answers every held edit and stops holding. */
  releaseEdits(): void {
    const held = this.heldEdits ?? [];
    this.heldEdits = undefined;
    for (const answer of held) answer();
  }

  /** The answer to a recorded send, once the emulated delay or hold allows it. */
  private async later<T>(value: T): Promise<T> {
    if (this.answerDelayMs > 0) await new Promise((r) => setTimeout(r, this.answerDelayMs));
    if (this.held) await new Promise<void>((r) => this.held!.push(r));
    return value;
  }

  async stop(): Promise<void> {
    this.releaseHung();
    this.releaseAnswers();
    this.releaseEdits();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve([]);
    }
    this.waiters = [];
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  /** The message id of the latest text a person typed (for `editText`). */
  lastTextId = 0;

  /** A person types a message in a private chat (or a group). Returns the update id. */
  sendText(
    userId: number,
    text: string,
    opts: { languageCode?: string; chatId?: number; group?: boolean; date?: Date } = {},
  ): number {
    const chatId = opts.chatId ?? userId;
    this.lastTextId = this.nextMessageId;
    return this.push({
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor((opts.date?.getTime() ?? Date.now()) / 1000),
        chat: opts.group
          ? { id: chatId, type: "group", title: "Grup" }
          : { id: chatId, type: "private", first_name: "ASN" },
        from: { id: userId, is_bot: false, first_name: "ASN", language_code: opts.languageCode ?? "id" },
        text,
        ...(text.startsWith("/")
          ? { entities: [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]!.length }] }
          : {}),
      },
    });
  }

  /** A person edits a text they sent in their private chat (`date` is when it was first sent). */
  editText(userId: number, messageId: number, text: string, opts: { date?: Date } = {}): number {
    return this.push({
      edited_message: {
        message_id: messageId,
        date: Math.floor((opts.date?.getTime() ?? Date.now()) / 1000),
        edit_date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: "private", first_name: "ASN" },
        from: { id: userId, is_bot: false, first_name: "ASN", language_code: "id" },
        text,
      },
    });
  }

  /** Files people uploaded, by file id (served by getFile and /file/bot…/<id>). */
  readonly files = new Map<string, Buffer>();

  /** A person sends a photo (as Telegram does: several sizes, largest last). */
  sendPhoto(userId: number, bytes: Buffer) {
    const id = `photo${this.nextMessageId}`;
    this.files.set(id, bytes);
    this.push({
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: "private", first_name: "ASN" },
        from: { id: userId, is_bot: false, first_name: "ASN", language_code: "id" },
        photo: [
          { file_id: `${id}s`, file_unique_id: `${id}s`, width: 90, height: 60, file_size: 900 },
          { file_id: id, file_unique_id: id, width: 1280, height: 853, file_size: bytes.length },
        ],
      },
    });
  }

  /** A person sends a document (a PDF certificate, a CSV import). */
  sendDocument(userId: number, name: string, mime: string, bytes: Buffer) {
    const id = `doc${this.nextMessageId}`;
    this.files.set(id, bytes);
    this.push({
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: "private", first_name: "ASN" },
        from: { id: userId, is_bot: false, first_name: "ASN", language_code: "id" },
        document: {
          file_id: id,
          file_unique_id: id,
          file_name: name,
          mime_type: mime,
          file_size: bytes.length,
        },
      },
    });
  }

  /** A person sends a sticker (`languageCode`: their app's language, as Telegram reports it). */
  sendSticker(userId: number, opts: { languageCode?: string } = {}) {
    this.push({
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: "private", first_name: "ASN" },
        from: {
          id: userId,
          is_bot: false,
          first_name: "ASN",
          ...(opts.languageCode ? { language_code: opts.languageCode } : {}),
        },
        sticker: {
          file_id: "s",
          file_unique_id: "s",
          type: "regular",
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
        },
      },
    });
  }

  /**
   * A person presses a button; `fromUserId` may differ from the chat owner (a forged press). The
   * message keeps the date it was sent with, unless `sentAt` says otherwise (a question left for
   * days). Returns the update id.
   */
  press(chatId: number, messageId: number, data: string, fromUserId = chatId, sentAt?: Date): number {
    const id = this.nextUpdateId;
    this.push({
      callback_query: {
        id: String(this.nextUpdateId),
        from: { id: fromUserId, is_bot: false, first_name: "ASN", language_code: "id" },
        chat_instance: "ci",
        data,
        message: {
          message_id: messageId,
          date: Math.floor(
            sentAt ? sentAt.getTime() / 1000 : (this.messages.get(messageId)?.date ?? Date.now() / 1000),
          ),
          chat: { id: chatId, type: "private", first_name: "ASN" },
          text: this.messages.get(messageId)?.text ?? "",
        },
      },
    });
    return id;
  }

  /** Delivers the same update again (Telegram may, after a timeout). */
  duplicateLast() {
    const last = this.updates.at(-1) ?? this.delivered.at(-1);
    if (last) this.enqueue({ ...last });
  }

  /** Messages in a chat, oldest first. */
  chat(chatId: number): SentMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.chat_id === chatId)
      .sort((a, b) => a.message_id - b.message_id);
  }

  /** The newest message in a chat. */
  last(chatId: number): SentMessage | undefined {
    return this.chat(chatId).at(-1);
  }

  /**
   * Does `action` (as the person), then waits for a message in `chat` that is newer than the
   * action and `matches`.
   */
  async nextMessage(
    chat: number,
    action: () => void,
    matches: (m: SentMessage) => boolean,
    ms: number,
    what: string,
  ): Promise<SentMessage> {
    const seen = this.chat(chat).length;
    action();
    return this.waitFor(() => this.chat(chat).slice(seen).find(matches), ms, what);
  }

  /** Waits until `check` holds (re-checked after every call the bot makes). */
  async waitFor<T>(check: () => T | undefined | false, ms = 10_000, what = "condition"): Promise<T> {
    return this.conditions.waitFor(
      check,
      ms,
      what,
      () => `last calls: ${JSON.stringify(this.calls.slice(-5))}`,
    );
  }

  /** Number of calls of a method so far. */
  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private delivered: { update_id: number }[] = [];

  private push(update: Record<string, unknown>): number {
    const id = this.nextUpdateId++;
    this.enqueue({ update_id: id, ...update });
    return id;
  }

  private enqueue(update: { update_id: number }) {
    this.updates.push(update);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      clearTimeout(w.timer);
      const ready = this.take(w.offset);
      this.stats.polledUpdates += ready.length;
      w.resolve(ready);
    }
  }

  private take(offset: number): unknown[] {
    this.delivered.push(...this.updates.filter((u) => u.update_id < offset));
    if (this.delivered.length > 1000) this.delivered.splice(0, this.delivered.length - 1000);
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    const batch = this.updates.slice(0, 100);
    const now = performance.now();
    for (const u of batch) {
      if (this.handedOut.has(u.update_id)) continue;
      this.handedOut.add(u.update_id);
      // Called after the current task, so whoever pushed the update has recorded it by then.
      queueMicrotask(() => this.hooks.delivered?.(u.update_id, now));
    }
    return batch;
  }

  private async route(req: IncomingMessage): Promise<Record<string, unknown>> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const method = m?.[2] ?? "";
    const raw = await new Promise<string>((ok) => {
      let data = "";
      req.setEncoding("utf8").on("data", (d: string) => {
        data += d;
      });
      req.on("end", () => ok(data));
    });
    const body: Record<string, unknown> =
      req.headers["content-type"]?.includes("json") && raw ? JSON.parse(raw) : {};
    if (method !== "getUpdates" && this.logCalls) this.calls.push({ method, body });
    if (method !== "getUpdates") this.hooks.called?.(method, body, performance.now());
    try {
      // As the Bot API: the token is checked before the method, and an unknown method is 404.
      if (!m || !this.authorised(decodeURIComponent(m[1]!))) {
        this.stats.unauthorized++;
        return { ok: false, error_code: 401, description: "Unauthorized" };
      }
      if (!KNOWN_METHODS.has(method)) return { ok: false, error_code: 404, description: "Not Found" };
      const badButton = tooLongButtonData(body.reply_markup ?? multipartField(raw, "reply_markup"));
      if (badButton !== undefined) {
        this.stats.badButtons++;
        return { ok: false, error_code: 400, description: "Bad Request: BUTTON_DATA_INVALID" };
      }
      if (this.failing.has(method)) {
        return { ok: false, error_code: 500, description: "Internal Server Error: emulated" };
      }
      const refusal = this.refusing.get(method);
      if (refusal)
        return {
          ok: false,
          error_code: refusal.code,
          description: refusal.description,
          ...(refusal.parameters ? { parameters: refusal.parameters } : {}),
        };
      return { ok: true, result: await this.answer(method, body, req, raw) };
    } catch (err) {
      if (err instanceof ApiRefusal) {
        return {
          ok: false,
          error_code: err.code,
          description: err.description,
          ...(err.parameters ? { parameters: err.parameters } : {}),
        };
      }
      throw err;
    } finally {
      if (method !== "getUpdates") this.conditions.notify();
    }
  }

  private answer(method: string, body: Record<string, unknown>, req: IncomingMessage, raw: string): unknown {
    switch (method) {
      case "getFile": {
        const id = String(body.file_id);
        if (!this.files.has(id)) return Promise.reject(new Error("no such file"));
        return { file_id: id, file_unique_id: id, file_size: this.files.get(id)!.length, file_path: id };
      }
      case "getMe":
        return { id: 999, is_bot: true, first_name: "Pandu", username: "PanduBot", can_join_groups: true };
      case "deleteWebhook":
      case "setWebhook":
      case "setMyCommands":
      case "deleteMyCommands":
      case "answerCallbackQuery":
      case "sendChatAction":
        return true;
      case "getUpdates": {
        const offset = Number(body.offset ?? 0);
        const ready = this.take(offset);
        this.stats.polledUpdates += ready.length;
        const timeout = Math.min(Number(body.timeout ?? 0), 2);
        this.stats.polls++;
        if (ready.length > 0 || timeout === 0) return ready;
        return new Promise((resolve) => {
          const w: Waiter = {
            offset,
            resolve,
            timer: setTimeout(() => {
              this.waiters = this.waiters.filter((x) => x !== w);
              resolve([]);
            }, timeout * 1000),
          };
          this.waiters.push(w);
          req.once("close", () => {
            clearTimeout(w.timer);
            this.waiters = this.waiters.filter((x) => x !== w);
          });
        });
      }
      case "sendMessage": {
        const chat = Number(body.chat_id);
        if (this.hanging.has(chat)) {
          return new Promise((_, fail) =>
            this.hung.push(() => fail(new ApiRefusal(502, "Bad Gateway: emulated hang"))),
          );
        }
        if (this.sendDelayMs > 0 && !body.delayed) {
          return new Promise((ok) => setTimeout(ok, this.sendDelayMs)).then(() =>
            this.answer(method, { ...body, delayed: true }, req, raw),
          );
        }
        if (this.failNextText.delete(chat)) {
          return Promise.reject(new ApiRefusal(500, "Internal Server Error: emulated"));
        }
        // Telegram refuses, never truncates: Pandu must split what is too long.
        const text = String(body.text ?? "");
        if (text.length === 0)
          return Promise.reject(new ApiRefusal(400, "Bad Request: message text is empty"));
        if (text.length > 4096)
          return Promise.reject(new ApiRefusal(400, "Bad Request: message is too long"));
        const refusal = this.refuse(chat);
        if (refusal) return Promise.reject(refusal);
        return this.later(this.record(chat, text, body.reply_markup, "text"));
      }
      case "sendPhoto":
      case "sendDocument": {
        // Uploaded bytes come as multipart; a file sent again by its file_id comes as JSON.
        const chat = /name="chat_id"\r\n\r\n(-?\d+)/.exec(raw)?.[1] ?? String(body.chat_id);
        const caption =
          /name="caption"\r\n\r\n([^\r]*)/.exec(raw)?.[1] ?? (body.caption as string | undefined) ?? "";
        const kind = method === "sendPhoto" ? "photo" : "document";
        if (caption.length > 1024)
          return Promise.reject(new ApiRefusal(400, "Bad Request: message caption is too long"));
        const refusal = this.refuse(Number(chat));
        if (refusal) return Promise.reject(refusal);
        const fileId = body[kind];
        if (typeof fileId === "string" && this.rejectFiles.has(fileId)) {
          return Promise.reject(new ApiRefusal(400, "Bad Request: wrong file identifier/HTTP URL specified"));
        }
        const sent = this.record(
          Number(chat),
          caption,
          body.reply_markup,
          kind,
          typeof fileId === "string" ? fileId : undefined,
        );
        const part = /filename="?([^"\r;]*)"?(?:\r\n[^\r]*)*?\r\n\r\n([\s\S]*?)\r\n--/.exec(raw);
        const stored = this.messages.get(sent.message_id);
        if (part && stored) stored.upload = { filename: part[1]!, text: part[2]! };
        return sent;
      }
      case "editMessageText": {
        const msg = this.messages.get(Number(body.message_id));
        // As Telegram: a message is found only in its own chat, so no chat edits another's.
        if (!msg || msg.chat_id !== Number(body.chat_id))
          return Promise.reject(new ApiRefusal(400, "Bad Request: message to edit not found"));
        if (this.refuseNextEdit.delete(msg.chat_id))
          return Promise.reject(new ApiRefusal(400, "Bad Request: message can't be edited"));
        if (String(body.text ?? "").length > 4096)
          return Promise.reject(new ApiRefusal(400, "Bad Request: MESSAGE_TOO_LONG"));
        const buttons = buttonsOf(body.reply_markup);
        if (String(body.text) === msg.text && JSON.stringify(buttons) === JSON.stringify(msg.buttons))
          return Promise.reject(
            new ApiRefusal(
              400,
              "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
            ),
          );
        msg.text = String(body.text);
        msg.buttons = buttons;
        msg.history.push(msg.text);
        msg.edits++;
        const edited = {
          message_id: msg.message_id,
          chat: { id: msg.chat_id, type: "private" },
          date: msg.date,
          text: msg.text,
        };
        return this.heldEdits ? new Promise((ok) => this.heldEdits!.push(() => ok(edited))) : edited;
      }
      default:
        return Promise.reject(new ApiRefusal(404, "Not Found"));
    }
  }

  /** Whether `token` is the bot's (the first one seen becomes it when none was given). */
  private authorised(token: string): boolean {
    this.token ??= token;
    return token === this.token;
  }

  /** Applies the emulated limits and failures to one sendMessage; an error to answer with, or undefined. */
  private refuse(chat: number): ApiRefusal | undefined {
    if (this.blocked.has(chat)) {
      this.stats.forbidden++;
      return new ApiRefusal(403, "Forbidden: bot was blocked by the user");
    }
    if (this.flaky > 0 && Math.random() < this.flaky) {
      this.stats.failed++;
      return new ApiRefusal(500, "Internal Server Error: emulated");
    }
    const now = performance.now();
    if (this.limits) {
      this.recentSends = this.recentSends.filter((t) => now - t < 1000);
      const last = this.lastSendByChat.get(chat);
      const overall =
        this.recentSends.length >= this.limits.perSecond ? 1000 - (now - this.recentSends[0]!) : 0;
      const perChat = last !== undefined ? this.limits.perChatMs - (now - last) : 0;
      if (overall > 0 || perChat > 0) {
        this.stats.throttled++;
        this.throttledAt.push(now);
        this.hooks.throttled?.(chat, overall > 0 ? "overall" : "chat", now);
        const retryAfter = this.retryAfter(Math.max(overall, perChat));
        return new ApiRefusal(429, `Too Many Requests: retry after ${retryAfter}`, {
          retry_after: retryAfter,
        });
      }
      this.recentSends.push(now);
      this.lastSendByChat.set(chat, now);
    }
    this.stats.accepted++;
    return undefined;
  }

  /** The most sendMessage calls accepted within any `windowMs` (sliding). */
  maxInWindow(windowMs = 1000): number {
    const times = [...this.messages.values()]
      .filter((m) => m.kind === "text")
      .map((m) => m.at)
      .sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while (times[end]! - times[start]! >= windowMs) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  private record(chatId: number, text: string, markup: unknown, kind: SentMessage["kind"], file?: string) {
    const msg: SentMessage = {
      message_id: this.nextMessageId++,
      chat_id: chatId,
      text,
      buttons: buttonsOf(markup),
      edits: 0,
      history: [text],
      kind,
      ...(file ? { file } : {}),
      at: performance.now(),
      date: Math.floor(Date.now() / 1000),
    };
    this.messages.set(msg.message_id, msg);
    this.lastByChat.set(chatId, msg);
    this.hooks.recorded?.(msg);
    return {
      message_id: msg.message_id,
      chat: { id: chatId, type: "private" },
      date: Math.floor(Date.now() / 1000),
      text,
    };
  }
}

function buttonsOf(markup: unknown): SentMessage["buttons"] {
  const rows = (
    markup as { inline_keyboard?: { text: string; callback_data: string; url?: string }[][] } | undefined
  )?.inline_keyboard;
  return (
    rows?.map((r) =>
      r.map((b) => ({ text: b.text, callback_data: b.callback_data, ...(b.url ? { url: b.url } : {}) })),
    ) ?? []
  );
}

/** A multipart field's value (sendPhoto/sendDocument with uploaded bytes send their options so). */
function multipartField(raw: string, name: string): string | undefined {
  return new RegExp(`name="${name}"\r\n\r\n([^\r]*)`).exec(raw)?.[1];
}

/** The first button's callback data that Telegram would refuse (empty or over 64 bytes), if any. */
function tooLongButtonData(markup: unknown): string | undefined {
  const parsed = typeof markup === "string" ? (JSON.parse(markup) as unknown) : markup;
  const rows = (parsed as { inline_keyboard?: { callback_data?: string; url?: string }[][] } | undefined)
    ?.inline_keyboard;
  for (const b of rows?.flat() ?? []) {
    if (b.url !== undefined) continue;
    const data = b.callback_data ?? "";
    if (data.length === 0 || Buffer.byteLength(data, "utf8") > MAX_CALLBACK_BYTES) return data;
  }
  return undefined;
}

/** An error the emulated Bot API answers with (status, description, parameters). */
class ApiRefusal extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
  }
}

/** Whether `text` contains `expected`, or matches it when it is a pattern. */
export function textFits(text: string, expected: string | RegExp): boolean {
  return typeof expected === "string" ? text.includes(expected) : expected.test(text);
}
