// The report of a simulation (issue 12 items 1, 2): per-hour aggregation, wasted writes and the what-if
// verdict, from the runs alone. Entries live for their TTL from the request that wrote or last read them
// (docs/reference/anthropic-caching.md §1.6), so a write nobody reads within it is paid for nothing.
import { describe, expect, it } from "vitest";
import { run } from "./testing/factories";
import { hourlyRows, latestTrafficSeries, trafficReport, wastedWrites } from "./traffic-report";
import type { RunRecord } from "./types";

const MIN = 60_000;
const HOUR = 60 * MIN;

let serial = 0;
/** A run of simulated traffic with the emulator's trace: what it read (and who wrote that) and wrote. */
function simulated(atMs: number, o: { read?: { writtenBy: string; position?: number; tokens: number }; writes?: { ttl?: "5m" | "1h"; tokens: number; position?: number }[]; variant?: RunRecord["variant"]; windowMs?: number; cost?: number; without?: number; failed?: boolean; uncached?: number } = {}): RunRecord {
  const requestId = `req_${++serial}`;
  const writes = (o.writes ?? []).map((w) => ({ position: w.position ?? 0, path: "system", ttl: w.ttl ?? "5m", tokens: w.tokens, cumulativeTokens: w.tokens }));
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
    trace: o.failed ? undefined : { requestId, read: o.read ? { position: o.read.position ?? 0, path: "system", tokens: o.read.tokens, writtenBy: o.read.writtenBy } : null, writes },
    traffic: { atMs, session: serial, turn: 1, windowMs: o.windowMs ?? 2 * HOUR },
  });
}

describe("wastedWrites", () => {
  it("counts a write no later run read before its TTL ran out, and not one that was read", () => {
    const w1 = simulated(0, { writes: [{ tokens: 3000 }] });
    const r1 = simulated(4 * MIN, { read: { writtenBy: w1.requestId!, tokens: 3000 } });
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
    const r = simulated(20 * MIN, { read: { writtenBy: w.requestId!, position: 0, tokens: 2000 } });
    expect(wastedWrites([w, r], 2 * HOUR)).toEqual({ writes: 2, wasted: 1, wastedTokens: 500, unreadAtEnd: 0, untraced: 0 });
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
      simulated(50 * MIN, { read: { writtenBy: "x", tokens: 900 }, uncached: 100, cost: 0.1, without: 0.2 }),
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
    let bWriter = "";
    for (let i = 0; i < 6; i++) {
      runs.push(simulated(i * 10 * MIN, { variant: "A", writes: [{ tokens: 1000 }], cost: 0.3, without: 0.25, windowMs }));
      const b = i === 0 ? simulated(0, { variant: "B", writes: [{ tokens: 1000, ttl: "1h" }], cost: 0.4, without: 0.25, windowMs }) : simulated(i * 10 * MIN, { variant: "B", read: { writtenBy: bWriter, tokens: 1000 }, cost: 0.05, without: 0.25, windowMs });
      if (i === 0) bWriter = b.requestId!;
      runs.push(b);
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

  it("finds the newest simulation and ignores runs of other series", () => {
    const older = simulated(0, { writes: [{ tokens: 10 }] });
    const newer = { ...simulated(0, { writes: [{ tokens: 10 }] }), seriesId: "sim-2" };
    expect(latestTrafficSeries([older, newer, run({ seriesId: "repeat" })])).toBe("sim-2");
    expect(latestTrafficSeries([run()])).toBeNull();
    expect(trafficReport([older, newer], "sim-2")!.variants[0]!.runs).toBe(1);
    expect(trafficReport([run()], "sim")).toBeNull();
  });
});
