"use client";
// The run charts (docs/design.md §7): per-run stacked tokens, hit rate, cost against no caching with the
// cumulative saving, latency, and the two-variant comparison. Every chart separates the variants of a
// comparison (issue 9 item 2): each variant has its own series, legend entries and colours, and runs
// are labelled A1, B1…; the series metrics (token hit rate, reads per write, the read / write /
// uncached split) are given per variant (issue 9 item 6). Rows come from lib/runs/chart-series, the
// metrics from lib/runs/metrics. Each chart has an HTML legend above the plot (a tooltip, kept inside
// the plot, never covers it) and a data table a person can open.
import { useMemo, useState, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, ComposedChart, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { type ChartData, type ChartRow, type CompareMeasure, type UsageValues, costRows, gapSummary, hitRateRows, latencyRows, measureRows, cacheSharingOf, slotNote, usageRows } from "@/lib/runs/chart-series";
import type { Gap } from "@/lib/runs/gaps";
import { type SeriesMetrics, metricsByVariant } from "@/lib/runs/metrics";
import type { Variant } from "@/lib/runs/series";
import type { RunRecord } from "@/lib/runs/types";
import { formatMs, formatPercent, formatRatio, formatTokens, formatUsd, formatUsdTick } from "@/lib/display/format";
import { cn } from "@/components/ui/cn";
import { DataTable } from "@/components/ui/data-table";
import { controlClass } from "@/components/ui/field";

export interface SeriesSpec {
  key: string;
  label: string;
  color: string;
  /** Drawn as a line: its legend swatch is a stroke (dashed when the line is), not a filled box. */
  line?: boolean;
  dashed?: boolean;
  /** B's bars: the same colours, lighter and outlined in B's colour. */
  faded?: boolean;
}

const USAGE_SEGMENTS = [
  { key: "read", label: "Cache read", color: "var(--chart-read)" },
  { key: "write5m", label: "Cache write (5m)", color: "var(--chart-write5m)" },
  { key: "write1h", label: "Cache write (1h)", color: "var(--chart-write1h)" },
  { key: "uncached", label: "Uncached input", color: "var(--chart-uncached)" },
  { key: "output", label: "Output", color: "var(--chart-output)" },
] as const;

const VARIANT_COLOR: Record<Variant, string> = { A: "var(--chart-a)", B: "var(--chart-b)", C: "var(--chart-c)" };

export const AXIS_TICK = { fontSize: 11 };
export const MARGIN = { top: 8, right: 12, bottom: 0, left: 4 };
export const TOOLTIP_PROPS = {
  allowEscapeViewBox: { x: false, y: false },
  isAnimationActive: false,
  wrapperStyle: { outline: "none", zIndex: 5 },
  contentStyle: { background: "var(--surface-raised)", border: "1px solid var(--line)", borderRadius: 6, color: "var(--fg)", fontSize: 12 },
  labelStyle: { color: "var(--fg)", fontWeight: 600 },
  cursor: { fill: "var(--surface-muted)", stroke: "var(--line-strong)" },
} as const;

/** The variants of a chart with their names: "A: Anthropic · Claude Sonnet 4.6 · Handbook Q&A". */
export type VariantLabels = Partial<Record<Variant, string>>;

/** A series' name: bare with one variant, "A: …" / "B: …" when comparing. */
const named = (variants: readonly Variant[], v: Variant, label: string) => (variants.length > 1 ? `${v}: ${label}` : label);

function Legend({ series }: { series: readonly SeriesSpec[] }) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-fg" aria-label="Legend">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5" data-series={s.key} data-swatch={s.line ? "line" : "box"}>
          <span
            aria-hidden
            className={cn("inline-block h-2.5 w-3.5 rounded-sm", s.line && "h-0.5 rounded-none border-t-2 bg-transparent!", s.line && (s.dashed ? "border-dashed" : "border-solid"), s.faded && "border opacity-60")}
            style={s.line ? { borderColor: s.color } : { background: s.color, ...(s.faded ? { borderColor: VARIANT_COLOR.B } : {}) }}
          />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

export interface Column<R> {
  label: string;
  value: (row: R) => number | string | undefined;
  format: (v: number) => string;
}

/** The chart's numbers as the kit's data table: a Run (or Hour) column, then one column per series. */
export function ChartDataTable<R extends { slot: string }>({ title, columns, rows, first = "Run" }: { title: string; columns: readonly Column<R>[]; rows: readonly R[]; first?: string }) {
  return (
    <DataTable
      title={title}
      columns={[{ label: first, align: "left" }, ...columns.map((c) => ({ label: c.label }))]}
      rows={() =>
        rows.map((row) => ({
          key: row.slot,
          cells: [
            row.slot,
            ...columns.map((c) => {
              const v = c.value(row);
              return typeof v === "number" ? c.format(v) : (v ?? "—");
            }),
          ],
        }))
      }
    />
  );
}

type AnyCell = { tag: string; gap: Gap | null };

/** Columns for every variant of a chart: "A: Cache read", "B: Cache read"…; a run's gap reads as its reason ("failed", "no price"). */
function variantColumns<C extends AnyCell>(data: ChartData<C>, fields: readonly { key: keyof C & string; label: string }[], format: (v: number) => string): Column<ChartRow<C>>[] {
  const { variants } = data;
  return variants.flatMap((v) => fields.map((f) => ({ label: named(variants, v, f.label), value: (row: ChartRow<C>) => (row[v]?.gap ?? row[v]?.[f.key]) as number | string | undefined, format })));
}

/**
 * A runs chart's tooltip: its title is the place with, where a run there has no value, why ("#4: no
 * price", from slotNote), and a gap reads "no value", never a number. Gaps are kept in the tooltip
 * (filterNull off), so a place where no run has a value still says why instead of showing nothing.
 */
function slotTooltip<C extends AnyCell>(data: ChartData<C>, format: (v: number) => string) {
  const notes = new Map(data.rows.map((row) => [row.slot, slotNote(row)]));
  return {
    ...TOOLTIP_PROPS,
    filterNull: false,
    labelFormatter: (label: unknown) => notes.get(String(label)) ?? String(label),
    formatter: (v: unknown) => (v === null || v === undefined ? "no value" : format(Number(v))),
  };
}

export function ChartFigure({
  id,
  title,
  unit,
  description,
  series,
  children,
  data,
  controls,
  gaps,
  className,
}: {
  id: string;
  title: string;
  unit: string;
  description?: ReactNode;
  series: readonly SeriesSpec[];
  children: ReactNode;
  data?: ReactNode;
  controls?: ReactNode;
  /** Which runs have no value on this chart and why (chart-series gapSummary), beside the legend. */
  gaps?: string | null;
  className?: string;
}) {
  return (
    <figure aria-label={title} className={cn("flex min-w-0 flex-col gap-2 rounded-lg border border-line bg-surface p-3", className)} data-chart={id}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <figcaption className="text-sm font-medium">
          {title} <span className="font-normal text-fg-muted">({unit})</span>
          {description ? <span className="block text-xs font-normal text-fg-muted">{description}</span> : null}
        </figcaption>
        {controls}
      </div>
      <Legend series={series} />
      {gaps ? (
        <p className="text-xs text-fg-muted" data-testid="chart-gaps">
          {gaps}
        </p>
      ) : null}
      <div className="h-48 w-full">{children}</div>
      {data}
    </figure>
  );
}

/** "A: 62.5% read, 30.1% written, 7.4% uncached of 45,000 input tokens · B: …" */
function splitLine(metrics: readonly { variant: Variant; metrics: SeriesMetrics }[]): string {
  const many = metrics.length > 1;
  return metrics
    .map(({ variant, metrics: m }) => {
      const share = (n: number) => formatPercent(m.input === 0 ? null : n / m.input);
      return `${many ? `${variant}: ` : ""}${share(m.read)} read, ${share(m.write)} written, ${share(m.uncached)} uncached of ${formatTokens(m.input)} input tokens`;
    })
    .join(" · ");
}

/** "Token hit rate over the series (Σ cache reads ÷ Σ input tokens): A 62.5%, 3.2 reads per write · B …" */
function hitRateLine(metrics: readonly { variant: Variant; metrics: SeriesMetrics }[]): string {
  const many = metrics.length > 1;
  const parts = metrics.map(({ variant, metrics: m }) => `${many ? `${variant} ` : ""}${formatPercent(m.tokenHitRate)}, ${formatRatio(m.readsPerWrite)} reads per write`);
  return `Token hit rate over the series (Σ cache reads ÷ Σ input tokens): ${parts.join(" · ")}.`;
}

export function CacheUsageChart({ runs, labels, className }: { runs: readonly RunRecord[]; labels: VariantLabels; className?: string }) {
  const data = useMemo(() => usageRows(runs), [runs]);
  const metrics = useMemo(() => metricsByVariant(runs), [runs]);
  const comparing = data.variants.length > 1;
  const series: SeriesSpec[] = [
    ...USAGE_SEGMENTS.map((s) => ({ key: s.key, label: s.label, color: s.color })),
    // A variant's entry stands for its bars of every colour (A solid, B lighter): a neutral swatch, not a segment's colour.
    ...(comparing ? data.variants.map((v) => ({ key: `variant-${v}`, label: `${v}: ${labels[v] ?? v}${v === "B" ? " (lighter bars)" : ""}`, color: "var(--fg-muted)", faded: v === "B" })) : []),
  ];
  return (
    <ChartFigure
      id="cache-usage"
      title="Cache usage per run"
      unit="tokens"
      series={series}
      className={className}
      description={metrics.length > 0 ? splitLine(metrics) : undefined}
      gaps={gapSummary(data)}
      data={
        <>
          <ol className="sr-only" data-testid="cache-usage-summary">
            {data.rows.flatMap((row) =>
              data.variants.flatMap((v) => {
                const r = row[v];
                if (!r) return [];
                return [
                  r.gap !== null ? (
                    <li key={r.tag} data-run={r.tag} data-variant={v} data-gap={r.gap}>
                      {r.tag}: {r.gap}
                    </li>
                  ) : (
                    <li key={r.tag} data-run={r.tag} data-variant={v} data-read={r.read} data-write={r.write5m + r.write1h}>
                      {r.tag}: read {formatTokens(r.read)}, wrote {formatTokens(r.write5m + r.write1h)}, uncached {formatTokens(r.uncached)}, output {formatTokens(r.output)}
                    </li>
                  ),
                ];
              }),
            )}
          </ol>
          <ChartDataTable title="Cache usage per run (tokens)" columns={variantColumns(data, USAGE_SEGMENTS, formatTokens)} rows={data.rows} />
        </>
      }
    >
      {data.rows.length === 0 ? (
        <p className="flex h-full items-center justify-center rounded-md border border-dashed border-line text-sm text-fg-muted">No runs yet: each run adds a bar of read, written and uncached tokens.</p>
      ) : (
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
          <BarChart data={data.rows} accessibilityLayer={false} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="slot" tick={AXIS_TICK} />
            <YAxis tick={AXIS_TICK} tickFormatter={formatTokens} width={56} />
            <Tooltip {...slotTooltip(data, formatTokens)} />
            {data.variants.flatMap((v) =>
              USAGE_SEGMENTS.map((s) => (
                <Bar
                  key={`${v}-${s.key}`}
                  dataKey={(row: ChartRow<UsageValues>) => row[v]?.[s.key]}
                  name={named(data.variants, v, s.label)}
                  stackId={v}
                  fill={s.color}
                  fillOpacity={v === "B" ? 0.55 : 1}
                  stroke={v === "B" ? VARIANT_COLOR.B : undefined}
                  isAnimationActive={false}
                  className={`bar-${s.key} variant-${v}`}
                />
              )),
            )}
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartFigure>
  );
}

function lineSeries(variants: readonly Variant[], label: string, single: string): SeriesSpec[] {
  return variants.map((v) => ({ key: v, label: named(variants, v, label), color: variants.length > 1 ? VARIANT_COLOR[v] : single, line: true, dashed: v === "B" }));
}

export function HitRateChart({ runs }: { runs: readonly RunRecord[] }) {
  const data = useMemo(() => hitRateRows(runs), [runs]);
  const metrics = useMemo(() => metricsByVariant(runs), [runs]);
  const format = (v: number) => `${v}%`;
  const series = lineSeries(data.variants, "Hit rate", "var(--chart-read)");
  return (
    <ChartFigure
      id="hit-rate"
      title="Hit rate per run"
      unit="% of input tokens"
      description={`A run's hit rate is the share of its input tokens read from the cache. ${hitRateLine(metrics)}`}
      series={series}
      gaps={gapSummary(data)}
      data={<ChartDataTable title="Hit rate per run (%)" columns={variantColumns(data, [{ key: "hitRate", label: "Hit rate" }], format)} rows={data.rows} />}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <LineChart data={data.rows} accessibilityLayer={false} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="slot" tick={AXIS_TICK} />
          <YAxis domain={[0, 100]} tickFormatter={format} tick={AXIS_TICK} width={44} />
          <Tooltip {...slotTooltip(data, format)} />
          {/* No connectNulls: a run without a hit rate is a break in the line, not a point bridged over. */}
          {series.map((s, i) => (
            <Line key={s.key} dataKey={(row: (typeof data.rows)[number]) => row[data.variants[i]!]?.hitRate} name={s.label} stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? "5 3" : undefined} dot isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

type CostData = ReturnType<typeof costRows>;

/** The cost table's columns; the cumulative saving says how many runs with an unknown cost it leaves out. */
function costColumns(data: CostData): Column<CostData["rows"][number]>[] {
  const saving = (v: Variant) => (row: CostData["rows"][number]) => {
    const c = row[v];
    if (!c || c.cumulativeSaving === null) return c ? "no known cost yet" : undefined;
    return c.leftOut > 0 ? `${formatUsd(c.cumulativeSaving)} (${c.leftOut} ${c.leftOut === 1 ? "run" : "runs"} left out)` : c.cumulativeSaving;
  };
  return data.variants.flatMap((v) => [
    ...variantColumns({ ...data, variants: [v] }, [{ key: "cost", label: "With caching" }, { key: "costWithoutCache", label: "Without caching" }], (n) => formatUsd(n)).map((c) => ({ ...c, label: named(data.variants, v, c.label) })),
    { label: named(data.variants, v, "Cumulative saving"), value: saving(v), format: (n: number) => formatUsd(n) },
  ]);
}

/** The cost chart's gaps, and that the cumulative saving covers only the runs whose cost is known. */
function savingGaps(data: CostData): string | null {
  const gaps = gapSummary(data);
  return gaps ? `${gaps} The cumulative saving adds up only the runs whose cost is known.` : null;
}

export function CostChart({ runs }: { runs: readonly RunRecord[] }) {
  const data = useMemo(() => costRows(runs), [runs]);
  const comparing = data.variants.length > 1;
  const bars = data.variants.flatMap((v) => [
    { v, key: "cost" as const, label: named(data.variants, v, "With caching"), color: "var(--chart-read)", faded: v === "B" },
    { v, key: "costWithoutCache" as const, label: named(data.variants, v, "Without caching"), color: "var(--chart-uncached)", faded: v === "B" },
  ]);
  const savings = data.variants.map((v) => ({ v, label: named(data.variants, v, "Cumulative saving"), color: comparing ? VARIANT_COLOR[v] : "var(--chart-a)", dashed: v === "B" }));
  const series: SeriesSpec[] = [...bars.map((b) => ({ key: `${b.v}-${b.key}`, label: b.label, color: b.color, faded: b.faded })), ...savings.map((s) => ({ key: `${s.v}-saving`, label: s.label, color: s.color, line: true, dashed: s.dashed }))];
  return (
    <ChartFigure
      id="cost"
      title="Cost per run, with and without caching"
      unit="USD"
      series={series}
      description={comparing ? "The cumulative saving is each variant's own: what caching saved over its runs so far." : undefined}
      gaps={savingGaps(data)}
      data={<ChartDataTable title="Cost per run (USD)" columns={costColumns(data)} rows={data.rows} />}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <ComposedChart data={data.rows} accessibilityLayer={false} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="slot" tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} tickFormatter={formatUsdTick} width={64} />
          <Tooltip {...slotTooltip(data, (v) => formatUsd(v))} />
          {bars.map((b) => (
            <Bar key={`${b.v}-${b.key}`} dataKey={(row: (typeof data.rows)[number]) => row[b.v]?.[b.key]} name={b.label} fill={b.color} fillOpacity={b.faded ? 0.55 : 1} stroke={b.faded ? VARIANT_COLOR.B : undefined} isAnimationActive={false} />
          ))}
          {savings.map((s) => (
            <Line key={`${s.v}-saving`} dataKey={(row: (typeof data.rows)[number]) => row[s.v]?.cumulativeSaving} name={s.label} stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? "5 3" : undefined} dot={false} connectNulls isAnimationActive={false} />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function LatencyChart({ runs, className }: { runs: readonly RunRecord[]; className?: string }) {
  const data = useMemo(() => latencyRows(runs), [runs]);
  const modelled = runs.some((r) => r.latency?.modelled);
  const comparing = data.variants.length > 1;
  const lines = data.variants.flatMap((v) => [
    { v, key: "ttftMs" as const, label: named(data.variants, v, "Time to first token"), color: comparing ? VARIANT_COLOR[v] : "var(--chart-output)", dashed: false },
    { v, key: "totalMs" as const, label: named(data.variants, v, "Total"), color: comparing ? VARIANT_COLOR[v] : "var(--chart-uncached)", dashed: true },
  ]);
  return (
    <ChartFigure
      id="latency"
      title={modelled ? "Latency per run (modelled by the emulator)" : "Latency per run"}
      className={className}
      unit="ms"
      series={lines.map((l) => ({ key: `${l.v}-${l.key}`, label: l.label, color: l.color, line: true, dashed: l.dashed }))}
      gaps={gapSummary(data)}
      data={<ChartDataTable title="Latency per run (ms)" columns={variantColumns(data, [{ key: "ttftMs", label: "Time to first token" }, { key: "totalMs", label: "Total" }], formatMs)} rows={data.rows} />}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <LineChart data={data.rows} accessibilityLayer={false} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="slot" tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} tickFormatter={formatTokens} width={52} />
          <Tooltip {...slotTooltip(data, formatMs)} />
          {lines.map((l) => (
            <Line
              key={`${l.v}-${l.key}`}
              dataKey={(row: (typeof data.rows)[number]) => row[l.v]?.[l.key]}
              name={l.label}
              stroke={l.color}
              strokeWidth={2}
              strokeOpacity={l.dashed && comparing ? 0.6 : 1}
              strokeDasharray={l.dashed ? "5 3" : undefined}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** How the comparison chart shows each measure; the values and their gaps come from chart-series' measureRows. */
const COMPARE_MEASURES: Record<CompareMeasure, { label: string; unit: string; format: (v: number) => string; tick: (v: number) => string }> = {
  read: { label: "cache read per run", unit: "tokens", format: formatTokens, tick: formatTokens },
  hitRate: { label: "hit rate per run", unit: "%", format: (v) => `${v}%`, tick: (v) => `${v}%` },
  cost: { label: "cost per run", unit: "USD", format: (v) => formatUsd(v), tick: formatUsdTick },
  ttft: { label: "time to first token per run", unit: "ms", format: formatMs, tick: formatTokens },
};

/** Two variants on one chart: the i-th run of A against the i-th run of B, by a chosen measure. */
export function CompareChart({ runs, labels, className }: { runs: readonly RunRecord[]; labels: VariantLabels; className?: string }) {
  const [by, setBy] = useState<CompareMeasure>("read");
  const measure = COMPARE_MEASURES[by];
  const data = useMemo(() => measureRows(runs, by), [runs, by]);
  const series: SeriesSpec[] = (["A", "B"] as const).map((v) => ({ key: v, label: `${v}: ${labels[v] ?? v}`, color: VARIANT_COLOR[v], line: true, dashed: v === "B" }));
  return (
    <ChartFigure
      id="compare"
      title={`Compare: ${measure.label}`}
      className={className}
      unit={measure.unit}
      series={series}
      gaps={gapSummary(data)}
      controls={
        <label className="flex items-center gap-1 text-xs text-fg-muted">
          <span>Compare by</span>
          <select value={by} onChange={(e) => setBy(e.target.value as CompareMeasure)} className={cn(controlClass, "h-7 text-xs")}>
            <option value="read">Cache read</option>
            <option value="hitRate">Hit rate</option>
            <option value="cost">Cost</option>
            <option value="ttft">Time to first token</option>
          </select>
        </label>
      }
      data={
        <>
          <ul className="sr-only" data-testid="compare-series">
            <li data-series="A">{labels.A}</li>
            <li data-series="B">{labels.B}</li>
          </ul>
          <ChartDataTable title={`Compare: ${measure.label} (${measure.unit})`} columns={variantColumns({ ...data, variants: ["A", "B"] }, [{ key: "value", label: measure.label }], measure.format)} rows={data.rows} />
        </>
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <LineChart data={data.rows} accessibilityLayer={false} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="slot" tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} tickFormatter={(v) => measure.tick(Number(v))} width={64} />
          <Tooltip {...slotTooltip(data, measure.format)} />
          {series.map((s) => (
            <Line key={s.key} dataKey={(row: (typeof data.rows)[number]) => row[s.key as Variant]?.value} name={s.label} stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? "5 3" : undefined} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** The charts grid of the runs dashboard; loaded on demand (it carries the chart library). */
export function RunCharts({ runs, labels }: { runs: readonly RunRecord[]; labels: VariantLabels }) {
  const comparing = labels.B !== undefined;
  const sharing = useMemo(() => cacheSharingOf(runs), [runs]);
  return (
    <div className="flex flex-col gap-2">
      {comparing && sharing ? (
        <p role="note" data-testid="compare-cache-note" data-sharing={sharing} className="text-xs text-fg-muted">
          {sharing === "shared"
            ? "A and B shared one emulator cache: each variant may read entries the other wrote, and a read by one keeps the other's entry alive. Untick “Share one cache between A and B” to see each on its own."
            : "A and B each ran in their own cache, so A's numbers are what A alone would give."}
        </p>
      ) : null}
      <div className="grid gap-3 @3xl:grid-cols-2 @7xl:grid-cols-3">
        {/* The usage chart is always there (empty before the first run); the others follow the history. */}
        <CacheUsageChart runs={runs} labels={labels} className={runs.length > 0 ? "@7xl:col-span-2" : undefined} />
        {runs.length > 0 && (
          <>
            <HitRateChart runs={runs} />
            <CostChart runs={runs} />
            {/* No hole in the grid: in three columns the last chart of the row takes what is left, in two the fifth takes the row. */}
            <LatencyChart runs={runs} className={comparing ? undefined : "@7xl:col-span-2"} />
            {comparing && <CompareChart runs={runs} labels={labels} className="@3xl:col-span-2 @7xl:col-span-1" />}
          </>
        )}
      </div>
    </div>
  );
}
