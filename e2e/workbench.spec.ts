// Issue 11: the workbench. Each numbered item of the issue has a test here. Axe checks every listed
// state (empty, editing, after runs, a failed run, compare, compare across vendors and its dialog, the
// import dialog) and the history's fit
// is checked at 1440×900 and 390×844 in the light and the dark theme (four runs each); every other
// test runs in two of those four that between them cover both sizes and both themes, which keeps the
// suite's time in bounds.
import { expect, gotoHydrated, test } from "./fixtures";
import { PlaygroundPage } from "./pages/playground-page";
import { RunsPanelPage, seedExperiment } from "./pages/runs-panel";
import { THEMES, VIEWPORTS, WorkbenchPage, axeViolations, contrastOf, seedLibrary, type Theme, type ViewportName } from "./pages/workbench";

const PARAGRAPH = "The ingestion service retries each batch with backoff and reports every failure to the on-call rotation. ";

/** A conversation long enough that its last message sits several screens below the settings. */
function longConversation() {
  const messages = Array.from({ length: 12 }, (_, i) => ({
    role: i % 2 === 0 ? "user" : "assistant",
    content: [{ type: "text", text: `${i % 2 === 0 ? "Question" : "Answer"} ${i + 1}. ${PARAGRAPH.repeat(6)}` }],
  }));
  return { ...seedExperiment({ cacheMessages: true }), name: "Long chat", messages };
}

const BEHAVIOUR: [ViewportName, Theme][] = [
  ["desktop", "light"],
  ["phone", "dark"],
];

/** Layout tests that need every size and theme run in all four; the others in two that cover both sizes and both themes. */
const inTwo = (size: ViewportName, theme: Theme) => (size === "desktop") === (theme === "light");
const inTheOtherTwo = (size: ViewportName, theme: Theme) => !inTwo(size, theme);

