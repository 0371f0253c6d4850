import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Migrates the template SQLite database once per run; each test copies it.
    globalSetup: ["test/support/global-setup.ts"],
    // Store and server tests each open their own SQLite file; two workers fit the 2-core CI machine.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
