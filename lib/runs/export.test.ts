import { describe, expect, it } from "vitest";
import { csvCell, runsToCsv, runsToJson, RUNS_EXPORT_FORMAT, TRAFFIC_EXPORT_FORMAT, trafficReportToCsv, trafficReportToJson } from "./export";
import { run } from "./testing/factories";
import { trafficReport } from "./traffic-report";

describe("CSV export", () => {
  it("writes a header and one line per run, usage split by kind", () => {
    const csv = runsToCsv([run({ number: 1 }), run({ number: 2, status: "failed", usage: null, cost: null, error: { code: "provider:overloaded", message: "Overloaded, try later" } })]);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    const header = lines[0]!.split(",");
    expect(header.slice(0, 3)).toEqual(["run", "variant", "label"]);
    const row = (i: number) => Object.fromEntries(header.map((h, j) => [h, lines[i]!.split(",")[j]]));
    expect(row(1)).toMatchObject({ run: "1", status: "ok", cache_read_tokens: "2000", cache_write_5m_tokens: "0", uncached_input_tokens: "20" });
    expect(lines[2]).toContain('"Overloaded, try later"');
    expect(row(2)).toMatchObject({ status: "failed", cache_read_tokens: "", error_code: "provider:overloaded" });
  });

  it("quotes commas, quotes and newlines, and defuses spreadsheet formulas", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
  });
});

describe("JSON export", () => {
  it("wraps the runs with a format, the experiment and the time", () => {
    const parsed = JSON.parse(runsToJson([run()], "exp-1", new Date("2026-11-25T00:00:00Z")));
    expect(parsed).toMatchObject({ format: RUNS_EXPORT_FORMAT, experimentId: "exp-1", exportedAt: "2026-11-25T00:00:00.000Z" });
    expect(parsed.runs).toHaveLength(1);
  });
});

describe("traffic report export", () => {
  const sim = (variant: "A" | "B", atMs: number, cost: number) =>
    run({ seriesId: "sim", variant, label: `label ${variant}`, cost, costWithoutCache: 0.006, traffic: { atMs, session: 1, turn: 1, windowMs: 2 * 3_600_000 } });
  const report = trafficReport([sim("A", 0, 0.004), sim("B", 0, 0.001), sim("A", 3_700_000, 0.004), sim("B", 3_700_000, 0.001)], "sim")!;

  it("writes one line per simulated hour and variant, then the totals per variant", () => {
    const lines = trafficReportToCsv(report).trimEnd().split("\r\n");
    expect(lines[0]).toBe("hour,variant,label,runs,failed,input_tokens,cache_read_tokens,cache_write_tokens,hit_rate,cost_usd,cost_without_cache_usd,cost_per_day_usd,wasted_writes,unread_writes_at_end");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 4).join(","))).toEqual(["0,A,label A,1", "0,B,label B,1", "1,A,label A,1", "1,B,label B,1", "all,A,label A,2", "all,B,label B,2"]);
    // Two hours scale by 12 to a day.
    expect(Number(lines[5]!.split(",")[11])).toBeCloseTo(0.008 * 12);
  });

  it("writes the whole report as JSON with its format", () => {
    const parsed = JSON.parse(trafficReportToJson(report, "exp", new Date("2026-11-25T00:00:00Z")));
    expect(parsed).toMatchObject({ format: TRAFFIC_EXPORT_FORMAT, experimentId: "exp", cheapest: "B", requests: 2 });
    expect(parsed.hours).toHaveLength(2);
  });

  it("adds the arrival time, session and turn of simulated runs to the runs CSV", () => {
    const lines = runsToCsv([sim("A", 1500, 0.1)]).trimEnd().split("\r\n");
    const header = lines[0]!.split(",");
    const row = lines[1]!.split(",");
    expect(row[header.indexOf("traffic_at_s")]).toBe("1.5");
    expect(row[header.indexOf("traffic_session")]).toBe("1");
  });
});
