import { LogLevel, webApi } from "@slack/bolt";
import { z } from "zod";
import type { Inbound } from "../../engine/types.js";

/** The largest file Pandu reads from Slack: Telegram's limit too, and the 5 MB the import names. */
export const SLACK_FILE_MAX_BYTES = 5_000_000;

/** Slack's file ids: F and upper-case letters and digits. Anything else never reaches the Web API. */
const FILE_ID = /^F[A-Z0-9]{2,30}$/;

/** Slack shows at most 10 files on one message; more in an event is no message Slack sent. */
const MAX_FILES = 10;

/**
 * A file as a message event carries it, checked before anything of it is used: the id is only
 * ever passed back to Slack's own API, with Pandu's token, and the rest only describes it.
 */
const eventFile = z.object({
  id: z.string().regex(FILE_ID),
  name: z.string().min(1).max(255).optional(),
  mimetype: z.string().max(200).optional(),
  size: z.number().int().nonnegative().optional(),
  mode: z.string().max(40).optional(),
  is_external: z.boolean().optional(),
});

/**
 * Files Slack keeps no bytes of that Pandu could read: a link to another service (Google Drive…),
 * a deleted file, one hidden by a free workspace's limit.
 */
const UNREADABLE_MODES = new Set(["external", "tombstone", "hidden_by_limit"]);

/** Images a person sends as a photo (a certificate photographed); other files are documents. */
const PHOTO_MIMES = new Set(["image/jpeg", "image/png", "image/webp"]);

/**
 * What a direct message with files says to Pandu, one inbound a file in the order shown, as
 * Telegram sends each file of an album as a message of its own. The message's text is not read
 * (as a Telegram caption is not): the file is the answer. A file that fails the check, or whose
 * bytes Slack does not hold, is a document Pandu cannot read.
 */
export function slackInboundFiles(files: unknown): Inbound[] {
  const list = Array.isArray(files) ? files : [];
  if (list.length === 0 || list.length > MAX_FILES) return [{ kind: "unsupported", what: "document" }];
  return list.map((raw): Inbound => {
    const parsed = eventFile.safeParse(raw);
    if (!parsed.success) return { kind: "unsupported", what: "document" };
    const f = parsed.data;
    if (f.is_external || UNREADABLE_MODES.has(f.mode ?? "")) return { kind: "unsupported", what: "document" };
    const mime = f.mimetype || "application/octet-stream";
    return {
      kind: "file",
      file: {
        kind: PHOTO_MIMES.has(mime) ? "photo" : "document",
        channel: "slack",
        fileId: f.id,
        mime,
        ...(f.name ? { name: f.name } : {}),
        ...(f.size !== undefined ? { size: f.size } : {}),
      },
    };
  });
}

/** What files.info says of a file, as far as reading it goes. */
const fileInfo = z.object({
  file: z.object({
    id: z.string(),
    size: z.number().int().nonnegative().optional(),
    url_private_download: z.url().optional(),
  }),
});

/** Where Pandu sends its token to fetch a file: Slack's API host, and Slack's file host. */
function fileOrigins(apiUrl: string): Set<string> {
  return new Set([new URL(apiUrl).origin, "https://files.slack.com"]);
}

/**
 * Reads a file a person shared with Pandu on Slack: files.info (by the id, with the bot token)
 * says its size and where to download it; a file over `maxBytes` is refused before any byte is
 * fetched, and the download (with `Authorization: Bearer`) stops as soon as it passes the limit.
 * The token goes only to Slack's own hosts, and a redirect is refused rather than followed: Slack
 * redirects to its sign-in page when a download is not authorised, whose HTML is no file.
 */
export function slackFileReader(opts: { botToken: string; apiUrl: string; maxBytes?: number }) {
  const maxBytes = opts.maxBytes ?? SLACK_FILE_MAX_BYTES;
  const origins = fileOrigins(opts.apiUrl);
  // Few retries: a person waits for the answer, and the import says when a file could not be read.
  const client = new webApi.WebClient(opts.botToken, {
    slackApiUrl: opts.apiUrl,
    logLevel: LogLevel.WARN,
    retryConfig: { retries: 2, maxRetryTime: 10_000 },
  });
  return async (fileId: string): Promise<Uint8Array> => {
    if (!FILE_ID.test(fileId)) throw new Error("not a Slack file id");
    const info = fileInfo.parse(await client.files.info({ file: fileId }));
    const { size, url_private_download: url } = info.file;
    if (info.file.id !== fileId) throw new Error("files.info answered another file");
    if ((size ?? 0) > maxBytes) throw new Error(`file larger than ${maxBytes} bytes`);
    if (!url || !origins.has(new URL(url).origin))
      throw new Error("Slack gave no download address of its own");
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${opts.botToken}` },
      redirect: "manual",
      signal: AbortSignal.timeout(60_000),
    });
    if (res.status !== 200 || !res.body) {
      await res.body?.cancel();
      throw new Error(`file download failed: HTTP ${res.status}`);
    }
    if (Number(res.headers.get("content-length") ?? 0) > maxBytes) {
      await res.body.cancel();
      throw new Error(`file larger than ${maxBytes} bytes`);
    }
    return readAtMost(res.body, maxBytes);
  };
}

/** The whole body, or an error as soon as it passes `maxBytes` (the rest is not read). */
async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      throw new Error(`file larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
