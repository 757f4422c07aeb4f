import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** A route handler; returns false when it does not handle the request. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface HttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Whether the process can serve now, and if not, why (a short word for the load balancer's log). */
export type Readiness = () => Promise<{ ready: true } | { ready: false; reason: string }>;

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: it can do its work). */
export function healthRoutes(readiness: Readiness): Route {
  return async (req, res) => {
    const path = req.url?.split("?")[0];
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      return true;
    }
    if (path === "/readyz") {
      const r = await readiness();
      res
        .writeHead(r.ready ? 200 : 503, { "content-type": "text/plain" })
        .end(r.ready ? "ready\n" : `${r.reason}\n`);
      return true;
    }
    return false;
  };
}

/** Starts one HTTP server for every route; unknown paths get 404. */
export async function startHttpServer(port: number, routes: Route[]): Promise<HttpServer> {
  const server = createServer(async (req, res) => {
    try {
      for (const route of routes) if (await route(req, res)) return;
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, ok);
  });
  const address = server.address();
  return {
    server,
    port: typeof address === "object" && address ? address.port : port,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
