// Simulated traffic across vendors, end to end on the server: the built-in "Long document Q&A" example
// replayed at the same arrivals on Claude API, OpenAI Responses and Bedrock Converse in the emulator, each
// through its official SDK and in its own cache scope, read into the cross-vendor traffic report.
// The expectations are the vendors' documented rules, not what the code happens to do:
// - Anthropic and Bedrock Converse (Claude): a 5-minute entry, refreshed on use
//   (docs/reference/anthropic-caching.md §1.6; docs/reference/vendors.md §1, §3); Sonnet 4.6 bills $3 input,
//   $3.75 a 5m write (1.25×), $0.30 a read (0.1×), $15 output per million tokens (docs/reference/anthropic-caching.md §2.1).
// - OpenAI GPT-5.6 Sol: "at least 30 minutes after its most recent write or reuse"
//   (https://developers.openai.com/api/docs/guides/prompt-caching#cache-lifetime); $5 input, $30 output, a
//   write 1.25× and a read 0.1× of input (docs/reference/vendors.md §1; the prices are marked unverified there).
import { beforeEach, describe, expect, it } from "vitest";
import { parseExperiment } from "@/lib/cache/experiment-schema";
import { findExample } from "@/lib/cache/examples";
import { createEmulator } from "@/lib/emulator/transport";
import type { TrafficOptions } from "@/lib/runs/traffic";
import type { CompareTarget } from "@/lib/vendors/compare";
import { compareTrafficReport } from "@/lib/vendors/compare-traffic";
import { runEmulatedComparison } from "./testing/emulated-comparison";

const parsed = parseExperiment(findExample("docs-qa")!.experiment);
if (!parsed.ok) throw new Error(parsed.error.message);
const EXAMPLE = parsed.value;
const TARGETS: CompareTarget[] = [{ target: "anthropic" }, { target: "openai" }, { target: "bedrock-converse" }];
const MIN = 60_000;

let emulator = createEmulator({ latencyScale: 0 });
beforeEach(() => {
  emulator = createEmulator({ latencyScale: 0 });
});

/** A simulation as the page runs it: every target in its own scope, the arrivals on the emulator's clock. */
async function simulate(traffic: TrafficOptions, targets = TARGETS, series = "s1") {
  return runEmulatedComparison(emulator, { mode: "traffic", runs: 0, gapSeconds: 0, warmUp: false, continueOnError: false, traffic }, EXAMPLE, targets, series);
}

/** Four arrivals an hour, evenly spaced: at 0, 15, 30 and 45 minutes, over a one-hour window. */
const EVERY_15_MIN: TrafficOptions = { ratePerHour: 4, durationHours: 1, gaps: "fixed", seed: 1, sessionTurns: 1, turnGapSeconds: 0 };

