import { expect, gotoHydrated, test } from "./fixtures";

test("the playground loads", async ({ page }) => {
  await gotoHydrated(page);
  await expect(page.getByRole("heading", { name: "CacheLab" })).toBeVisible();
});
