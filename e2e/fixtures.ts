import { test as base, expect, type Page } from "@playwright/test";

/** Fails any test whose page logs a console error or throws (hydration mismatches included). */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(msg.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Navigates and waits until React has hydrated the page. */
export async function gotoHydrated(page: Page, path = "/") {
  await page.goto(path);
  await page.locator("html[data-hydrated='true']").waitFor();
}
