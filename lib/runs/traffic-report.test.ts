// The report of a simulation (issue 12 items 1, 2): per-hour aggregation, wasted writes and the what-if
// verdict, from the runs alone. Entries live for their TTL from the request that wrote or last read them
// (docs/reference/anthropic-caching.md §1.6), so a write nobody reads within it is paid for nothing.
import { describe, expect, it } from "vitest";
import { blocks, run } from "./testing/factories";
import { hourlyChartRows, hourlyRows, latestTrafficSeries, trafficReport, wastedWrites } from "./traffic-report";
import type { RunRecord } from "./types";

const MIN = 60_000;
const HOUR = 60 * MIN;

let serial = 0;
/** The same six blocks for every run: the same prefix at each position. */
const PREFIX = blocks(["s", "m0", "m1", "m2", "m3", "m4"]);

/** A run of simulated traffic with the emulator's trace: the position it read up to, and the entries it wrote. */
function simulated(atMs: number, o: { read?: { position?: number; tokens: number }; writes?: { ttl?: "5m" | "1h"; tokens: number; position?: number }[]; variant?: RunRecord["variant"]; windowMs?: number; cost?: number; without?: number; failed?: boolean; uncached?: number; prefix?: RunRecord["blocks"] } = {}): RunRecord {
  const requestId = `req_${++serial}`;
  const writes = (o.writes ?? []).map((w) => ({ position: w.position ?? 0, ttl: w.ttl ?? "5m", tokens: w.tokens }));
  const write5m = writes.filter((w) => w.ttl === "5m").reduce((s, w) => s + w.tokens, 0);
  const write1h = writes.filter((w) => w.ttl === "1h").reduce((s, w) => s + w.tokens, 0);
  return run({
    seriesId: "sim",
    variant: o.variant ?? "A",
    requestId,
    status: o.failed ? "failed" : "ok",
    usage: o.failed ? null : { uncachedInput: o.uncached ?? 10, cacheWrite5m: write5m, cacheWrite1h: write1h, cacheRead: o.read?.tokens ?? 0, output: 5 },
    cost: o.failed ? null : (o.cost ?? 0.01),
    costWithoutCache: o.failed ? null : (o.without ?? 0.02),
    blocks: o.prefix ?? PREFIX,
    trace: o.failed ? undefined : { read: o.read ? { position: o.read.position ?? 0, tokens: o.read.tokens } : null, writes },
    traffic: { atMs, session: serial, turn: 1, windowMs: o.windowMs ?? 2 * HOUR },
  });
}

