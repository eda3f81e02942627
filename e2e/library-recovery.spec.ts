// Issue 8 item 12 (audit m8): a second corrupt experiment library used to overwrite the first
// set-aside copy while the banner still said it was kept. Every copy now has a key of its own with its
// time, the banner names it and the earlier ones, and all of them survive reloads.
import { expect, test } from "./fixtures";
import { PlaygroundPage, STORAGE_KEY } from "./pages/playground-page";

const setAsideCopies = (page: import("@playwright/test").Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((k) => k.startsWith("cachelab:experiments:set-aside"))
        .sort()
        .map((k) => [k, localStorage.getItem(k)]),
    ),
  );

test("two corrupt libraries in a row: both copies are kept, each with its time, and the banner says where", async ({ page }) => {
  await page.addInitScript((key) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem(key, "FIRST-CORRUPT-COPY");
      sessionStorage.setItem("seeded", "1");
    }
  }, STORAGE_KEY);
  const app = new PlaygroundPage(page);
  await app.goto();
  const banner = page.getByRole("alert").filter({ hasText: "could not be read" });
  await expect(banner).toBeVisible();
  const first = Object.keys(await setAsideCopies(page));
  expect(first).toHaveLength(1);
  expect(first[0]).toMatch(/^cachelab:experiments:set-aside:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await expect(banner).toContainText(`under the key “${first[0]}”`);
  // The readable library replaces the stored one once the copy is made.
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key)?.startsWith("{") ?? false, STORAGE_KEY)).toBe(true);

  await page.evaluate((key) => localStorage.setItem(key, "SECOND-CORRUPT-COPY"), STORAGE_KEY);
  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();
  await expect(banner).toBeVisible();
  const copies = await setAsideCopies(page);
  const keys = Object.keys(copies);
  expect(keys).toHaveLength(2);
  expect(Object.values(copies).sort()).toEqual(["FIRST-CORRUPT-COPY", "SECOND-CORRUPT-COPY"]);
  const second = keys.find((k) => copies[k] === "SECOND-CORRUPT-COPY")!;
  await expect(banner).toContainText(`under the key “${second}”`);
  await expect(banner).toContainText(`A copy set aside earlier is kept too: “${first[0]}”.`);
  await expect(app.requestJson).toContainText('"messages"');

  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key)?.startsWith("{") ?? false, STORAGE_KEY)).toBe(true);
  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();
  await expect(banner).toHaveCount(0);
  expect(await setAsideCopies(page)).toEqual(copies);
});
