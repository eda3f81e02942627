import AxeBuilder from "@axe-core/playwright";
import { expect, gotoHydrated, test } from "./fixtures";
import { PlaygroundPage } from "./pages/playground-page";
import { RunsPanelPage } from "./pages/runs-panel";

test.describe("runs on the emulator", () => {
  let runs: RunsPanelPage;

  test.beforeEach(async ({ page }) => {
    runs = new RunsPanelPage(page);
    await runs.seed();
    await gotoHydrated(page);
    await runs.resetEmulator();
  });

  test("three emulated runs show a write, then two reads, in the table and the chart", async ({ page }) => {
    await expect(runs.transport("Emulated")).toBeChecked();
    await runs.configure({ runs: 3, gap: 0 });
    await runs.runSeries(3);

    expect(await runs.tokens(0, "Cache write")).toBeGreaterThan(1024);
    expect(await runs.tokens(0, "Cache read")).toBe(0);
    const written = await runs.tokens(0, "Cache write");
    for (const row of [1, 2]) {
      expect(await runs.tokens(row, "Cache read")).toBe(written);
      expect(await runs.tokens(row, "Cache write")).toBe(0);
    }
    await expect(runs.why(0)).toContainText("First run");
    await expect(runs.why(1)).toContainText("Cache hit");

    const chart = runs.chart("Cache usage per run");
    await expect(chart).toBeVisible();
    await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
    const summary = chart.getByTestId("cache-usage-summary").locator("li");
    await expect(summary).toHaveCount(3);
    await expect(summary.nth(0)).toHaveAttribute("data-read", "0");
    await expect(summary.nth(1)).toHaveAttribute("data-write", "0");
    await expect(summary.nth(2)).toHaveAttribute("data-read", String(written));

    await page.getByRole("button", { name: "Show emulator cache" }).click();
    const entries = page.getByRole("table", { name: /Emulator cache entries/ });
    await expect(entries.locator("tbody tr")).toHaveCount(1);
    await expect(entries.locator("tbody tr").first()).toContainText("claude-sonnet-4-6");
    await expect(entries.locator("tbody tr").first()).toContainText("5m");
  });

  // Issue 10 item 11: Claude in Amazon Bedrock (docs/reference/anthropic-caching.md §6.2) is selectable as a
  // Bedrock endpoint; the request takes the Mantle id and the first-party body, and an emulated run goes to
  // the emulator's Mantle surface through AnthropicBedrockMantle.
  test("Bedrock through Claude in Amazon Bedrock (Mantle): the Mantle id in the body, and runs that write then read", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.provider.selectOption({ label: "Amazon Bedrock" });
    // Mantle serves its own list of models: the endpoint is offered only for them.
    await app.model.selectOption({ label: "Claude Sonnet 4.6" });
    await expect(page.getByRole("combobox", { name: "Bedrock endpoint" })).toHaveCount(0);
    await app.model.selectOption({ label: "Claude Opus 4.7" });
    await page.getByRole("combobox", { name: "Bedrock endpoint" }).selectOption("mantle");
    await app.expectBody((b) => b.model === "anthropic.claude-opus-4-7" && !("anthropic_version" in b));
    await runs.configure({ runs: 2, gap: 0 });
    await runs.runSeries(2);
    const written = await runs.tokens(0, "Cache write");
    expect(written).toBeGreaterThan(2048);
    expect(await runs.tokens(1, "Cache read")).toBe(written);
  });

  // Issue 10 item 9: every Anthropic run names the previous run's response for cache diagnostics, and the
  // row shows the official reason beside CacheLab's own (docs/reference/anthropic-caching.md §1.12).
  test("the system prompt changes between runs: the row shows Anthropic's system_changed beside CacheLab's explanation", async ({ page }) => {
    await runs.configure({ runs: 1, gap: 0 });
    await runs.runSeries(1);
    await expect(runs.why(0).locator("[data-official-reason]")).toHaveCount(0);
    const system = page.getByRole("textbox", { name: "System part 1", exact: true });
    await system.fill(`${await system.inputValue()} Changed.`);
    await system.blur();
    await runs.runSeries(2);
    await expect(runs.why(1)).toContainText("Prefix changed at");
    const official = runs.why(1).locator("[data-official-reason]");
    await expect(official).toHaveAttribute("data-official-reason", "system_changed");
    await expect(official).toHaveAttribute("data-agrees", "true");
    await expect(official).toContainText("Anthropic's diagnosis (system_changed): the system prompt changed");
    await expect(official).not.toContainText("disagrees");
  });

  test("a 360 s gap on a 5m breakpoint misses and names TTL expiry, linked to the block", async ({ page }) => {
    await runs.configure({ runs: 2, gap: 360 });
    await runs.runSeries(2);
    expect(await runs.tokens(1, "Cache read")).toBe(0);
    expect(await runs.tokens(1, "Cache write")).toBeGreaterThan(1024);
    // The emulator's clock also moves with real time, so a second or two may add to the 360 s gap.
    await expect(runs.why(1)).toContainText(/TTL expired: 36\d s passed since run 1, longer than the 5m TTL/);
    await expect(runs.why(1).getByRole("button", { name: "Select experiment system[0] in the editor" })).toBeVisible();
    await runs.why(1).getByRole("button", { name: "Select experiment system[0] in the editor" }).click();
    // The editor scrolls to the system part, focuses it and highlights it.
    await expect(page.locator("[data-highlighted]")).toHaveCount(1);
    await expect(page.locator("[data-highlighted]")).toBeFocused();
    await expect(page.locator("[data-highlighted]")).toContainText("CacheLab keeps a stable prefix");
  });

  test("compare runs two variants in the same series and draws both on one chart", async ({ page }) => {
    await page.getByRole("checkbox", { name: "Compare with another provider or model" }).check();
    await page.getByRole("combobox", { name: "Provider B" }).selectOption({ label: "Amazon Bedrock" });
    await runs.configure({ runs: 2 });
    await runs.runSeries(4);
    const chart = runs.chart("Compare: cache read per run");
    await expect(chart).toBeVisible();
    await expect(runs.legendItems(chart)).toHaveCount(2);
    await expect(runs.legendItems(chart).nth(1)).toContainText("B: Amazon Bedrock");
    await expect(chart.locator(".recharts-line")).toHaveCount(2);
    expect(await runs.tokens(2, "Cache read")).toBeGreaterThan(0);
    expect(await runs.tokens(3, "Cache read")).toBeGreaterThan(0);
    await chart.getByRole("combobox", { name: "Compare by" }).selectOption({ label: "Cost" });
    await expect(runs.chart("Compare: cost per run").locator(".recharts-line")).toHaveCount(2);
  });

  test("cancel stops a series and keeps the runs already made", async ({ page }) => {
    await runs.configure({ runs: 10_000 });
    await runs.runButton().click();
    await expect(page.getByRole("progressbar", { name: "Series progress" })).toBeVisible();
    await expect.poll(() => runs.rows().count()).toBeGreaterThanOrEqual(2);
    await runs.cancelButton().click();
    await expect(page.getByText(/^Cancelled after \d+ runs?\./)).toBeVisible();
    // A run in flight when Cancel was pressed was sent, so it is still recorded when it lands.
    await page.waitForTimeout(1_000);
    const count = await runs.rows().count();
    expect(count).toBeLessThan(10_000);
    await page.waitForTimeout(1_000);
    await expect(runs.rows()).toHaveCount(count);
    await expect(runs.runButton()).toBeEnabled();
  });

  test("reload keeps the history", async ({ page }) => {
    await runs.configure({ runs: 2 });
    await runs.runSeries(2);
    await page.reload();
    await page.locator("html[data-hydrated='true']").waitFor();
    await expect(runs.rows()).toHaveCount(2);
    expect(await runs.tokens(1, "Cache read")).toBeGreaterThan(0);
  });

  test("injected faults end as failed runs, the history stays and the page stays usable", async ({ page }) => {
    await runs.configure({ runs: 1 });
    await runs.runSeries(1);
    await runs.injectFault("429 rate limit");
    await runs.runSeries(2);
    await expect(runs.rows().nth(1)).toHaveAttribute("data-status", "failed");
    await expect(runs.why(1)).toContainText("rate-limited the request (429): retry in 7 s");
    await runs.injectFault("Cut stream");
    await runs.runSeries(3);
    await expect(runs.why(2)).toContainText("cut the response stream");
    await runs.injectFault("529 overloaded");
    await runs.runSeries(4);
    await expect(runs.why(3)).toContainText("overloaded (529)");
    await runs.runSeries(5);
    await expect(runs.rows().nth(4)).toHaveAttribute("data-status", "ok");
    expect(await runs.tokens(4, "Cache read")).toBeGreaterThan(0);
    await expect(runs.rows().nth(0)).toHaveAttribute("data-status", "ok");
    await expect(page.getByRole("figure", { name: "Cache usage per run" })).toBeVisible();
    // A failed run keeps its place on every chart as a gap that says why, never a zero (lib/runs/gaps.ts):
    // the hit-rate chart once dropped it, so its #4 sat over the usage chart's #5.
    for (const name of ["Cache usage per run", "Hit rate per run", "Latency per run (modelled by the emulator)"]) {
      await expect(runs.chart(name).getByTestId("chart-gaps")).toHaveText("No value for #2, #3, #4 (failed).");
    }
  });

  test("history exports as CSV and clears", async ({ page }) => {
    await runs.configure({ runs: 2 });
    await runs.runSeries(2);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const file = await download;
    const text = await (await file.createReadStream()).toArray();
    const csv = Buffer.concat(text as Buffer[]).toString("utf8");
    expect(csv.split("\r\n")[0]).toContain("cache_read_tokens");
    expect(csv.trimEnd().split("\r\n")).toHaveLength(3);
    await page.getByRole("button", { name: "Clear history" }).click();
    await expect(runs.rows()).toHaveCount(0);
    await page.reload();
    await page.locator("html[data-hydrated='true']").waitFor();
    await expect(runs.history.getByText("No runs yet")).toBeVisible();
  });

  test("the panel with runs, charts and explanations has no accessibility violations", async ({ page }) => {
    await runs.configure({ runs: 2, gap: 400 });
    await runs.runSeries(2);
    const results = await new AxeBuilder({ page }).include('section[aria-labelledby="runs-heading"]').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });

  test("Live is disabled with the reason when the server has no credentials", async ({ page }) => {
    await expect(runs.transport("Live")).toBeDisabled();
    await expect(page.getByText("Set ANTHROPIC_API_KEY in .env.local")).toBeVisible();
  });
});

