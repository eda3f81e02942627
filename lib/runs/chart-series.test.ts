import { describe, expect, it } from "vitest";
import { cacheSharingOf, costRows, gapSummary, hitRateRows, latencyRows, measureRows, slotNote, usageRows } from "./chart-series";
import { run } from "./testing/factories";

const write = { uncachedInput: 20, cacheWrite5m: 1500, cacheWrite1h: 500, cacheRead: 0, output: 10 };

describe("chart rows of one variant", () => {
  it("stacks read, 5m write, 1h write, uncached and output per run, labelled by run number", () => {
    const data = usageRows([run({ number: 1, usage: write }), run({ number: 2 }), run({ number: 3, status: "failed", usage: null })]);
    expect(data.variants).toEqual(["A"]);
    expect(data.rows).toEqual([
      { slot: "#1", A: { tag: "#1", gap: null, read: 0, write5m: 1500, write1h: 500, uncached: 20, output: 10 } },
      { slot: "#2", A: { tag: "#2", gap: null, read: 2000, write5m: 0, write1h: 0, uncached: 20, output: 10 } },
      { slot: "#3", A: { tag: "#3", gap: "failed" } },
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
    expect(measureRows(interleaved, "read").rows.map((r) => [r.A?.value, r.B?.value])).toEqual([
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

// One rule for every chart (issue 9 leftovers): each run has its slot on every chart, and a value the run
// does not have — it failed, reported no usage, its model has no price, no latency was measured — is a gap
// (no bar, no point), never a zero, with the reason beside it. A failed request's answer is an error object
// with no `usage` (docs/reference/anthropic-caching.md §5.5, https://platform.claude.com/docs/en/api/errors),
// so a failed run has no tokens, cost or latency to draw.
describe("the window of a long history", () => {
  // Only the last places are built; they must be exactly the last places of the whole layout.
  const mixed = Array.from({ length: 700 }, (_, i) =>
    run({
      number: i + 1,
      variant: i % 7 === 3 ? "B" : i % 11 === 5 ? "C" : "A",
      ...(i % 13 === 0 ? { status: "failed" as const, usage: null, cost: null, costWithoutCache: null } : { cost: (i % 5) / 100, costWithoutCache: 0.05 }),
    }),
  );
  const oneVariant = mixed.map((r) => ({ ...r, variant: "A" as const }));
  const everything = Number.MAX_SAFE_INTEGER;

  it("keeps the same last places as laying out every run, with and without a comparison", () => {
    for (const runs of [mixed, oneVariant]) {
      for (const rows of [usageRows, hitRateRows, costRows, latencyRows]) {
        const all = rows(runs, everything);
        const window = rows(runs, 150);
        expect(window.variants).toEqual(all.variants);
        expect(window.rows).toEqual(all.rows.slice(-150));
      }
    }
  });
});

describe("gaps: the same slots on every chart, and no value where a run has none", () => {
  const history = [
    run({ number: 1, usage: write, cost: 1, costWithoutCache: 3 }),
    run({ number: 2, status: "failed", usage: null, cost: null, costWithoutCache: null, latency: null }),
    run({ number: 3, latency: null, cost: 1, costWithoutCache: 3 }),
    run({ number: 4, cost: null, costWithoutCache: null }),
    run({ number: 5, cost: 1, costWithoutCache: 3 }),
  ];
  const slots = (data: { rows: { slot: string }[] }) => data.rows.map((r) => r.slot);

  it("puts every run on the same slot of every chart, failed or not", () => {
    const all = ["#1", "#2", "#3", "#4", "#5"];
    expect(slots(usageRows(history))).toEqual(all);
    expect(slots(hitRateRows(history))).toEqual(all);
    expect(slots(costRows(history))).toEqual(all);
    expect(slots(latencyRows(history))).toEqual(all);
    expect(slots(measureRows(history, "read"))).toEqual(all);
  });

  it("gives a failed run no tokens, no hit rate, no cost and no latency, and says it failed", () => {
    const usage = usageRows(history).rows[1]!.A!;
    expect(usage.gap).toBe("failed");
    expect([usage.read, usage.write5m, usage.write1h, usage.uncached, usage.output]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(hitRateRows(history).rows[1]!.A).toEqual({ tag: "#2", gap: "failed" });
    expect(latencyRows(history).rows[1]!.A).toEqual({ tag: "#2", gap: "failed" });
    const cost = costRows(history).rows[1]!.A!;
    expect([cost.gap, cost.cost, cost.costWithoutCache]).toEqual(["failed", undefined, undefined]);
  });

  it("gives a run without a price no cost, never $0, and leaves it out of the cumulative saving, counting it", () => {
    const cost = costRows(history).rows.map((r) => r.A!);
    expect([cost[3]!.tag, cost[3]!.gap, cost[3]!.cost, cost[3]!.costWithoutCache]).toEqual(["#4", "no price", undefined, undefined]);
    // The saving so far sums the runs whose cost is known (2 each) and says how many it left out.
    expect(cost.map((c) => c.cumulativeSaving)).toEqual([2, 2, 4, 4, 6]);
    expect(cost.map((c) => c.leftOut)).toEqual([0, 1, 1, 2, 2]);
  });

  it("has no cumulative saving before the first run with a known cost", () => {
    expect(costRows([run({ cost: null, costWithoutCache: null }), run({ cost: 1, costWithoutCache: 2 })]).rows.map((r) => r.A!.cumulativeSaving)).toEqual([null, 1]);
  });

  it("gives a run without a latency a gap that says so", () => {
    expect(latencyRows(history).rows[2]!.A).toEqual({ tag: "#3", gap: "no latency" });
  });

  it("gives an ok run that reported no usage a gap, not zero tokens", () => {
    expect(hitRateRows([run({ usage: null })]).rows[0]!.A).toMatchObject({ gap: "no usage" });
    const usage = usageRows([run({ usage: null })]).rows[0]!.A!;
    expect([usage.gap, usage.read]).toEqual(["no usage", undefined]);
  });

  it("measures nothing for the compare chart where a run has no value", () => {
    expect(measureRows(history, "cost").rows.map((r) => r.A!.value ?? r.A!.gap)).toEqual([1, "failed", 1, "no price", 1]);
    expect(measureRows(history, "ttft").rows.map((r) => r.A!.value ?? r.A!.gap)).toEqual([300, "failed", "no latency", 300, 300]);
  });

  it("says which runs have no value and why, for the legend and the tooltip", () => {
    expect(gapSummary(costRows(history))).toBe("No value for #2 (failed), #4 (no price).");
    expect(gapSummary(latencyRows(history))).toBe("No value for #2 (failed), #3 (no latency).");
    expect(gapSummary(usageRows([run()]))).toBeNull();
    const rows = costRows(history).rows;
    expect(slotNote(rows[3]!)).toBe("#4: no price");
    expect(slotNote(rows[0]!)).toBe("#1");
  });

  it("shortens a long list of gaps", () => {
    const failing = Array.from({ length: 9 }, (_, i) => run({ number: i + 1, status: "failed", usage: null, cost: null, costWithoutCache: null, latency: null }));
    expect(gapSummary(hitRateRows(failing))).toBe("No value for #1, #2, #3, #4, #5 and 4 more (failed).");
  });

  it("names the variant's run in a comparison", () => {
    const data = latencyRows([run({ variant: "A" }), run({ variant: "B", status: "failed", usage: null, cost: null, costWithoutCache: null, latency: null })]);
    expect(slotNote(data.rows[0]!)).toBe("A1 · B1: B1 failed");
    expect(gapSummary(data)).toBe("No value for B1 (failed).");
  });
});
