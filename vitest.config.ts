import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/setup/slow-first-sequencer.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/global-setup.ts"],
    // Per-message queries are held to the storage rules in every file (the Storage rules in the README).
    setupFiles: ["test/setup/storage-rules.ts"],
    // Integration files each use their own database, so they run in parallel. Vitest's default
    // (one worker per core, less one) gives this 2-core machine a single worker, which left a
    // core idle while a file waits on the database, an app process or a rate limit. With three,
    // the cores were still idle a fifth of the time; four keep them busy (measured: 219 s against
    // 258 to 281 s for three, and 255 s beside an extra CPU-bound process).
    pool: "forks",
    // Files in one worker share its loaded modules instead of each importing the app afresh (about
    // 1.5 s of CPU per file, over a third of the suite). Each file still has its own database, and
    // nothing in the tests mocks modules or leaves fake timers or globals behind.
    isolate: false,
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || 4,
    sequence: { sequencer: SlowFirstSequencer },
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
