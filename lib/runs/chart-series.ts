// Chart rows derived from the run history (docs/style.md habit 3). Every chart separates the variants
// of a comparison (issue 9 item 2): each variant is its own series, and a run is labelled by its variant
// and its place among that variant's runs (A1, B1, A2…), so the i-th run of A sits beside the i-th run
// of B. A history with one variant labels runs by their number (#12). The charts draw at most the last
// `limit` places; the totals (metrics.ts) cover every run.
//
// Every chart has the same places for the same runs, and a value a run does not have (it failed, reported
// no usage, has no price, no latency) is a gap with its reason (gaps.ts), never a zero: the cell is
// `{ tag, gap: "failed" }`, which draws nothing, and slotNote / gapSummary say why.
import { type Gap, type Known, knownCost, knownLatency, knownUsage, mapKnown } from "./gaps";
import { type CacheSharing, VARIANTS, type Variant } from "./series";
import type { RunRecord, RunUsage } from "./types";
import { hitRate } from "./types";

const CHART_WINDOW = 200;

interface Tagged {
  /** "A3", "B3", or "#12" for a history of one variant. */
  tag: string;
}

/** One run's values on a chart, or its gap: no values, and why. */
export type Cell<T> = Tagged & (({ gap: null } & T) | ({ gap: Gap } & Partial<Record<keyof T, undefined>>));

/** One place on the x axis: the cell of each variant's run there. */
export interface ChartRow<C> {
  /** The x-axis label: "A3 · B3" (the third run of each variant) when comparing, else "#12". */
  slot: string;
  A?: C;
  B?: C;
  C?: C;
}

export interface ChartData<C> {
  /** The variants the history holds, A first. */
  variants: Variant[];
  rows: ChartRow<C>[];
}

export type UsageValues = Cell<{ read: number; write5m: number; write1h: number; uncached: number; output: number }>;

/** Percent of the run's input tokens read from the cache. */
export type HitRateValues = Cell<{ hitRate: number }>;

export type CostValues = Cell<{ cost: number; costWithoutCache: number }> & {
  /** What caching saved over this variant's runs so far whose cost is known (every run, not just the window); null before the first. */
  cumulativeSaving: number | null;
  /** This variant's runs so far whose cost is unknown, left out of the cumulative saving. */
  leftOut: number;
};

export type LatencyValues = Cell<{ ttftMs: number; totalMs: number }>;

export type MeasureValues = Cell<{ value: number }>;

function cellOf<V, T>(tag: string, known: Known<V>, values: (value: V) => T): Cell<T> {
  return known.gap === null ? { tag, gap: null, ...values(known.value) } : { tag, gap: known.gap };
}

/**
 * Lays the runs out on the x axis: with several variants the k-th run of each shares place k; with one,
 * each run has its own place. Every run gets its place, gap or not. Only the last `limit` places are
 * kept, and only their runs are turned into cells: a history of 100,000 runs builds 200 places, not
 * 100,000 (issue 12: a long history opens without a long task). `tally` sees every run in order, before
 * its cell, so a running total (the cumulative saving) still covers them all.
 */
function chart<C extends Tagged & { gap: Gap | null }>(
  runs: readonly RunRecord[],
  limit: number,
  cell: (run: RunRecord, tag: string) => C,
  tally?: (run: RunRecord) => void,
): ChartData<C> {
  const total: Record<Variant, number> = { A: 0, B: 0, C: 0 };
  for (const run of runs) total[run.variant]++;
  const variants = VARIANTS.filter((v) => total[v] > 0);
  const comparing = variants.length > 1;
  const places = comparing ? Math.max(...variants.map((v) => total[v])) : runs.length;
  const first = Math.max(0, places - limit);
  const rows: ChartRow<C>[] = [];
  const count: Record<Variant, number> = { A: 0, B: 0, C: 0 };
  let place = -1;
  for (const run of runs) {
    const k = ++count[run.variant];
    place = comparing ? k - 1 : place + 1;
    tally?.(run);
    if (place < first) continue;
    const tag = comparing ? `${run.variant}${k}` : `#${run.number}`;
    const c = cell(run, tag);
    if (!comparing) {
      rows.push({ slot: tag, [run.variant]: c });
      continue;
    }
    while (rows.length <= place - first) rows.push({ slot: "" });
    const row = rows[place - first]!;
    row[run.variant] = c;
    row.slot = row.slot ? `${row.slot} · ${tag}` : tag;
  }
  return { variants, rows };
}

