// Compare across vendors, the pure part: which targets may be compared, each one's own cache scope, the
// chart's rows, the totals against no caching, and the runner's order (issue 13 item 3).
import { describe, expect, it } from "vitest";
import { tokens, usd, usdPerMTok } from "@/lib/cache/units";
import {
  type CompareRun,
  MAX_COMPARE_TARGETS,
  checkCompareOptions,
  checkCompareTargets,
  compareChartRows,
  compareKey,
  compareTotals,
  costWithoutCaching,
  runCompareSeries,
  targetCacheScope,
  targetModels,
  targetPriceSource,
} from "./compare";
import { BEDROCK_CONVERSE, GEMINI, OPENAI } from "./catalog";
import { CATALOG } from "@/lib/cache/catalog";
import type { NormalizedUsage } from "./usage";

describe("checkCompareTargets", () => {
  it("takes one to four runnable targets and refuses the rest with a sentence", () => {
    expect(checkCompareTargets([{ target: "anthropic" }, { target: "openai" }, { target: "bedrock-converse" }, { target: "bedrock-converse", model: "nova-pro" }]).ok).toBe(true);
    expect(checkCompareTargets([])).toMatchObject({ ok: false, error: { message: "Choose at least one target to compare." } });
    const five = checkCompareTargets(["anthropic", "bedrock", "vertex", "foundry", "openai"].map((t) => ({ target: t as "anthropic" })));
    expect(five).toMatchObject({ ok: false, error: { message: `A comparison runs on at most ${MAX_COMPARE_TARGETS} targets; 5 were chosen.` } });
    expect(checkCompareTargets([{ target: "openai" }, { target: "openai" }])).toMatchObject({ ok: false, error: { message: expect.stringContaining("chosen twice") } });
    expect(checkCompareTargets([{ target: "gemini" }]).ok).toBe(true);
  });
});

