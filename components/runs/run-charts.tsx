"use client";
// The run charts (docs/design.md §7): per-run stacked tokens, hit rate, cost against no caching with the
// cumulative saving, latency, and the two-variant comparison. Series are declared once in CHART
// config objects (shadcn's ChartConfig habit); rows are derived in lib/runs/chart-series.
import { useMemo, useState, type ReactNode } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { compareRows, costRows, hitRateRows, latencyRows, usageRows } from "@/lib/runs/chart-series";
import { hitRate, type RunRecord } from "@/lib/runs/types";
import { formatTokens, formatUsd } from "./run-labels";

const USAGE_SERIES = [
  { key: "read", label: "Cache read", color: "#16a34a" },
  { key: "write5m", label: "Cache write (5m)", color: "#f59e0b" },
  { key: "write1h", label: "Cache write (1h)", color: "#b45309" },
  { key: "uncached", label: "Uncached input", color: "#64748b" },
  { key: "output", label: "Output", color: "#6366f1" },
] as const;

function ChartFigure({ id, title, children, summary, controls }: { id: string; title: string; children: ReactNode; summary?: ReactNode; controls?: ReactNode }) {
  return (
    <figure aria-label={title} className="rounded-lg border border-slate-200 bg-white p-3" data-chart={id}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <figcaption className="text-sm font-medium text-slate-700">{title}</figcaption>
        {controls}
      </div>
      <div className="h-48 w-full">{children}</div>
      {summary}
    </figure>
  );
}

export function CacheUsageChart({ runs }: { runs: readonly RunRecord[] }) {
  const rows = useMemo(() => usageRows(runs), [runs]);
  return (
    <ChartFigure
      id="cache-usage"
      title="Cache usage per run"
      summary={
        <ol className="sr-only" data-testid="cache-usage-summary">
          {rows.map((r) => (
            <li key={r.run} data-run={r.run} data-read={r.read} data-write={r.write5m + r.write1h}>
              {r.label}: {r.failed ? "failed" : `read ${formatTokens(r.read)}, wrote ${formatTokens(r.write5m + r.write1h)}, uncached ${formatTokens(r.uncached)}, output ${formatTokens(r.output)}`}
            </li>
          ))}
        </ol>
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <BarChart data={rows} accessibilityLayer margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={formatTokens} width={56} />
          <Tooltip formatter={(v) => formatTokens(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {USAGE_SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="tokens" fill={s.color} isAnimationActive={false} className={`bar-${s.key}`} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function HitRateChart({ runs }: { runs: readonly RunRecord[] }) {
  const rows = useMemo(() => hitRateRows(runs), [runs]);
  return (
    <ChartFigure id="hit-rate" title="Hit rate per run">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <LineChart data={rows} accessibilityLayer margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} width={48} />
          <Tooltip formatter={(v) => `${v}%`} />
          <Line dataKey="hitRate" name="Hit rate" stroke="#16a34a" dot isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function CostChart({ runs }: { runs: readonly RunRecord[] }) {
  const rows = useMemo(() => costRows(runs), [runs]);
  return (
    <ChartFigure id="cost" title="Cost per run, with and without caching">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <ComposedChart data={rows} accessibilityLayer margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={(v) => formatUsd(Number(v))} width={72} />
          <Tooltip formatter={(v) => formatUsd(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="cost" name="With caching" fill="#16a34a" isAnimationActive={false} />
          <Bar dataKey="costWithoutCache" name="Without caching" fill="#cbd5e1" isAnimationActive={false} />
          <Line dataKey="cumulativeSaving" name="Cumulative saving" stroke="#0f766e" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function LatencyChart({ runs }: { runs: readonly RunRecord[] }) {
  const rows = useMemo(() => latencyRows(runs), [runs]);
  const modelled = runs.some((r) => r.latency?.modelled);
  return (
    <ChartFigure id="latency" title={modelled ? "Latency per run (modelled by the emulator)" : "Latency per run"}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <LineChart data={rows} accessibilityLayer margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis unit=" ms" tick={{ fontSize: 11 }} width={64} />
          <Tooltip formatter={(v) => `${formatTokens(Number(v))} ms`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey="ttftMs" name="Time to first token" stroke="#6366f1" isAnimationActive={false} />
          <Line dataKey="totalMs" name="Total" stroke="#94a3b8" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

const COMPARE_MEASURES = {
  read: { label: "cache read per run", measure: (r: RunRecord) => r.usage?.cacheRead ?? 0, format: formatTokens },
  hitRate: { label: "hit rate per run", measure: (r: RunRecord) => (r.usage ? Math.round(hitRate(r.usage) * 1000) / 10 : 0), format: (v: number) => `${v}%` },
  cost: { label: "cost per run", measure: (r: RunRecord) => r.cost ?? 0, format: (v: number) => formatUsd(v) },
  ttft: { label: "time to first token per run", measure: (r: RunRecord) => r.latency?.ttftMs ?? 0, format: (v: number) => `${formatTokens(v)} ms` },
} as const;

type CompareMeasure = keyof typeof COMPARE_MEASURES;

/** Two variants on one chart: the i-th run of A against the i-th run of B, by a chosen measure. */
export function CompareChart({ runs, labels }: { runs: readonly RunRecord[]; labels: { A: string; B: string } }) {
  const [by, setBy] = useState<CompareMeasure>("read");
  const measure = COMPARE_MEASURES[by];
  const rows = useMemo(() => compareRows(runs, measure.measure), [runs, measure]);
  return (
    <ChartFigure
      id="compare"
      title={`Compare: ${measure.label}`}
      controls={
        <label className="flex items-center gap-1 text-xs text-slate-600">
          <span>Compare by</span>
          <select value={by} onChange={(e) => setBy(e.target.value as CompareMeasure)} className="rounded border border-slate-300 px-1">
            <option value="read">Cache read</option>
            <option value="hitRate">Hit rate</option>
            <option value="cost">Cost</option>
            <option value="ttft">Time to first token</option>
          </select>
        </label>
      }
      summary={
        <ul className="sr-only" data-testid="compare-series">
          <li data-series="A">{labels.A}</li>
          <li data-series="B">{labels.B}</li>
        </ul>
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <LineChart data={rows} accessibilityLayer margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="index" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={(v) => measure.format(Number(v))} width={64} />
          <Tooltip formatter={(v) => measure.format(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey="A" name={`A: ${labels.A}`} stroke="#2563eb" isAnimationActive={false} />
          <Line dataKey="B" name={`B: ${labels.B}`} stroke="#db2777" strokeDasharray="5 3" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
