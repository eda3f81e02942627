// Cache metrics over a series of runs, counted as the industry counts them: token sums first, then
// ratios of the sums. The token hit rate of a series is Σ cache-read tokens / Σ input tokens, never
// the average of per-run percentages (a 100-token miss and a 10,000-token hit are not a 50% series).
// Input tokens are the three parts Anthropic's usage splits them into: cache reads, cache writes and
// uncached input (docs/reference/anthropic-caching.md §3.1).
import { type GapCounts, gapCountsText, knownCost, knownUsage } from "./gaps";
import { VARIANTS, type Variant } from "./series";
import type { RunRecord } from "./types";

export interface SeriesMetrics {
  runs: number;
  failed: number;
  read: number;
  write5m: number;
  write1h: number;
  /** Cache-write tokens, 5m and 1h together. */
  write: number;
  uncached: number;
  /** Every input token: read + write + uncached. */
  input: number;
  output: number;
  /** Σ read / Σ input, 0–1; null when no run reported usage. */
  tokenHitRate: number | null;
  /** Σ read / Σ write: how many tokens were read back for each token written; null with nothing written. */
  readsPerWrite: number | null;
  /** Σ cost over the runs whose cost is known (costedRuns of them); null when none is. */
  cost: number | null;
  costWithoutCache: number | null;
  /** costWithoutCache − cost: what caching saved (negative when writes were never read back); null when no cost is known. */
  saving: number | null;
  /** The runs the cost totals cover. */
  costedRuns: number;
  /** The runs they leave out, by reason (gaps.ts): a total that leaves runs out is not complete and says so. */
  costLeftOut: GapCounts;
}

export function seriesMetrics(runs: readonly RunRecord[]): SeriesMetrics {
  const m = { runs: runs.length, failed: 0, read: 0, write5m: 0, write1h: 0, uncached: 0, output: 0, cost: 0, costWithoutCache: 0, costedRuns: 0, withUsage: 0 };
  const costLeftOut: GapCounts = {};
  for (const run of runs) {
    if (run.status === "failed") m.failed++;
    const cost = knownCost(run);
    if (cost.gap === null) {
      m.costedRuns++;
      m.cost += cost.value.cost;
      m.costWithoutCache += cost.value.costWithoutCache;
    } else costLeftOut[cost.gap] = (costLeftOut[cost.gap] ?? 0) + 1;
    const usage = knownUsage(run);
    if (usage.gap !== null) continue;
    const u = usage.value;
    m.withUsage++;
    m.read += u.cacheRead;
    m.write5m += u.cacheWrite5m;
    m.write1h += u.cacheWrite1h;
    m.uncached += u.uncachedInput;
    m.output += u.output;
  }
  const write = m.write5m + m.write1h;
  const input = m.read + write + m.uncached;
  const costed = m.costedRuns > 0;
  return {
    runs: m.runs,
    failed: m.failed,
    read: m.read,
    write5m: m.write5m,
    write1h: m.write1h,
    write,
    uncached: m.uncached,
    input,
    output: m.output,
    tokenHitRate: m.withUsage === 0 ? null : input === 0 ? 0 : m.read / input,
    readsPerWrite: write === 0 ? null : m.read / write,
    cost: costed ? m.cost : null,
    costWithoutCache: costed ? m.costWithoutCache : null,
    saving: costed ? m.costWithoutCache - m.cost : null,
    costedRuns: m.costedRuns,
    costLeftOut,
  };
}

/** "over 3 of 5 runs (1 failed, 1 no price)" when the cost totals leave runs out, null when they cover every run. */
export function costCoverageText(m: SeriesMetrics): string | null {
  if (m.costedRuns === m.runs) return null;
  return `over ${m.costedRuns} of ${m.runs} runs (${gapCountsText(m.costLeftOut)})`;
}

/** The metrics of each variant present in the runs, A first. */
export function metricsByVariant(runs: readonly RunRecord[]): { variant: Variant; metrics: SeriesMetrics }[] {
  const out: { variant: Variant; metrics: SeriesMetrics }[] = [];
  for (const variant of VARIANTS) {
    const mine = runs.filter((r) => r.variant === variant);
    if (mine.length > 0) out.push({ variant, metrics: seriesMetrics(mine) });
  }
  return out;
}
