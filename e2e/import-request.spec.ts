// Issue 8 item 14: importing a raw Messages request never throws; whatever is pasted ends in the
// imported experiment (with notes) or in one clear sentence, and a refused import changes nothing.
import { expect, test } from "./fixtures";
import { PlaygroundPage, STORAGE_KEY } from "./pages/playground-page";

test("a raw Messages request imports as a new experiment, its breakpoints as settings and markers", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  const options = await app.experimentPicker.locator("option").count();
  const dialog = await app.openImport();
  await dialog.textbox.fill(
    JSON.stringify({
      model: "claude-sonnet-4-6",
      max_tokens: 256,
      system: [{ type: "text", text: "You answer from the handbook.", cache_control: { type: "ephemeral", ttl: "1h" } }],
      messages: [{ role: "user", content: [{ type: "text", text: "The handbook text" }, { type: "text", text: "The question" }] }],
      metadata: { user_id: "u1" },
    }),
  );
  await dialog.submit.click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(app.experimentPicker.locator("option")).toHaveCount(options + 1);
  await expect(app.experimentName).toHaveValue("Imported request");
  await expect(app.importNotes).toContainText("`metadata` is not part of an experiment and was left out.");
  await app.expectBody((b) => JSON.stringify(b.system).includes('"ttl":"1h"') && JSON.stringify(b.messages).includes("The question"));
});

test("a request nested too deep is refused with one sentence, and nothing changes", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  const before = await app.bodyText();
  const saved = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  const options = await app.experimentPicker.locator("option").count();

  let deep: unknown = { type: "string" };
  for (let i = 0; i < 100; i++) deep = { type: "object", properties: { x: deep } };
  const dialog = await app.openImport();
  await dialog.textbox.fill(JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 64, tools: [{ name: "t", input_schema: deep }], messages: [{ role: "user", content: "hi" }] }));
  await dialog.submit.click();
  await expect(dialog.dialog.getByRole("alert")).toContainText(/This request cannot be imported: `tools\[0\]\.input_schema(\.properties|\.x)+` is nested more than 64 levels deep\./);
  await dialog.cancel.click();
  await expect(page.getByRole("dialog")).toBeHidden();
  expect(await app.bodyText()).toBe(before);
  await expect(app.experimentPicker.locator("option")).toHaveCount(options);
  expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBe(saved);
});

test("a request whose JSON shadows toString imports instead of breaking the dialog", async ({ page }) => {
  // String() throws on {"toString": null}; before issue 8 item 14 the click on Import threw.
  const app = new PlaygroundPage(page);
  await app.goto();
  const dialog = await app.openImport();
  await dialog.textbox.fill('{"max_tokens":64,"messages":[{"role":"user","content":[{"type":"text","text":{"toString":null}}]}]}');
  await dialog.submit.click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(app.experimentName).toHaveValue("Imported request");
  await app.expectBody((b) => JSON.stringify(b.messages).includes('{\\"toString\\":null}'));
});
