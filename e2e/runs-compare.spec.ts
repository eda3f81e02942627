// Compare, as the audit tried it (issue 9 items 1 and 2; audit M1, M2): A = 5m on the system prompt, B =
// its copy with 1h, Identical repeat, 4 runs, a 360 s gap. A 5m entry is gone after 360 s
// (docs/reference/anthropic-caching.md §1.6): A alone misses every time, and so must A beside B.
import { expect, gotoHydrated, test } from "./fixtures";
import { RunsPanelPage } from "./pages/runs-panel";

test("compare: B starts on A's provider and model, each variant has its own cache, and every chart and the history tell A from B", async ({ page }) => {
  const runs = new RunsPanelPage(page);
  await runs.seed({ name: "Handbook 5m", ttl: "5m" }, { name: "Handbook 1h", ttl: "1h" });
  await gotoHydrated(page);
  await runs.resetEmulator();

  await page.getByRole("checkbox", { name: "Compare with another provider or model" }).check();
  // B starts where A is: a comparison of TTLs compares TTLs, not providers.
  await expect(page.getByRole("combobox", { name: "Provider B" })).toHaveValue("anthropic");
  await expect(page.getByRole("combobox", { name: "Model B" })).toHaveValue("claude-sonnet-4-6");
  await expect(page.getByRole("checkbox", { name: "Share one cache between A and B" })).not.toBeChecked();
  await page.getByRole("combobox", { name: "Experiment B" }).selectOption({ label: "Handbook 1h" });
  await runs.configure({ mode: "Identical repeat", runs: 4, gap: 360 });
  await runs.runSeries(8);

  // The history has a Variant column; A's rows read nothing, as A alone would, while B's 1h entry lives.
  const variants = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => runs.cell(i, "Variant")));
  expect(variants).toEqual(["A", "B", "A", "B", "A", "B", "A", "B"]);
  for (const row of [0, 2, 4, 6]) expect(await runs.tokens(row, "Cache read")).toBe(0);
  for (const row of [3, 5, 7]) expect(await runs.tokens(row, "Cache read")).toBeGreaterThan(1024);
  await expect(runs.why(2)).toContainText(/TTL expired: 36\d s passed since run 1/);

  // Every chart separates the variants: A1, B1… and a legend entry per variant.
  const usage = runs.chart("Cache usage per run");
  await expect(usage.getByTestId("cache-usage-summary").locator("li").first()).toHaveAttribute("data-run", "A1");
  await expect(usage.getByTestId("cache-usage-summary").locator("li").nth(1)).toHaveAttribute("data-run", "B1");
  await expect(runs.legendItems(usage).filter({ hasText: "A: Anthropic · Claude Sonnet 4.6 · Handbook 5m" })).toHaveCount(1);
  await expect(runs.legendItems(usage).filter({ hasText: "B: Anthropic · Claude Sonnet 4.6 · Handbook 1h" })).toHaveCount(1);
  for (const title of ["Hit rate per run", "Cost per run, with and without caching", "Latency per run (modelled by the emulator)"]) {
    await expect(runs.legendItems(runs.chart(title)).filter({ hasText: /^A: / }).first()).toBeVisible();
    await expect(runs.legendItems(runs.chart(title)).filter({ hasText: /^B: / }).first()).toBeVisible();
  }
  await expect(runs.legendItems(runs.chart("Cost per run, with and without caching")).filter({ hasText: "Cumulative saving" })).toHaveCount(2);
  await expect(page.getByTestId("compare-cache-note")).toHaveAttribute("data-sharing", "own");
  // The history summary counts tokens per variant: A read nothing.
  const summary = page.getByRole("definition").filter({ hasText: "token hit rate" });
  await expect(summary.first()).toHaveText("token hit rate 0%");

  // The option that studies interference: one cache, and the charts say so. B's 1h read keeps the entry A reads.
  await page.getByRole("checkbox", { name: "Share one cache between A and B" }).check();
  await page.getByRole("button", { name: "Clear history" }).click();
  await runs.resetEmulator();
  await runs.runSeries(8);
  for (const row of [2, 4, 6]) expect(await runs.tokens(row, "Cache read")).toBeGreaterThan(1024);
  await expect(page.getByTestId("compare-cache-note")).toHaveAttribute("data-sharing", "shared");
  await expect(page.getByTestId("compare-cache-note")).toContainText("A and B shared one emulator cache");
});
