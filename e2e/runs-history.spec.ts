import { expect, gotoHydrated, test } from "./fixtures";
import { seedHistory } from "./pages/run-history-storage";
import { RunsPanelPage } from "./pages/runs-panel";

test("a history of 10,000 runs loads, pages, charts its latest runs and keeps growing", async ({ page }) => {
  const runs = new RunsPanelPage(page);
  await runs.seed();
  await gotoHydrated(page);
  await runs.resetEmulator();
  await seedHistory(page, "runs-e2e", 10_000);
  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();

  await expect(runs.history.getByText("Page 200 of 200 (10,000 in all)")).toBeVisible();
  await expect(runs.rows()).toHaveCount(50);
  await expect(runs.rows().last()).toHaveAttribute("data-run", "10000");
  await expect(runs.history.getByText("10000 total")).toBeVisible();
  await expect(runs.chart("Cache usage per run").getByTestId("cache-usage-summary").locator("li")).toHaveCount(200);

  await runs.history.getByRole("button", { name: "Previous page" }).click();
  await expect(runs.rows().first()).toHaveAttribute("data-run", "9901");
  await runs.history.getByRole("button", { name: "Next page" }).click();

  await runs.configure({ runs: 1 });
  await runs.runButton().click();
  await expect(runs.history.getByText("Page 201 of 201 (10,001 in all)")).toBeVisible();
  await expect(runs.rows()).toHaveCount(1);
  await expect(runs.rows().first()).toHaveAttribute("data-run", "10001");

  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();
  await expect(runs.history.getByText("Page 201 of 201 (10,001 in all)")).toBeVisible();
});
