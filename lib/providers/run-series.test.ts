// A series run on the server in batches sends exactly what it sends in one go, what-if variants never
// share a cache (each has its own scope: docs/reference/anthropic-caching.md §1.8, "caches are isolated
// between workspaces"), and a simulated day's report follows from its runs.
import { describe, expect, it } from "vitest";
import { createEmulator } from "@/lib/emulator/transport";
import type { SeriesCursor, SeriesOptions } from "@/lib/runs/series";
import { LONG_TEXT, experiment } from "@/lib/runs/testing/factories";
import { DEFAULT_TRAFFIC, type TrafficOptions } from "@/lib/runs/traffic";
import { trafficReport } from "@/lib/runs/traffic-report";
import type { RunRecord } from "@/lib/runs/types";
import { applyWhatIf } from "@/lib/runs/what-if";
import { type BatchRun, type SeriesBatchInput, runSeriesBatch } from "./run-series";

const START = Date.UTC(2026, 0, 5);
const repeat: SeriesOptions = { mode: "repeat", runs: 1, gapSeconds: 0, warmUp: false, continueOnError: true };
const chat = experiment({
  settings: { cache_instructions: "5m", cache_tool_definitions: false, cache_messages: "5m" },
  messages: [{ role: "user", content: [{ type: "text", text: "What does the handbook say about retries?" }] }],
});

/** Runs a whole series through batches of at most `maxRuns` runs, the cursor going through JSON as over the wire. */
async function batched(input: SeriesBatchInput, maxRuns: number, emulator = createEmulator({ latencyScale: 0, startTime: START })) {
  const runs: BatchRun[] = [];
  let cursor: SeriesCursor | undefined;
  let batches = 0;
  for (;;) {
    const batch = await runSeriesBatch({ ...input, ...(cursor ? { cursor: JSON.parse(JSON.stringify(cursor)) } : {}) }, { emulator }, { maxMs: 60_000, maxRuns });
    batches++;
    runs.push(...batch.runs);
    expect(batch.total).toBeGreaterThanOrEqual(runs.length);
    if (batch.stoppedBy !== "paused") return { runs, batches, emulator, last: batch };
    cursor = batch.cursor;
  }
}

/** What the page adds to a batch's runs before it stores them. */
const asRecords = (runs: BatchRun[], labels: Record<string, string> = {}): RunRecord[] =>
  runs.map((r, i) => ({ ...r, id: `r${i}`, experimentId: "e", seriesId: "sim", number: i + 1, label: labels[r.variant] ?? r.variant }));

const usageOf = (runs: BatchRun[]) => runs.map((r) => `${r.variant} ${r.traffic?.session ?? "-"}/${r.traffic?.turn ?? "-"} read ${r.usage?.cacheRead} wrote ${(r.usage?.cacheWrite5m ?? 0) + (r.usage?.cacheWrite1h ?? 0)}`);

