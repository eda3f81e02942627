// Issue 8 item 13 (audit m9): a share link carries a checksum. A damaged link is refused with a clear
// message and imports nothing; a link made before checksums still opens, with a warning that stays.
import lz from "lz-string";
import { expect, test } from "./fixtures";
import { PlaygroundPage, STORAGE_KEY } from "./pages/playground-page";

async function makeLink(app: PlaygroundPage) {
  await app.goto();
  await app.newExperiment("Shared OK");
  await app.fill(app.textBlock(0, 0), "shared text");
  await app.page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await app.button("Copy share link").click();
  return app.page.getByRole("textbox", { name: "Share link" }).inputValue();
}

/**
 * Opens a link in a fresh browser profile (an empty library), as someone it was sent to; with `clock`,
 * on Playwright's clock, so a test can move the page's timers forward instead of waiting for them.
 */
async function openElsewhere(browser: import("@playwright/test").Browser, link: string, options: { clock?: boolean } = {}) {
  const context = await browser.newContext();
  if (options.clock) await context.clock.install();
  const app = new PlaygroundPage(await context.newPage());
  const errors: string[] = [];
  app.page.on("pageerror", (e) => errors.push(e.message));
  await app.goto(link);
  return { app, context, errors };
}

test("a share link with one character changed is refused with a message, and nothing is imported", async ({ page, browser }) => {
  const link = await makeLink(new PlaygroundPage(page));
  const at = link.lastIndexOf(".") + 10;
  const damaged = link.slice(0, at) + (link[at] === "A" ? "B" : "A") + link.slice(at + 1);

  const { app, context, errors } = await openElsewhere(browser, damaged);
  await expect(app.page.locator("[data-notice-tone='error']")).toHaveText(
    "The share link could not be opened: This share link is damaged: its checksum does not match its content, so it was not opened. Copy the whole link again from where it was shared.",
  );
  await expect(app.experimentPicker.locator("option")).toHaveCount(1);
  await expect(app.experimentPicker.locator("option", { hasText: "Shared OK" })).toHaveCount(0);
  await expect.poll(() => app.page.evaluate(() => window.location.hash)).toBe("");
  const saved = await app.page.evaluate((key) => localStorage.getItem(key) ?? "", STORAGE_KEY);
  expect(saved).not.toContain("shared text");
  expect(errors).toEqual([]);

  // The intact link still opens (in a new tab: a hash change in an open tab is issue 11's).
  const again = new PlaygroundPage(await context.newPage());
  await again.goto(link);
  await expect(again.experimentName).toHaveValue("Shared OK");
  await expect(again.textBlock(0, 0)).toHaveValue("shared text");
  await context.close();
});

test("a link made before checksums opens, with a warning that it cannot be checked", async ({ browser }) => {
  const experiment = {
    format: "cachelab.experiment.v1",
    name: "Old link",
    messages: [{ role: "user", content: [{ type: "text", text: "from an old link" }] }],
  };
  const legacy = `/#experiment=${lz.compressToEncodedURIComponent(JSON.stringify(experiment))}`;
  const { app, context, errors } = await openElsewhere(browser, legacy, { clock: true });
  await expect(app.experimentName).toHaveValue("Old link");
  await expect(app.textBlock(0, 0)).toHaveValue("from an old link");
  const warning = app.page.locator("[data-notice-tone='warning']");
  await expect(warning).toContainText("This link was made by an older CacheLab and carries no checksum, so a damaged link cannot be detected: check the experiment before you rely on it.");
  // An info notice fades after 5 s; this one stays until dismissed. (The page's timers move on 5.5 s at once.)
  await app.page.clock.runFor(5_500);
  await expect(warning).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});
