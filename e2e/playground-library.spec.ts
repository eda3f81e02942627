import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { PlaygroundPage, STORAGE_KEY } from "./pages/playground-page";

test.describe("experiments library", () => {
  test("a reload finds everything as it was", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.newExperiment("Persisted");
    await app.fill(app.textBlock(0, 0), "Remember me");
    await app.cachePointAfterButton(0, 0).click();
    await app.setCache(app.cacheInstructions, "1h");
    await app.provider.selectOption({ label: "Microsoft Foundry" });
    await app.expectBody((b) => JSON.stringify(b).includes("Remember me") && JSON.stringify(b).includes("cache_control"));
    const before = await app.bodyText();
    const optionsBefore = await app.experimentPicker.locator("option").allTextContents();

    await page.reload();
    await page.locator("html[data-hydrated='true']").waitFor();
    await expect(app.experimentName).toHaveValue("Persisted");
    await expect(app.provider).toHaveValue("foundry");
    await expect(app.cacheInstructions).toHaveValue("1h");
    await expect(app.textBlock(0, 0)).toHaveValue("Remember me");
    await expect.poll(() => app.bodyText()).toBe(before);
    expect(await app.experimentPicker.locator("option").allTextContents()).toEqual(optionsBefore);
  });

  test("create, rename, duplicate, switch and delete experiments", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.newExperiment("Alpha");
    await app.fill(app.textBlock(0, 0), "alpha text");
    await app.button("Duplicate experiment").click();
    await expect(app.experimentName).toHaveValue("Alpha (copy)");
    await expect(app.textBlock(0, 0)).toHaveValue("alpha text");
    await app.experimentName.fill("Beta");
    await expect(app.experimentPicker.locator("option", { hasText: "Beta" })).toHaveCount(1);
    await app.experimentPicker.selectOption({ label: "Alpha" });
    await expect(app.experimentName).toHaveValue("Alpha");
    await app.button("Delete experiment").click();
    await app.button("Confirm delete").click();
    await expect(app.experimentPicker.locator("option", { hasText: /^Alpha$/ })).toHaveCount(0);
    await expect(app.experimentName).toHaveValue("Beta");
  });

  test("the downloaded document imports back to the same request", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.openExample("Agent with tools");
    const before = await app.bodyText();
    const download = page.waitForEvent("download");
    await app.button("Download experiment").click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.cachelab\.json$/);
    const text = await readFile((await file.path())!, "utf8");
    expect(JSON.parse(text).format).toBe("cachelab.experiment.v1");
    const dialog = await app.openImport();
    await dialog.textbox.fill(text);
    await dialog.submit.click();
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect.poll(() => app.bodyText()).toBe(before);
  });

  test("a failed import lists the problems with their paths and changes nothing", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    const before = await app.bodyText();
    const saved = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
    const options = await app.experimentPicker.locator("option").count();

    const dialog = await app.openImport();
    await dialog.textbox.fill(JSON.stringify({ settings: { cache_message: true }, messages: [{ role: "user", content: [{ type: "txt", text: "x" }] }] }));
    await dialog.submit.click();
    const alert = dialog.dialog.getByRole("alert");
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("settings");
    await expect(alert).toContainText("messages[0].content[0]");
    await dialog.textbox.fill("{ not json");
    await dialog.submit.click();
    await expect(alert).toContainText("not valid JSON");
    await dialog.cancel.click();

    await expect(page.getByRole("dialog")).toBeHidden();
    expect(await app.bodyText()).toBe(before);
    await expect(app.experimentPicker.locator("option")).toHaveCount(options);
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBe(saved);
  });

  test("a valid import becomes a new experiment", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    const dialog = await app.openImport();
    await dialog.textbox.fill(JSON.stringify({ name: "Imported one", settings: { cache_messages: "1h" }, messages: [{ role: "user", content: [{ type: "text", text: "Imported text" }] }] }));
    await dialog.submit.click();
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(app.experimentName).toHaveValue("Imported one");
    await app.expectBody((b) => JSON.stringify(b.messages).includes("Imported text") && JSON.stringify(b).includes('"ttl":"1h"'));
  });

  test("corrupt saved data is set aside with a message, never a blank page", async ({ page }) => {
    await page.addInitScript((key) => {
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem(key, "{this is not json");
        sessionStorage.setItem("seeded", "1");
      }
    }, STORAGE_KEY);
    const app = new PlaygroundPage(page);
    await app.goto();
    await expect(page.getByRole("alert").filter({ hasText: "could not be read" })).toBeVisible();
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("cachelab:experiments:set-aside:")).map((k) => localStorage.getItem(k)));
    expect(kept).toEqual(["{this is not json"]);
    await expect(app.requestJson).toContainText('"messages"');
  });

  test("a share link opens its experiment as a new one", async ({ page, browser }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.newExperiment("Shared");
    await app.fill(app.textBlock(0, 0), "shared text");
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await app.button("Copy share link").click();
    const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
    expect(link).toMatch(/#cachelab=v2\.[0-9a-f]{8}\./);
    // Someone else opens the link: a fresh browser profile with an empty library.
    const context = await browser.newContext();
    const other = new PlaygroundPage(await context.newPage());
    await other.goto(link);
    await expect(other.experimentName).toHaveValue("Shared");
    await expect(other.textBlock(0, 0)).toHaveValue("shared text");
    await expect.poll(() => other.page.evaluate(() => window.location.hash)).toBe("");
    await expect(other.experimentPicker.locator("option")).toHaveCount(2);
    await context.close();
  });

  test("axe finds no accessibility violations, with and without the import dialog", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.cachePointAfterButton(0, 0).click();
    await expect(app.breakpointItems).toHaveCount(2);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await app.openImport();
    const withDialog = await new AxeBuilder({ page }).analyze();
    expect(withDialog.violations.map((v) => v.id)).toEqual([]);
  });
});
