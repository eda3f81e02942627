import { defineConfig } from "@playwright/test";

// Each suite may run on its own port and build dir (E2E_PORT, NEXT_DIST_DIR), so two can run at once.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Keep Chromium off the network: no lookups of Google's hosts (docs/reference/toolchain.md §4).
      args: ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"],
    },
  },
  webServer: {
    // What ships: the production build served by CacheLab's entry, as `npm run play` serves it.
    // `npm test` builds first, as a step of its own (scripts/test.sh sets E2E_PREBUILT=1); a plain
    // `npx playwright test` builds here, with room for a slow, busy machine.
    command: `${process.env.E2E_PREBUILT === "1" ? "" : "npx next build && "}node server/main.mjs -H 127.0.0.1 -p ${port}`,
    url: baseURL,
    timeout: process.env.E2E_PREBUILT === "1" ? 60_000 : 600_000,
    reuseExistingServer: false,
    env: { NEXT_TELEMETRY_DISABLED: "1", CACHELAB_TEST_MODE: "1", NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next" },
  },
});