describe("simulated traffic on Claude, OpenAI and Bedrock Converse, emulated", () => {
  it("sends every target the same arrivals, at the same clock times", async () => {
    const realStart = Date.now();
    const runs = await simulate({ ratePerHour: 20, durationHours: 1, gaps: "random", seed: 42, sessionTurns: 2, turnGapSeconds: 90 });
    const realElapsed = Date.now() - realStart;
    const arrivals = (index: number) => runs.filter((r) => r.index === index).map((r) => r.traffic);
    const sentAt = (index: number) => runs.filter((r) => r.index === index).map((r) => r.startedAt);
    expect(arrivals(0).length).toBeGreaterThan(10);
    expect(arrivals(1)).toEqual(arrivals(0));
    expect(arrivals(2)).toEqual(arrivals(0));
    // The emulator's clock moved by each arrival's offset, and also ran with real time meanwhile (a few ms a
    // run here, seconds on a loaded machine): run k of every target went at the arrival's virtual time,
    // give or take the real time the whole simulation took. Arrivals are minutes apart, so that is exact enough.
    for (const index of [0, 1, 2]) {
      sentAt(index).forEach((t, k) => expect(Math.abs(t - sentAt(0)[0]! - arrivals(0)[k]!.atMs)).toBeLessThanOrEqual(realElapsed));
    }
  });

  it("never lets one target read another's cache, nor a second simulation read the first's", async () => {
    // The same target and model twice: sharing a cache would let the second read at the first arrival what the first wrote.
    const twins: CompareTarget[] = [{ target: "anthropic" }, { target: "anthropic", model: "claude-sonnet-4-6" }];
    const fast: TrafficOptions = { ...EVERY_15_MIN, ratePerHour: 30 }; // every 2 minutes: inside 5m
    const first = await simulate(fast, twins, "one");
    for (const index of [0, 1]) {
      const mine = first.filter((r) => r.index === index);
      expect(mine[0]!.usage!.cacheRead).toBe(0);
      expect(mine[0]!.usage!.cacheWrite["5m"]).toBeGreaterThan(4000);
      expect(mine.slice(1).every((r) => r.usage!.cacheRead === mine[0]!.usage!.cacheWrite["5m"])).toBe(true);
    }
    const second = await simulate(fast, twins, "two");
    for (const index of [0, 1]) expect(second.find((r) => r.index === index)!.usage!.cacheRead).toBe(0);
  });

  it("arrivals every 15 minutes: the 5m targets write four times and read nothing, OpenAI's 30m writes once and reads three times", async () => {
    const runs = await simulate(EVERY_15_MIN);
    const names = ["Claude API", "OpenAI", "Converse"];
    const report = compareTrafficReport(runs, TARGETS, names)!;
    expect(report.windowMs).toBe(60 * MIN);
    expect(report.requests).toBe(4);
    expect(runs.filter((r) => r.index === 0).map((r) => r.traffic!.atMs)).toEqual([0, 15 * MIN, 30 * MIN, 45 * MIN]);

    const [claude, openai, converse] = report.targets;
    for (const t of [claude!, converse!]) {
      const W = runs.find((r) => r.index === t.index)!.usage!.cacheWrite["5m"]!; // the handbook prefix, written on every arrival
      expect(W).toBeGreaterThan(4000);
      expect(t).toMatchObject({ runs: 4, readTokens: 0, writeTokens: 4 * W, hitRate: 0 });
      // Every write expires unread 5 minutes later, inside the hour.
      expect(t.wasted).toMatchObject({ writes: 4, wasted: 4, wastedTokens: 4 * W, unreadAtEnd: 0 });
    }
    const W = runs[0]!.usage!.cacheWrite["5m"]!;
    const U = runs[0]!.usage!.uncached;
    const O = runs[0]!.usage!.output;
    // Sonnet 4.6: $3 input, $3.75 5m write, $15 output per million (docs/reference/anthropic-caching.md §2.1).
    const claudeHour = (4 * (U * 3 + W * 3.75 + O * 15)) / 1e6;
    expect(claude!.cost).toBeCloseTo(claudeHour, 12);
    expect(claude!.costWithoutCache).toBeCloseTo((4 * ((U + W) * 3 + O * 15)) / 1e6, 12);
    expect(claude!.costPerDay).toBeCloseTo(24 * claudeHour, 10);

    // OpenAI: its input_tokens hold the cached tokens; the 30m entry is read at 15, 30 and 45 minutes, each read refreshing it.
    const o = runs.filter((r) => r.index === 1).map((r) => r.usage!);
    const OW = o[0]!.cacheWrite["30m"]!;
    expect(o.slice(1).map((u) => u.cacheRead)).toEqual([OW, OW, OW]);
    expect(openai!.wasted).toMatchObject({ writes: 1, wasted: 0 });
    expect(openai!.hitRate).toBeCloseTo((3 * OW) / openai!.inputTokens, 12);
    // GPT-5.6 Sol: $5 input, $6.25 write (1.25×), $0.50 read (0.1×), $30 output per million (docs/reference/vendors.md §1).
    const openaiHour = o.reduce((sum, u) => sum + (u.uncached * 5 + (u.cacheWrite["30m"] ?? 0) * 6.25 + u.cacheRead * 0.5 + u.output * 30) / 1e6, 0);
    expect(openai!.cost).toBeCloseTo(openaiHour, 12);

    // The cheapest is named, and each other target's extra per day is 24 × its hour's cost over the cheapest's.
    const costs = report.targets.map((t) => t.cost);
    const cheapest = costs.indexOf(Math.min(...costs));
    expect(report.cheapest).toBe(cheapest);
    expect(report.caveat).toBeNull();
    for (const t of report.targets) {
      if (t.index === cheapest) expect(report.extraPerDay[t.index]).toBeUndefined();
      else expect(report.extraPerDay[t.index]).toBeCloseTo(24 * (t.cost - costs[cheapest]!), 10);
    }
  });
});
