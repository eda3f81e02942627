// The cross-vendor traffic report from its runs alone: wasted writes followed per conversation under each
// vendor's lifetime, and no cheapest named when the totals do not compare.
import { describe, expect, it } from "vitest";
import { tokens, usd } from "@/lib/cache/units";
import type { CompareRun } from "./compare";
import { compareTrafficReport } from "./compare-traffic";
import type { NormalizedUsage } from "./usage";

const MIN = 60_000;
const usage = (u: Partial<NormalizedUsage>): NormalizedUsage => ({ uncached: tokens(10), cacheRead: tokens(0), cacheWrite: {}, output: tokens(5), ...u });
let serial = 0;
const run = (index: number, atMs: number, u: NormalizedUsage | null, cost: number | null = 1, traffic: { session?: number; turn?: number } = {}): CompareRun => ({
  index,
  target: index === 0 ? "anthropic" : "openai",
  run: ++serial,
  turn: traffic.turn ?? 1,
  status: u ? "ok" : "failed",
  usage: u,
  cost: u && cost !== null ? usd(cost) : null,
  costWithoutCache: u && cost !== null ? usd(2) : null,
  responseText: "",
  startedAt: atMs,
  traffic: { atMs, session: traffic.session ?? serial, turn: traffic.turn ?? 1, windowMs: 60 * MIN },
});

describe("compareTrafficReport", () => {
  it("follows each session's own entry: a later turn's write is read by its next turn, not by another session's", () => {
    const w = (n: number) => usage({ cacheWrite: { "5m": tokens(n) } });
    const r = (n: number) => usage({ cacheRead: tokens(n) });
    const runs = [
      run(0, 0, w(1000), 1, { session: 1, turn: 1 }), // the shared prefix
      run(0, 1 * MIN, usage({ cacheRead: tokens(1000), cacheWrite: { "5m": tokens(200) } }), 1, { session: 1, turn: 2 }), // session 1's own part
      run(0, 2 * MIN, r(1000), 1, { session: 2, turn: 1 }), // reads the shared prefix
      run(0, 3 * MIN, usage({ cacheRead: tokens(1000), cacheWrite: { "5m": tokens(300) } }), 1, { session: 2, turn: 2 }), // session 2's own part, never read again
      run(0, 4 * MIN, r(1200), 1, { session: 1, turn: 3 }), // reads session 1's part
    ];
    const report = compareTrafficReport(runs, [{ target: "anthropic" }], ["Claude API"])!;
    // Session 2's write expired unread at 8 min; the shared one (last used at 4 min) and session 1's are read.
    expect(report.targets[0]!.wasted).toEqual({ writes: 3, wasted: 1, wastedTokens: 300, unreadAtEnd: 0, untraced: 0 });
  });

  it("lives a write for its vendor's lifetime: OpenAI's 30m entry is still there after 20 minutes, a 5m one is not", () => {
    const runs = [
      run(0, 0, usage({ cacheWrite: { "5m": tokens(1000) } })),
      run(1, 0, usage({ cacheWrite: { "30m": tokens(1000) } })),
      run(0, 20 * MIN, usage({ cacheWrite: { "5m": tokens(1000) } })),
      run(1, 20 * MIN, usage({ cacheRead: tokens(1000) })),
    ];
    const [claude, openai] = compareTrafficReport(runs, [{ target: "anthropic" }, { target: "openai" }], ["Claude API", "OpenAI"])!.targets;
    expect(claude!.wasted).toMatchObject({ writes: 2, wasted: 2 });
    expect(openai!.wasted).toMatchObject({ writes: 1, wasted: 0 });
    expect(openai!.hitRate).toBeCloseTo(1000 / 2020, 12);
  });

  it("counts a write read only by the request that made it (a Gemini cache object) as wasted once it expires", () => {
    const created = usage({ cacheRead: tokens(1000), cacheWrite: { "5m": tokens(1000) } });
    const runs = [run(0, 0, created), run(0, 15 * MIN, created), run(0, 16 * MIN, usage({ cacheRead: tokens(1000) }))];
    // The first object expired unread by any later request; the second was read a minute later.
    expect(compareTrafficReport(runs, [{ target: "gemini" }], ["Gemini"])!.targets[0]!.wasted).toMatchObject({ writes: 2, wasted: 1, wastedTokens: 1000 });
  });

  it("names no cheapest, and says which target, when one has failed runs or was stopped short", () => {
    const ok = usage({});
    const failed = compareTrafficReport([run(0, 0, ok, 1), run(1, 0, ok, 3), run(0, MIN, ok, 1), run(1, MIN, null)], [{ target: "anthropic" }, { target: "openai" }], ["Claude API", "OpenAI"])!;
    expect(failed).toMatchObject({ cheapest: null, caveat: "OpenAI has 1 failed run, whose cost is unknown, so the totals do not compare." });
    const short = compareTrafficReport([run(0, 0, ok, 1), run(1, 0, ok, 3), run(0, MIN, ok, 1)], [{ target: "anthropic" }, { target: "openai" }], ["Claude API", "OpenAI"])!;
    expect(short).toMatchObject({ cheapest: null, caveat: "OpenAI ran 1 of 2 requests (the simulation was stopped), so the totals do not compare." });
    const fair = compareTrafficReport([run(0, 0, ok, 1), run(1, 0, ok, 3)], [{ target: "anthropic" }, { target: "openai" }], ["Claude API", "OpenAI"])!;
    // One hour of window: the difference per day is 24 × (3 − 1).
    expect(fair).toMatchObject({ cheapest: 0, caveat: null, extraPerDay: { 1: 48 } });
    expect(compareTrafficReport([], [{ target: "anthropic" }], ["Claude API"])).toBeNull();
  });

  // lib/runs/gaps.ts: a run of a model without a price has tokens but no cost, and a failed run has neither;
  // either is a gap, never $0 (as the what-if report does it, lib/runs/traffic-report.ts).
  it("sums no unknown cost as $0, counts the runs without one, and names no cheapest over them", () => {
    const ok = usage({});
    const two = [{ target: "anthropic" as const }, { target: "openai" as const }];
    const unpriced = compareTrafficReport([run(0, 0, ok, 3), run(1, 0, ok, 1), run(0, MIN, ok, 3), run(1, MIN, ok, null)], two, ["Claude API", "OpenAI"])!;
    expect(unpriced.targets[1]).toMatchObject({ cost: 1, costWithoutCache: 2, costUnknown: 1, failed: 0 });
    expect(unpriced).toMatchObject({ cheapest: null, extraPerDay: {}, caveat: "OpenAI has 1 run without a known cost (no price), so the totals do not compare." });
    const failed = compareTrafficReport([run(0, 0, ok, 3), run(1, 0, ok, 1), run(0, MIN, ok, 3), run(1, MIN, null)], two, ["Claude API", "OpenAI"])!;
    // A failed run's cost is unknown too, but it is counted as failed, not as unpriced.
    expect(failed.targets[1]).toMatchObject({ cost: 1, costUnknown: 0, failed: 1 });
  });
});