describe("wastedWrites", () => {
  it("counts a write no later run read before its TTL ran out, and not one that was read", () => {
    const w1 = simulated(0, { writes: [{ tokens: 3000 }] });
    const r1 = simulated(4 * MIN, { read: { tokens: 3000 } });
    // Ten minutes later the 5m entry is gone: this run writes again, and nobody reads it.
    const w2 = simulated(14 * MIN, { writes: [{ tokens: 3000 }] });
    const w3 = simulated(30 * MIN, { writes: [{ tokens: 3000 }] });
    const out = wastedWrites([w1, r1, w2, w3], 2 * HOUR);
    expect(out).toEqual({ writes: 3, wasted: 2, wastedTokens: 6000, unreadAtEnd: 0, untraced: 0 });
  });

  it("tells a write still alive at the end of the window from one that expired unread", () => {
    const early = simulated(0, { writes: [{ tokens: 1000, ttl: "1h" }] });
    const late = simulated(100 * MIN, { writes: [{ tokens: 2000, ttl: "1h" }] });
    expect(wastedWrites([early, late], 2 * HOUR)).toEqual({ writes: 2, wasted: 1, wastedTokens: 1000, unreadAtEnd: 1, untraced: 0 });
    // Exactly at its expiry the entry is gone (it lives while expiry > now).
    const edge = simulated(0, { writes: [{ tokens: 1000 }] });
    expect(wastedWrites([edge], 5 * MIN).wasted).toBe(1);
  });

  it("follows each breakpoint's entry on its own, and ignores writes that added no tokens", () => {
    const w = simulated(0, { writes: [{ tokens: 2000, position: 0, ttl: "1h" }, { tokens: 500, position: 3 }, { tokens: 0, position: 5 }] });
    // A later run reads only the 1h entry at position 0: the 5m one at position 3 expires unread.
    const r = simulated(20 * MIN, { read: { position: 0, tokens: 2000 } });
    expect(wastedWrites([w, r], 2 * HOUR)).toEqual({ writes: 2, wasted: 1, wastedTokens: 500, unreadAtEnd: 0, untraced: 0 });
  });

  it("counts an entry below the one read as used: its tokens were read", () => {
    const w = simulated(0, { writes: [{ tokens: 2000, position: 0 }, { tokens: 40, position: 2 }] });
    const r = simulated(2 * MIN, { read: { position: 2, tokens: 2040 } });
    expect(wastedWrites([w, r], HOUR)).toMatchObject({ writes: 2, wasted: 0 });
    // Twenty minutes later a read reaches only the 1h entry at 0: the 5m one at 2 had expired unread.
    const w2 = simulated(0, { writes: [{ tokens: 2000, position: 0, ttl: "1h" }, { tokens: 40, position: 2 }] });
    const late = simulated(20 * MIN, { read: { position: 0, tokens: 2000 } });
    expect(wastedWrites([w2, late], HOUR)).toMatchObject({ writes: 2, wasted: 1, wastedTokens: 40 });
  });

  it("tells entries of different prefixes apart, and a rewrite after expiry from the first write", () => {
    const other = blocks(["s", "other"]);
    const w = simulated(0, { writes: [{ tokens: 50, position: 1 }] });
    // Another prefix at position 1 reads nothing the first wrote.
    const elsewhere = simulated(MIN, { read: { position: 1, tokens: 60 }, prefix: other });
    // The entry expired: written again at 10 minutes, and that one is read.
    const again = simulated(10 * MIN, { writes: [{ tokens: 50, position: 1 }] });
    const read = simulated(12 * MIN, { read: { position: 1, tokens: 50 } });
    expect(wastedWrites([w, elsewhere, again, read], HOUR)).toEqual({ writes: 2, wasted: 1, wastedTokens: 50, unreadAtEnd: 0, untraced: 0 });
  });

  it("counts runs it cannot follow (no trace) and skips failed runs", () => {
    const untraced = { ...simulated(0, { writes: [{ tokens: 10 }] }), trace: undefined };
    const failed = simulated(MIN, { failed: true });
    expect(wastedWrites([untraced, failed], HOUR)).toEqual({ writes: 0, wasted: 0, wastedTokens: 0, unreadAtEnd: 0, untraced: 1 });
  });
});

describe("hourlyRows", () => {
  it("buckets runs by their simulated arrival hour, each variant apart, empty hours included", () => {
    const runs = [
      simulated(10 * MIN, { writes: [{ tokens: 900 }], uncached: 100, cost: 0.5, without: 0.2 }),
      simulated(50 * MIN, { read: { tokens: 900 }, uncached: 100, cost: 0.1, without: 0.2 }),
      simulated(50 * MIN, { variant: "B", writes: [{ tokens: 900 }], uncached: 100 }),
      simulated(2 * HOUR + 5 * MIN, { failed: true, windowMs: 3 * HOUR }),
    ];
    const rows = hourlyRows(runs);
    expect(rows.map((r) => r.hour)).toEqual([0, 1, 2]);
    const a0 = rows[0]!.cells.A!;
    expect(a0).toEqual({ runs: 2, failed: 0, inputTokens: 2000, readTokens: 900, writeTokens: 900, cost: 0.6, costWithoutCache: 0.4 });
    expect(rows[0]!.cells.B!.runs).toBe(1);
    expect(rows[1]!.cells).toEqual({});
    expect(rows[2]!.cells.A).toEqual({ runs: 1, failed: 1, inputTokens: 0, readTokens: 0, writeTokens: 0, cost: 0, costWithoutCache: 0 });
  });
});

