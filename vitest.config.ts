import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // End-to-end tests spawn the built CLI, which loads a 27 MB model per process.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ["test/cli/global-setup.ts"],
    // Test files mostly wait for the CLI processes they spawn: one worker per core, and at least two. (vitest's
    // default leaves a core free, which on a two-core machine means one file at a time: ~25 % slower here.)
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
