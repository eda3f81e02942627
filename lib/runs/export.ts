// Run history as CSV and JSON (docs/design.md §8). Pure serialisers; the download is the UI's job.
import { cellHitRate, type TrafficReport } from "./traffic-report";
import type { RunRecord } from "./types";

export const RUNS_EXPORT_FORMAT = "cachelab.runs.v1";

const COLUMNS: [string, (run: RunRecord) => string | number | boolean | null | undefined][] = [
  ["run", (r) => r.number],
  ["variant", (r) => r.variant],
  ["label", (r) => r.label],
  ["series", (r) => r.seriesId],
  ["parallel", (r) => r.parallel],
  ["provider", (r) => r.provider],
  ["transport", (r) => r.transport],
  ["model", (r) => r.model],
  ["model_id", (r) => r.modelId],
  ["started_at", (r) => new Date(r.startedAt).toISOString()],
  ["status", (r) => r.status],
  ["uncached_input_tokens", (r) => r.usage?.uncachedInput],
  ["cache_write_5m_tokens", (r) => r.usage?.cacheWrite5m],
  ["cache_write_1h_tokens", (r) => r.usage?.cacheWrite1h],
  ["cache_read_tokens", (r) => r.usage?.cacheRead],
  ["output_tokens", (r) => r.usage?.output],
  ["cost_usd", (r) => r.cost],
  ["cost_without_cache_usd", (r) => r.costWithoutCache],
  ["total_ms", (r) => r.latency?.totalMs],
  ["ttft_ms", (r) => r.latency?.ttftMs],
  ["latency_modelled", (r) => r.latency?.modelled],
  ["request_id", (r) => r.requestId],
  ["error_code", (r) => r.error?.code],
  ["error_message", (r) => r.error?.message],
  // Simulated traffic: when the request arrived (seconds from the start), its session and turn.
  ["traffic_at_s", (r) => (r.traffic ? r.traffic.atMs / 1000 : undefined)],
  ["traffic_session", (r) => r.traffic?.session],
  ["traffic_turn", (r) => r.traffic?.turn],
  ["response_text", (r) => r.responseText],
];

/** One CSV cell (RFC 4180), with text that a spreadsheet would run as a formula defused by a leading quote. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A column of a CSV export: its header and how a row gives its cell. */
export type CsvColumn<T> = readonly [name: string, get: (row: T) => string | number | boolean | null | undefined];

/** A CSV document (RFC 4180, CRLF line ends): the header line, then one line per row, every cell through csvCell. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  const lines = [columns.map(([name]) => name).join(",")];
  for (const row of rows) lines.push(columns.map(([, get]) => csvCell(get(row))).join(","));
  return lines.join("\r\n") + "\r\n";
}

export function runsToCsv(runs: readonly RunRecord[]): string {
  return toCsv(COLUMNS, runs);
}

export function runsToJson(runs: readonly RunRecord[], experimentId: string, exportedAt: Date): string {
  return JSON.stringify({ format: RUNS_EXPORT_FORMAT, experimentId, exportedAt: exportedAt.toISOString(), runs }, null, 2);
}

export const TRAFFIC_EXPORT_FORMAT = "cachelab.traffic-report.v1";

/** A simulation's report as CSV: one line per simulated hour and variant, then one per variant in all. */
export function trafficReportToCsv(report: TrafficReport): string {
  const header = ["hour", "variant", "label", "runs", "failed", "input_tokens", "cache_read_tokens", "cache_write_tokens", "hit_rate", "cost_usd", "cost_without_cache_usd", "cost_per_day_usd", "wasted_writes", "unread_writes_at_end"];
  const labels = new Map(report.variants.map((v) => [v.variant, v.label]));
  const lines = [header.join(",")];
  for (const row of report.hours) {
    for (const v of report.variants) {
      const c = row.cells[v.variant];
      if (!c) continue;
      lines.push([row.hour, v.variant, labels.get(v.variant), c.runs, c.failed, c.inputTokens, c.readTokens, c.writeTokens, cellHitRate(c), c.cost, c.costWithoutCache, "", "", ""].map(csvCell).join(","));
    }
  }
  for (const v of report.variants) {
    lines.push(["all", v.variant, v.label, v.runs, v.failed, v.inputTokens, v.readTokens, v.writeTokens, v.hitRate, v.cost, v.costWithoutCache, v.costPerDay, v.wasted.wasted, v.wasted.unreadAtEnd].map(csvCell).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

export function trafficReportToJson(report: TrafficReport, experimentId: string, exportedAt: Date): string {
  return JSON.stringify({ format: TRAFFIC_EXPORT_FORMAT, experimentId, exportedAt: exportedAt.toISOString(), ...report }, null, 2);
}
