// The first load of a page, counted one way for the bench (bench/series.bench.ts) and the budget test
// (e2e/smoke.spec.ts), with the budget issue 12 item 4 sets: at most 340 KB of JavaScript, gzip.
import { gzipSync } from "node:zlib";
import type { Page, Response } from "playwright-core";

export const FIRST_LOAD_BUDGET_KB = 340;

/** JavaScript the page loads until the network is idle: count and gzip bytes. */
export async function firstLoad(page: Page, url: string): Promise<{ scripts: number; bytes: number }> {
  const bodies: Promise<Buffer>[] = [];
  const onResponse = (r: Response) => {
    if (r.request().resourceType() === "script" || r.url().endsWith(".js")) bodies.push(r.body().catch(() => Buffer.alloc(0)));
  };
  page.on("response", onResponse);
  await page.goto(url, { waitUntil: "networkidle" });
  page.off("response", onResponse);
  const all = await Promise.all(bodies);
  return { scripts: all.length, bytes: all.reduce((n, b) => n + gzipSync(b).length, 0) };
}
