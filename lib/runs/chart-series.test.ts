import { describe, expect, it } from "vitest";
import { cacheSharingOf, costRows, hitRateRows, latencyRows, measureRows, usageRows } from "./chart-series";
import { run } from "./testing/factories";

const write = { uncachedInput: 20, cacheWrite5m: 1500, cacheWrite1h: 500, cacheRead: 0, output: 10 };

describe("chart rows of one variant", () => {
  it("stacks read, 5m write, 1h write, uncached and output per run, labelled by run number", () => {
    const data = usageRows([run({ number: 1, usage: write }), run({ number: 2 }), run({ number: 3, status: "failed", usage: null })]);
    expect(data.variants).toEqual(["A"]);
    expect(data.rows).toEqual([
      { slot: "#1", A: { tag: "#1", read: 0, write5m: 1500, write1h: 500, uncached: 20, output: 10, failed: false } },
      { slot: "#2", A: { tag: "#2", read: 2000, write5m: 0, write1h: 0, uncached: 20, output: 10, failed: false } },
      { slot: "#3", A: { tag: "#3", read: 0, write5m: 0, write1h: 0, uncached: 0, output: 0, failed: true } },
    ]);
  });

  it("draws only the last runs of a long history", () => {
    const many = Array.from({ length: 1000 }, (_, i) => run({ number: i + 1 }));
    const data = usageRows(many, 200);
    expect(data.rows).toHaveLength(200);
    expect(data.rows[0]!.slot).toBe("#801");
  });

  it("gives the hit rate as the percent of input read from the cache", () => {
    expect(hitRateRows([run({ usage: write }), run()]).rows.map((r) => r.A?.hitRate)).toEqual([0, 99]);
  });

  it("accumulates the saving over every run, even outside the window", () => {
    const runs = Array.from({ length: 5 }, (_, i) => run({ number: i + 1, cost: 1, costWithoutCache: 3 }));
    expect(costRows(runs, 2).rows.map((r) => r.A?.cumulativeSaving)).toEqual([8, 10]);
  });

  it("skips runs without a latency", () => {
    expect(latencyRows([run(), run({ latency: null })]).rows).toHaveLength(1);
  });
});

describe("chart rows of a comparison (issue 9 item 2)", () => {
  const interleaved = [
    run({ number: 1, variant: "A", usage: write, cost: 1, costWithoutCache: 2 }),
    run({ number: 2, variant: "B", usage: write, cost: 3, costWithoutCache: 2 }),
    run({ number: 3, variant: "A", cost: 1, costWithoutCache: 4 }),
    run({ number: 4, variant: "B", cost: 1, costWithoutCache: 4 }),
    run({ number: 5, variant: "A", cost: 1, costWithoutCache: 4 }),
  ];

  it("gives each variant its own series, its runs labelled A1, B1, A2…", () => {
    const data = usageRows(interleaved);
    expect(data.variants).toEqual(["A", "B"]);
    expect(data.rows.map((r) => [r.slot, r.A?.tag, r.B?.tag])).toEqual([
      ["A1 · B1", "A1", "B1"],
      ["A2 · B2", "A2", "B2"],
      ["A3", "A3", undefined],
    ]);
    expect(data.rows[0]!.A!.write5m).toBe(1500);
    expect(data.rows[1]!.B!.read).toBe(2000);
  });

  it("keeps the cumulative saving per variant, never one sum of both", () => {
    const data = costRows(interleaved);
    expect(data.rows.map((r) => [r.A?.cumulativeSaving, r.B?.cumulativeSaving])).toEqual([
      [1, -1],
      [4, 2],
      [7, undefined],
    ]);
  });

  it("measures the i-th run of each variant for the comparison chart", () => {
    expect(measureRows(interleaved, (r) => r.usage?.cacheRead ?? 0).rows.map((r) => [r.A?.value, r.B?.value])).toEqual([
      [0, 0],
      [2000, 2000],
      [2000, undefined],
    ]);
  });

  it("says whether the compared runs shared one cache, and nothing for runs that do not say", () => {
    expect(cacheSharingOf(interleaved)).toBeNull();
    expect(cacheSharingOf(interleaved.map((r) => ({ ...r, cacheSharing: "own" as const })))).toBe("own");
    expect(cacheSharingOf([...interleaved.map((r) => ({ ...r, cacheSharing: "own" as const })), run({ variant: "B", cacheSharing: "shared" })])).toBe("shared");
  });
});
