import { FIRST_LOAD_BUDGET_KB, firstLoad } from "../bench/support/first-load";
import { expect, gotoHydrated, test } from "./fixtures";

test("the playground loads", async ({ page }) => {
  await gotoHydrated(page);
  await expect(page.getByRole("heading", { name: "CacheLab" })).toBeVisible();
});

// Issue 12 item 4: the first load of / stays within its budget, counted as the bench counts it
// (bench/support/first-load.ts); the charts, which carry the chart library, load when their place nears
// the viewport.
test("the first load stays light and the charts load when scrolled to", async ({ page }) => {
  const { bytes } = await firstLoad(page, "/");
  expect(bytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB * 1000);
  await page.getByRole("region", { name: "Run history" }).scrollIntoViewIfNeeded();
  await expect(page.getByRole("figure", { name: "Cache usage per run" })).toBeVisible();
});