test("a growing conversation reads more each turn", async ({ page }) => {
  const runs = new RunsPanelPage(page);
  await runs.seed({ cacheMessages: true, id: "runs-e2e-chat" });
  await gotoHydrated(page);
  await runs.resetEmulator();
  await runs.configure({ mode: "Growing conversation", runs: 3 });
  await runs.runSeries(3);
  const reads = [await runs.tokens(0, "Cache read"), await runs.tokens(1, "Cache read"), await runs.tokens(2, "Cache read")];
  expect(reads[0]).toBe(0);
  expect(reads[1]).toBeGreaterThan(0);
  expect(reads[2]).toBeGreaterThan(reads[1]!);
  await expect(runs.why(2)).toContainText("New content since run 2");
});

test("an example opened from the library runs on its own history", async ({ page }) => {
  const runs = new RunsPanelPage(page);
  await gotoHydrated(page);
  await page.getByRole("combobox", { name: "Example" }).selectOption({ label: "Long document Q&A" });
  await page.getByRole("button", { name: "Open example" }).click();
  await runs.configure({ runs: 3, gap: 0 });
  await runs.runSeries(3);
  expect(await runs.tokens(0, "Cache write")).toBeGreaterThan(1024);
  expect(await runs.tokens(1, "Cache read")).toBe(await runs.tokens(0, "Cache write"));
  expect(await runs.tokens(2, "Cache read")).toBe(await runs.tokens(0, "Cache write"));
  await runs.configure({ runs: 1, gap: 360 });
  await runs.runSeries(4);
  expect(await runs.tokens(3, "Cache read")).toBe(0);
  await expect(runs.why(3)).toContainText("TTL expired");
});

