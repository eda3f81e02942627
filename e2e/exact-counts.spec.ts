// Exact prefix counts (issue 10 item 14) in the production bundle: CacheLab configured live for the
// Claude API with its base URL on a standalone emulator (the way every live client can be pointed at
// `cachelab emulate`), so the count goes through the server action, the official SDK's countTokens and
// the network. The count the provider answers replaces the estimate: shown without "≈", and the minimum
// check uses it instead of the estimate's band (docs/reference/anthropic-caching.md §4: count-tokens).
import Anthropic from "@anthropic-ai/sdk";
import { expect, test } from "@playwright/test";
import { type EmulatorServer, startEmulatorServer } from "../lib/emulator/server";
import { gotoHydrated } from "./fixtures";
import { PlaygroundPage } from "./pages/playground-page";
import { type Served, startEntry } from "./support/server";

// The port after the suite's own, so a helper's run stays inside its port range.
const EMULATOR_PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
const KEY = "sk-ant-exact-counts-e2e";

let emulator: EmulatorServer;
let app: Served;
test.beforeAll(async () => {
  emulator = await startEmulatorServer({ port: EMULATOR_PORT });
  app = await startEntry("127.0.0.1", { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: emulator.url });
});
test.afterAll(async () => {
  await app?.stop();
  await emulator?.close();
});

test("Count exactly: the live provider's count, without ≈, decides the minimum check", async ({ page }) => {
  const ui = new PlaygroundPage(page);
  await gotoHydrated(page, app.url);
  await ui.newExperiment("Exact counts");
  await ui.provider.selectOption({ label: "Anthropic" });
  await ui.model.selectOption({ label: "Claude Sonnet 4.6" });
  // A system prompt whose estimate lies within the band of the 1,024-token minimum: "may not cache".
  const system = "CacheLab keeps a stable prefix so later requests can read it. ".repeat(85);
  await ui.fill(page.getByRole("textbox", { name: "System part 1", exact: true }), system);
  await ui.setCache(ui.cacheInstructions, "5m");
  const item = ui.breakpointItems.first();
  await expect(item).toHaveAttribute("data-minimum", "near");
  await expect(item).toContainText("May not cache");
  await expect(item).toContainText("≈");

  await ui.breakpoints.getByRole("button", { name: "Count exactly" }).click();
  await expect(item).toHaveAttribute("data-exact", "true");
  // What the provider itself answers for that prefix (with the one-character turn the endpoint needs).
  const counted = await new Anthropic({ apiKey: KEY, baseURL: emulator.url, maxRetries: 0 }).messages.countTokens({
    model: "claude-sonnet-4-6",
    system: [{ type: "text", text: system }],
    messages: [{ role: "user", content: "." }],
  });
  const shown = `${counted.input_tokens.toLocaleString("en-US")} of 1,024 minimum tokens`;
  await expect(item).toContainText(shown);
  await expect(item).not.toContainText("≈");
  await expect(item).toHaveAttribute("data-minimum", counted.input_tokens >= 1024 ? "reaches" : "below");
  await expect(item).not.toContainText("May not cache");
  await expect(item).toContainText("Exact count from the provider's count-tokens endpoint");

  // An edit before the breakpoint is a new prefix: the estimate (≈) is back until counted again.
  await ui.fill(page.getByRole("textbox", { name: "System part 1", exact: true }), `${system}More.`);
  await expect(item).not.toHaveAttribute("data-exact", "true");
  await expect(item).toContainText("≈");
});
