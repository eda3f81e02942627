// Issue 8 item 11 (audit M6): a run history with bad data is never cut short in silence. The page
// says how many runs could not be read and where they were set aside; the set-aside data is still in
// IndexedDB after a reload; run numbers stay unique; a history of a newer version is left untouched.
import { expect, gotoHydrated, test } from "./fixtures";
import { readHistoryStorage, seedHistory, type HistoryDamage } from "./pages/run-history-storage";
import { RunsPanelPage } from "./pages/runs-panel";

const ID = "runs-e2e";

async function openWithHistory(page: import("@playwright/test").Page, count: number, damage: HistoryDamage) {
  const runs = new RunsPanelPage(page);
  await runs.seed({ id: ID });
  await gotoHydrated(page);
  await runs.resetEmulator();
  await seedHistory(page, ID, count, damage);
  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();
  return runs;
}

const notice = (page: import("@playwright/test").Page) => page.getByTestId("history-notice");

test("one bad record in a 1,000-run history: 999 shown, the page says so, the record is kept, the next run is #1001", async ({ page }) => {
  const runs = await openWithHistory(page, 1000, { replaceRun: { run: 11, value: "not a run" } });

  await expect(notice(page)).toContainText("1 saved run of this experiment could not be read and was set aside; 999 runs are shown.");
  await expect(notice(page)).toContainText("this browser's IndexedDB (database “cachelab-runs”, store “runs”) under the key “runs:runs-e2e:set-aside:");
  await expect(runs.history.getByText(/^999 total/)).toBeVisible();
  await expect(runs.rows().last()).toHaveAttribute("data-run", "1000");

  const stored = await readHistoryStorage(page);
  const key = Object.keys(stored).find((k) => k.startsWith(`runs:${ID}:set-aside:`))!;
  await expect(notice(page)).toContainText(`“${key}”`);
  expect(stored[key]).toMatchObject({ experimentId: ID, records: [{ chunk: 0, index: 10, value: "not a run" }] });
  expect(stored[`runs:${ID}:meta`]).toMatchObject({ version: 1, count: 999 });

  await runs.configure({ runs: 1 });
  await runs.runButton().click();
  await expect(runs.history.getByText(/^1000 total/)).toBeVisible();
  await expect(runs.rows().last()).toHaveAttribute("data-run", "1001");

  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();
  await expect(runs.history.getByText(/^1000 total/)).toBeVisible();
  await expect(runs.rows().last()).toHaveAttribute("data-run", "1001");
  // Repaired once: nothing more to say, and the set-aside copy is still there.
  await expect(notice(page)).toHaveCount(0);
  const after = await readHistoryStorage(page);
  expect(after[key]).toEqual(stored[key]);
  const all = [0, 1].flatMap((n) => after[`runs:${ID}:chunk:${n}`] as { number: number }[]);
  expect(all).toHaveLength(1000);
  expect(new Set(all.map((r) => r.number)).size).toBe(1000);
});

test("a bad record in a 4-run history: 3 shown, and the next run is #5, not #4 again", async ({ page }) => {
  const runs = await openWithHistory(page, 4, { replaceRun: { run: 2, value: "garbage" } });
  await expect(notice(page)).toContainText("1 saved run of this experiment could not be read and was set aside; 3 runs are shown.");
  await expect(runs.rows()).toHaveCount(3);
  await runs.configure({ runs: 1 });
  await runs.runSeries(4);
  const numbers = await runs.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute("data-run")));
  expect(numbers).toEqual(["1", "3", "4", "5"]);
  const stored = await readHistoryStorage(page);
  expect((stored[`runs:${ID}:chunk:0`] as { number: number }[]).map((r) => r.number)).toEqual([1, 3, 4, 5]);
});

test("a history of a newer version is left untouched: read-only, with a message, and new runs stay for the visit", async ({ page }) => {
  const runs = await openWithHistory(page, 3, { meta: { version: 2, count: 3 } });
  const before = await readHistoryStorage(page);

  await expect(notice(page)).toContainText("saved by a newer version of CacheLab (history version 2), so it is not shown and is left untouched; new runs are kept for this visit only.");
  await expect(runs.rows()).toHaveCount(0);
  await runs.configure({ runs: 1 });
  await runs.runSeries(1);
  await expect(runs.rows().first()).toHaveAttribute("data-run", "1");
  expect(await readHistoryStorage(page)).toEqual(before);

  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();
  await expect(notice(page)).toContainText("newer version of CacheLab");
  const after = await readHistoryStorage(page);
  expect(after).toEqual(before);
  expect((after[`runs:${ID}:chunk:0`] as unknown[]).length).toBe(3);
});
