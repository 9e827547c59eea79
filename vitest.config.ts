import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // Some suites build their fixture (a study run) in beforeAll; a busy 2-core host needs time.
    hookTimeout: 120_000,
  },
});
