import { expect, gotoHydrated, test } from "./fixtures";
import { RunsPanelPage } from "./pages/runs-panel";

/** Writes `count` runs for an experiment straight into the history's IndexedDB store, in its chunked format. */
async function seedHistory(page: import("@playwright/test").Page, experimentId: string, count: number) {
  await page.evaluate(
    async ({ experimentId, count }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open("cachelab-runs");
        open.onupgradeneeded = () => open.result.createObjectStore("runs");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction("runs", "readwrite");
      const store = tx.objectStore("runs");
      const chunk: unknown[] = [];
      let n = 0;
      for (let i = 1; i <= count; i++) {
        const first = i % 100 === 1;
        chunk.push({
          id: `seed-${i}`, experimentId, seriesId: "seed", number: i, variant: "A", label: "Anthropic · Claude Sonnet 4.6", parallel: false,
          provider: "anthropic", transport: "emulated", model: "claude-sonnet-4-6", modelId: "claude-sonnet-4-6",
          startedAt: 1_800_000_000_000 + i * 1000, status: "ok",
          usage: { uncachedInput: 12, cacheWrite5m: first ? 3000 : 0, cacheWrite1h: 0, cacheRead: first ? 0 : 3000, output: 20 },
          cost: first ? 0.0116 : 0.0012, costWithoutCache: 0.0094, latency: { totalMs: 700, ttftMs: 300, modelled: true },
          responseText: "ok", requestId: `req_${i}`,
          blocks: [{ path: "system[0]", hash: "h0", cumulativeTokens: 3000, focusPath: "system[0]" }, { path: "messages[0].content[0]", hash: "h1", cumulativeTokens: 3012, focusPath: "messages[0].content[0]" }],
          breakpoints: [{ path: "system[0]", status: "kept", ttl: "5m", prefixTokens: 3000, minTokens: 1024, canCache: true, position: 0, focusPath: "system[0]" }],
        });
        if (chunk.length === 500 || i === count) {
          store.put(chunk.splice(0), `runs:${experimentId}:chunk:${n++}`);
        }
      }
      store.put({ version: 1, count }, `runs:${experimentId}:meta`);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { experimentId, count },
  );
}

test("a history of 10,000 runs loads, pages, charts its latest runs and keeps growing", async ({ page }) => {
  const runs = new RunsPanelPage(page);
  await runs.seed();
  await gotoHydrated(page);
  await runs.resetEmulator();
  await seedHistory(page, "runs-e2e", 10_000);
  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();

  await expect(runs.history.getByText("Page 200 of 200 (10,000 in all)")).toBeVisible();
  await expect(runs.rows()).toHaveCount(50);
  await expect(runs.rows().last()).toHaveAttribute("data-run", "10000");
  await expect(runs.history.getByText("10000 total")).toBeVisible();
  await expect(runs.chart("Cache usage per run").getByTestId("cache-usage-summary").locator("li")).toHaveCount(200);

  await runs.history.getByRole("button", { name: "Previous page" }).click();
  await expect(runs.rows().first()).toHaveAttribute("data-run", "9901");
  await runs.history.getByRole("button", { name: "Next page" }).click();

  await runs.configure({ runs: 1 });
  await runs.runButton().click();
  await expect(runs.history.getByText("Page 201 of 201 (10,001 in all)")).toBeVisible();
  await expect(runs.rows()).toHaveCount(1);
  await expect(runs.rows().first()).toHaveAttribute("data-run", "10001");

  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();
  await expect(runs.history.getByText("Page 201 of 201 (10,001 in all)")).toBeVisible();
});