for (const theme of THEMES) {
  for (const size of ["desktop", "phone"] as const) {
    test.describe(`${size} ${VIEWPORTS[size].width}×${VIEWPORTS[size].height}, ${theme}`, () => {
      test.use({ viewport: VIEWPORTS[size], colorScheme: theme });

      // Item 11 (and 3): every listed state has no axe violation, in this size and theme. The page
      // after runs holds a successful series, a failed run, a comparison and a comparison across
      // vendors at once, so one check covers those four states.
      test("axe: empty, editing, after runs with a failed run and a comparison, compare across vendors, the dialogs", async ({ page }) => {
        test.setTimeout(150_000);
        const app = new PlaygroundPage(page);
        const bench = new WorkbenchPage(page);
        const runs = new RunsPanelPage(page);
        await runs.seed();
        await gotoHydrated(page);
        await bench.expectAxeClean("empty (first load)");

        await app.textBlock(0, 0).fill("Summarise the document, then list three risks.");
        await app.cachePointAfterButton(0, 0).click();
        await expect(app.breakpointItems).toHaveCount(2);
        await bench.expectAxeClean("editing");

        await runs.resetEmulator();
        await page.getByRole("checkbox", { name: "Compare with another provider or model" }).check();
        await page.getByRole("combobox", { name: "Provider B" }).selectOption({ label: "Anthropic" });
        await runs.configure({ runs: 1, gap: 0 });
        await runs.runButton().click();
        await expect(page.getByTestId("series-status")).toContainText("Done: 2 runs");
        await runs.injectFault("500 server error");
        await runs.runButton().click();
        await expect(page.getByTestId("series-status")).toContainText("1 failed");
        await expect(runs.chart("Compare: cache read per run")).toBeVisible();
        await expect(runs.chart("Cache usage per run").locator(".recharts-bar-rectangle").first()).toBeVisible();
        expect(await bench.chartGridHoles(), "the charts grid, comparing").toEqual([]);

        // Compare across vendors (issue 13 item 3) with its results joins the same page, so one check
        // covers it too; then a target's request-body dialog, checked on its own (the page behind it
        // was just checked).
        const vendors = page.getByRole("region", { name: "Compare across vendors" });
        await vendors.getByRole("button", { name: "Start comparison" }).click();
        await expect(vendors.getByTestId("vendor-compare-status")).toHaveText(/^Comparison done/, { timeout: 30_000 });
        await expect(vendors.getByRole("figure", { name: "Cache use and cost per run across vendors" }).locator(".recharts-bar-rectangle").first()).toBeVisible();
        await bench.expectAxeClean("after runs, with a failed run, a comparison and a comparison across vendors");
        await vendors.getByRole("button", { name: /^Request body, OpenAI Responses/ }).click();
        const body = page.getByRole("dialog", { name: /^Request body: OpenAI Responses/ });
        await expect(body.getByTestId("target-request-body")).toBeVisible();
        await bench.expectAxeClean("compare across vendors, a request-body dialog", "dialog[open]");
        await body.getByRole("button", { name: "Close" }).click();
        await expect(body).toHaveCount(0);

        const dialog = await app.openImport();
        await dialog.textbox.fill("{ not json");
        await dialog.submit.click();
        await expect(dialog.dialog.getByRole("alert")).toBeVisible();
        await bench.expectAxeClean("the import dialog, with an error");
      });

      // Item 2: the history fits without sideways clipping on a wide screen; on a phone it is cards.
      test("the run history: every column readable, or a list of cards on a phone", async ({ page }) => {
        const runs = new RunsPanelPage(page);
        const bench = new WorkbenchPage(page);
        await runs.seed();
        await gotoHydrated(page);
        await runs.resetEmulator();
        await runs.configure({ runs: 2, gap: 400 });
        await runs.runButton().click();
        await expect(page.getByTestId("series-status")).toContainText("Done: 2 runs");
        await runs.injectFault("429 rate limit");
        await runs.configure({ runs: 1, gap: 0 });
        await runs.runButton().click();
        await expect(page.getByTestId("series-status")).toContainText("1 failed");
        expect(await bench.chartGridHoles(), "the charts grid").toEqual([]);
        if (size === "desktop") {
          await expect(runs.rows()).toHaveCount(3);
          const fit = await bench.historyFits();
          expect(fit.clipped, "cells cut off sideways").toEqual([]);
          expect(fit.tableWidth).toBeLessThanOrEqual(fit.panelWidth + 1);
          expect(fit.rightEdge).toBeLessThanOrEqual(VIEWPORTS.desktop.width);
          // The longest explanations wrap in place, in full.
          await expect(runs.why(1)).toContainText(/TTL expired: 4\d\d s passed since run 1, longer than the 5m TTL/);
          await expect(runs.why(2)).toContainText("rate-limited the request (429)");
          const why = await runs.why(1).boundingBox();
          expect(why!.x + why!.width).toBeLessThanOrEqual(VIEWPORTS.desktop.width);
        } else {
          await expect(runs.history.getByRole("table")).toHaveCount(0);
          await expect(bench.runCards()).toHaveCount(3);
          await expect(bench.runCards().nth(1)).toContainText(/TTL expired: 4\d\d s passed since run 1/);
          await expect(bench.runCards().nth(2)).toContainText("Failed");
          // Nothing on the page scrolls sideways.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
          for (const card of await bench.runCards().all()) {
            const box = (await card.boundingBox())!;
            expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
          }
        }
      });

      // Item 3: the theme follows the system, and names with underscores show their underscores.
      if (inTwo(size, theme)) test("the theme follows the system setting and underscores are visible", async ({ page }) => {
        const app = new PlaygroundPage(page);
        await app.goto();
        const surface = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const luminance = await page.evaluate((c) => {
          const [r, g, b] = c.match(/\d+/g)!.map(Number);
          return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
        }, surface);
        if (theme === "dark") expect(luminance).toBeLessThan(0.2);
        else expect(luminance).toBeGreaterThan(0.8);
        expect(await contrastOf(page, "var(--fg)", surface)).toBeGreaterThanOrEqual(7);

        await app.newExperiment("Tools");
        await app.button("Add tool").click();
        const name = page.getByRole("textbox", { name: "Tool 1 name", exact: true });
        expect(await name.evaluate((el) => getComputedStyle(el).fontFamily)).toContain("JetBrains Mono");
        await expect.poll(() => page.evaluate(() => document.fonts.check('13px "JetBrains Mono Variable"'))).toBe(true);
        await name.fill("search handbook");
        await name.blur();
        const spaced = await name.screenshot();
        await name.fill("search_handbook");
        await name.blur();
        const underscored = await name.screenshot();
        // If the underscore were clipped or invisible, the two would be the same picture.
        expect(underscored.equals(spaced)).toBe(false);
      });

      // Item 1: the preview stays in sight while editing; a refusal is said where the person works.
      if (inTwo(size, theme)) test("the preview stays in view while the last message is edited, and a refusal shows beside it", async ({ page }) => {
        const app = new PlaygroundPage(page);
        const bench = new WorkbenchPage(page);
        await seedLibrary(page, { chat: longConversation() });
        await gotoHydrated(page);
        const last = app.textBlock(11, 0);
        await last.scrollIntoViewIfNeeded();
        await last.click();
        await page.keyboard.type(" And the retries?");
        await last.blur();
        await app.expectBody((b) => JSON.stringify(b).includes("And the retries?"));
        if (size === "desktop") {
          expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1500);
          await expect(last).toBeInViewport();
          await expect(bench.breakpoints).toBeInViewport();
          await expect(bench.requestJson).toBeInViewport();
          const pane = (await bench.preview.boundingBox())!;
          expect(pane.y).toBeGreaterThanOrEqual(0);
          expect(pane.y + pane.height).toBeLessThanOrEqual(VIEWPORTS.desktop.height);
        }
        // Deleting the block a marker caches would leave the marker first in its message: refused,
        // and the reason appears in that message, not only at the top of the page.
        const lastUser = app.message(10);
        await app.cachePointAfterButton(10, 0).click();
        await expect(lastUser.locator("[data-block-type='cache_point']")).toHaveCount(1);
        await app.button("Delete text block 1 of message 11").click();
        const note = lastUser.getByTestId("message-note");
        // It says what was not done (the block was not deleted) and why.
        await expect(note).toContainText(/^Not deleted: a CachePoint would end up refused\. CachePoint cannot be the first content/);
        await expect(app.textBlock(10, 0)).toHaveValue(/^Question 11\./);
        await expect(note).toBeInViewport();
        await expect(app.notice).toBeInViewport();
      });

      // Item 10: readable charts with a text alternative.
      if (inTheOtherTwo(size, theme)) test("charts: series at 3:1, money ticks like -$0.03, a tooltip clear of the legend, a data table", async ({ page }) => {
        const runs = new RunsPanelPage(page);
        await runs.seed();
        await gotoHydrated(page);
        await runs.resetEmulator();
        await runs.configure({ runs: 3, gap: 400 });
        await runs.runButton().click();
        await expect(page.getByTestId("series-status")).toContainText("Done: 3 runs");
        for (const name of ["Cache usage per run", "Cost per run, with and without caching", "Latency per run (modelled by the emulator)", "Hit rate per run"]) {
          const chart = runs.chart(name);
          const background = await chart.evaluate((el) => getComputedStyle(el).backgroundColor);
          for (const item of await runs.legendItems(chart).all()) {
            const swatch = item.locator("span").first();
            const colour = await swatch.evaluate((el) => {
              const s = getComputedStyle(el);
              return s.backgroundColor === "rgba(0, 0, 0, 0)" ? s.borderTopColor : s.backgroundColor;
            });
            expect(await contrastOf(page, colour, background), `${name}: ${await item.textContent()} swatch`).toBeGreaterThanOrEqual(3);
            const textColour = await item.evaluate((el) => getComputedStyle(el).color);
            expect(await contrastOf(page, textColour, background), `${name}: legend text`).toBeGreaterThanOrEqual(4.5);
          }
          // A line's legend swatch is a stroke, a bar's a box.
          const lines = name.startsWith("Latency") || name.startsWith("Hit rate") ? await runs.legendItems(chart).count() : name.startsWith("Cost") ? 1 : 0;
          await expect(runs.legendItems(chart).and(page.locator("[data-swatch='line']"))).toHaveCount(lines);
          // The text alternative: the chart's numbers in a table a person can open.
          await chart.getByText("Data table").click();
          await expect(chart.getByRole("table").locator("tbody tr")).toHaveCount(3);
        }
        const ticks = (await runs.chart("Cost per run, with and without caching").locator(".recharts-cartesian-axis-tick-value").allTextContents()).filter((t) => t.includes("$"));
        expect(ticks.length).toBeGreaterThan(2);
        expect(ticks.some((t) => t.startsWith("-$"))).toBe(true);
        for (const t of ticks) expect(t).toMatch(/^-?\$\d[\d,]*(\.\d*[1-9])?$/);
        if (size === "desktop") {
          const usage = runs.chart("Cache usage per run");
          await usage.locator(".recharts-bar-rectangle").first().hover();
          const tooltip = usage.locator(".recharts-tooltip-wrapper");
          await expect(tooltip).toBeVisible();
          const t = (await tooltip.boundingBox())!;
          const legend = (await usage.getByRole("list", { name: "Legend" }).boundingBox())!;
          const overlaps = t.x < legend.x + legend.width && legend.x < t.x + t.width && t.y < legend.y + legend.height && legend.y < t.y + t.height;
          expect(overlaps).toBe(false);
        }
      });
    });
  }
}

