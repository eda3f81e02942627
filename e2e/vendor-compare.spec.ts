// Issue 13 item 3, "Done when": from a fresh clone with no key, the same built-in example runs on Claude,
// OpenAI and Bedrock Converse in the emulator and on one compare chart; each target's exact request JSON is
// a click away; every vendor number shown (the prices) gives its source and date.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { PlaygroundPage } from "./pages/playground-page";
import { RunsPanelPage } from "./pages/runs-panel";

test("the built-in example on Claude API, OpenAI Responses and Bedrock Converse, emulated, on one chart", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await app.openExample("Long document Q&A");
  const runs = new RunsPanelPage(page);
  await runs.resetEmulator();
  await runs.configure({ runs: 2, gap: 0 });

  const compare = page.getByRole("region", { name: "Compare across vendors" });
  await compare.getByRole("combobox", { name: "Target 4", exact: true }).selectOption({ label: "No target" });
  await expect(compare.getByRole("combobox", { name: "Target 1", exact: true })).toHaveValue("anthropic");
  await expect(compare.getByRole("combobox", { name: "Target 2", exact: true })).toHaveValue("openai");
  await expect(compare.getByRole("combobox", { name: "Target 3", exact: true })).toHaveValue("bedrock-converse");
  await compare.getByRole("button", { name: "Start comparison" }).click();
  await expect(compare.getByTestId("vendor-compare-status")).toHaveText("Comparison done: 6 runs.", { timeout: 30_000 });

  // One chart: a bar per target and run, and each target's run 2 reads what its run 1 wrote (its own cache).
  const chart = compare.getByRole("figure", { name: "Cache use and cost per run across vendors" });
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const points = chart.getByTestId("vendor-compare-summary").locator("li");
  await expect(points).toHaveCount(6);
  for (const target of ["anthropic", "openai", "bedrock-converse"]) {
    const first = points.and(page.locator(`[data-target="${target}"][data-run="1"]`));
    const second = points.and(page.locator(`[data-target="${target}"][data-run="2"]`));
    await expect(first).toHaveAttribute("data-read", "0");
    const written = Number(await first.getAttribute("data-write"));
    expect(written).toBeGreaterThan(4000);
    await expect(second).toHaveAttribute("data-read", String(written));
    await expect(second).toHaveAttribute("data-write", "0");
  }

  // The totals against no caching, each with its prices' source and date; OpenAI's are marked unverified.
  const totals = compare.getByTestId("vendor-compare-total");
  await expect(totals).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(totals.nth(i).getByTestId("price-source")).toContainText(/Prices: https:\/\/.+, read 20\d\d-\d\d-\d\d/);
  await expect(totals.nth(1).getByTestId("price-source")).toContainText("https://developers.openai.com/api/docs/pricing, read 2026-11-30 unverified");

  // Each target's exact request body, one click away.
  const bodies: [string, RegExp][] = [
    ["Claude API", /"cache_control"/],
    ["OpenAI Responses", /"prompt_cache_breakpoint"/],
    ["Bedrock Converse", /"cachePoint"/],
  ];
  for (const [label, marker] of bodies) {
    await compare.getByRole("button", { name: new RegExp(`^Request body, ${label}`) }).click();
    const dialog = page.getByRole("dialog", { name: new RegExp(`^Request body: ${label}`) });
    await expect(dialog.getByTestId("target-request-body")).toContainText(marker);
    if (label === "OpenAI Responses") {
      await expect(dialog).toContainText("developer message");
      // Each note says how serious it is (components/vendors/target-notes.tsx): Note, Warning or Refused.
      const notes = dialog.getByRole("list", { name: "What this target cannot express" }).getByRole("listitem");
      expect(await notes.count()).toBeGreaterThan(0);
      for (const note of await notes.all()) await expect(note).toContainText(/^(Note|Warning|Refused) /);
      // The vendor numbers behind the request, each with its source and date.
      await expect(dialog.getByTestId("target-facts")).toContainText("Minimum cacheable prompt: 1,024 visible input tokens.");
      await expect(dialog.getByTestId("target-facts")).toContainText("Lookup boundaries");
      const sources = dialog.getByTestId("fact-source");
      expect(await sources.count()).toBeGreaterThan(4);
      for (const source of await sources.all()) await expect(source).toContainText(/^Source: https:\/\/.+, read \d{4}-\d{2}-\d{2}/);
      const results = await new AxeBuilder({ page }).include("dialog[open]").analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toHaveCount(0);
  }

  const results = await new AxeBuilder({ page }).include('section[aria-labelledby="vendor-compare-heading"]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("one traffic simulation on Claude API, OpenAI Responses and Gemini: the same arrivals, each target's report, the cheapest named, kept and exported", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await app.openExample("Long document Q&A");
  const runs = new RunsPanelPage(page);
  await runs.resetEmulator();
  // Four arrivals, 15 minutes apart: Claude's 5m entry is gone at every arrival, OpenAI's 30m one is still there,
  // Gemini's 300 s cache object is created again at each (a read does not extend it).
  await runs.configureTraffic({ perHour: 4, hours: 1, gaps: "Fixed", turns: 1 });

  const compare = page.getByRole("region", { name: "Compare across vendors" });
  await compare.getByRole("combobox", { name: "Target 3", exact: true }).selectOption({ label: "Gemini explicit caching" });
  await compare.getByRole("combobox", { name: "Target 4", exact: true }).selectOption({ label: "No target" });
  await compare.getByRole("button", { name: "Start comparison" }).click();
  await expect(compare.getByTestId("vendor-compare-status")).toHaveText("Comparison done: 12 runs.", { timeout: 30_000 });

  const report = compare.getByRole("region", { name: "Simulated traffic per target" });
  await expect(report).toContainText("The same 4 requests on every target over 1 h of simulated time");
  const rows = report.getByTestId("vendor-traffic-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-target", "anthropic");
  await expect(rows.nth(2)).toHaveAttribute("data-target", "gemini");
  // Claude: four writes, each expired unread; OpenAI: one write, read by the three arrivals after it.
  await expect(rows.nth(0).getByRole("cell").nth(1)).toHaveText("0%");
  await expect(rows.nth(0).getByRole("cell").last()).toHaveText("4 of 4");
  await expect(rows.nth(1).getByRole("cell").last()).toHaveText("0 of 1");
  // Gemini: each object expired (300 s from creation) before the next arrival could read it.
  await expect(rows.nth(2).getByRole("cell").last()).toHaveText("4 of 4");

  // The emulator's cache lists the live Gemini cache object with its ttl, beside the other vendors' entries.
  await page.getByRole("button", { name: "Show emulator cache" }).click();
  const cache = page.getByRole("region", { name: "Emulator cache" });
  await expect(cache.getByRole("row").filter({ hasText: "gemini" })).toHaveCount(1);
  await expect(cache.getByRole("row").filter({ hasText: "gemini" })).toContainText("300s");
  await expect(cache.getByRole("row").filter({ hasText: "openai" }).first()).toContainText("30m");
  await expect(report.getByTestId("vendor-traffic-verdict")).toContainText(/^Cheapest: .+, \$[\d.,]+ per day\. .+ costs \$[\d.,]+ more per day\.$/);

  // Exported like the history: a line per run, then each target's totals with its cost per day and wasted writes.
  const download = page.waitForEvent("download");
  await compare.getByRole("button", { name: "Export comparison CSV" }).click();
  const csv = Buffer.concat((await (await (await download).createReadStream()).toArray()) as Buffer[]).toString("utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^row,target_index,target,target_label,model,run,/);
  expect(lines.filter((l) => l.startsWith("run,"))).toHaveLength(12);
  expect(lines.filter((l) => l.startsWith("total,"))).toHaveLength(3);

  // Kept across a reload, as the run history is.
  const verdict = await report.getByTestId("vendor-traffic-verdict").textContent();
  await page.reload();
  await page.locator("html[data-hydrated='true']").waitFor();
  await expect(compare.getByTestId("vendor-compare-status")).toHaveText("Comparison done: 12 runs.");
  await expect(report.getByTestId("vendor-traffic-verdict")).toHaveText(verdict!);
  await expect(report.getByTestId("vendor-traffic-row").nth(0).getByRole("cell").last()).toHaveText("4 of 4");
});
