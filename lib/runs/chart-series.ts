// Chart rows derived from the run history (docs/style.md habit 3, "derive, don't store"). The charts draw at
// most the last `limit` runs so a history of 10,000 stays cheap; the totals below cover every run.
import type { RunRecord } from "./types";
import type { Variant } from "./series";
import { hitRate } from "./types";

export const CHART_WINDOW = 200;

export interface UsageRow {
  run: number;
  label: string;
  read: number;
  write5m: number;
  write1h: number;
  uncached: number;
  output: number;
  failed: boolean;
}

export interface HitRateRow {
  run: number;
  label: string;
  /** Percent of input tokens read from the cache. */
  hitRate: number;
}

export interface CostRow {
  run: number;
  label: string;
  cost: number;
  costWithoutCache: number;
  /** Saving so far over every run up to this one (not just the window). */
  cumulativeSaving: number;
}

export interface LatencyRow {
  run: number;
  label: string;
  ttftMs: number;
  totalMs: number;
}

export interface CompareRow {
  /** Position within each variant's runs, 1-based. */
  index: number;
  A?: number;
  B?: number;
}

const label = (run: RunRecord) => `#${run.number}`;

function windowOf(runs: readonly RunRecord[], limit: number): readonly RunRecord[] {
  return runs.length > limit ? runs.slice(runs.length - limit) : runs;
}

export function usageRows(runs: readonly RunRecord[], limit = CHART_WINDOW): UsageRow[] {
  return windowOf(runs, limit).map((run) => ({
    run: run.number,
    label: label(run),
    read: run.usage?.cacheRead ?? 0,
    write5m: run.usage?.cacheWrite5m ?? 0,
    write1h: run.usage?.cacheWrite1h ?? 0,
    uncached: run.usage?.uncachedInput ?? 0,
    output: run.usage?.output ?? 0,
    failed: run.status === "failed",
  }));
}

export function hitRateRows(runs: readonly RunRecord[], limit = CHART_WINDOW): HitRateRow[] {
  return windowOf(runs, limit).map((run) => ({
    run: run.number,
    label: label(run),
    hitRate: run.usage ? Math.round(hitRate(run.usage) * 1000) / 10 : 0,
  }));
}

export function costRows(runs: readonly RunRecord[], limit = CHART_WINDOW): CostRow[] {
  let saving = 0;
  const all = runs.map((run) => {
    const cost = run.cost ?? 0;
    const without = run.costWithoutCache ?? 0;
    saving += without - cost;
    return { run: run.number, label: label(run), cost, costWithoutCache: without, cumulativeSaving: saving };
  });
  return all.length > limit ? all.slice(all.length - limit) : all;
}

export function latencyRows(runs: readonly RunRecord[], limit = CHART_WINDOW): LatencyRow[] {
  return windowOf(runs, limit)
    .filter((run) => run.latency)
    .map((run) => ({ run: run.number, label: label(run), ttftMs: run.latency!.ttftMs, totalMs: run.latency!.totalMs }));
}

/** Two variants side by side: the i-th run of A against the i-th run of B, by a chosen measure. */
export function compareRows(
  runs: readonly RunRecord[],
  measure: (run: RunRecord) => number,
  limit = CHART_WINDOW,
): CompareRow[] {
  const byVariant: Record<Variant, RunRecord[]> = { A: [], B: [] };
  for (const run of runs) byVariant[run.variant].push(run);
  const a = windowOf(byVariant.A, limit);
  const b = windowOf(byVariant.B, limit);
  const n = Math.max(a.length, b.length);
  const rows: CompareRow[] = [];
  for (let i = 0; i < n; i++) {
    const row: CompareRow = { index: i + 1 };
    if (a[i]) row.A = measure(a[i]!);
    if (b[i]) row.B = measure(b[i]!);
    rows.push(row);
  }
  return rows;
}

export interface HistoryTotals {
  runs: number;
  failed: number;
  cost: number;
  costWithoutCache: number;
  saving: number;
  cacheRead: number;
  inputTokens: number;
}

export function historyTotals(runs: readonly RunRecord[]): HistoryTotals {
  const t: HistoryTotals = { runs: runs.length, failed: 0, cost: 0, costWithoutCache: 0, saving: 0, cacheRead: 0, inputTokens: 0 };
  for (const run of runs) {
    if (run.status === "failed") t.failed++;
    t.cost += run.cost ?? 0;
    t.costWithoutCache += run.costWithoutCache ?? 0;
    if (run.usage) {
      t.cacheRead += run.usage.cacheRead;
      t.inputTokens += run.usage.cacheRead + run.usage.cacheWrite5m + run.usage.cacheWrite1h + run.usage.uncachedInput;
    }
  }
  t.saving = t.costWithoutCache - t.cost;
  return t;
}
