// The one rule for a value a run does not have, shared by every chart (chart-series.ts), its data table
// and the series totals (metrics.ts): the run keeps its place, and the value is a gap with a reason,
// never a zero. A failed request's answer is an error object with no `usage`
// (docs/reference/anthropic-caching.md §5.5), so a failed run has no tokens, cost or latency; a run of a
// model without a price has tokens but no cost; a run whose latency was not measured has none.
import type { RunLatency, RunRecord, RunUsage } from "./types";

/** Why a run has no value for a measure, in the words the charts, their tables and the totals show. */
export type Gap = "failed" | "no usage" | "no price" | "no latency";

/** A run's value for a measure, or why it has none. */
export type Known<V> = { gap: Gap; value?: undefined } | { gap: null; value: V };

/**
 * What the rule reads of a run: a RunRecord, or a run of a comparison across vendors (lib/vendors/compare.ts),
 * whose usage is in its own terms.
 */
export interface GapRun<U> {
  status: RunRecord["status"];
  usage: U | null;
  cost: number | null;
  costWithoutCache: number | null;
}

export function knownUsage<U = RunUsage>(run: Pick<GapRun<U>, "status" | "usage">): Known<U> {
  if (run.status === "failed") return { gap: "failed" };
  return run.usage ? { gap: null, value: run.usage } : { gap: "no usage" };
}

/** The run's cost and the cost of its tokens with no cache: both need its usage and its model's price. */
export function knownCost(run: GapRun<unknown>): Known<{ cost: number; costWithoutCache: number }> {
  const usage = knownUsage(run);
  if (usage.gap !== null) return { gap: usage.gap };
  return run.cost === null || run.costWithoutCache === null ? { gap: "no price" } : { gap: null, value: { cost: run.cost, costWithoutCache: run.costWithoutCache } };
}

export function knownLatency(run: RunRecord): Known<RunLatency> {
  if (run.status === "failed") return { gap: "failed" };
  return run.latency ? { gap: null, value: run.latency } : { gap: "no latency" };
}

/** The value of a known measure, carried through `f`; a gap stays the same gap. */
export function mapKnown<V, W>(known: Known<V>, f: (value: V) => W): Known<W> {
  return known.gap === null ? { gap: null, value: f(known.value) } : { gap: known.gap };
}

/** Runs left out of a total, by reason: `{ failed: 2, "no price": 1 }`. */
export type GapCounts = Partial<Record<Gap, number>>;

/** "1 failed, 2 no price": why a total leaves runs out, in the order the reasons were counted. */
export function gapCountsText(counts: GapCounts): string {
  return Object.entries(counts)
    .map(([gap, n]) => `${n} ${gap}`)
    .join(", ");
}