describe("runSeriesBatch", () => {
  it("in many small batches sends exactly what one batch sends", async () => {
    const traffic: TrafficOptions = { ...DEFAULT_TRAFFIC, ratePerHour: 20, durationHours: 1, gaps: "random", seed: 3, sessionTurns: 3, turnGapSeconds: 200 };
    const input: SeriesBatchInput = { options: { ...repeat, mode: "traffic", traffic }, variants: [{ variant: "A", experiment: chat }, { variant: "B", experiment: applyWhatIf(chat, "ttl-1h") }], scope: "browser", fresh: "one" };
    const whole = await batched(input, 100_000);
    const small = await batched(input, 3);
    expect(whole.batches).toBe(1);
    expect(small.batches).toBeGreaterThan(5);
    expect(usageOf(small.runs)).toEqual(usageOf(whole.runs));
    expect(small.runs.length).toBe(whole.last.total);
    // Growing sessions read what their previous turn wrote.
    const third = whole.runs.find((r) => r.variant === "B" && r.traffic?.turn === 3)!;
    expect(third.usage!.cacheRead).toBeGreaterThan(2000);
  });

  it("gives what-if variants a cold cache each, never shared, and a new simulation a new one", async () => {
    const traffic: TrafficOptions = { ...DEFAULT_TRAFFIC, ratePerHour: 60, durationHours: 0.05, gaps: "fixed" };
    const same = { variant: "A" as const, experiment: chat };
    const input: SeriesBatchInput = { options: { ...repeat, mode: "traffic", traffic }, variants: [same, { ...same, variant: "B" }, { ...same, variant: "C" }], scope: "browser", fresh: "sim1" };
    const first = await batched(input, 100);
    // The same experiment three times over: each variant writes its own entry first, then reads it.
    expect(usageOf(first.runs)).toEqual(["A 1/1 read 0 wrote", "B 1/1 read 0 wrote", "C 1/1 read 0 wrote", "A 2/1 read", "B 2/1 read", "C 2/1 read", "A 3/1 read", "B 3/1 read", "C 3/1 read"].map((s, i) => {
      const r = first.runs[i]!;
      return s.endsWith("wrote") ? `${s} ${r.usage!.cacheWrite5m}` : `${s} ${r.usage!.cacheRead} wrote 0`;
    }));
    expect(first.runs[0]!.usage!.cacheWrite5m).toBeGreaterThan(1024);
    // Three scopes in the emulator, each holding its variant's own entries.
    const entries = first.emulator.entries();
    expect(new Set(entries.map((e) => e.scope)).size).toBe(3);
    expect(entries.length).toBe(3 * 2);
    // Another simulation on the same emulator starts cold again, for every variant.
    const second = await batched({ ...input, fresh: "sim2" }, 100, first.emulator);
    expect(second.runs.slice(0, 3).map((r) => r.usage!.cacheRead)).toEqual([0, 0, 0]);
  });

  it("keeps compare's variant A in the browser's own scope and B in another", async () => {
    const emulator = createEmulator({ latencyScale: 0, startTime: START });
    const one = await batched({ options: repeat, variants: [{ variant: "A", experiment: chat }], scope: "browser" }, 10, emulator);
    const compared = await batched({ options: repeat, variants: [{ variant: "A", experiment: chat }, { variant: "B", experiment: chat }], scope: "browser" }, 10, emulator);
    expect(one.runs[0]!.usage!.cacheRead).toBe(0);
    expect(compared.runs[0]!.usage!.cacheRead).toBeGreaterThan(1024);
    expect(compared.runs[1]!.usage!.cacheRead).toBe(0);
  });

  it("moves the clock to each arrival and records it, so a 5m TTL misses what a 1h TTL reads", async () => {
    // One request every ten minutes for two hours: a 5m entry is always gone, a 1h one is always there.
    const traffic: TrafficOptions = { ...DEFAULT_TRAFFIC, ratePerHour: 6, durationHours: 2, gaps: "fixed" };
    const { runs } = await batched({ options: { ...repeat, mode: "traffic", traffic }, variants: [{ variant: "A", experiment: applyWhatIf(chat, "ttl-5m") }, { variant: "B", experiment: applyWhatIf(chat, "ttl-1h") }, { variant: "C", experiment: applyWhatIf(chat, "no-cache") }], scope: "browser", fresh: "ttl" }, 4);
    expect(runs).toHaveLength(36);
    const a = runs.filter((r) => r.variant === "A");
    for (let i = 1; i < a.length; i++) {
      expect(a[i]!.traffic!.atMs - a[i - 1]!.traffic!.atMs).toBe(600_000);
      // The clock moved with the plan: ten minutes between starts, give or take the real time in between.
      expect(Math.abs(a[i]!.startedAt - a[i - 1]!.startedAt - 600_000)).toBeLessThan(1_000);
      expect(a[i]!.usage!.cacheRead).toBe(0);
    }
    expect(a[0]!.traffic).toEqual({ atMs: 0, session: 1, turn: 1, windowMs: 2 * 3_600_000 });
    const report = trafficReport(asRecords(runs, { A: "5m", B: "1h", C: "none" }), "sim")!;
    const [five, hour, none] = report.variants;
    // Two breakpoints (the system prompt and the question): the 5m variant writes both every time, for nothing.
    expect(five!.wasted).toMatchObject({ writes: 24, wasted: 24, unreadAtEnd: 0 });
    expect(hour!.wasted).toMatchObject({ writes: 2, wasted: 0 });
    expect(none!.wasted.writes).toBe(0);
    expect(hour!.hitRate).toBeGreaterThan(0.8);
    expect(report.cheapest).toBe("B");
    expect(report.extraPerDay.A!).toBeGreaterThan(0);
    expect(report.extraPerDay.C!).toBeGreaterThan(0);
    expect(report.hours).toHaveLength(2);
  });

  it("sends cache diagnostics on the Claude API: each run names the previous response, the first the one it is given", async () => {
    // https://platform.claude.com/docs/en/build-with-claude/cache-diagnostics (docs/reference/anthropic-caching.md §1.12)
    const emulator = createEmulator({ latencyScale: 0, startTime: START });
    const first = await runSeriesBatch({ options: { ...repeat, runs: 2 }, variants: [{ variant: "A", experiment: chat }], scope: "diag" }, { emulator });
    const [one, two] = first.runs;
    expect(one!.messageId).toMatch(/^msg_/);
    expect(one!.diagnosis).toBeUndefined(); // the first opts in with null: nothing to compare with
    expect(two!.diagnosis).toEqual({ previousMessageId: one!.messageId, reason: null });
    const next = await runSeriesBatch({ options: { ...repeat, runs: 1 }, variants: [{ variant: "A", experiment: chat }], scope: "diag", previousMessageIds: { A: two!.messageId! } }, { emulator });
    expect(next.runs[0]!.diagnosis?.previousMessageId).toBe(two!.messageId);
  });

  it("records a request the builder refuses as a failed run, and stops there when told to", async () => {
    const broken = { ...chat, messages: [{ role: "user" as const, content: [{ type: "cache_point" as const }] }] };
    const out = await batched({ options: { ...repeat, runs: 3, continueOnError: false }, variants: [{ variant: "A", experiment: broken }] }, 10);
    expect(out.runs).toHaveLength(1);
    expect(out.runs[0]).toMatchObject({ status: "failed", usage: null, error: { code: expect.any(String) } });
    expect(out.last.stoppedBy).toBe("error");
  });

  it("stops at once when the signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const batch = await runSeriesBatch({ options: { ...repeat, runs: 50 }, variants: [{ variant: "A", experiment: experiment({ system: [LONG_TEXT] }) }] }, { emulator: createEmulator({ latencyScale: 0 }) }, { maxMs: 60_000, maxRuns: 1000 }, controller.signal);
    expect(batch).toMatchObject({ runs: [], stoppedBy: "cancelled" });
  });
});
