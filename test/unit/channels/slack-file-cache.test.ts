import { describe, expect, it } from "vitest";
import { createFileCache, type FileRef } from "../../../src/channels/slack/file-cache.js";

// The Slack sender's cache of broadcast files: one read however many recipients, bounded memory.

/** A cache over a fake reader that counts its reads; `missing` ids fail as a deleted file does. */
function setup(opts: { maxFiles?: number; maxBytes?: number } = {}) {
  let t = 0;
  const reads: string[] = [];
  const cache = createFileCache({
    now: () => t,
    ttlMs: 1_000,
    failedTtlMs: 100,
    ...opts,
    read: async (f: FileRef) => {
      reads.push(f.fileId);
      if (f.fileId.startsWith("gone")) throw new Error("file_not_found");
      return new Uint8Array(Number(f.fileId.split("-")[1] ?? 1));
    },
  });
  return { cache, reads, advance: (ms: number) => (t += ms) };
}
const slack = (fileId: string): FileRef => ({ channel: "slack", fileId });

describe("the Slack sender's file cache", () => {
  it("reads a file once for overlapping and later sends, and again once it has expired", async () => {
    const { cache, reads, advance } = setup();
    await Promise.all([cache.get(slack("F-3")), cache.get(slack("F-3")), cache.get(slack("F-3"))]);
    advance(999);
    expect((await cache.get(slack("F-3"))).length).toBe(3);
    // The same id on another platform is another file.
    await cache.get({ channel: "telegram", fileId: "F-3" });
    expect(reads).toEqual(["F-3", "F-3"]);
    advance(1_000);
    await cache.get(slack("F-3"));
    expect(reads).toEqual(["F-3", "F-3", "F-3"]);
  });

  it("remembers a failed read briefly, so a deleted file is asked about once per while", async () => {
    const { cache, reads, advance } = setup();
    await expect(cache.get(slack("gone"))).rejects.toThrow("file_not_found");
    await expect(cache.get(slack("gone"))).rejects.toThrow("file_not_found");
    advance(100);
    await expect(cache.get(slack("gone"))).rejects.toThrow("file_not_found");
    expect(reads).toEqual(["gone", "gone"]);
  });

  it("keeps at most maxFiles files and maxBytes bytes, dropping the least recently used", async () => {
    const { cache, reads } = setup({ maxFiles: 2, maxBytes: 10 });
    await cache.get(slack("A-4"));
    await cache.get(slack("B-4"));
    await cache.get(slack("A-4"));
    // 12 bytes: B, the least recently used, goes.
    await cache.get(slack("C-4"));
    expect(cache.size()).toBe(2);
    await cache.get(slack("A-4"));
    await cache.get(slack("B-4"));
    expect(reads).toEqual(["A-4", "B-4", "C-4", "B-4"]);
    // A file larger than the whole budget is not kept at all.
    await cache.get(slack("D-11"));
    expect(cache.size()).toBe(0);
  });
});
