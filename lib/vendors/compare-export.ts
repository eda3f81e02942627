// A comparison across vendors as CSV and JSON (issue 13 item 3, exported like the run history: the same CSV
// rules, lib/runs/export.ts). Per run and per target's totals; for a traffic simulation, its per-target
// report too. Pure serialisers; the download is the UI's job.
import { type CsvColumn, toCsv } from "@/lib/runs/export";
import { type CompareRun, type CompareTarget, compareTotals } from "./compare";
import { compareTrafficReport } from "./compare-traffic";
import { CACHE_LIFETIMES } from "./usage";

export const COMPARE_EXPORT_FORMAT = "cachelab.compare.v1";

/** One line of the CSV: a run, or a target's totals (`row` says which). */
type Line = { row: "run"; run: CompareRun; name: string; model?: string } | { row: "total"; index: number; name: string; model?: string; totals: ReturnType<typeof compareTotals>[number]; perDay?: number; wasted?: number; writes?: number };

const COLUMNS: CsvColumn<Line>[] = [
  ["row", (l) => l.row],
  ["target_index", (l) => (l.row === "run" ? l.run.index : l.index)],
  ["target", (l) => (l.row === "run" ? l.run.target : l.totals.target)],
  ["target_label", (l) => l.name],
  ["model", (l) => l.model],
  ["run", (l) => (l.row === "run" ? l.run.run : undefined)],
  ["turn", (l) => (l.row === "run" ? l.run.turn : undefined)],
  ["status", (l) => (l.row === "run" ? l.run.status : undefined)],
  ["runs", (l) => (l.row === "total" ? l.totals.runs : undefined)],
  ["failed", (l) => (l.row === "total" ? l.totals.failed : undefined)],
  ["started_at", (l) => (l.row === "run" ? new Date(l.run.startedAt).toISOString() : undefined)],
  ["uncached_input_tokens", (l) => (l.row === "run" ? l.run.usage?.uncached : l.totals.uncached)],
  ["cache_read_tokens", (l) => (l.row === "run" ? l.run.usage?.cacheRead : l.totals.read)],
  ...CACHE_LIFETIMES.map((lifetime): CsvColumn<Line> => [`cache_write_${lifetime}_tokens`, (l) => (l.row === "run" ? l.run.usage?.cacheWrite[lifetime] : undefined)]),
  ["cache_write_tokens", (l) => (l.row === "total" ? l.totals.write : l.run.usage ? Object.values(l.run.usage.cacheWrite).reduce((a, b) => a + (b ?? 0), 0) : undefined)],
  ["output_tokens", (l) => (l.row === "run" ? l.run.usage?.output : undefined)],
  ["hit_rate", (l) => (l.row === "total" ? l.totals.tokenHitRate : undefined)],
  ["cost_usd", (l) => (l.row === "run" ? l.run.cost : l.totals.cost)],
  ["cost_without_cache_usd", (l) => (l.row === "run" ? l.run.costWithoutCache : l.totals.costWithoutCache)],
  ["saving_usd", (l) => (l.row === "total" ? l.totals.saving : undefined)],
  // A total leaves out the runs whose cost is unknown (lib/runs/gaps.ts): how many, so a sum is never read as complete.
  ["runs_cost_unknown", (l) => (l.row === "total" ? l.totals.costUnknown : undefined)],
  ["cost_per_day_usd", (l) => (l.row === "total" ? l.perDay : undefined)],
  ["wasted_writes", (l) => (l.row === "total" ? l.wasted : undefined)],
  ["writes", (l) => (l.row === "total" ? l.writes : undefined)],
  // Simulated traffic: when the request arrived (seconds from the start), its session and turn.
  ["traffic_at_s", (l) => (l.row === "run" && l.run.traffic ? l.run.traffic.atMs / 1000 : undefined)],
  ["traffic_session", (l) => (l.row === "run" ? l.run.traffic?.session : undefined)],
  ["error_code", (l) => (l.row === "run" ? l.run.error?.code : undefined)],
  ["error_message", (l) => (l.row === "run" ? l.run.error?.message : undefined)],
  ["response_text", (l) => (l.row === "run" ? l.run.responseText : undefined)],
];

/** Every run, in the order sent, then one line of totals per target (with its per-day figures for traffic). */
export function comparisonToCsv(runs: readonly CompareRun[], targets: readonly CompareTarget[], names: readonly string[]): string {
  const totals = compareTotals(runs, targets);
  const traffic = compareTrafficReport(runs, targets, names);
  const lines: Line[] = runs.map((run) => ({ row: "run", run, name: names[run.index] ?? run.target, ...(targets[run.index]?.model ? { model: targets[run.index]!.model! } : {}) }));
  for (const t of totals) {
    const report = traffic?.targets[t.index];
    lines.push({
      row: "total",
      index: t.index,
      name: names[t.index] ?? t.target,
      ...(targets[t.index]?.model ? { model: targets[t.index]!.model! } : {}),
      totals: t,
      ...(report ? { perDay: report.costPerDay, wasted: report.wasted.wasted, writes: report.wasted.writes } : {}),
    });
  }
  return toCsv(COLUMNS, lines);
}

/** The comparison as one JSON document: its targets, every run, each target's totals, and the traffic report when it simulated traffic. */
export function comparisonToJson(runs: readonly CompareRun[], targets: readonly CompareTarget[], names: readonly string[], experimentId: string, exportedAt: Date): string {
  const traffic = compareTrafficReport(runs, targets, names);
  return JSON.stringify(
    {
      format: COMPARE_EXPORT_FORMAT,
      experimentId,
      exportedAt: exportedAt.toISOString(),
      targets: targets.map((t, index) => ({ index, ...t, label: names[index] ?? t.target })),
      runs,
      totals: compareTotals(runs, targets),
      ...(traffic ? { traffic } : {}),
    },
    null,
    2,
  );
}