describe("targetCacheScope", () => {
  it("gives each target of each comparison a scope of its own, within what the run actions accept", () => {
    const scopes = [0, 1, 2, 3].map((i) => targetCacheScope("browser-1", "series1", i));
    expect(new Set(scopes).size).toBe(4);
    expect(targetCacheScope("browser-1", "series2", 0)).not.toBe(scopes[0]);
    for (const s of [...scopes, targetCacheScope("x".repeat(200), "y".repeat(200), 3), targetCacheScope("", "", 0)]) expect(s).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});

const usage = (u: Partial<NormalizedUsage>): NormalizedUsage => ({ uncached: tokens(0), cacheRead: tokens(0), cacheWrite: {}, output: tokens(0), ...u });
const prices = { input: usdPerMTok(5), cacheRead: usdPerMTok(0.5), cacheWrite: { "30m": usdPerMTok(6.25) }, output: usdPerMTok(30) };

describe("costWithoutCaching", () => {
  it("prices every input token, read or written, as uncached input, plus the output", () => {
    const u = usage({ uncached: tokens(100), cacheRead: tokens(1000), cacheWrite: { "30m": tokens(2000) }, output: tokens(10) });
    expect(costWithoutCaching(u, prices)).toBeCloseTo((3100 * 5 + 10 * 30) / 1e6, 12);
  });
});

const run = (index: number, n: number, u: NormalizedUsage | null, cost: number | null, without: number | null): CompareRun => ({
  index,
  target: index === 0 ? "anthropic" : "openai",
  run: n,
  turn: n,
  status: u ? "ok" : "failed",
  usage: u,
  cost: cost === null ? null : usd(cost),
  costWithoutCache: without === null ? null : usd(without),
  responseText: "",
  startedAt: 0,
});

describe("compareChartRows and compareTotals", () => {
  const runs = [
    run(0, 1, usage({ uncached: tokens(10), cacheWrite: { "5m": tokens(5000) }, output: tokens(5) }), 0.02, 0.016),
    run(1, 1, usage({ uncached: tokens(10), cacheWrite: { "30m": tokens(6000) }, output: tokens(5) }), 0.03, 0.025),
    run(0, 2, usage({ uncached: tokens(10), cacheRead: tokens(5000), output: tokens(5) }), 0.002, 0.016),
    run(1, 2, null, null, null),
  ];

  it("has one row per run with each target's read, write, uncached and cost, and nothing for a failed run", () => {
    const rows = compareChartRows(runs);
    expect(rows.map((r) => r.run)).toEqual([1, 2]);
    expect(rows[0]).toMatchObject({ [compareKey(0, "write")]: 5000, [compareKey(1, "write")]: 6000, [compareKey(1, "cost")]: 0.03 });
    expect(rows[1]).toMatchObject({ [compareKey(0, "read")]: 5000, [compareKey(0, "uncached")]: 10 });
    expect(rows[1]![compareKey(1, "read")]).toBeUndefined();
  });

  it("sums per target and sets the total against no caching beside it", () => {
    const [a, b] = compareTotals(runs, [{ target: "anthropic" }, { target: "openai" }]);
    expect(a).toMatchObject({ runs: 2, failed: 0, read: 5000, write: 5000, uncached: 20 });
    expect(a!.cost).toBeCloseTo(0.022, 12);
    expect(a!.costWithoutCache).toBeCloseTo(0.032, 12);
    expect(a!.saving).toBeCloseTo(0.01, 12);
    expect(a!.tokenHitRate).toBeCloseTo(5000 / 10020, 12);
    expect(b).toMatchObject({ runs: 2, failed: 1, read: 0, write: 6000 });
    expect(b!.saving).toBeCloseTo(-0.005, 12); // a write never read back costs more than no cache
  });

  // lib/runs/gaps.ts: a run of a model without a price has tokens but no cost; it is left out of the sums and
  // counted, never added as $0. A failed run is counted as failed.
  it("counts a run without a known cost apart instead of summing it as $0", () => {
    const priced = usage({ uncached: tokens(10), output: tokens(5) });
    const [a, b] = compareTotals([run(0, 1, priced, 0.02, 0.02), run(0, 2, priced, null, null), ...runs.filter((r) => r.index === 1)], [{ target: "anthropic" }, { target: "openai" }]);
    expect(a).toMatchObject({ runs: 2, failed: 0, costUnknown: 1, uncached: 20 });
    expect(a!.cost).toBeCloseTo(0.02, 12);
    expect(b).toMatchObject({ failed: 1, costUnknown: 0 });
  });
});

describe("runCompareSeries", () => {
  const ok = (text: string) => ({ target: "anthropic" as const, status: "ok" as const, usage: usage({}), cost: usd(0), costWithoutCache: usd(0), responseText: text, startedAt: 0 });

  it("sends run k of every target, then waits the gap once, and grows each target's conversation on its own", async () => {
    const log: string[] = [];
    const seen: number[][] = [];
    const outcome = await runCompareSeries(
      { mode: "conversation", runs: 3, gapSeconds: 60, warmUp: false, continueOnError: false },
      [{ messages: [] }, { messages: [] }, { messages: [] }],
      {
        runOnce: async ({ index, experiment, turn }) => {
          log.push(`run t${index} turn ${turn}`);
          (seen[index] ??= []).push(experiment.messages?.length ?? 0);
          return ok(`reply ${index}`);
        },
        runParallel: async () => null,
        wait: async (s) => void log.push(`wait ${s}`),
        onRun: () => undefined,
      },
      new AbortController().signal,
    );
    expect(outcome).toEqual({ sent: 9, failed: 0, stoppedBy: "done" });
    expect(log).toEqual(["run t0 turn 1", "run t1 turn 1", "run t2 turn 1", "wait 60", "run t0 turn 2", "run t1 turn 2", "run t2 turn 2", "wait 60", "run t0 turn 3", "run t1 turn 3", "run t2 turn 3"]);
    expect(seen).toEqual([[0, 2, 4], [0, 2, 4], [0, 2, 4]]);
  });

  it("numbers each target's runs from 1, sends a fan-out step as one batch per target, and stops at a failure unless told to go on", async () => {
    const recorded: CompareRun[] = [];
    const outcome = await runCompareSeries(
      { mode: "fan-out", runs: 3, gapSeconds: 0, warmUp: true, continueOnError: false },
      [{}, {}],
      {
        runOnce: async () => ok("warm"),
        runParallel: async ({ index, count }) => Array.from({ length: count }, () => (index === 0 ? ok("x") : { ...ok(""), status: "failed" as const, usage: null })),
        wait: async () => undefined,
        onRun: (r) => void recorded.push(r),
      },
      new AbortController().signal,
    );
    expect(outcome).toEqual({ sent: 6, failed: 2, stoppedBy: "error" });
    expect(recorded.map((r) => `${r.index}:${r.run}`)).toEqual(["0:1", "1:1", "0:2", "0:3", "1:2", "1:3"]);
  });

  it("stops at once when cancelled, and says why when the clock cannot move", async () => {
    const controller = new AbortController();
    const cancelled = await runCompareSeries(
      { mode: "repeat", runs: 5, gapSeconds: 1, warmUp: false, continueOnError: true },
      [{}, {}],
      { runOnce: async ({ index }) => (index === 1 && controller.abort(), ok("")), runParallel: async () => null, wait: async () => undefined, onRun: () => undefined },
      controller.signal,
    );
    expect(cancelled).toEqual({ sent: 2, failed: 0, stoppedBy: "cancelled" });
    const stuck = await runCompareSeries(
      { mode: "repeat", runs: 2, gapSeconds: 1, warmUp: false, continueOnError: true },
      [{}],
      { runOnce: async () => ok(""), runParallel: async () => null, wait: async () => Promise.reject(new Error("The clock can move forward by 0 to 86,400 seconds.")), onRun: () => undefined },
      new AbortController().signal,
    );
    expect(stuck).toEqual({ sent: 1, failed: 0, stoppedBy: "error", reason: "The clock can move forward by 0 to 86,400 seconds." });
  });
});

describe("targetModels and targetPriceSource", () => {
  it("offer each target's own models: OpenAI's, Claude and Nova on Converse", () => {
    expect(targetModels("openai").map((m) => m.id)).toEqual(OPENAI.models.map((m) => m.id));
    expect(targetModels("bedrock-converse").map((m) => m.id)).toEqual(expect.arrayContaining(["claude-sonnet-4-6", "nova-pro"]));
    expect(targetModels("anthropic").map((m) => m.id)).toContain("claude-sonnet-4-6");
    expect(targetModels("gemini").map((m) => m.id)).toEqual(GEMINI.models.map((m) => m.id));
  });

  it("name the dated catalog entry the bill is priced from, and its unverified note", () => {
    const experiment = { model: "claude-sonnet-4-6" };
    const sonnet = CATALOG.find((m) => m.id === "claude-sonnet-4-6")!;
    expect(targetPriceSource(experiment, "anthropic")).toEqual({ source: sonnet.sources.prices.source, date: sonnet.sources.prices.date });
    expect(targetPriceSource(experiment, "bedrock-converse")).toEqual({ source: sonnet.sources.prices.source, date: sonnet.sources.prices.date });
    const sol = OPENAI.models.find((m) => m.id === OPENAI.defaultModel)!.prices;
    expect(targetPriceSource(experiment, "openai")).toEqual({ source: sol.source, date: sol.date, unverified: sol.unverified });
    const nova = BEDROCK_CONVERSE.novaModels.find((m) => m.id === "nova-pro")!.prices;
    expect(targetPriceSource(experiment, "bedrock-converse", "nova-pro")).toEqual({ source: nova.source, date: nova.date, unverified: nova.unverified });
    expect(targetPriceSource({ ...experiment, overrides: { prices: { input: 1 } } }, "openai").source).toBe("the experiment's overrides.prices");
  });
});

describe("checkCompareOptions", () => {
  const traffic = { ratePerHour: 4, durationHours: 1, gaps: "fixed" as const, seed: 1, sessionTurns: 1, turnGapSeconds: 60 };

  it("runs repeat, conversation, fan-out and simulated traffic, and refuses any other mode with a sentence, sending nothing", async () => {
    for (const mode of ["repeat", "conversation", "fan-out"] as const) expect(checkCompareOptions({ mode }).ok).toBe(true);
    expect(checkCompareOptions({ mode: "traffic", traffic }, 4).ok).toBe(true);
    let sent = 0;
    const outcome = await runCompareSeries(
      { mode: "bursts" as "repeat", runs: 3, gapSeconds: 0, warmUp: false, continueOnError: true },
      [{}],
      { runOnce: async () => (sent++, null), runParallel: async () => null, wait: async () => undefined, onRun: () => undefined },
      new AbortController().signal,
    );
    expect(sent).toBe(0);
    expect(outcome).toMatchObject({ sent: 0, stoppedBy: "error", reason: expect.stringContaining("a fan-out or simulated traffic") });
  });

  it("refuses traffic it cannot simulate, counting every target against the run limit", () => {
    expect(checkCompareOptions({ mode: "traffic" })).toMatchObject({ ok: false, error: { message: "Simulated traffic needs its rate, duration and gaps." } });
    expect(checkCompareOptions({ mode: "traffic", traffic: { ...traffic, ratePerHour: 0 } })).toMatchObject({ ok: false, error: { message: expect.stringContaining("The rate must be above 0") } });
    // 3,000 arrivals fit one target (10,000 runs) but not four (12,000).
    const busy = { ...traffic, ratePerHour: 3000 };
    expect(checkCompareOptions({ mode: "traffic", traffic: busy }, 3).ok).toBe(true);
    expect(checkCompareOptions({ mode: "traffic", traffic: busy }, 4)).toMatchObject({ ok: false, error: { message: "This traffic makes more than 10,000 runs (4 targets): lower the rate, the duration or the turns per session." } });
  });
});

describe("runCompareSeries with one call per step (runStep)", () => {
  const ok = (text: string) => ({ target: "anthropic" as const, status: "ok" as const, usage: usage({}), cost: usd(0), costWithoutCache: usd(0), responseText: text, startedAt: 0 });

  it("sends every target's run of a step in one call and records and grows exactly as one call per target does", async () => {
    const options = { mode: "traffic" as const, runs: 0, gapSeconds: 0, warmUp: false, continueOnError: false, traffic: { ratePerHour: 20, durationHours: 1, gaps: "random" as const, seed: 3, sessionTurns: 3, turnGapSeconds: 20 } };
    const reply = (index: number, messages: number) => `target ${index} saw ${messages}`;
    const one: CompareRun[] = [];
    await runCompareSeries(options, [{ messages: [] }, { messages: [] }], { runOnce: async ({ index, experiment }) => ok(reply(index, experiment.messages!.length)), runParallel: async () => null, wait: async () => undefined, onRun: (r) => void one.push(r) }, new AbortController().signal);
    const steps: number[] = [];
    const batched: CompareRun[] = [];
    await runCompareSeries(
      options,
      [{ messages: [] }, { messages: [] }],
      {
        runOnce: async () => Promise.reject(new Error("runStep replaces runOnce")),
        runStep: async ({ runs }) => (steps.push(runs.length), runs.map(({ index, experiment }) => ok(reply(index, experiment.messages!.length)))),
        runParallel: async () => null,
        wait: async () => undefined,
        onRun: (r) => void batched.push(r),
      },
      new AbortController().signal,
    );
    expect(batched).toEqual(one);
    expect(one.some((r) => r.responseText.endsWith("saw 4"))).toBe(true); // a third turn carried two earlier turns
    expect(steps.length * 2).toBe(one.length);
    expect(steps.every((n) => n === 2)).toBe(true);
  });
});

describe("runCompareSeries with simulated traffic", () => {
  const ok = (text: string) => ({ target: "anthropic" as const, status: "ok" as const, usage: usage({}), cost: usd(0), costWithoutCache: usd(0), responseText: text, startedAt: 0 });

  it("replays the same seeded arrivals on every target, waiting up to each arrival once, and grows each session per target", async () => {
    const recorded: CompareRun[] = [];
    const waits: number[] = [];
    const sentMessages: string[] = [];
    const options = { mode: "traffic" as const, runs: 0, gapSeconds: 0, warmUp: false, continueOnError: false, traffic: { ratePerHour: 30, durationHours: 1, gaps: "random" as const, seed: 7, sessionTurns: 2, turnGapSeconds: 30 } };
    const outcome = await runCompareSeries(
      options,
      [{ messages: [] }, { messages: [] }, { messages: [] }],
      {
        runOnce: async ({ index, experiment, turn }) => {
          sentMessages.push(`${index}:${turn}:${experiment.messages?.length ?? 0}:${JSON.stringify(experiment.messages?.at(-1) ?? null)}`);
          return ok(`reply of target ${index}`);
        },
        runParallel: async () => null,
        wait: async (s) => void waits.push(s),
        onRun: (r) => void recorded.push(r),
      },
      new AbortController().signal,
    );
    const of = (index: number) => recorded.filter((r) => r.index === index).map((r) => r.traffic);
    expect(outcome.stoppedBy).toBe("done");
    expect(of(0).length).toBeGreaterThan(10);
    expect(of(1)).toEqual(of(0));
    expect(of(2)).toEqual(of(0));
    // The clock moves once per distinct arrival time, not once per target.
    expect(waits.reduce((a, b) => a + b, 0) * 1000).toBeCloseTo(of(0).at(-1)!.atMs, 3);
    // Turn 2 of a session carries that target's own reply, with that session's follow-up; turn 1 starts clean.
    const turn2 = sentMessages.filter((m) => m.split(":")[1] === "2");
    expect(turn2.length).toBe(of(0).filter((t) => t!.turn === 2).length * 3);
    for (const m of turn2) expect(m).toMatch(/^(\d):2:2:.*Session \d+, follow-up 2/);
    expect(sentMessages.filter((m) => m.split(":")[1] === "1").every((m) => m.includes(":1:0:null"))).toBe(true);
    expect(recorded.every((r) => r.traffic!.windowMs >= 3_600_000)).toBe(true);
  });
});
