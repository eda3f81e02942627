import { describe, expect, it } from "vitest";
import { compareRows, costRows, hitRateRows, historyTotals, latencyRows, usageRows } from "./chart-series";
import { run } from "./testing/factories";

const write = { uncachedInput: 20, cacheWrite5m: 1500, cacheWrite1h: 500, cacheRead: 0, output: 10 };

describe("chart rows", () => {
  it("stacks read, 5m write, 1h write, uncached and output per run", () => {
    const rows = usageRows([run({ number: 1, usage: write }), run({ number: 2 }), run({ number: 3, status: "failed", usage: null })]);
    expect(rows).toEqual([
      { run: 1, label: "#1", read: 0, write5m: 1500, write1h: 500, uncached: 20, output: 10, failed: false },
      { run: 2, label: "#2", read: 2000, write5m: 0, write1h: 0, uncached: 20, output: 10, failed: false },
      { run: 3, label: "#3", read: 0, write5m: 0, write1h: 0, uncached: 0, output: 0, failed: true },
    ]);
  });

  it("draws only the last runs of a long history", () => {
    const many = Array.from({ length: 1000 }, (_, i) => run({ number: i + 1 }));
    const rows = usageRows(many, 200);
    expect(rows).toHaveLength(200);
    expect(rows[0]!.run).toBe(801);
  });

  it("gives the hit rate as the percent of input read from the cache", () => {
    expect(hitRateRows([run({ usage: write }), run()]).map((r) => r.hitRate)).toEqual([0, 99]);
  });

  it("accumulates the saving over every run, even outside the window", () => {
    const runs = Array.from({ length: 5 }, (_, i) => run({ number: i + 1, cost: 1, costWithoutCache: 3 }));
    const rows = costRows(runs, 2);
    expect(rows.map((r) => r.cumulativeSaving)).toEqual([8, 10]);
  });

  it("skips runs without a latency", () => {
    expect(latencyRows([run(), run({ latency: null })])).toHaveLength(1);
  });

  it("pairs the i-th run of each variant for the comparison", () => {
    const rows = compareRows([run({ variant: "A", usage: write }), run({ variant: "B" }), run({ variant: "A" })], (r) => r.usage?.cacheRead ?? 0);
    expect(rows).toEqual([{ index: 1, A: 0, B: 2000 }, { index: 2, A: 2000 }]);
  });

  it("totals cost and saving over the history", () => {
    const t = historyTotals([run({ cost: 1, costWithoutCache: 4 }), run({ status: "failed", usage: null, cost: null, costWithoutCache: null })]);
    expect(t).toMatchObject({ runs: 2, failed: 1, cost: 1, saving: 3 });
  });
});
