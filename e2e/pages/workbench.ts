// The workbench as issue 11 describes it: the two panes, the runs dashboard, the kit, the themes.
// Helpers here measure what a person sees (in the viewport, clipped or not, contrast) so the spec
// reads as the items.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

export const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;
export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** Puts experiments in the library before the app loads (the store's persisted format). */
export async function seedLibrary(page: Page, experiments: Record<string, unknown>, activeId = Object.keys(experiments)[0]!) {
  const library = {
    state: {
      experiments: Object.fromEntries(Object.entries(experiments).map(([id, experiment]) => [id, { id, experiment, createdAt: 1, updatedAt: 1 }])),
      order: Object.keys(experiments),
      activeId,
    },
    version: 1,
  };
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem("workbench-seeded")) {
      localStorage.setItem("cachelab:experiments", value);
      sessionStorage.setItem("workbench-seeded", "1");
    }
  }, JSON.stringify(library));
}

/** Axe with its default rules on the whole page (or only on `include`, a CSS selector): the list of violations, empty when there are none. */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The WCAG contrast ratio of two CSS colours as the page computes them. */
export async function contrastOf(page: Page, foreground: string, background: string): Promise<number> {
  return page.evaluate(
    ([fg, bg]) => {
      const probe = document.createElement("div");
      document.body.appendChild(probe);
      const rgb = (c: string) => {
        probe.style.color = c;
        return getComputedStyle(probe).color.match(/[\d.]+/g)!.slice(0, 3).map(Number);
      };
      const lum = (c: number[]) => {
        const [r, g, b] = c.map((v) => {
          const s = v / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const [a, b] = [lum(rgb(fg!)), lum(rgb(bg!))].sort((x, y) => y - x);
      probe.remove();
      return (a! + 0.05) / (b! + 0.05);
    },
    [foreground, background],
  );
}

export class WorkbenchPage {
  readonly preview: Locator;
  readonly breakpoints: Locator;
  readonly requestJson: Locator;
  readonly runs: Locator;
  readonly history: Locator;
  readonly liveRegion: Locator;

  constructor(readonly page: Page) {
    this.preview = page.getByRole("region", { name: "Live preview" });
    this.breakpoints = page.getByRole("region", { name: "Breakpoints" });
    this.requestJson = page.getByRole("region", { name: "Request JSON" });
    this.runs = page.getByRole("region", { name: "Runs", exact: true });
    this.history = page.getByRole("region", { name: "Run history" });
    this.liveRegion = page.locator("[id^='DndLiveRegion']");
  }

  /** The phone's run cards. */
  runCards() {
    return this.history.getByRole("list", { name: "Runs" }).getByRole("listitem").filter({ has: this.page.getByRole("article") });
  }

  /** True when no cell of the history table is cut off sideways and the table fits its panel. */
  async historyFits(): Promise<{ tableWidth: number; panelWidth: number; clipped: string[]; rightEdge: number }> {
    return this.history.evaluate((region) => {
      const table = region.querySelector("table")!;
      const clipped: string[] = [];
      for (const cell of table.querySelectorAll("th, td")) {
        if (cell.scrollWidth > cell.clientWidth + 1) clipped.push((cell.textContent ?? "").slice(0, 40));
      }
      return { tableWidth: table.getBoundingClientRect().width, panelWidth: region.getBoundingClientRect().width, clipped, rightEdge: table.getBoundingClientRect().right };
    });
  }

  /**
   * The rows of the charts grid that end short of its right edge (a hole where a chart could be),
   * as "row at y: ends at x of width".
   */
  async chartGridHoles(): Promise<string[]> {
    return this.runs.evaluate((panel) => {
      const grids = new Set([...panel.querySelectorAll<HTMLElement>("figure[data-chart]")].map((f) => f.parentElement!).filter((p) => getComputedStyle(p).display === "grid"));
      if (grids.size === 0) return ["no charts grid"];
      const holes: string[] = [];
      for (const grid of grids) {
        const right = grid.getBoundingClientRect().right - parseFloat(getComputedStyle(grid).paddingRight);
        const rows = new Map<number, number>();
        for (const f of grid.querySelectorAll<HTMLElement>(":scope > figure")) {
          const r = f.getBoundingClientRect();
          rows.set(Math.round(r.top), Math.max(rows.get(Math.round(r.top)) ?? 0, r.right));
        }
        for (const [y, end] of rows) if (right - end > 8) holes.push(`row at ${y}: ends at ${Math.round(end)} of ${Math.round(right)}`);
      }
      return holes;
    });
  }

  /** Keyboard focus is drawn: the focused element has an outline or a ring. */
  async focusIsVisible(): Promise<{ id: string; tag: string; name: string; visible: boolean }> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { id: "body", tag: "body", name: "", visible: false };
      // A stable identity for the element, so a walk of Tab stops knows when it has come round.
      const w = window as unknown as { __focusIds?: WeakMap<Element, string> };
      w.__focusIds ??= new WeakMap();
      if (!w.__focusIds.has(el)) w.__focusIds.set(el, String(Math.random()));
      const id = w.__focusIds.get(el)!;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const ring = style.boxShadow !== "none" && style.boxShadow !== "";
      return { id, tag: el.tagName.toLowerCase(), name: el.getAttribute("aria-label") ?? (el.textContent ?? "").trim().slice(0, 30), visible: outline || ring };
    });
  }

  async expectAxeClean(state: string, include?: string) {
    expect(await axeViolations(this.page, include), `axe violations in the state "${state}"`).toEqual([]);
  }
}
