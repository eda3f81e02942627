import { expect, gotoHydrated, test } from "./fixtures";
import { seedHistory } from "./pages/run-history-storage";
import { RunsPanelPage } from "./pages/runs-panel";

test("a history of 10,000 runs loads virtualised, follows the newest run, scrolls to the first and keeps growing", async ({ page }) => {
  const runs = new RunsPanelPage(page);
  await runs.seed();
  await gotoHydrated(page);
  await runs.resetEmulator();
  await seedHistory(page, "runs-e2e", 10_000);
  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();

  await expect(runs.rows().last()).toHaveAttribute("data-run", "10000");
  // Only the rows in view (and a few around them) are in the page.
  expect(await runs.rows().count()).toBeLessThan(60);
  await expect(runs.history.getByText("10000 total")).toBeVisible();
  await expect(runs.chart("Cache usage per run").getByTestId("cache-usage-summary").locator("li")).toHaveCount(200);

  await runs.scroller().evaluate((el) => (el.scrollTop = 0));
  await expect(runs.rows().first()).toHaveAttribute("data-run", "1");
  await expect(runs.rows().first().locator("td").last()).toContainText(/First run|Cache/);

  await runs.scroller().evaluate((el) => (el.scrollTop = el.scrollHeight));
  await runs.configure({ runs: 1 });
  await runs.runButton().click();
  await expect(runs.rows().last()).toHaveAttribute("data-run", "10001");
  await expect(runs.history.getByText("10001 total")).toBeVisible();

  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();
  await expect(runs.rows().last()).toHaveAttribute("data-run", "10001");
});