test("fan-out without a warm-up writes in every parallel request; with one, they read", async ({ page }) => {
  // A ≈60k-token prompt: the emulator holds each response for its (scaled) time to first token,
  // long enough that the parallel requests surely overlap even on a busy machine.
  const runs = new RunsPanelPage(page);
  await runs.seed({ id: "runs-e2e-fanout", copies: 20 });
  await gotoHydrated(page);
  await runs.resetEmulator();
  await runs.configure({ mode: "Warm-up then fan-out", runs: 3 });
  await page.getByRole("checkbox", { name: "Warm-up first" }).uncheck();
  await runs.runSeries(3);
  for (const row of [0, 1, 2]) {
    expect(await runs.tokens(row, "Cache write")).toBeGreaterThan(1024);
    await expect(runs.rows().nth(row)).toHaveAttribute("data-parallel", "true");
  }
  await expect(runs.why(1)).toContainText("Sent in parallel with run");

  await runs.resetEmulator();
  await page.getByRole("checkbox", { name: "Warm-up first" }).check();
  await runs.runSeries(6);
  expect(await runs.tokens(3, "Cache write")).toBeGreaterThan(1024);
  expect(await runs.tokens(4, "Cache read")).toBeGreaterThan(1024);
  expect(await runs.tokens(5, "Cache read")).toBeGreaterThan(1024);
});

