import { gzipSync } from "node:zlib";
import { expect, gotoHydrated, test } from "./fixtures";

test("the playground loads", async ({ page }) => {
  await gotoHydrated(page);
  await expect(page.getByRole("heading", { name: "CacheLab" })).toBeVisible();
});

// Issue 12 item 4: the first load of / is at most 340 KB of JavaScript (gzip), counted as the bench
// counts it (bench/series.bench.ts: every script loaded until the network is idle); the charts, which
// carry the chart library, load when their place nears the viewport.
test("the first load stays light and the charts load when scrolled to", async ({ page }) => {
  const sizes: Promise<number>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") sizes.push(r.body().then((b) => gzipSync(b).length));
  });
  await page.goto("/", { waitUntil: "networkidle" });
  const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  expect(total).toBeLessThanOrEqual(340_000);
  await page.getByRole("region", { name: "Run history" }).scrollIntoViewIfNeeded();
  await expect(page.getByRole("figure", { name: "Cache usage per run" })).toBeVisible();
});
