"use client";
// The newest simulated traffic of the history (issue 12 items 1, 2): per variant, what it cost against
// no caching and per simulated day, its hit rate and wasted writes; the cheapest variant named with
// what the others cost more per day; hit rate and cost per simulated hour, every variant on one chart.
// Derived from the runs (lib/runs/traffic-report), so a reloaded history shows the same; exported as
// CSV or JSON. Loaded with the charts, on demand.
import { useMemo } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { trafficReportToCsv, trafficReportToJson } from "@/lib/runs/export";
import { type TrafficReport, hourlyChartRows, latestTrafficSeries, trafficReport } from "@/lib/runs/traffic-report";
import type { Variant } from "@/lib/runs/series";
import type { RunRecord } from "@/lib/runs/types";
import { Button } from "@/components/ui/button";
import { ScrollArea } from "@/components/ui/scroll-area";
import { Table, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { AXIS_TICK, ChartDataTable, ChartFigure, MARGIN, type SeriesSpec, TOOLTIP_PROPS } from "./run-charts";
import { download } from "./download";
import { formatPercent, formatTokens, formatUsd, formatUsdTick } from "@/lib/display/format";
import { CostTotal, RunCount, WastedWritesCount, wastedWritesTitle } from "./run-totals";

const COLORS: Record<Variant, string> = { A: "var(--chart-a)", B: "var(--chart-b)", C: "var(--chart-c)" };
const DASH: Record<Variant, string | undefined> = { A: undefined, B: "5 3", C: "2 2" };

const hours = (ms: number) => `${(ms / 3_600_000).toLocaleString("en-US", { maximumFractionDigits: 2 })} h`;

function HourlyChart({ report, measure }: { report: TrafficReport; measure: "hitRate" | "cost" }) {
  const rows = useMemo(() => hourlyChartRows(report, measure), [report, measure]);
  const series: SeriesSpec[] = report.variants.map((v) => ({ key: v.variant, label: `${v.variant}: ${v.label}`, color: COLORS[v.variant], ...(DASH[v.variant] ? { dashed: true } : {}) }));
  const hitRate = measure === "hitRate";
  const format = hitRate ? (v: number) => `${v}%` : (v: number) => formatUsd(v);
  const title = hitRate ? "Hit rate per simulated hour" : "Cost per simulated hour";
  return (
    <ChartFigure
      id={hitRate ? "traffic-hit-rate" : "traffic-cost"}
      title={title}
      unit={hitRate ? "% of input tokens" : "USD"}
      series={series}
      data={<ChartDataTable title={`${title} (${hitRate ? "%" : "USD"})`} first="Hour" columns={series.map((s) => ({ label: s.label, value: (row: (typeof rows)[number]) => row[s.key as Variant], format }))} rows={rows.map((row) => ({ ...row, slot: row.label }))} />}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
        <LineChart data={rows} accessibilityLayer={false} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="hour" tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} width={64} {...(hitRate ? { domain: [0, 100], tickFormatter: (v: number) => `${v}%` } : { tickFormatter: formatUsdTick })} />
          <Tooltip {...TOOLTIP_PROPS} labelFormatter={(h) => `Hour ${h}–${Number(h) + 1}`} formatter={(v) => format(Number(v))} />
          {report.variants.map((v) => (
            <Line key={v.variant} dataKey={v.variant} name={`${v.variant}: ${v.label}`} stroke={COLORS[v.variant]} strokeWidth={2} strokeDasharray={DASH[v.variant]} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

function Verdict({ report }: { report: TrafficReport }) {
  if (report.variants.length < 2) return null;
  if (!report.cheapest) return <p className="text-sm text-warn-text">{report.caveat}</p>;
  const best = report.variants.find((v) => v.variant === report.cheapest)!;
  const others = report.variants.filter((v) => v !== best);
  return (
    <p className="text-sm" data-testid="traffic-verdict">
      <strong>
        Cheapest: {best.variant} ({best.label})
      </strong>
      , {formatUsd(best.costPerDay)} per day.{" "}
      {others.map((v, i) => (
        <span key={v.variant}>
          {i > 0 ? "; " : ""}
          {v.variant} costs {formatUsd(report.extraPerDay[v.variant] ?? 0)} more per day
        </span>
      ))}
      .
    </p>
  );
}

export function TrafficReportPanel({ runs, experimentId }: { runs: readonly RunRecord[]; experimentId: string }) {
  const seriesId = useMemo(() => latestTrafficSeries(runs), [runs]);
  const report = useMemo(() => (seriesId ? trafficReport(runs, seriesId) : null), [runs, seriesId]);
  if (!report) return null;
  return (
    <section aria-label="Simulated traffic" className="flex flex-col gap-3 rounded-lg border border-line p-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h3 className="text-sm font-semibold">Simulated traffic</h3>
        <span className="text-sm text-fg-muted">
          {report.requests.toLocaleString("en-US")} requests per variant over {hours(report.windowMs)} of simulated time
        </span>
        <span className="grow" />
        <Button size="sm" onClick={() => download(`cachelab-traffic-${experimentId}.csv`, "text/csv", trafficReportToCsv(report))}>
          Export report CSV
        </Button>
        <Button size="sm" onClick={() => download(`cachelab-traffic-${experimentId}.json`, "application/json", trafficReportToJson(report, experimentId, new Date()))}>
          Export report JSON
        </Button>
      </div>
      <Verdict report={report} />
      <ScrollArea label="Each variant's cost and hit rate">
        <Table flush className="min-w-[36rem]">
          <caption className="sr-only">Each variant of the simulation: cost with and without caching, per simulated day, hit rate and wasted cache writes.</caption>
          <TableHead>
            <TableRow>
              <TableHeaderCell scope="col">Variant</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Runs</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Hit rate</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Cost</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Without caching</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Per day</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Wasted writes</TableHeaderCell>
            </TableRow>
          </TableHead>
          <tbody>
            {report.variants.map((v) => (
              <TableRow key={v.variant} data-variant={v.variant}>
                <TableHeaderCell scope="row">
                  <span className="font-medium">{v.variant}</span> <span className="text-fg-muted">{v.label}</span>
                </TableHeaderCell>
                <TableCell align="right">
                  <RunCount runs={v.runs} failed={v.failed} />
                </TableCell>
                <TableCell align="right">{formatPercent(v.hitRate)}</TableCell>
                <TableCell align="right">
                  <CostTotal cost={v.cost} unknown={v.costUnknown} />
                </TableCell>
                <TableCell align="right">{formatUsd(v.costWithoutCache)}</TableCell>
                <TableCell align="right">{formatUsd(v.costPerDay)}</TableCell>
                <TableCell align="right" title={wastedWritesTitle(v.wasted)}>
                  <WastedWritesCount wasted={v.wasted} />
                </TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      </ScrollArea>
      <div className="grid gap-3 @3xl:grid-cols-2">
        <HourlyChart report={report} measure="hitRate" />
        <HourlyChart report={report} measure="cost" />
      </div>
    </section>
  );
}