export function usageRows(runs: readonly RunRecord[], limit = CHART_WINDOW): ChartData<UsageValues> {
  return chart(runs, limit, (run, tag) =>
    cellOf(tag, knownUsage(run), (u) => ({ read: u.cacheRead, write5m: u.cacheWrite5m, write1h: u.cacheWrite1h, uncached: u.uncachedInput, output: u.output })),
  );
}

/** A run's hit rate in percent with one decimal, as the hit-rate chart draws it. */
const percentRead = (usage: RunUsage) => Math.round(hitRate(usage) * 1000) / 10;

export function hitRateRows(runs: readonly RunRecord[], limit = CHART_WINDOW): ChartData<HitRateValues> {
  return chart(runs, limit, (run, tag) => cellOf(tag, knownUsage(run), (u) => ({ hitRate: percentRead(u) })));
}

export function costRows(runs: readonly RunRecord[], limit = CHART_WINDOW): ChartData<CostValues> {
  const saving: Record<Variant, number | null> = { A: null, B: null, C: null };
  const leftOut: Record<Variant, number> = { A: 0, B: 0, C: 0 };
  return chart(
    runs,
    limit,
    (run, tag) => ({ ...cellOf(tag, knownCost(run), (c) => c), cumulativeSaving: saving[run.variant], leftOut: leftOut[run.variant] }),
    (run) => {
      const known = knownCost(run);
      if (known.gap === null) saving[run.variant] = (saving[run.variant] ?? 0) + known.value.costWithoutCache - known.value.cost;
      else leftOut[run.variant]++;
    },
  );
}

export function latencyRows(runs: readonly RunRecord[], limit = CHART_WINDOW): ChartData<LatencyValues> {
  return chart(runs, limit, (run, tag) => cellOf(tag, knownLatency(run), (l) => ({ ttftMs: l.ttftMs, totalMs: l.totalMs })));
}

/** The measures the comparison chart can compare by, each with the same gaps as its own chart. */
const MEASURES = {
  read: (run: RunRecord) => mapKnown(knownUsage(run), (u) => u.cacheRead),
  hitRate: (run: RunRecord) => mapKnown(knownUsage(run), percentRead),
  cost: (run: RunRecord) => mapKnown(knownCost(run), (c) => c.cost),
  ttft: (run: RunRecord) => mapKnown(knownLatency(run), (l) => l.ttftMs),
} as const satisfies Record<string, (run: RunRecord) => Known<number>>;

export type CompareMeasure = keyof typeof MEASURES;

/** One measure of each run, per variant (the comparison chart's "compare by"). */
export function measureRows(runs: readonly RunRecord[], measure: CompareMeasure, limit = CHART_WINDOW): ChartData<MeasureValues> {
  return chart(runs, limit, (run, tag) => cellOf(tag, MEASURES[measure](run), (value) => ({ value })));
}

type AnyCell = Tagged & { gap: Gap | null };

const cellsOf = <C extends AnyCell>(row: ChartRow<C>): C[] => VARIANTS.flatMap((v) => (row[v] ? [row[v]] : []));

/** A place's label with its gaps, for the tooltip: "#4: no price", "A2 · B2: B2 failed", or just "#4". */
export function slotNote<C extends AnyCell>(row: ChartRow<C>): string {
  const gaps = cellsOf(row).filter((c) => c.gap !== null);
  if (gaps.length === 0) return row.slot;
  if (gaps.length === 1 && gaps[0]!.tag === row.slot) return `${row.slot}: ${gaps[0]!.gap}`;
  return `${row.slot}: ${gaps.map((c) => `${c.tag} ${c.gap}`).join(", ")}`;
}

const LISTED = 5;

/** The chart's gaps in one line, for its legend: "No value for #2, #3 (failed), #5 (no price).", or null when it has none. */
export function gapSummary<C extends AnyCell>(data: ChartData<C>): string | null {
  const byGap = new Map<Gap, string[]>();
  for (const row of data.rows) for (const c of cellsOf(row)) if (c.gap !== null) byGap.set(c.gap, [...(byGap.get(c.gap) ?? []), c.tag]);
  if (byGap.size === 0) return null;
  const groups = [...byGap].map(([gap, tags]) => {
    const listed = tags.slice(0, LISTED).join(", ");
    return `${tags.length > LISTED ? `${listed} and ${tags.length - LISTED} more` : listed} (${gap})`;
  });
  return `No value for ${groups.join(", ")}.`;
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
