import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { DEFAULT_BODY_LIMIT_BYTES, limitBody } from "./body-limit.js";

/** A route handler; returns false when it does not handle the request. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface HttpServer {
  server: Server;
  port: number;
  /**
   * Stops accepting connections and resolves once the open requests ended; requests still open
   * after `graceMs` are cut off (a webhook delivery Telegram or Slack will simply send again).
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * `/healthz`: the process is alive and serving HTTP. `/readyz`: 200 when `problems()` finds none,
 * else 503, so a load balancer sends traffic elsewhere. With `details`, the 503 names each problem
 * on a line (the internal port); without, it says only "not ready" (the public port, where anyone
 * could read which dependency is down).
 */
export function healthRoutes(problems: () => Promise<string[]>, opts: { details: boolean }): Route {
  return async (req, res) => {
    const path = req.url?.split("?")[0];
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      return true;
    }
    if (path === "/readyz") {
      const found = await problems();
      const body = found.length === 0 ? "ready" : opts.details ? found.join("\n") : "not ready";
      res.writeHead(found.length === 0 ? 200 : 503, { "content-type": "text/plain" }).end(`${body}\n`);
      return true;
    }
    return false;
  };
}

/**
 * Starts one HTTP server for every route; unknown paths get 404. A request with a body is read up
 * to `bodyLimitBytes` before any route runs (413 and the connection closed beyond it).
 */
export async function startHttpServer(
  port: number,
  routes: Route[],
  opts: { bodyLimitBytes?: number; host?: string } = {},
): Promise<HttpServer> {
  const limit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const server = createServer(async (incoming, res) => {
    try {
      // Every method: a GET may carry a body too, and nothing unread should sit in memory.
      const req = await limitBody(incoming, res, limit);
      if (!req) return;
      for (const route of routes) if (await route(req, res)) return;
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    if (opts.host) server.listen(port, opts.host, ok);
    else server.listen(port, ok);
  });
  const address = server.address();
  return {
    server,
    port: typeof address === "object" && address ? address.port : port,
    close: (graceMs = 10_000) =>
      new Promise<void>((ok) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(timer);
          ok();
        });
        // Keep-alive connections with no request in progress would hold close() up for nothing.
        server.closeIdleConnections();
      }),
  };
}
