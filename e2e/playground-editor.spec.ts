import { buildRequest } from "@/lib/cache/build-request";
import { expect, test } from "./fixtures";
import { PlaygroundPage } from "./pages/playground-page";

test.describe("building an experiment", () => {
  test("from scratch: system, tool, conversation and settings, with the exact body of buildRequest", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.newExperiment("Weather agent");

    await app.fill(page.getByRole("textbox", { name: "System part 1", exact: true }), "You are a weather assistant.");
    await app.button("Add tool").click();
    await page.getByRole("textbox", { name: "Tool 1 name", exact: true }).fill("get_weather");
    await app.fill(page.getByRole("textbox", { name: "Tool 1 description", exact: true }), "Get the weather for a city.");
    // A deferred tool (found through tool search): the tool cache goes on the last tool that is not
    // deferred (docs/reference/pydantic-ai-2.md, row 6: v1.95.0 on).
    await app.button("Add tool").click();
    await page.getByRole("textbox", { name: "Tool 2 name", exact: true }).fill("find_city");
    await page.getByRole("checkbox", { name: "Tool 2 deferred", exact: true }).check();
    await app.fill(app.textBlock(0, 0), "What is the weather in Paris?");
    await app.button("Add assistant message").click();
    await app.addBlock(1, "tool use");
    await app.button("Add user message").click();
    await app.addBlock(2, "tool result");
    await app.setCache(app.cacheToolDefinitions, "1h");
    await app.setCache(app.cacheMessages, "5m");

    await app.expectBody((b) => Array.isArray(b.messages) && b.messages.length === 3);
    const body = await app.body();
    expect(body.system).toBe("You are a weather assistant.");
    const [weather, findCity, ...more] = body.tools as Record<string, unknown>[];
    expect(weather).toEqual({ name: "get_weather", description: "Get the weather for a city.", input_schema: { type: "object", properties: {} }, cache_control: { type: "ephemeral", ttl: "1h" } });
    expect(findCity).toMatchObject({ name: "find_city", defer_loading: true });
    expect(findCity).not.toHaveProperty("cache_control");
    expect(more).toEqual([]);
    expect((body.messages as { role: string }[]).map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    await expect(app.breakpointItems).toHaveCount(2);
    await expect(app.breakpointItems.filter({ hasText: "kept" })).toHaveCount(2);

    // What the page shows is, character for character, buildRequest's body for the saved experiment.
    const saved = await app.savedExperiment();
    expect(saved.name).toBe("Weather agent");
    const built = buildRequest(saved);
    expect(built.ok).toBe(true);
    if (built.ok) {
      expect(await app.bodyText()).toBe(JSON.stringify(built.value.body, null, 2));
      expect(await app.requestJson.innerText()).toBe(JSON.stringify(built.value.body, null, 2));
    }
  });

  test("a tool schema that is not valid is reported and the last valid one is kept", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.newExperiment("Schema check");
    await app.button("Add tool").click();
    const schema = page.getByRole("textbox", { name: "Tool 1 input schema", exact: true });
    await schema.fill('{"type": "string"}');
    await expect(page.getByRole("alert").filter({ hasText: 'must be "object"' })).toBeVisible();
    await schema.fill("{oops");
    await expect(page.getByRole("alert").filter({ hasText: "not valid JSON" })).toBeVisible();
    await schema.blur();
    await app.expectBody((b) => JSON.stringify((b.tools as { input_schema: unknown }[])[0]!.input_schema) === '{"type":"object","properties":{}}');
  });

  test("blocks are reordered by keyboard and duplicated and deleted", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.newExperiment("Reorder");
    await app.fill(app.textBlock(0, 0), "first");
    await app.addBlock(0, "text");
    await app.fill(app.textBlock(0, 1), "second");
    await app.keyboardMoveDown(app.blockHandle(0, 0), "block 2 of message 1");
    await app.expectBody((b) => JSON.stringify(b.messages).indexOf("second") < JSON.stringify(b.messages).indexOf("first"));
    await expect(app.textBlock(0, 0)).toHaveValue("second");

    await app.button("Duplicate text block 1 of message 1").click();
    await expect(app.blockCards(0)).toHaveCount(3);
    await app.button("Delete text block 3 of message 1").click();
    await expect(app.blockCards(0)).toHaveCount(2);
    await app.expectBody((b) => JSON.stringify(b.messages) === JSON.stringify([{ role: "user", content: [{ text: "second", type: "text" }, { text: "second", type: "text" }] }]));
  });

  test("messages and blocks are reordered by mouse drag", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.newExperiment("Drag");
    await app.fill(app.textBlock(0, 0), "one");
    await app.addBlock(0, "text");
    await app.fill(app.textBlock(0, 1), "two");
    await app.dragTo(app.blockHandle(0, 1), app.blockHandle(0, 0));
    await expect(app.textBlock(0, 0)).toHaveValue("two");
    await app.expectBody((b) => JSON.stringify(b.messages) === JSON.stringify([{ role: "user", content: [{ text: "two", type: "text" }, { text: "one", type: "text" }] }]));

    await app.button("Add assistant message").click();
    await app.fill(app.textBlock(1, 0), "reply");
    await app.dragTo(app.button("Drag to reorder message 2"), app.button("Drag to reorder message 1"));
    await app.expectBody((b) => (b.messages as { role: string }[])[0]?.role === "assistant");
    await expect(app.message(0)).toHaveAttribute("data-role", "assistant");
  });

  test("undo and redo with the buttons and with Ctrl+Z / Ctrl+Shift+Z", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.newExperiment("Undo");
    // A message to cache: with none, Pydantic AI 2.33 (a new experiment's release) raises IndexError
    // (docs/reference/pydantic-ai-2.md §2.4).
    await app.fill(app.textBlock(0, 0), "Hi");
    await app.setCache(app.cacheMessages, "1h");
    await expect(app.breakpointItems).toHaveCount(1);
    await app.button("Undo").click();
    await expect(app.cacheMessages).toHaveValue("off");
    await app.button("Redo").click();
    await expect(app.cacheMessages).toHaveValue("1h");
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+z");
    await expect(app.cacheMessages).toHaveValue("off");
    await page.keyboard.press("Control+Shift+z");
    await expect(app.cacheMessages).toHaveValue("1h");
  });

  test("a 100k-token paste stays responsive and reaches the preview", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.goto();
    await app.newExperiment("Big document");
    const big = "The quick brown fox jumps over the lazy dog near the river bank. ".repeat(8_000);
    const started = Date.now();
    await app.fill(app.textBlock(0, 0), big);
    await app.expectBody((b) => JSON.stringify(b).length > big.length);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Typing elsewhere is not held up by the big block.
    await app.fill(page.getByRole("textbox", { name: "System part 1", exact: true }), "Summarise.");
    await app.expectBody((b) => b.system === "Summarise.");
  });
});