describe("trafficReport", () => {
  /** The same arrivals for two variants: A writes each time (5m, 10 minutes apart), B writes once (1h) and reads after. */
  function whatIf(windowMs: number) {
    const runs: RunRecord[] = [];
    for (let i = 0; i < 6; i++) {
      runs.push(simulated(i * 10 * MIN, { variant: "A", writes: [{ tokens: 1000 }], cost: 0.3, without: 0.25, windowMs }));
      runs.push(i === 0 ? simulated(0, { variant: "B", writes: [{ tokens: 1000, ttl: "1h" }], cost: 0.4, without: 0.25, windowMs }) : simulated(i * 10 * MIN, { variant: "B", read: { tokens: 1000 }, cost: 0.05, without: 0.25, windowMs }));
    }
    return runs;
  }

  it("names the cheapest variant and what the others cost more per simulated day", () => {
    const report = trafficReport(whatIf(HOUR), "sim")!;
    expect(report.requests).toBe(6);
    const [a, b] = report.variants;
    expect(a!.cost).toBeCloseTo(1.8);
    expect(b!.cost).toBeCloseTo(0.65);
    // A one-hour window scales by 24 to a day.
    expect(a!.costPerDay).toBeCloseTo(43.2);
    expect(report.cheapest).toBe("B");
    expect(report.extraPerDay.A).toBeCloseTo((1.8 - 0.65) * 24);
    expect(report.extraPerDay.B).toBeUndefined();
    // The last write (50 min + 5 min) also expires inside the hour.
    expect(a!.wasted.wasted).toBe(6);
    expect(a!.wasted.unreadAtEnd).toBe(0);
    expect(b!.wasted.wasted).toBe(0);
    expect(b!.hitRate).toBeCloseTo(5000 / (6000 + 60));
    // Twelve hours scale by 2.
    expect(trafficReport(whatIf(12 * HOUR), "sim")!.variants[0]!.costPerDay).toBeCloseTo(3.6);
  });

  it("names no cheapest when a variant ran fewer requests or has failed runs, and says why", () => {
    const stopped = whatIf(HOUR).slice(0, -1);
    expect(trafficReport(stopped, "sim")!.cheapest).toBeNull();
    expect(trafficReport(stopped, "sim")!.caveat).toMatch(/Variant B ran 5 of 6 requests/);
    const failing = [...whatIf(HOUR).slice(0, -1), simulated(50 * MIN, { variant: "B", failed: true })];
    expect(trafficReport(failing, "sim")!.caveat).toMatch(/Variant B has 1 failed run, whose cost is unknown/);
  });

  // The charts' and totals' rule (lib/runs/gaps.ts): a run whose cost is unknown is never $0. A variant
  // with a run that has no price would otherwise look cheaper by that run's whole cost.
  it("names no cheapest when a variant has a run whose cost is unknown, and says why", () => {
    const unpriced = whatIf(HOUR).map((r, i) => (i === 1 ? { ...r, cost: null, costWithoutCache: null } : r));
    const report = trafficReport(unpriced, "sim")!;
    expect(report.cheapest).toBeNull();
    expect(report.caveat).toBe("Variant B has 1 run without a known cost (no price), so the totals do not compare.");
  });

  it("finds the newest simulation and ignores runs of other series", () => {
    const older = simulated(0, { writes: [{ tokens: 10 }] });
    const newer = { ...simulated(0, { writes: [{ tokens: 10 }] }), seriesId: "sim-2" };
    expect(latestTrafficSeries([older, newer, run({ seriesId: "repeat" })])).toBe("sim-2");
    expect(latestTrafficSeries([run()])).toBeNull();
    expect(trafficReport([older, newer], "sim-2")!.variants[0]!.runs).toBe(1);
    expect(trafficReport([run()], "sim")).toBeNull();
  });
});

describe("hourlyChartRows", () => {
  it("gives each hour a row with every variant's hit rate in percent or cost", () => {
    const runs = [simulated(0, { uncached: 100, read: { tokens: 300 }, cost: 0.2 }), simulated(0, { variant: "B", uncached: 400, cost: 0.5 }), simulated(HOUR + 1, { uncached: 400, cost: 0.1 })];
    const report = trafficReport(runs, "sim")!;
    expect(hourlyChartRows(report, "hitRate")).toEqual([
      { hour: 0, label: "0–1 h", A: 75, B: 0 },
      { hour: 1, label: "1–2 h", A: 0 },
    ]);
    expect(hourlyChartRows(report, "cost")[0]).toEqual({ hour: 0, label: "0–1 h", A: 0.2, B: 0.5 });
  });
});
