import { createServer } from "node:net";

/** A loopback port that was free a moment ago (nobody listens on it once this resolves). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}
