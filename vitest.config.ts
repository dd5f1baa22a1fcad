import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores on CI: keep workers to two so end-to-end tests that spawn the CLI do not starve.
    maxWorkers: 2,
  },
});
