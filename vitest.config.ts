import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Migrates the template SQLite database once per run; each test copies it.
    globalSetup: ["test/support/global-setup.ts"],
    // Store and server tests each open their own SQLite file; two workers fit the 2-core CI machine.
    pool: "forks",
    maxWorkers: 2,
    // Ceilings for a loaded 2-core machine (a passing test never waits for them); process-level
    // tests (npm start, Chromium) set PROCESS_TIMEOUT_MS from test/support/processes.ts.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
