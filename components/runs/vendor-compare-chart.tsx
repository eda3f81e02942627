"use client";
// The one compare chart across vendors (issue 13 item 3): per run, a stack of read, written and uncached
// input tokens for each target side by side, and each target's cost as a line on the right axis. Targets
// differ by position, colour and dash pattern (never colour alone); the numbers are also a list for screen
// readers and a table a person can open.
import { useMemo } from "react";
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { type CompareRun, type CompareTarget, compareChartRows, compareKey } from "@/lib/vendors/compare";
import { totalWrites } from "@/lib/vendors/usage";
import { cn } from "@/components/ui/cn";
import { DataTable } from "@/components/ui/data-table";
import { formatTokens, formatUsd, formatUsdTick } from "@/lib/display/format";

const SEGMENTS = [
  { field: "read", label: "Cache read", color: "var(--chart-read)" },
  { field: "write", label: "Cache write", color: "var(--chart-write5m)" },
  { field: "uncached", label: "Uncached input", color: "var(--chart-uncached)" },
] as const;

/** Each target's cost line: a colour and a dash pattern of its own. */
export const TARGET_STYLES = [
  { color: "var(--chart-a)", dash: undefined, dashLabel: "solid" },
  { color: "var(--chart-b)", dash: "6 3", dashLabel: "dashed" },
  { color: "var(--chart-output)", dash: "2 3", dashLabel: "dotted" },
  { color: "var(--chart-write1h)", dash: "8 3 2 3", dashLabel: "dash-dot" },
] as const;

const AXIS_TICK = { fontSize: 11 };

export const COMPARE_CHART_TITLE = "Cache use and cost per run across vendors";

export function VendorCompareChart({ runs, targets, labels }: { runs: readonly CompareRun[]; targets: readonly CompareTarget[]; labels: readonly string[] }) {
  const rows = useMemo(() => compareChartRows(runs), [runs]);
  return (
    <figure aria-label={COMPARE_CHART_TITLE} className="flex min-w-0 flex-col gap-2 rounded-lg border border-line bg-surface p-3" data-chart="vendor-compare">
      <figcaption className="text-sm font-medium">
        {COMPARE_CHART_TITLE} <span className="font-normal text-fg-muted">(tokens; cost in USD on the right)</span>
        <span className="block text-xs font-normal text-fg-muted">Each run shows one bar per target, left to right in the order below; each target&apos;s cost is its line.</span>
      </figcaption>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-fg" aria-label="Legend">
        {SEGMENTS.map((s) => (
          <li key={s.field} className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block h-2.5 w-3.5 rounded-sm" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
        {targets.map((_, i) => (
          <li key={i} className="flex items-center gap-1.5">
            <svg aria-hidden width="18" height="6">
              <line x1="0" y1="3" x2="18" y2="3" stroke={TARGET_STYLES[i]!.color} strokeWidth="2" strokeDasharray={TARGET_STYLES[i]!.dash} />
            </svg>
            {`Bar ${i + 1} and ${TARGET_STYLES[i]!.dashLabel} cost line: ${labels[i]}`}
          </li>
        ))}
      </ul>
      <div className="h-64 w-full">
        {rows.length === 0 ? (
          <p className="flex h-full items-center justify-center rounded-md border border-dashed border-line text-sm text-fg-muted">No comparison yet: each run adds one bar per target.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 256 }}>
            <ComposedChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 4, bottom: 0, left: 4 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="run" tick={AXIS_TICK} tickFormatter={(v) => `Run ${v}`} />
              <YAxis yAxisId="tokens" tick={AXIS_TICK} tickFormatter={formatTokens} width={56} />
              <YAxis yAxisId="usd" orientation="right" tick={AXIS_TICK} tickFormatter={formatUsdTick} width={64} />
              <Tooltip
                isAnimationActive={false}
                allowEscapeViewBox={{ x: false, y: false }}
                contentStyle={{ background: "var(--surface-raised)", border: "1px solid var(--line)", borderRadius: 6, color: "var(--fg)", fontSize: 12 }}
                labelFormatter={(v) => `Run ${v}`}
                formatter={(v, name) => (String(name).endsWith("cost") ? formatUsd(Number(v)) : formatTokens(Number(v)))}
              />
              {targets.map((_, i) =>
                SEGMENTS.map((s) => (
                  <Bar key={`${i}-${s.field}`} yAxisId="tokens" dataKey={compareKey(i, s.field)} name={`${labels[i]}: ${s.label.toLowerCase()}`} stackId={`t${i}`} fill={s.color} isAnimationActive={false} />
                )),
              )}
              {targets.map((_, i) => (
                <Line
                  key={`${i}-cost`}
                  yAxisId="usd"
                  dataKey={compareKey(i, "cost")}
                  name={`${labels[i]}: cost`}
                  stroke={TARGET_STYLES[i]!.color}
                  strokeDasharray={TARGET_STYLES[i]!.dash}
                  strokeWidth={2}
                  dot
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
      <ol className="sr-only" data-testid="vendor-compare-summary">
        {runs.map((r) => (
          <li key={`${r.index}-${r.run}`} data-target={r.target} data-index={r.index} data-run={r.run} data-read={r.usage?.cacheRead ?? ""} data-write={r.usage ? totalWrites(r.usage) : ""} data-cost={r.cost ?? ""}>
            {`Run ${r.run}, ${labels[r.index]}: `}
            {r.status === "failed" || !r.usage
              ? `failed: ${r.error?.message ?? "no usage"}`
              : `read ${formatTokens(r.usage.cacheRead)}, wrote ${formatTokens(totalWrites(r.usage))}, uncached ${formatTokens(r.usage.uncached)}, cost ${formatUsd(r.cost)}`}
          </li>
        ))}
      </ol>
      <DataTable
        className="mt-1"
        title={COMPARE_CHART_TITLE}
        columns={[{ label: "Run", align: "left" }, { label: "Target", align: "left" }, { label: "Cache read" }, { label: "Cache write" }, { label: "Uncached input" }, { label: "Cost" }]}
        rows={() =>
          runs.map((r) => ({
            key: `${r.index}-${r.run}`,
            cells: [
              r.run,
              labels[r.index],
              r.usage ? formatTokens(r.usage.cacheRead) : "—",
              r.usage ? formatTokens(totalWrites(r.usage)) : "—",
              r.usage ? formatTokens(r.usage.uncached) : "—",
              r.status === "ok" ? formatUsd(r.cost) : "failed",
            ],
          }))
        }
      />
    </figure>
  );
}
