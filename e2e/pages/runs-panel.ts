// Page object for the runs panel: the specs speak in the user's terms (set runs, run, read a row),
// and only this file knows the roles and names the panel exposes.
import { type Locator, type Page, expect } from "@playwright/test";

const LONG = "CacheLab keeps a stable prefix so later requests can read it from the cache. ".repeat(180);

export interface SeedOptions {
  cacheMessages?: boolean;
  id?: string;
  /** The TTL of the system prompt's breakpoint (Cache instructions). */
  ttl?: "5m" | "1h";
  name?: string;
  /** Copies of the ≈3,000-token text; a longer prompt holds each response longer (the emulator's TTFT). */
  copies?: number;
}

/** An experiment above Sonnet 4.6's 1,024-token minimum with a 5m breakpoint on the system prompt. */
export function seedExperiment({ cacheMessages = false, copies = 1, ttl = "5m", name = "Runs e2e" }: SeedOptions = {}) {
  return {
    format: "cachelab.experiment.v1",
    name,
    provider: "anthropic",
    model: "claude-sonnet-4-6",
    max_tokens: 64,
    settings: { cache_instructions: ttl, cache_tool_definitions: false, cache_messages: cacheMessages },
    system: [LONG.repeat(copies)],
    messages: [{ role: "user", content: [{ type: "text", text: "Summarise the document in one line." }] }],
  };
}

export class RunsPanelPage {
  readonly panel: Locator;
  readonly history: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole("region", { name: "Runs", exact: true });
    this.history = page.getByRole("region", { name: "Run history" });
    this.table = this.history.getByRole("table");
  }

  /** Puts experiments in the library before the app loads (the store's persisted format); the first is active. */
  async seed(options: SeedOptions = {}, ...others: SeedOptions[]) {
    const all = [options, ...others].map((o, i) => ({ id: o.id ?? (i === 0 ? "runs-e2e" : `runs-e2e-${i}`), experiment: seedExperiment(o) }));
    const library = {
      state: { experiments: Object.fromEntries(all.map(({ id, experiment }) => [id, { id, experiment, createdAt: 1, updatedAt: 1 }])), order: all.map((e) => e.id), activeId: all[0]!.id },
      version: 1,
    };
    await this.page.addInitScript((value) => {
      if (!sessionStorage.getItem("runs-e2e-seeded")) {
        localStorage.setItem("cachelab:experiments", value);
        sessionStorage.setItem("runs-e2e-seeded", "1");
      }
    }, JSON.stringify(library));
  }

  transport(name: "Emulated" | "Live") {
    return this.page.getByRole("radiogroup", { name: "Transport" }).getByRole("radio", { name, exact: true });
  }

  async configure({ runs, gap, mode }: { runs?: number; gap?: number; mode?: "Identical repeat" | "Growing conversation" | "Warm-up then fan-out" | "Simulated traffic" }) {
    if (mode) await this.page.getByRole("radio", { name: mode }).check();
    if (runs !== undefined) await this.page.getByRole("spinbutton", { name: "Runs" }).fill(String(runs));
    if (gap !== undefined) await this.page.getByRole("spinbutton", { name: "Gap (seconds)" }).fill(String(gap));
  }

  runButton() {
    return this.page.getByRole("button", { name: "Run", exact: true });
  }

  cancelButton() {
    return this.page.getByRole("button", { name: "Cancel", exact: true });
  }

  /** The rows of runs on screen (the history is virtualised: spacer rows stand for the others). */
  rows() {
    return this.table.locator("tbody tr:not([data-spacer])");
  }

  /** The history's scroll box. */
  scroller() {
    return this.history.locator("[data-history-scroller]");
  }

  /** Traffic mode with these settings; `whatIf` picks variants B and C ("None" to leave one out). */
  async configureTraffic(o: { perHour?: number; hours?: number; gaps?: "Random" | "Fixed"; seed?: number; turns?: number; turnGap?: number; whatIf?: { B?: string; C?: string } }) {
    await this.configure({ mode: "Simulated traffic" });
    if (o.perHour !== undefined) await this.page.getByRole("spinbutton", { name: "Arrivals per hour" }).fill(String(o.perHour));
    if (o.hours !== undefined) await this.page.getByRole("spinbutton", { name: "Duration (hours)" }).fill(String(o.hours));
    if (o.gaps) await this.page.getByRole("radiogroup", { name: "Arrival gaps" }).getByRole("radio", { name: o.gaps }).check();
    if (o.seed !== undefined) await this.page.getByRole("spinbutton", { name: "Seed" }).fill(String(o.seed));
    if (o.turns !== undefined) await this.page.getByRole("spinbutton", { name: "Turns per session" }).fill(String(o.turns));
    if (o.turnGap !== undefined) await this.page.getByRole("spinbutton", { name: "Seconds between turns" }).fill(String(o.turnGap));
    if (o.whatIf?.B) await this.page.getByRole("combobox", { name: "What-if B" }).selectOption({ label: o.whatIf.B });
    if (o.whatIf?.C) await this.page.getByRole("combobox", { name: "What-if C" }).selectOption({ label: o.whatIf.C });
  }

  /** The status line once a series is over ("Done: 36 runs.", "Cancelled after …"). */
  status() {
    return this.page.getByTestId("series-status");
  }

  /** Starts a series and waits until `expected` rows are in the table and the series is over. */
  async runSeries(expected: number) {
    await this.runButton().click();
    await expect(this.rows()).toHaveCount(expected);
    await expect(this.runButton()).toBeEnabled();
  }

  async resetEmulator() {
    await this.page.getByRole("button", { name: "Reset emulator cache" }).click();
    await expect(this.page.getByText("The emulator's cache is empty.")).toBeVisible();
  }

  async injectFault(kind: "429 rate limit" | "529 overloaded" | "500 server error" | "Cut stream") {
    await this.page.getByRole("combobox", { name: "Test fault" }).selectOption({ label: kind });
    await this.page.getByRole("button", { name: "Inject fault" }).click();
    await expect(this.page.getByText("Fault queued for the next emulated request.")).toBeVisible();
  }

  private async columnIndex(name: string): Promise<number> {
    const headers = await this.table.locator("thead th").allTextContents();
    const i = headers.findIndex((h) => h.trim() === name);
    if (i < 0) throw new Error(`no column ${name} in ${headers.join(", ")}`);
    return i;
  }

  /** A cell's text (0-based row). */
  async cell(row: number, column: string): Promise<string> {
    const i = await this.columnIndex(column);
    return ((await this.rows().nth(row).locator("th, td").nth(i).textContent()) ?? "").trim();
  }

  /** A number cell of a row (0-based), commas removed. */
  async tokens(row: number, column: "Cache read" | "Cache write" | "Uncached input" | "Output"): Promise<number> {
    const i = await this.columnIndex(column);
    const text = await this.rows().nth(row).locator("th, td").nth(i).textContent();
    return Number((text ?? "").replace(/[^\d]/g, ""));
  }

  why(row: number) {
    return this.rows().nth(row).locator("td").last();
  }

  chart(name: string) {
    return this.page.getByRole("figure", { name });
  }

  /** The series a chart's legend names, in order. */
  legendItems(chart: Locator) {
    return chart.getByRole("list", { name: "Legend" }).getByRole("listitem");
  }
}