// Item 10 (preview wording): the minimum reads as tokens, an overwritten marker is no alarm.
test("the meter says minimum tokens and an overwritten marker reads 'overwritten (block still cached)'", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await seedLibrary(page, {
    overwrite: {
      ...seedExperiment(),
      semantics: "pydantic-ai@1.74",
      settings: { cache_instructions: "5m", cache_messages: "5m" },
      messages: [{ role: "user", content: [{ type: "text", text: "Question one?" }, { type: "cache_point" }] }],
    },
  });
  await gotoHydrated(page);
  await expect(app.breakpoints).toContainText(/≈[\d,]+ of 1,024 minimum tokens/);
  await expect(app.breakpoints).not.toContainText(/\d min\b/);
  // The label names the experiment path the CachePoint sits at; the arrow names the request block it lands on.
  const marker = app.breakpointItems.filter({ hasText: "CachePoint at experiment messages[0].content[1]" });
  await expect(marker).toHaveCount(1);
  await expect(marker).toContainText("→ request messages[0].content[0]");
  await expect(marker).toContainText("overwritten (block still cached)");
  await expect(marker).not.toContainText("dropped");
});

for (const [size, theme] of BEHAVIOUR) {
  test.describe(`behaviour at ${VIEWPORTS[size].width}×${VIEWPORTS[size].height}, ${theme}`, () => {
    test.use({ viewport: VIEWPORTS[size], colorScheme: theme });

    // Item 4: a series never edits the experiment; saving the conversation is explicit.
    test("a growing conversation leaves the experiment alone and can be saved as a new one", async ({ page }) => {
      const app = new PlaygroundPage(page);
      const runs = new RunsPanelPage(page);
      await runs.seed({ cacheMessages: true });
      await gotoHydrated(page);
      await runs.resetEmulator();
      await runs.configure({ mode: "Growing conversation", runs: 3 });
      await runs.runButton().click();
      await expect(page.getByTestId("series-status")).toContainText("Done: 3 runs");
      // The editor and the saved experiment still have the one message they started with.
      await expect(page.getByRole("article", { name: /^Message \d+ \(/ })).toHaveCount(1);
      expect((await app.savedExperiment()).messages).toHaveLength(1);
      const transcript = page.getByTestId("conversation-transcript");
      await expect(transcript).toContainText("3 turns sent, 3 answered, 6 messages");
      await transcript.getByRole("button", { name: "Save this conversation as a new experiment" }).click();
      await expect(app.experimentName).toHaveValue("Runs e2e — conversation (3 turns)");
      await expect(page.getByRole("article", { name: /^Message \d+ \(/ })).toHaveCount(6);
      await expect(app.message(5)).toHaveAttribute("data-role", "assistant");
      await expect(app.message(4)).toContainText("Follow-up 3");
      await app.experimentPicker.selectOption({ label: "Runs e2e" });
      await expect(page.getByRole("article", { name: /^Message \d+ \(/ })).toHaveCount(1);
    });

    // Item 5: the palette and messages move by keyboard, and say where they are.
    test("keyboard: a new CachePoint steps through allowed positions; a message moves and is announced", async ({ page }) => {
      const app = new PlaygroundPage(page);
      const bench = new WorkbenchPage(page);
      await app.goto();
      await app.newExperiment("Keyboard");
      await app.fill(app.textBlock(0, 0), "A long document.");
      await app.addBlock(0, "text");
      await app.fill(app.textBlock(0, 1), "A question about it.");
      await app.button("Add assistant message").click();
      await app.fill(app.textBlock(1, 0), "An answer.");
      await app.button("Add user message").click();
      await app.fill(app.textBlock(2, 0), "A follow-up.");

      const said = (text: string) => expect(bench.liveRegion.filter({ hasText: text })).toHaveCount(1);
      await app.palette.focus();
      await page.keyboard.press("Space");
      await said("Picked up a new CachePoint");
      await page.keyboard.press("ArrowDown");
      await said("A new CachePoint would go at the position after item 1 of message 1.");
      await page.keyboard.press("ArrowDown");
      await said("the position after item 2 of message 1.");
      await page.keyboard.press("ArrowDown");
      // Assistant messages and the start of a message are skipped: next is after item 1 of message 3.
      await said("the position after item 1 of message 3.");
      await page.keyboard.press("ArrowUp");
      await said("the position after item 2 of message 1.");
      await page.keyboard.press("Space");
      await expect(app.message(0).locator("[data-block-type='cache_point']")).toHaveCount(1);
      await app.expectBody((b) => JSON.stringify((b.messages as unknown[])[0]).includes("cache_control"));

      const handle = app.button("Drag to reorder message 1");
      await handle.focus();
      await page.keyboard.press("Space");
      await expect(handle).toHaveAttribute("aria-pressed", "true");
      await page.keyboard.press("ArrowDown");
      await said("Message 1 would move to position 2 of 3.");
      await page.keyboard.press("ArrowDown");
      await said("Message 1 would move to position 3 of 3.");
      await page.keyboard.press("Space");
      await said("Message 1 moved to position 3 of 3.");
      await expect(app.message(2).getByRole("textbox").first()).toHaveValue("A long document.");
      await app.expectBody((b) => JSON.stringify((b.messages as unknown[])[2]).includes("A long document."));
    });

    // Item 5: every main flow without a mouse (keys only; focus() stands for the Tab presses).
    test("edit, mark, set, run, read the explanation, export and import, all by keyboard", async ({ page }) => {
      const app = new PlaygroundPage(page);
      const runs = new RunsPanelPage(page);
      const bench = new WorkbenchPage(page);
      await runs.seed();
      await gotoHydrated(page);
      // The first Tab stop skips to the preview.
      await page.keyboard.press("Tab");
      await expect(page.getByRole("link", { name: "Skip to the preview" })).toBeFocused();
      expect((await bench.focusIsVisible()).visible).toBe(true);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => location.hash)).toBe("#preview");

      await app.textBlock(0, 0).focus();
      await page.keyboard.press("End");
      await page.keyboard.type(" Keep it short.");
      await page.keyboard.press("Tab");
      await app.expectBody((b) => JSON.stringify(b).includes("Keep it short."));
      await app.cachePointAfterButton(0, 0).focus();
      await page.keyboard.press("Enter");
      await expect(app.message(0).locator("[data-block-type='cache_point']")).toHaveCount(1);
      await app.cacheMessages.focus();
      await page.keyboard.press("ArrowDown");
      await expect(app.cacheMessages).not.toHaveValue("off");

      await page.getByRole("button", { name: "Reset emulator cache" }).focus();
      await page.keyboard.press("Enter");
      await expect(page.getByText("The emulator's cache is empty.")).toBeVisible();
      for (const [name, value] of [["Runs", "2"], ["Gap (seconds)", "400"]] as const) {
        await page.getByRole("spinbutton", { name }).focus();
        await page.keyboard.press("ControlOrMeta+a");
        await page.keyboard.type(value);
      }
      await runs.runButton().focus();
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("series-status")).toContainText("Done: 2 runs");
      // Read the explanation, open the run's details, and follow it to the block it names.
      const second = size === "desktop" ? runs.why(1) : bench.runCards().nth(1);
      await expect(second).toContainText("TTL expired");
      await second.getByText("Details").focus();
      await page.keyboard.press("Enter");
      await expect(second.getByText("Request id")).toBeVisible();
      await second.getByRole("button", { name: /^Select .* in the editor$/ }).focus();
      await page.keyboard.press("Enter");
      await expect(page.locator("[data-highlighted]")).toBeFocused();

      await page.getByRole("button", { name: "Show code" }).focus();
      await page.keyboard.press("Enter");
      await expect(page.getByRole("region", { name: "curl code" })).toContainText("curl");

      await page.getByRole("button", { name: "Import", exact: true }).focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByRole("textbox", { name: "Experiment JSON" })).toBeFocused();
      await page.keyboard.insertText(JSON.stringify({ name: "Typed in", messages: [{ role: "user", content: [{ type: "text", text: "By keyboard" }] }] }));
      await dialog.getByRole("button", { name: "Import experiment" }).focus();
      await page.keyboard.press("Enter");
      await expect(app.experimentName).toHaveValue("Typed in");
    });

    // Item 6: max_tokens 0 is accepted (and runs: the emulator pre-warms); invalid text says why.
    test("max_tokens takes 0, explains what it refuses, and flags a value above the model's limit", async ({ page }) => {
      const app = new PlaygroundPage(page);
      const runs = new RunsPanelPage(page);
      await runs.seed();
      await gotoHydrated(page);
      const field = page.getByRole("textbox", { name: "max_tokens", exact: true });
      await field.fill("0");
      await app.expectBody((b) => b.max_tokens === 0);
      await expect(page.getByText(/0 pre-warms the cache/)).toBeVisible();
      for (const [text, reason] of [
        ["-5", "cannot be negative"],
        ["12.5", "without decimals"],
        ["", "is required"],
      ] as const) {
        await field.fill(text);
        await field.blur();
        await expect(field).toHaveValue(text);
        await expect(field).toHaveAttribute("aria-invalid", "true");
        await expect(field).toHaveAccessibleDescription(new RegExp(`${reason}.*The experiment keeps 0\\.`));
        await app.expectBody((b) => b.max_tokens === 0);
      }
      await field.fill("999999");
      await expect(field).toHaveAccessibleDescription(/Above Claude Sonnet 4.6's output limit of 128,000 tokens/);
      await app.expectBody((b) => b.max_tokens === 999999);
      await field.fill("0");
      await runs.resetEmulator();
      await runs.configure({ runs: 1 });
      await runs.runButton().click();
      await expect(page.getByTestId("series-status")).toContainText("Done: 1 run");
      const out = size === "desktop" ? await runs.tokens(0, "Output") : Number(((await new WorkbenchPage(page).runCards().first().textContent()) ?? "").match(/Output(\d+)/)?.[1]);
      expect(out).toBe(0);
    });

    // Item 7: Ctrl+Z in a text area undoes the typing run, as the browser does.
    test("Ctrl+Z in a text area undoes the typing, not one character; outside, the app's undo", async ({ page }) => {
      const app = new PlaygroundPage(page);
      await app.goto();
      await app.newExperiment("Undo");
      const part = page.getByRole("textbox", { name: "System part 1", exact: true });
      await app.fill(part, "System part 1");
      await part.click();
      await page.keyboard.press("End");
      // Typed at a person's pace: one undo step takes back the whole run of typing, as in a plain textarea.
      await page.keyboard.type(" more", { delay: 60 });
      await app.expectBody((b) => JSON.stringify(b).includes("System part 1 more"));
      await page.keyboard.press("ControlOrMeta+z");
      await expect(part).toHaveValue("System part 1");
      await app.expectBody((b) => JSON.stringify(b).includes('"System part 1"'));
      // Two words with a pause between them (the preview updates in the pause) undo a word at a time.
      await page.keyboard.type(" one", { delay: 60 });
      await app.expectBody((b) => JSON.stringify(b).includes("System part 1 one"));
      await page.keyboard.type(" two", { delay: 60 });
      await page.keyboard.press("ControlOrMeta+z");
      await expect(part).toHaveValue("System part 1 one");
      await page.keyboard.press("ControlOrMeta+z");
      await expect(part).toHaveValue("System part 1");
      await part.blur();
      await app.expectBody((b) => JSON.stringify(b).includes('"System part 1"'));
      // Outside a text field, Ctrl+Z is the app's undo.
      await app.setCache(app.cacheMessages, "1h");
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press("ControlOrMeta+z");
      await expect(app.cacheMessages).toHaveValue("off");
    });

    // Item 8: what a raw-request import could not keep stays until dismissed.
    test("import notes stay with the experiment, across a reload, until dismissed", async ({ page }) => {
      const app = new PlaygroundPage(page);
      await page.clock.install();
      await app.goto();
      const dialog = await app.openImport();
      await dialog.textbox.fill(
        JSON.stringify({
          model: "claude-sonnet-4-6",
          max_tokens: 512,
          temperature: 0.2,
          tool_choice: { type: "auto" },
          messages: [{ role: "user", content: [{ type: "text", text: "Raw request", cache_control: { type: "ephemeral" } }] }],
        }),
      );
      await dialog.submit.click();
      const notes = page.getByRole("region", { name: "Import notes: what the imported request could not keep" });
      await expect(notes).toContainText("temperature");
      // The notice that says so goes after 5 s; the notes stay.
      await page.clock.fastForward(6_000);
      await expect(page.getByRole("status").filter({ hasText: "Imported" })).toHaveCount(0);
      await expect(notes).toBeVisible();
      await page.reload();
      await page.locator("html[data-hydrated='true']").waitFor();
      await expect(notes).toContainText("temperature");
      await notes.getByRole("button", { name: "Dismiss import notes" }).click();
      await expect(notes).toHaveCount(0);
      await page.reload();
      await page.locator("html[data-hydrated='true']").waitFor();
      await expect(notes).toHaveCount(0);
    });

    // Item 9: a share link pasted into an open tab imports on hashchange.
    test("a share link pasted into an open tab opens its experiment", async ({ page }) => {
      const app = new PlaygroundPage(page);
      await app.goto();
      await app.newExperiment("Shared in place");
      await app.fill(app.textBlock(0, 0), "shared in an open tab");
      await app.button("Copy share link").click();
      const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
      await app.newExperiment("Something else");
      const before = await app.experimentPicker.locator("option").count();
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, link.slice(link.indexOf("#")));
      await expect(app.experimentName).toHaveValue("Shared in place");
      await expect(app.textBlock(0, 0)).toHaveValue("shared in an open tab");
      await expect(app.experimentPicker.locator("option")).toHaveCount(before + 1);
      await expect.poll(() => page.evaluate(() => window.location.hash)).toBe("");
    });

    // Item 11: focus is visible at every stop, and scroll regions take focus.
    test("keyboard focus is visible on every Tab stop, and every scroll region is reachable", async ({ page }) => {
      const bench = new WorkbenchPage(page);
      const runs = new RunsPanelPage(page);
      await runs.seed();
      await gotoHydrated(page);
      // The page with the most to reach: a comparison's runs, a failed run, the charts and the history.
      await runs.resetEmulator();
      await page.getByRole("checkbox", { name: "Compare with another provider or model" }).check();
      await runs.configure({ runs: 1, gap: 0 });
      await runs.runButton().click();
      await expect(page.getByTestId("series-status")).toContainText("Done: 2 runs");
      await runs.injectFault("500 server error");
      await runs.runButton().click();
      await expect(page.getByTestId("series-status")).toContainText("1 failed");
      await expect(runs.chart("Compare: cache read per run")).toBeVisible();
      // Every Tab stop of the whole page, from the first (the skip link) until focus leaves the page.
      await page.getByRole("link", { name: "Skip to the preview" }).focus();
      const invisible: string[] = [];
      const seen = new Set<string>();
      let stops = 0;
      for (; stops < 600; stops++) {
        await page.keyboard.press("Tab");
        const focus = await bench.focusIsVisible();
        if (focus.id === "body" || seen.has(focus.id)) break;
        seen.add(focus.id);
        if (!focus.visible) invisible.push(`${stops + 1}: ${focus.tag} ${focus.name}`);
      }
      expect(stops, "Tab came round to the first stop").toBeLessThan(600);
      expect(seen.size, "Tab stops on the page").toBeGreaterThan(100);
      expect(invisible).toEqual([]);
      const unreachable = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>("body *")]
          .filter((el) => {
            const s = getComputedStyle(el);
            const scrolls = (/(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1) || (/(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1);
            return scrolls && el.tabIndex < 0 && !el.querySelector("a[href], button, input, select, textarea, [tabindex='0']");
          })
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(unreachable).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}
