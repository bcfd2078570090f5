import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "src/**/*.test.ts"],
    exclude: ["tests/bench/**", "node_modules/**"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Build and browser tests share dist-like folders under test-output/; each uses its own.
    pool: "forks",
  },
});
