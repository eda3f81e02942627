import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // Next resolves "server-only" itself; under Vitest it is an empty module.
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["{lib,cli,app,components,test}/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 20_000,
    // Vitest's default is one worker per core but one, so one worker on CI's two cores, while many files
    // mostly wait on child processes, sockets and timers: two workers there (166 s instead of 283 s for
    // the suite on the shared 2-core machine).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
