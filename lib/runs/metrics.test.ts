// Cache metrics as the industry counts them (issue 9 item 6): ratios of token sums over the series.
// Anthropic's usage splits input into cache reads, cache writes and uncached input, and the three add up
// to all input tokens (docs/reference/anthropic-caching.md §3.1).
import { describe, expect, it } from "vitest";
import { costCoverageText, metricsByVariant, seriesMetrics } from "./metrics";
import { run } from "./testing/factories";

const usage = (uncachedInput: number, cacheWrite5m: number, cacheRead: number, cacheWrite1h = 0) => ({ uncachedInput, cacheWrite5m, cacheWrite1h, cacheRead, output: 10 });

describe("seriesMetrics", () => {
  it("takes the token hit rate as Σ reads / Σ input, never the average of per-run rates", () => {
    // A 100-token miss and a 10,000-token run that reads 9,000: the runs' rates are 0% and 90%, whose
    // average (45%) says nothing about the tokens; 9,000 of 10,100 input tokens were read (89.1%).
    const m = seriesMetrics([run({ usage: usage(100, 0, 0) }), run({ usage: usage(1000, 0, 9000) })]);
    expect(m.input).toBe(10_100);
    expect(m.tokenHitRate).toBeCloseTo(9000 / 10_100, 10);
    expect(m.tokenHitRate).not.toBeCloseTo(0.45, 2);
  });

  it("gives reads per write and the read / write / uncached split, 5m and 1h writes together", () => {
    const m = seriesMetrics([run({ usage: usage(20, 1500, 0, 500) }), run({ usage: usage(20, 0, 2000) }), run({ usage: usage(20, 0, 2000) })]);
    expect([m.read, m.write5m, m.write1h, m.write, m.uncached, m.input]).toEqual([4000, 1500, 500, 2000, 60, 6060]);
    expect(m.readsPerWrite).toBe(2);
  });

  it("has no rate without usage and no reads per write without a write; failed runs count as runs", () => {
    const failed = run({ status: "failed", usage: null, cost: null, costWithoutCache: null });
    expect(seriesMetrics([failed])).toMatchObject({ runs: 1, failed: 1, tokenHitRate: null, readsPerWrite: null });
    expect(seriesMetrics([run({ usage: usage(50, 0, 0) })])).toMatchObject({ tokenHitRate: 0, readsPerWrite: null });
  });

  it("totals cost and the saving against no caching", () => {
    expect(seriesMetrics([run({ cost: 1, costWithoutCache: 4 }), run({ cost: 2, costWithoutCache: 1 })])).toMatchObject({ cost: 3, costWithoutCache: 5, saving: 2 });
  });

  // The charts' rule (gaps.ts): a cost a run does not have is unknown, never $0. A failed request's answer
  // is an error object with no usage (docs/reference/anthropic-caching.md §5.5), and a model without a price
  // has no cost to add: the total covers the runs whose cost is known and says which it left out.
  it("never counts an unknown cost as $0: the total says how many runs it left out, and why", () => {
    const failed = run({ status: "failed", usage: null, cost: null, costWithoutCache: null });
    const unpriced = run({ cost: null, costWithoutCache: null });
    const m = seriesMetrics([run({ cost: 1, costWithoutCache: 4 }), unpriced, failed]);
    expect(m).toMatchObject({ cost: 1, costWithoutCache: 4, saving: 3, costedRuns: 1, costLeftOut: { "no price": 1, failed: 1 } });
    expect(seriesMetrics([run({ cost: 1, costWithoutCache: 4 })]).costLeftOut).toEqual({});
    expect(costCoverageText(m)).toBe("over 1 of 3 runs (1 no price, 1 failed)");
    expect(costCoverageText(seriesMetrics([run()]))).toBeNull();
  });

  it("has no cost at all, rather than $0, when no run's cost is known", () => {
    expect(seriesMetrics([run({ status: "failed", usage: null, cost: null, costWithoutCache: null }), run({ cost: null, costWithoutCache: null })])).toMatchObject({ cost: null, costWithoutCache: null, saving: null, costedRuns: 0 });
  });
});

describe("metricsByVariant", () => {
  it("counts each variant over its own runs only", () => {
    const byVariant = metricsByVariant([run({ variant: "A", usage: usage(0, 1000, 0) }), run({ variant: "B", usage: usage(0, 0, 1000) }), run({ variant: "A", usage: usage(0, 0, 1000) })]);
    expect(byVariant.map((v) => [v.variant, v.metrics.runs, v.metrics.tokenHitRate])).toEqual([
      ["A", 2, 0.5],
      ["B", 1, 1],
    ]);
  });

  it("counts a what-if's third variant too, as the charts draw it", () => {
    const byVariant = metricsByVariant([run({ variant: "A" }), run({ variant: "C", usage: usage(0, 1000, 0) })]);
    expect(byVariant.map((v) => [v.variant, v.metrics.runs])).toEqual([
      ["A", 1],
      ["C", 1],
    ]);
  });
});
