import { expect, test } from "./fixtures";
import { PlaygroundPage } from "./pages/playground-page";

type Body = { messages: { content: { cache_control?: { ttl?: string } }[] }[] };
const cc = (b: Record<string, unknown>, m: number, i: number) => (b as unknown as Body).messages[m]?.content[i]?.cache_control;

test.describe("CachePoint markers", () => {
  test.beforeEach(async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.newExperiment("Markers");
    await app.fill(app.textBlock(0, 0), "A long document.");
    await app.addBlock(0, "text");
    await app.fill(app.textBlock(0, 1), "A question about it.");
  });

  test("a marker dragged onto a block lands after it, and its cache_control on that block", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.dragTo(app.palette, app.textBlock(0, 0));
    await expect(app.message(0).locator("[data-block-type='cache_point']")).toHaveCount(1);
    await app.expectBody((b) => cc(b, 0, 0)?.ttl === "5m" && cc(b, 0, 1) === undefined);
    await expect(app.breakpointItems).toHaveCount(1);
    await expect(app.breakpointItems.first()).toContainText("kept");
  });

  test("a marker inserted from the keyboard, then given a 1h TTL", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.cachePointAfterButton(0, 1).focus();
    await page.keyboard.press("Enter");
    await app.expectBody((b) => cc(b, 0, 1)?.ttl === "5m");
    await page.getByRole("combobox", { name: "CachePoint TTL, message 1 item 3", exact: true }).selectOption("1h");
    await app.expectBody((b) => cc(b, 0, 1)?.ttl === "1h");
    await expect(app.breakpointItems.first()).toContainText("TTL 1h");
  });

  test("a marker dropped first in a message is refused with Pydantic AI's reason", async ({ page }) => {
    const app = new PlaygroundPage(page);
    const before = await app.bodyText();
    await app.dragTo(app.palette, app.message(0).locator("[data-gap='0-0']"));
    await expect(app.notice).toContainText("CachePoint cannot be the first content in a user message");
    await expect(app.message(0).locator("[data-block-type='cache_point']")).toHaveCount(0);
    expect(await app.bodyText()).toBe(before);
  });

  test("a move that would leave a marker first is refused", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.cachePointAfterButton(0, 0).click();
    await expect(app.blockCards(0)).toHaveCount(3);
    // Moving the marker's block below it would put the marker first.
    await app.keyboardMoveDown(app.blockHandle(0, 0), "block 2 of message 1");
    await expect(app.notice).toContainText("CachePoint cannot be the first content");
    await expect(app.textBlock(0, 0)).toHaveValue("A long document.");
  });

  test("a breakpoint in the preview leads to its block in the editor", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.cachePointAfterButton(0, 0).click();
    await app.breakpoints.getByRole("button", { name: "→ request messages[0].content[0]" }).click();
    const block = page.locator("#block-messages-0-content-0");
    await expect(block).toBeFocused();
    await expect(block).toHaveAttribute("data-highlighted", "true");
  });

  test("markers are not offered in assistant messages", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.button("Add assistant message").click();
    await expect(app.message(1).getByRole("button", { name: /Insert cache point/ })).toHaveCount(0);
  });
});
