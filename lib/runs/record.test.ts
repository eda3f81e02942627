import { describe, expect, it } from "vitest";
import { findModel } from "@/lib/cache/catalog";
import { runCosts } from "./record";

describe("runCosts", () => {
  const prices = findModel("claude-sonnet-4-6")!.prices; // $3 in, $3.75 5m write, $6 1h write, $0.30 read, $15 out

  it("prices each kind of token, and the same tokens with no cache at all", () => {
    const { cost, costWithoutCache } = runCosts({ uncachedInput: 1_000_000, cacheWrite5m: 1_000_000, cacheWrite1h: 1_000_000, cacheRead: 1_000_000, output: 1_000_000 }, prices);
    expect(cost).toBeCloseTo(3 + 3.75 + 6 + 0.3 + 15, 6);
    expect(costWithoutCache).toBeCloseTo(4 * 3 + 15, 6);
  });

  it("makes a read cheaper than no cache and a write dearer", () => {
    const read = runCosts({ uncachedInput: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 10_000, output: 0 }, prices);
    const write = runCosts({ uncachedInput: 0, cacheWrite5m: 10_000, cacheWrite1h: 0, cacheRead: 0, output: 0 }, prices);
    expect(read.cost).toBeLessThan(read.costWithoutCache);
    expect(write.cost).toBeGreaterThan(write.costWithoutCache);
  });
});
