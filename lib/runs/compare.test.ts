// Compare (issue 9 item 1, audit M1): A = 5m on the system prompt, B = its copy with 1h, 4 runs with a
// 360 s gap on the emulator. A 5m entry is gone after 360 s (docs/reference/anthropic-caching.md §1.6),
// so A alone misses every time; with one cache for both, B's 1h read refreshes the shared entry and A
// reads it. Each variant has its own cache by default, so A's numbers are what A alone gives.
import { describe, expect, it } from "vitest";
import { createEmulator } from "@/lib/emulator/transport";
import { runExperiment } from "@/lib/providers/run-experiment";
import { type CacheSharing, type Variant, runSeries, variantCacheScope } from "./series";
import { experiment } from "./testing/factories";
import type { SentRunRecord } from "./types";

const A = experiment({ settings: { cache_instructions: "5m" } });
const B = experiment({ settings: { cache_instructions: "1h" } });
const BROWSER = "browser-scope";

/** Runs a series the way the runs panel does, with each variant's cache scope from variantCacheScope. */
async function series(variants: Variant[], sharing: CacheSharing): Promise<Record<Variant, SentRunRecord[]>> {
  const emulator = createEmulator({ latencyScale: 0 });
  const runs: Record<Variant, SentRunRecord[]> = { A: [], B: [], C: [] };
  const send = async (variant: Variant): Promise<SentRunRecord> => {
    const sent = await runExperiment(variant === "A" ? A : B, { transport: "emulated", scope: variantCacheScope(BROWSER, variant, sharing) }, { emulator });
    if (!sent.ok) throw new Error(sent.error.message);
    return sent.value;
  };
  await runSeries(
    { mode: "repeat", runs: 4, gapSeconds: 360, warmUp: false, continueOnError: false },
    variants.map((variant) => ({ variant, experiment: variant === "A" ? A : B })),
    {
      runOnce: async ({ variant }) => send(variant),
      runParallel: async () => null,
      wait: async (seconds) => void emulator.advanceClock(seconds),
      onRun: (run, variant) => void runs[variant].push(run),
    },
    new AbortController().signal,
  );
  return runs;
}

const reads = (runs: SentRunRecord[]) => runs.map((r) => r.usage!.cacheRead);

describe("compare: whose cache each variant uses", () => {
  it("by default, A's numbers equal A run alone: a 5m entry misses after every 360 s gap", async () => {
    const alone = await series(["A"], "own");
    const compared = await series(["A", "B"], "own");
    expect(reads(alone.A)).toEqual([0, 0, 0, 0]);
    expect(reads(compared.A)).toEqual(reads(alone.A));
    expect(compared.A.map((r) => r.usage!.cacheWrite5m)).toEqual(alone.A.map((r) => r.usage!.cacheWrite5m));
    // B's 1h entry survives the gaps in its own cache.
    expect(reads(compared.B).slice(1).every((n) => n > 1024)).toBe(true);
  });

  it("sharing one cache shows the interference: B's 1h read keeps the entry A then reads", async () => {
    const shared = await series(["A", "B"], "shared");
    expect(reads(shared.A)[0]).toBe(0);
    expect(reads(shared.A).slice(1).every((n) => n > 1024)).toBe(true);
  });

  it("gives B its own scope beside A's, within the 64 characters the run actions accept", () => {
    expect(variantCacheScope(BROWSER, "A", "own")).toBe(BROWSER);
    expect(variantCacheScope(BROWSER, "B", "own")).not.toBe(BROWSER);
    expect(variantCacheScope(BROWSER, "B", "shared")).toBe(BROWSER);
    expect(variantCacheScope("x".repeat(64), "B", "own")).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});
