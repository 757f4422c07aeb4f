import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

/** How long a refused connection stays open after its 413, for the client to read it. */
const REFUSAL_GRACE_MS = 500;

/** The default largest request body Pandu reads: Telegram and Slack payloads are a few KB. */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Reads a request's body up to `limit` bytes, counting before any handler (Bolt, grammY) sees a
 * byte: an unauthenticated sender streaming gigabytes is cut off at the limit with 413 and the
 * connection closed, so memory never holds more than `limit` per request. Returns a request that
 * replays the body to the handler, or undefined when the request was refused (already answered).
 */
export async function limitBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<IncomingMessage | undefined> {
  const refuse = () => {
    res.writeHead(413, { "content-type": "text/plain" });
    // Closing a socket with unread bytes resets it, and a client still writing would lose the 413
    // with it. So the rest is read and thrown away (nothing kept) for a short grace, then the
    // connection is cut whatever is left.
    res.end("payload too large\n", () => {
      req.resume();
      setTimeout(() => req.socket.destroy(), REFUSAL_GRACE_MS).unref();
    });
  };
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    refuse();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const within = await new Promise<boolean>((done) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        chunks.length = 0;
        done(false);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => done(true));
    req.once("error", () => done(false));
    req.once("aborted", () => done(false));
  });
  if (!within) {
    chunks.length = 0;
    if (!res.headersSent && !req.socket.destroyed) refuse();
    else req.socket.destroy();
    return undefined;
  }
  return replay(req, Buffer.concat(chunks, size));
}

/**
 * A request whose body is `body`, read again from the start, with the original's method, URL,
 * headers and socket: handlers written for a live request read it the same way.
 */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = Readable.from(body.length > 0 ? [body] : []) as unknown as IncomingMessage;
  for (const key of [
    "method",
    "url",
    "headers",
    "rawHeaders",
    "httpVersion",
    "httpVersionMajor",
    "httpVersionMinor",
    "socket",
    "trailers",
    "rawTrailers",
  ] as const) {
    Object.defineProperty(copy, key, {
      value: req[key],
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  Object.defineProperty(copy, "connection", { value: req.socket, configurable: true });
  Object.defineProperty(copy, "complete", { value: true, configurable: true });
  return copy;
}
