"use client";
// Simulated traffic across vendors (issue 13 item 3 with issue 12's traffic mode): per target of the
// comparison, the hit rate, the cost against no caching, per simulated day, the wasted writes; the cheapest
// target named with what each other one costs more per day. Derived from the comparison's runs
// (lib/vendors/compare-traffic.ts), as the what-if report is from the history's.
import type { CompareTrafficReport } from "@/lib/vendors/compare-traffic";
import { Table, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { ScrollArea } from "@/components/ui/scroll-area";
import { formatPercent, formatTokens, formatUsd } from "@/lib/display/format";
import { CostTotal, RunCount, WastedWritesCount, wastedWritesTitle } from "./run-totals";

const hours = (ms: number) => `${(ms / 3_600_000).toLocaleString("en-US", { maximumFractionDigits: 2 })} h`;

function Verdict({ report }: { report: CompareTrafficReport }) {
  if (report.targets.length < 2) return null;
  if (report.cheapest === null) return <p className="text-sm text-warn-text">{report.caveat}</p>;
  const best = report.targets[report.cheapest]!;
  const others = report.targets.filter((t) => t !== best);
  return (
    <p className="text-sm" data-testid="vendor-traffic-verdict">
      <strong>Cheapest: {best.name}</strong>, {formatUsd(best.costPerDay)} per day.{" "}
      {others.map((t, i) => (
        <span key={t.index}>
          {i > 0 ? "; " : ""}
          {t.name} costs {formatUsd(report.extraPerDay[t.index] ?? 0)} more per day
        </span>
      ))}
      .
    </p>
  );
}

export function VendorCompareTraffic({ report }: { report: CompareTrafficReport }) {
  return (
    <section aria-labelledby="vendor-traffic-heading" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h4 id="vendor-traffic-heading" className="text-sm font-semibold">
          Simulated traffic per target
        </h4>
        <span className="text-sm text-fg-muted">
          The same {report.requests.toLocaleString("en-US")} requests on every target over {hours(report.windowMs)} of simulated time
        </span>
      </div>
      <Verdict report={report} />
      <ScrollArea label="Each target's cost and hit rate">
        <Table flush className="min-w-[44rem]">
          <caption className="sr-only">Each target of the simulation: hit rate, cost with and without caching, per simulated day, and wasted cache writes.</caption>
          <TableHead>
            <TableRow>
              <TableHeaderCell scope="col">Target</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Runs</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Hit rate</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Cost</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Without caching</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Per day</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Per day without caching</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Wasted writes</TableHeaderCell>
            </TableRow>
          </TableHead>
          <tbody>
            {report.targets.map((t) => (
              <TableRow key={t.index} data-testid="vendor-traffic-row" data-target={t.target}>
                <TableHeaderCell scope="row">{t.name}</TableHeaderCell>
                <TableCell align="right">
                  <RunCount runs={t.runs} failed={t.failed} />
                </TableCell>
                <TableCell align="right">{formatPercent(t.hitRate)}</TableCell>
                <TableCell align="right">
                  <CostTotal cost={t.cost} unknown={t.costUnknown} />
                </TableCell>
                <TableCell align="right">{formatUsd(t.costWithoutCache)}</TableCell>
                <TableCell align="right">{formatUsd(t.costPerDay)}</TableCell>
                <TableCell align="right">{formatUsd(t.costWithoutCachePerDay)}</TableCell>
                <TableCell align="right" title={wastedWritesTitle(t.wasted)}>
                  <WastedWritesCount wasted={t.wasted} />
                </TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      </ScrollArea>
      <p className="text-xs text-fg-muted">
        Wasted writes are followed per conversation from each vendor&apos;s usage, under its lifetime (5m and 1h refreshed on use; OpenAI&apos;s 30m after the latest write or reuse). A Gemini cache object that no later request read is wasted too; its storage for the whole ttl is in the cost of the run that created it.
      </p>
    </section>
  );
}
