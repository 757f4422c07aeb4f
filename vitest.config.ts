import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/global-setup.ts"],
    // Per-message queries are held to the storage rules in every file (the Storage rules in the README).
    setupFiles: ["test/setup/storage-rules.ts"],
    // Integration files each use their own database, so they run in parallel; two cores here.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
