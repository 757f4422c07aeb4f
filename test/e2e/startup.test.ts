import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, waitUntilGone } from "../support/app-process.js";
import { unusedPort } from "../support/ports.js";

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "pandu-start-"));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync("pgrep", ["-P", String(pid), "-f", "pandu-ferretdb"], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map(Number);
  } catch {
    return [];
  }
};

describe("npm start", () => {
  it("comes up with no configuration on the embedded database, names the channel variables, and leaves no database behind after SIGKILL", async () => {
    const app = startApp({ DATA_DIR: join(cwd, "data"), PORT: "0" }, cwd);
    await app.waitForStderr(/\/healthz/);
    const err = app.stderr();
    expect(err).toContain(join(cwd, "data", "ferretdb"));
    expect(err).toContain("TELEGRAM_BOT_TOKEN");
    expect(err).toContain("SLACK_BOT_TOKEN");
    expect(err).toContain("SLACK_SIGNING_SECRET");

    const dbPids = childrenOf(app.child.pid!);
    expect(dbPids).toHaveLength(1);
    app.child.kill("SIGKILL");
    await app.exited();
    expect(await waitUntilGone(dbPids[0]!)).toBe(true);
  });

  it("shuts down cleanly on SIGTERM and stops the database", async () => {
    const app = startApp({ DATA_DIR: join(cwd, "data2"), PORT: "0" }, cwd);
    await app.waitForStderr(/\/healthz/);
    const dbPids = childrenOf(app.child.pid!);
    app.child.kill("SIGTERM");
    expect((await app.exited()).code).toBe(0);
    expect(await waitUntilGone(dbPids[0]!)).toBe(true);
  });

  const failures: [string, () => Promise<Record<string, string>>, RegExp][] = [
    ["a malformed MONGODB_URI", async () => ({ MONGODB_URI: "localhost:27017/pandu" }), /MONGODB_URI/],
    ["a malformed ADMIN_IDS", async () => ({ ADMIN_IDS: "telegram:12,budi" }), /ADMIN_IDS/],
    [
      "an unreachable database",
      async () => ({ MONGODB_URI: `mongodb://127.0.0.1:${await unusedPort()}/pandu` }),
      /127\.0\.0\.1/,
    ],
  ];
  for (const [what, env, mention] of failures) {
    it(`stops with one clear line and a non-zero exit on ${what}, within 15 seconds`, async () => {
      const app = startApp({ ...(await env()), DATA_DIR: join(cwd, "data3"), PORT: "0" }, cwd);
      const result = await app.exited(15_000);
      expect(result.killedByTest).toBe(false);
      expect(result.code).not.toBe(0);
      const lines = app.stderr().trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(mention);
      expect(lines[0]).not.toMatch(/\s+at .+:\d+:\d+/);
    });
  }
});
