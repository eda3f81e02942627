"use client";
// The run charts (docs/design.md §7): per-run stacked tokens, hit rate, cost against no caching with the
// cumulative saving, latency, and the two-variant comparison. Series are declared once per chart
// (shadcn's ChartConfig habit) with theme colours (CSS variables, 3:1 against the panel in both
// themes); rows are derived in lib/runs/chart-series. Each chart has an HTML legend above the plot
// (a tooltip, kept inside the plot, never covers it) and a data table a person can open.
import { useMemo, useState, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, ComposedChart, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compareRows, costRows, hitRateRows, latencyRows, usageRows } from "@/lib/runs/chart-series";
import { hitRate, type RunRecord } from "@/lib/runs/types";
import { cn } from "@/components/ui/cn";
import { controlClass } from "@/components/ui/field";
import { formatTokens, formatUsd, formatUsdTick } from "./run-labels";

interface SeriesSpec {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
}

const USAGE_SERIES: SeriesSpec[] = [
  { key: "read", label: "Cache read", color: "var(--chart-read)" },
  { key: "write5m", label: "Cache write (5m)", color: "var(--chart-write5m)" },
  { key: "write1h", label: "Cache write (1h)", color: "var(--chart-write1h)" },
  { key: "uncached", label: "Uncached input", color: "var(--chart-uncached)" },
  { key: "output", label: "Output", color: "var(--chart-output)" },
];
const COST_SERIES: SeriesSpec[] = [
  { key: "cost", label: "With caching", color: "var(--chart-read)" },
  { key: "costWithoutCache", label: "Without caching", color: "var(--chart-uncached)" },
  { key: "cumulativeSaving", label: "Cumulative saving", color: "var(--chart-a)" },
];
const LATENCY_SERIES: SeriesSpec[] = [
  { key: "ttftMs", label: "Time to first token", color: "var(--chart-output)" },
  { key: "totalMs", label: "Total", color: "var(--chart-uncached)", dashed: true },
];
const HIT_SERIES: SeriesSpec[] = [{ key: "hitRate", label: "Hit rate", color: "var(--chart-read)" }];

const AXIS_TICK = { fontSize: 11 };
const MARGIN = { top: 8, right: 12, bottom: 0, left: 4 };
const TOOLTIP_PROPS = {
  allowEscapeViewBox: { x: false, y: false },
  isAnimationActive: false,
  wrapperStyle: { outline: "none", zIndex: 5 },
  contentStyle: { background: "var(--surface-raised)", border: "1px solid var(--line)", borderRadius: 6, color: "var(--fg)", fontSize: 12 },
  labelStyle: { color: "var(--fg)", fontWeight: 600 },
  cursor: { fill: "var(--surface-muted)", stroke: "var(--line-strong)" },
} as const;

