// Chart rows derived from the run history (docs/style.md habit 3). Every chart separates the variants
// of a comparison (issue 9 item 2): each variant is its own series, and a run is labelled by its variant
// and its place among that variant's runs (A1, B1, A2…), so the i-th run of A sits beside the i-th run
// of B. A history with one variant labels runs by their number (#12). The charts draw at most the last
// `limit` places; the totals (metrics.ts) cover every run.
import { type CacheSharing, VARIANTS, type Variant } from "./series";
import type { RunRecord } from "./types";
import { hitRate } from "./types";

const CHART_WINDOW = 200;

/** One place on the x axis: the values of each variant's run there. */
export interface ChartRow<T> {
  /** The x-axis label: "A3 · B3" (the third run of each variant) when comparing, else "#12". */
  slot: string;
  A?: T;
  B?: T;
  C?: T;
}

export interface ChartData<T> {
  /** The variants the history holds, A first. */
  variants: Variant[];
  rows: ChartRow<T>[];
}

interface Tagged {
  /** "A3", "B3", or "#12" for a history of one variant. */
  tag: string;
}

export interface UsageValues extends Tagged {
  read: number;
  write5m: number;
  write1h: number;
  uncached: number;
  output: number;
  failed: boolean;
}

export interface HitRateValues extends Tagged {
  /** Percent of this run's input tokens read from the cache. */
  hitRate: number;
}

export interface CostValues extends Tagged {
  cost: number;
  costWithoutCache: number;
  /** What caching saved over this variant's runs so far (every run, not just the window). */
  cumulativeSaving: number;
}

export interface LatencyValues extends Tagged {
  ttftMs: number;
  totalMs: number;
}

function variantsOf(runs: readonly RunRecord[]): Variant[] {
  const present = new Set(runs.map((r) => r.variant));
  return VARIANTS.filter((v) => present.has(v));
}

/**
 * Lays the runs out on the x axis: with several variants the k-th run of each shares place k; with one,
 * each run has its own place. `value` sees every run in order (so running totals cover them all);
 * only the last `limit` places are kept.
 */
function chart<T extends Tagged>(runs: readonly RunRecord[], limit: number, value: (run: RunRecord, tag: string) => T | undefined): ChartData<T> {
  const variants = variantsOf(runs);
  const comparing = variants.length > 1;
  const rows: ChartRow<T>[] = [];
  const count: Record<Variant, number> = { A: 0, B: 0, C: 0 };
  for (const run of runs) {
    const k = ++count[run.variant];
    const tag = comparing ? `${run.variant}${k}` : `#${run.number}`;
    const v = value(run, tag);
    if (!comparing) {
      if (v) rows.push({ slot: tag, [run.variant]: v });
      continue;
    }
    while (rows.length < k) rows.push({ slot: "" });
    if (v) rows[k - 1]![run.variant] = v;
    rows[k - 1]!.slot = rows[k - 1]!.slot ? `${rows[k - 1]!.slot} · ${tag}` : tag;
  }
  return { variants, rows: rows.length > limit ? rows.slice(rows.length - limit) : rows };
}

export function usageRows(runs: readonly RunRecord[], limit = CHART_WINDOW): ChartData<UsageValues> {
  return chart(runs, limit, (run, tag) => ({
    tag,
    read: run.usage?.cacheRead ?? 0,
    write5m: run.usage?.cacheWrite5m ?? 0,
    write1h: run.usage?.cacheWrite1h ?? 0,
    uncached: run.usage?.uncachedInput ?? 0,
    output: run.usage?.output ?? 0,
    failed: run.status === "failed",
  }));
}

export function hitRateRows(runs: readonly RunRecord[], limit = CHART_WINDOW): ChartData<HitRateValues> {
  return chart(runs, limit, (run, tag) => (run.usage ? { tag, hitRate: Math.round(hitRate(run.usage) * 1000) / 10 } : undefined));
}

export function costRows(runs: readonly RunRecord[], limit = CHART_WINDOW): ChartData<CostValues> {
  const saving: Record<Variant, number> = { A: 0, B: 0, C: 0 };
  return chart(runs, limit, (run, tag) => {
    const cost = run.cost ?? 0;
    const costWithoutCache = run.costWithoutCache ?? 0;
    saving[run.variant] += costWithoutCache - cost;
    return { tag, cost, costWithoutCache, cumulativeSaving: saving[run.variant] };
  });
}

export function latencyRows(runs: readonly RunRecord[], limit = CHART_WINDOW): ChartData<LatencyValues> {
  return chart(runs, limit, (run, tag) => (run.latency ? { tag, ttftMs: run.latency.ttftMs, totalMs: run.latency.totalMs } : undefined));
}

/** One measure of each run, per variant (the comparison chart's "compare by"). */
export function measureRows(runs: readonly RunRecord[], measure: (run: RunRecord) => number, limit = CHART_WINDOW): ChartData<Tagged & { value: number }> {
  return chart(runs, limit, (run, tag) => ({ tag, value: measure(run) }));
}

/**
 * How the compared runs used the emulator's cache: "own" (each variant its own scope), "shared" (the
 * option that studies interference), or null when no run says (one variant, or runs recorded before).
 */
export function cacheSharingOf(runs: readonly RunRecord[]): CacheSharing | null {
  let sharing: CacheSharing | null = null;
  for (const run of runs) if (run.cacheSharing) sharing = run.cacheSharing === "shared" || sharing === "shared" ? "shared" : "own";
  return sharing;
}
