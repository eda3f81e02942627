import { describe, expect, it } from "vitest";
import { csvCell, runsToCsv, runsToJson, RUNS_EXPORT_FORMAT } from "./export";
import { run } from "./testing/factories";

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
