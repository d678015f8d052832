import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // End-to-end tests spawn the built CLI, which loads a 27 MB model per process.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ["test/cli/global-setup.ts"],
  },
});
