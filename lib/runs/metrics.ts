// Cache metrics over a series of runs, counted as the industry counts them: token sums first, then
// ratios of the sums. The token hit rate of a series is Σ cache-read tokens / Σ input tokens, never
// the average of per-run percentages (a 100-token miss and a 10,000-token hit are not a 50% series).
// Input tokens are the three parts Anthropic's usage splits them into: cache reads, cache writes and
// uncached input (docs/reference/anthropic-caching.md §3.1).
import type { Variant } from "./series";
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
  cost: number;
  costWithoutCache: number;
  /** costWithoutCache − cost: what caching saved (negative when writes were never read back). */
  saving: number;
}

export function seriesMetrics(runs: readonly RunRecord[]): SeriesMetrics {
  const m = { runs: runs.length, failed: 0, read: 0, write5m: 0, write1h: 0, uncached: 0, output: 0, cost: 0, costWithoutCache: 0, withUsage: 0 };
  for (const run of runs) {
    if (run.status === "failed") m.failed++;
    m.cost += run.cost ?? 0;
    m.costWithoutCache += run.costWithoutCache ?? 0;
    const u = run.usage;
    if (!u) continue;
    m.withUsage++;
    m.read += u.cacheRead;
    m.write5m += u.cacheWrite5m;
    m.write1h += u.cacheWrite1h;
    m.uncached += u.uncachedInput;
    m.output += u.output;
  }
  const write = m.write5m + m.write1h;
  const input = m.read + write + m.uncached;
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
    cost: m.cost,
    costWithoutCache: m.costWithoutCache,
    saving: m.costWithoutCache - m.cost,
  };
}

/** The metrics of each variant present in the runs, A first. */
export function metricsByVariant(runs: readonly RunRecord[]): { variant: Variant; metrics: SeriesMetrics }[] {
  const out: { variant: Variant; metrics: SeriesMetrics }[] = [];
  for (const variant of ["A", "B"] as const) {
    const mine = runs.filter((r) => r.variant === variant);
    if (mine.length > 0) out.push({ variant, metrics: seriesMetrics(mine) });
  }
  return out;
}
