import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { resolve } from "node:path";
import { REPO_ROOT } from "../../src/paths.js";

/** How `npm start` and the other scripts run an entry point of src/ (compiled, not through tsx). */
export const LAUNCHER = resolve(REPO_ROOT, "src/launch/run.mjs");

/** A real Pandu process (`src/main.ts` as `npm start` runs it), with its output collected. */
export interface AppProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stderr matches, rejects if the process exits first or `ms` pass. */
  waitForStderr(pattern: RegExp, ms?: number): Promise<void>;
  /** Resolves with the exit code; kills the process if it is still running after `ms`. */
  exited(ms?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; killedByTest: boolean }>;
}

/**
 * Starts the app with exactly the given environment (plus PATH and HOME), from a working
 * directory without a `.env`, so a developer's own settings never leak into a test.
 */
export function startApp(env: Record<string, string>, cwd: string): AppProcess {
  const child = spawn(process.execPath, [LAUNCHER, "src/main.ts"], {
    cwd,
    // A free internal port unless a test names one: many app processes run side by side.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", METRICS_PORT: "0", ...env },
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    out += d;
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    err += d;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once("exit", (code, signal) => done({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForStderr(pattern, ms = 120_000) {
      return new Promise((ok, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`timed out waiting for ${pattern}; stderr:\n${err}`)),
          ms,
        );
        const check = () => {
          if (pattern.test(err)) {
            clearTimeout(timer);
            child.stderr.off("data", check);
            ok();
          }
        };
        child.stderr.on("data", check);
        void exit.then(({ code }) => {
          clearTimeout(timer);
          if (!pattern.test(err)) fail(new Error(`exited (${code}) before ${pattern}; stderr:\n${err}`));
        });
        check();
      });
    },
    async exited(ms = 60_000) {
      let killedByTest = false;
      const timer = setTimeout(() => {
        killedByTest = true;
        child.kill("SIGKILL");
      }, ms);
      const result = await exit;
      clearTimeout(timer);
      return { ...result, killedByTest };
    },
  };
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until the pid is gone; false if it is still there after `ms`. */
export async function waitUntilGone(pid: number, ms = 15_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/** Starts the app and waits until it serves HTTP; returns the process and its base URL. */
export async function startServingApp(
  env: Record<string, string>,
  cwd: string,
): Promise<{ app: AppProcess; base: string }> {
  const app = startApp({ PORT: "0", ...env }, cwd);
  await app.waitForStderr(/localhost:\d+\/healthz/);
  return { app, base: `http://127.0.0.1:${/localhost:(\d+)\/healthz/.exec(app.stderr())![1]}` };
}

/** The base URL of a started app's internal server (/metrics, detailed /readyz), from its start-up notice. */
export function internalBase(app: AppProcess): string {
  const m = /http:\/\/([0-9.]+):(\d+)\/metrics/.exec(app.stderr());
  if (!m) throw new Error("the app has not said where its metrics are");
  return `http://${m[1]}:${m[2]}`;
}

/** Stops an app with SIGTERM and waits for it. */
export async function stopApp(app: AppProcess | undefined): Promise<void> {
  if (!app) return;
  app.child.kill("SIGTERM");
  await app.exited();
}
