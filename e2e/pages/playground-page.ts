// The playground as the tests see it: every locator by role and accessible name, so the specs
// read as what a user does and break only when the UI a user sees changes.
import { expect, type Locator, type Page } from "@playwright/test";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { gotoHydrated } from "../fixtures";

export type CacheChoice = "Off" | "5m" | "1h";
export const STORAGE_KEY = "cachelab:experiments";

export class PlaygroundPage {
  readonly provider: Locator;
  readonly model: Locator;
  readonly cacheInstructions: Locator;
  readonly cacheToolDefinitions: Locator;
  readonly cacheMessages: Locator;
  readonly breakpoints: Locator;
  readonly breakpointItems: Locator;
  readonly requestJson: Locator;
  readonly experimentPicker: Locator;
  readonly experimentName: Locator;
  readonly notice: Locator;
  /** What an import could not keep: stays above the editor until dismissed (issue 11 item 8). */
  readonly importNotes: Locator;

  constructor(readonly page: Page) {
    const combo = (name: string) => page.getByRole("combobox", { name, exact: true });
    this.provider = combo("Provider");
    this.model = combo("Model");
    this.cacheInstructions = combo("Cache instructions");
    this.cacheToolDefinitions = combo("Cache tool definitions");
    this.cacheMessages = combo("Cache messages");
    this.breakpoints = page.getByRole("region", { name: "Breakpoints" });
    this.breakpointItems = this.breakpoints.getByRole("listitem");
    this.requestJson = page.getByRole("region", { name: "Request JSON" });
    this.experimentPicker = combo("Experiment");
    this.experimentName = page.getByRole("textbox", { name: "Experiment name", exact: true });
    this.notice = page.getByRole("status").filter({ hasText: /\S/ }).first();
    this.importNotes = page.getByRole("region", { name: "Import notes: what the imported request could not keep" });
  }

  async goto(path = "/") {
    await gotoHydrated(this.page, path);
  }

  button(name: string) {
    return this.page.getByRole("button", { name, exact: true });
  }

  /** The request body exactly as the preview shows it. */
  async bodyText(): Promise<string> {
    return (await this.requestJson.textContent()) ?? "";
  }

  async body(): Promise<Record<string, unknown>> {
    return JSON.parse(await this.bodyText()) as Record<string, unknown>;
  }

  /** Waits until the preview's body satisfies a check (the preview renders deferred). */
  async expectBody(check: (body: Record<string, unknown>) => boolean, message?: string) {
    await expect.poll(async () => check(await this.body()), { message }).toBe(true);
  }

  /** The active experiment as saved in the browser (what a reload brings back). */
  async savedExperiment(): Promise<Experiment> {
    return this.page.evaluate((key) => {
      // The library batches its writes; leaving the page flushes them, and so does this event.
      window.dispatchEvent(new Event("pagehide"));
      const saved = JSON.parse(localStorage.getItem(key) ?? "null") as { state: { activeId: string; experiments: Record<string, { experiment: unknown }> } };
      return saved.state.experiments[saved.state.activeId]!.experiment;
    }, STORAGE_KEY) as Promise<Experiment>;
  }

  async newExperiment(name: string) {
    await this.button("New experiment").click();
    await this.experimentName.fill(name);
  }

  async openExample(title: string) {
    await this.page.getByRole("combobox", { name: "Example", exact: true }).selectOption({ label: title });
    await this.button("Open example").click();
  }

  async setCache(setting: Locator, choice: CacheChoice) {
    await setting.selectOption({ label: choice });
  }

  message(index: number) {
    return this.page.getByRole("article", { name: new RegExp(`^Message ${index + 1} \\(`) });
  }

  textBlock(messageIndex: number, blockIndex: number) {
    return this.page.getByRole("textbox", { name: `Text, message ${messageIndex + 1} block ${blockIndex + 1}`, exact: true });
  }

  /** Types into a deferred field and leaves it, which commits the edit. */
  async fill(field: Locator, text: string) {
    await field.fill(text);
    await field.blur();
  }

  async addBlock(messageIndex: number, type: "text" | "image" | "document" | "tool result" | "tool retry" | "tool use") {
    await this.button(`Add ${type} block to message ${messageIndex + 1}`).click();
  }

  cachePointAfterButton(messageIndex: number, blockIndex: number, type = "text") {
    return this.button(`Insert cache point after ${type} block ${blockIndex + 1} of message ${messageIndex + 1}`);
  }

  blockCards(messageIndex: number) {
    return this.message(messageIndex).locator("[data-block-type]");
  }

  blockHandle(messageIndex: number, blockIndex: number, type = "text") {
    return this.button(`Drag to reorder ${type} block ${blockIndex + 1} of message ${messageIndex + 1}`);
  }

  get palette() {
    return this.button("Drag a new CachePoint into a user message");
  }

  /** Drags with real mouse events (dnd-kit's pointer sensor needs movement past its 4 px threshold). */
  async dragTo(source: Locator, target: Locator) {
    const from = (await source.boundingBox())!;
    const to = (await target.boundingBox())!;
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 + 1, { steps: 2 });
    await this.page.mouse.up();
  }

  /**
   * Moves a sortable item with the keyboard: Space picks it up, ArrowDown moves, Space drops. Waits
   * for aria-pressed and the live-region text between keys (docs/reference/toolchain.md §5).
   */
  async keyboardMoveDown(handle: Locator, overText: string) {
    await handle.focus();
    await this.page.keyboard.press("Space");
    await expect(handle).toHaveAttribute("aria-pressed", "true");
    await this.page.keyboard.press("ArrowDown");
    await expect(this.page.locator("[id^='DndLiveRegion']", { hasText: overText })).toHaveCount(1);
    await this.page.keyboard.press("Space");
    await expect(handle).not.toHaveAttribute("aria-pressed", "true");
  }

  async openImport() {
    await this.button("Import").click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    return {
      dialog,
      textbox: dialog.getByRole("textbox", { name: "Experiment JSON" }),
      submit: dialog.getByRole("button", { name: "Import experiment" }),
      cancel: dialog.getByRole("button", { name: "Cancel" }),
    };
  }
}
