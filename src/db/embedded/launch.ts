import { type ChildProcessByStdio, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

/** Storage behind the embedded FerretDB. */
export type EmbeddedStorage =
  | {
      handler: "sqlite";
      dataDir: string;
      /** False only for a database thrown away afterwards: commits are then not synced to disk. */
      durable?: boolean;
    }
  | { handler: "postgresql"; url: string };

/** A running embedded server; `stop()` closes its stdin and waits for it to exit. */
export interface EmbeddedDb {
  uri: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the wrapper and resolves once it accepts connections: on a Unix socket in a private
 * folder of its own, or on `listen` (a loopback host:port) when given.
 */
export async function startEmbeddedDb(
  binary: string,
  storage: EmbeddedStorage,
  opts: { timeoutMs?: number; logLevel?: string; listen?: string } = {},
): Promise<EmbeddedDb> {
  // A socket rather than loopback TCP: each command costs both processes less CPU (about a fifth
  // less wall time per lookup, measured), and only this machine's user can reach the database.
  // Under the system's temporary folder, because a socket path must stay short (108 bytes).
  const socketDir = opts.listen ? undefined : await mkdtemp(join(tmpdir(), "pandu-db-"));
  const args = [
    socketDir ? `-listen-unix=${join(socketDir, "db.sock")}` : `-listen=${opts.listen}`,
    `-log-level=${opts.logLevel ?? "error"}`,
  ];
  const env = { ...process.env };
  if (storage.handler === "sqlite") {
    args.push("-handler=sqlite", `-data-dir=${storage.dataDir}`);
    if (storage.durable === false) args.push("-sqlite-synchronous=off");
  } else {
    // Passed through the environment so the URL (with its password) never shows in `ps`.
    args.push("-handler=postgresql");
    env.FERRETDB_POSTGRESQL_URL = storage.url;
  }
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(binary, args, {
    stdio: ["pipe", "pipe", "pipe"],
    env,
  });
  // The wrapper exits when this pipe closes; keep it open but never let it hold our event loop.
  child.stdin.on("error", () => {});
  const stderrTail: string[] = [];
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderrTail.push(chunk);
    if (stderrTail.length > 20) stderrTail.shift();
  });

  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  // The wrapper removes its socket folder itself; this covers a wrapper that was killed.
  if (socketDir) void exited.then(() => rm(socketDir, { recursive: true, force: true }).catch(() => {}));
  const uri = await new Promise<string>((resolveUri, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`embedded database did not start within ${opts.timeoutMs ?? 30_000} ms`));
    }, opts.timeoutMs ?? 30_000);
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const m = /^ready (mongodb:\/\/\S+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolveUri(m[1]!);
      }
    });
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`embedded database exited (${code}): ${stderrTail.join("").trim().slice(-500)}`));
    });
  });
  child.stdout.resume();
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void }).unref?.();
  }

  return {
    uri,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