function Legend({ series }: { series: readonly SeriesSpec[] }) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-fg" aria-label="Legend">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5" data-series={s.key}>
          <span aria-hidden className={cn("inline-block h-2.5 w-3.5 rounded-sm", s.dashed && "h-0.5 border-t-2 border-dashed bg-transparent!")} style={s.dashed ? { borderColor: s.color } : { background: s.color }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** The chart's numbers as a table, rendered only while open (a 200-run window stays cheap). */
function DataTable({ title, columns, rows }: { title: string; columns: { key: string; label: string; format: (v: number) => string }[]; rows: readonly Record<string, unknown>[] }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-2 text-xs" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="w-fit cursor-pointer rounded-sm text-fg-muted">Data table</summary>
      {open ? (
        <div role="region" aria-label={`${title}: data`} tabIndex={0} className="mt-1 max-h-56 overflow-auto rounded border border-line">
          <table className="w-full border-collapse text-right tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-surface-muted">
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className="px-2 py-1 font-medium first:text-left">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} className="border-t border-line">
                  {columns.map((c) => (
                    <td key={c.key} className="px-2 py-0.5 first:text-left">
                      {typeof row[c.key] === "number" ? c.format(row[c.key] as number) : String(row[c.key] ?? "—")}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}

function ChartFigure({ id, title, unit, description, series, children, data, controls, className }: { id: string; title: string; unit: string; description?: string; series: readonly SeriesSpec[]; children: ReactNode; data?: ReactNode; controls?: ReactNode; className?: string }) {
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
      <div className="h-48 w-full">{children}</div>
      {data}
    </figure>
  );
}

const runColumn = { key: "label", label: "Run", format: String };

export function CacheUsageChart({ runs, className }: { runs: readonly RunRecord[]; className?: string }) {
  const rows = useMemo(() => usageRows(runs), [runs]);
  return (
    <ChartFigure
      id="cache-usage"
      title="Cache usage per run"
      unit="tokens"
      series={USAGE_SERIES}
      className={className}
      data={
        <>
          <ol className="sr-only" data-testid="cache-usage-summary">
            {rows.map((r) => (
              <li key={r.run} data-run={r.run} data-read={r.read} data-write={r.write5m + r.write1h}>
                {r.label}: {r.failed ? "failed" : `read ${formatTokens(r.read)}, wrote ${formatTokens(r.write5m + r.write1h)}, uncached ${formatTokens(r.uncached)}, output ${formatTokens(r.output)}`}
              </li>
            ))}
          </ol>
          <DataTable title="Cache usage per run (tokens)" columns={[runColumn, ...USAGE_SERIES.map((s) => ({ key: s.key, label: s.label, format: formatTokens }))]} rows={rows as unknown as Record<string, unknown>[]} />
        </>
      }
    >
      {rows.length === 0 ? (
        <p className="flex h-full items-center justify-center rounded-md border border-dashed border-line text-sm text-fg-muted">No runs yet: each run adds a bar of read, written and uncached tokens.</p>
      ) : (
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
          <BarChart data={rows} accessibilityLayer={false} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} />
            <YAxis tick={AXIS_TICK} tickFormatter={formatTokens} width={56} />
            <Tooltip {...TOOLTIP_PROPS} formatter={(v) => formatTokens(Number(v))} />
            {USAGE_SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="tokens" fill={s.color} isAnimationActive={false} className={`bar-${s.key}`} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartFigure>
  );
}

export function HitRateChart({ runs }: { runs: readonly RunRecord[] }) {
  const rows = useMemo(() => hitRateRows(runs), [runs]);
  const format = (v: number) => `${v}%`;
  return (
    <ChartFigure
      id="hit-rate"
      title="Hit rate per run"
      unit="% of input tokens"
      description="The share of a run's input tokens read from the cache."
      series={HIT_SERIES}
      data={<DataTable title="Hit rate per run (%)" columns={[runColumn, { key: "hitRate", label: "Hit rate", format }]} rows={rows as unknown as Record<string, unknown>[]} />}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <LineChart data={rows} accessibilityLayer={false} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} />
          <YAxis domain={[0, 100]} tickFormatter={format} tick={AXIS_TICK} width={44} />
          <Tooltip {...TOOLTIP_PROPS} formatter={(v) => format(Number(v))} />
          <Line dataKey="hitRate" name="Hit rate" stroke={HIT_SERIES[0]!.color} strokeWidth={2} dot isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function CostChart({ runs }: { runs: readonly RunRecord[] }) {
  const rows = useMemo(() => costRows(runs), [runs]);
  return (
    <ChartFigure
      id="cost"
      title="Cost per run, with and without caching"
      unit="USD"
      series={COST_SERIES}
      data={<DataTable title="Cost per run (USD)" columns={[runColumn, ...COST_SERIES.map((s) => ({ key: s.key, label: s.label, format: (v: number) => formatUsd(v) }))]} rows={rows as unknown as Record<string, unknown>[]} />}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <ComposedChart data={rows} accessibilityLayer={false} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} tickFormatter={formatUsdTick} width={64} />
          <Tooltip {...TOOLTIP_PROPS} formatter={(v) => formatUsd(Number(v))} />
          <Bar dataKey="cost" name="With caching" fill={COST_SERIES[0]!.color} isAnimationActive={false} />
          <Bar dataKey="costWithoutCache" name="Without caching" fill={COST_SERIES[1]!.color} isAnimationActive={false} />
          <Line dataKey="cumulativeSaving" name="Cumulative saving" stroke={COST_SERIES[2]!.color} strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function LatencyChart({ runs }: { runs: readonly RunRecord[] }) {
  const rows = useMemo(() => latencyRows(runs), [runs]);
  const modelled = runs.some((r) => r.latency?.modelled);
  const format = (v: number) => `${formatTokens(v)} ms`;
  return (
    <ChartFigure
      id="latency"
      title={modelled ? "Latency per run (modelled by the emulator)" : "Latency per run"}
      unit="ms"
      series={LATENCY_SERIES}
      data={<DataTable title="Latency per run (ms)" columns={[runColumn, ...LATENCY_SERIES.map((s) => ({ key: s.key, label: s.label, format }))]} rows={rows as unknown as Record<string, unknown>[]} />}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <LineChart data={rows} accessibilityLayer={false} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} tickFormatter={formatTokens} width={52} />
          <Tooltip {...TOOLTIP_PROPS} formatter={(v) => format(Number(v))} />
          {LATENCY_SERIES.map((s) => (
            <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? "5 3" : undefined} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

const COMPARE_MEASURES = {
  read: { label: "cache read per run", unit: "tokens", measure: (r: RunRecord) => r.usage?.cacheRead ?? 0, format: formatTokens, tick: formatTokens },
  hitRate: { label: "hit rate per run", unit: "%", measure: (r: RunRecord) => (r.usage ? Math.round(hitRate(r.usage) * 1000) / 10 : 0), format: (v: number) => `${v}%`, tick: (v: number) => `${v}%` },
  cost: { label: "cost per run", unit: "USD", measure: (r: RunRecord) => r.cost ?? 0, format: (v: number) => formatUsd(v), tick: formatUsdTick },
  ttft: { label: "time to first token per run", unit: "ms", measure: (r: RunRecord) => r.latency?.ttftMs ?? 0, format: (v: number) => `${formatTokens(v)} ms`, tick: formatTokens },
} as const;

type CompareMeasure = keyof typeof COMPARE_MEASURES;

/** Two variants on one chart: the i-th run of A against the i-th run of B, by a chosen measure. */
export function CompareChart({ runs, labels }: { runs: readonly RunRecord[]; labels: { A: string; B: string } }) {
  const [by, setBy] = useState<CompareMeasure>("read");
  const measure = COMPARE_MEASURES[by];
  const rows = useMemo(() => compareRows(runs, measure.measure), [runs, measure]);
  const series: SeriesSpec[] = [
    { key: "A", label: `A: ${labels.A}`, color: "var(--chart-a)" },
    { key: "B", label: `B: ${labels.B}`, color: "var(--chart-b)", dashed: true },
  ];
  return (
    <ChartFigure
      id="compare"
      title={`Compare: ${measure.label}`}
      unit={measure.unit}
      series={series}
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
          <DataTable title={`Compare: ${measure.label} (${measure.unit})`} columns={[{ key: "index", label: "Run of each", format: String }, ...series.map((s) => ({ key: s.key, label: s.label, format: measure.format }))]} rows={rows as unknown as Record<string, unknown>[]} />
        </>
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <LineChart data={rows} accessibilityLayer={false} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="index" tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} tickFormatter={(v) => measure.tick(Number(v))} width={64} />
          <Tooltip {...TOOLTIP_PROPS} formatter={(v) => measure.format(Number(v))} />
          {series.map((s) => (
            <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? "5 3" : undefined} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** The charts grid of the runs dashboard; loaded on demand (it carries the chart library). */
export function RunCharts({ runs, compareLabels }: { runs: readonly RunRecord[]; compareLabels: { A: string; B: string } | null }) {
  return (
    <div className="grid gap-3 @3xl:grid-cols-2 @7xl:grid-cols-3">
      {/* The usage chart is always there (empty before the first run); the others follow the history. */}
      <CacheUsageChart runs={runs} className={runs.length > 0 ? "@7xl:col-span-2" : undefined} />
      {runs.length > 0 && (
        <>
          <HitRateChart runs={runs} />
          <CostChart runs={runs} />
          <LatencyChart runs={runs} />
          {compareLabels && <CompareChart runs={runs} labels={compareLabels} />}
        </>
      )}
    </div>
  );
}
