import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FLOWS_DIR, REPO_ROOT } from "../../../src/paths.js";
import { LAUNCHER } from "../../support/app-process.js";

/** Runs `npm run flows:check` the way npm does, on `dir` when given. */
function flowsCheck(dir?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [LAUNCHER, "src/cli/flows-check.ts", ...(dir ? [dir] : [])], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

describe("npm run flows:check", () => {
  const copy = mkdtempSync(join(tmpdir(), "pandu-flows-"));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("passes the flows shipped in flows/", async () => {
    const { code, stdout, stderr } = await flowsCheck();
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("ok  asesmen v1");
  });

  it("fails on a flow that calls a service no feature provides, naming file and step", async () => {
    cpSync(FLOWS_DIR, copy, { recursive: true });
    const file = join(copy, "asesmen.yaml");
    const source = readFileSync(file, "utf8");
    expect(source).toContain("service: assessment.pick\n");
    writeFileSync(file, source.replace("service: assessment.pick\n", "service: assessment.pik\n"));

    const { code, stdout, stderr } = await flowsCheck(copy);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain('asesmen.yaml: steps[4].service: step "pick" calls service "assessment.pik"');
  });
});