test("compare runs another experiment of the library as variant B", async ({ page }) => {
  const runs = new RunsPanelPage(page);
  await runs.seed();
  await gotoHydrated(page);
  await runs.resetEmulator();
  await page.getByRole("combobox", { name: "Example" }).selectOption({ label: "Long document Q&A" });
  await page.getByRole("button", { name: "Open example" }).click();
  await page.getByRole("checkbox", { name: "Compare with another provider or model" }).check();
  await page.getByRole("combobox", { name: "Experiment B" }).selectOption({ label: "Runs e2e" });
  await page.getByRole("combobox", { name: "Provider B" }).selectOption({ label: "Anthropic" });
  await runs.configure({ runs: 2, gap: 0 });
  await runs.runSeries(4);
  // A and B alternate; each writes its own prefix once, then reads it.
  const writeA = await runs.tokens(0, "Cache write");
  const writeB = await runs.tokens(1, "Cache write");
  expect(writeA).toBeGreaterThan(1024);
  expect(writeB).toBeGreaterThan(1024);
  expect(writeA).not.toBe(writeB);
  expect(await runs.tokens(2, "Cache read")).toBe(writeA);
  expect(await runs.tokens(3, "Cache read")).toBe(writeB);
  await expect(runs.legendItems(runs.chart("Compare: cache read per run")).nth(1)).toContainText("Runs e2e");
});

test("switching experiments mid-series files every run under the experiment it was sent for", async ({ page }) => {
  const runs = new RunsPanelPage(page);
  await runs.seed();
  await gotoHydrated(page);
  await runs.resetEmulator();
  await runs.configure({ runs: 40, gap: 0 });
  await runs.runButton().click();
  await expect.poll(() => runs.rows().count()).toBeGreaterThanOrEqual(2);
  await page.getByRole("button", { name: "New experiment" }).click();
  await expect(runs.runButton()).toBeEnabled({ timeout: 30_000 });
  // The new experiment has no history of its own: the series' runs did not land here.
  await expect(runs.rows()).toHaveCount(0);
  await page.getByRole("combobox", { name: "Experiment", exact: true }).selectOption({ label: "Runs e2e" });
  await expect(runs.rows()).toHaveCount(40);
  await expect(runs.rows().last()).toHaveAttribute("data-run", "40");
});
