// A comparison exports as CSV (one line per run, then one per target's totals) and JSON, through the run
// history's CSV rules (lib/runs/export.ts: RFC 4180, formula-like text defused).
import { describe, expect, it } from "vitest";
import { usd } from "@/lib/cache/units";
import type { CompareRun, CompareTarget } from "./compare";
import { COMPARE_EXPORT_FORMAT, comparisonToCsv, comparisonToJson } from "./compare-export";
import { compareRun } from "./testing/factories";

const run = (index: number, n: number, over: Partial<CompareRun> = {}) =>
  compareRun(index, n, { cost: usd(n === 1 ? 0.02 : 0.002), costWithoutCache: usd(0.016), startedAt: Date.UTC(2026, 10, 30, 18, 0, n), ...over });
const TARGETS: CompareTarget[] = [{ target: "anthropic" }, { target: "openai", model: "gpt-5.6-luna" }];
const NAMES = ["Claude API · Claude Sonnet 4.6", "OpenAI Responses (GPT-5.6+) · GPT-5.6 Luna"];

const parse = (csv: string) => {
  const [head, ...rows] = csv.trimEnd().split("\r\n");
  const names = head!.split(",");
  return rows.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [names[i], cell])));
};

describe("comparisonToCsv", () => {
  it("has a line per run with its vendor's write lifetime, then each target's totals", () => {
    const csv = comparisonToCsv([run(0, 1), run(1, 1), run(0, 2), run(1, 2, { responseText: "=HYPERLINK(1)" })], TARGETS, NAMES);
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parse(csv);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({ row: "run", target_index: "0", target: "anthropic", run: "1", cache_write_5m_tokens: "5000", cache_write_30m_tokens: "", cache_write_tokens: "5000", cost_usd: "0.02", started_at: "2026-11-30T18:00:01.000Z" });
    expect(rows[1]).toMatchObject({ row: "run", target: "openai", model: "gpt-5.6-luna", cache_write_30m_tokens: "5000", cache_write_5m_tokens: "" });
    expect(rows[3]!.response_text).toBe("'=HYPERLINK(1)");
    expect(rows[4]).toMatchObject({ row: "total", target_index: "0", target_label: NAMES[0], runs: "2", failed: "0", cache_read_tokens: "5000", cache_write_tokens: "5000", uncached_input_tokens: "20", cost_usd: "0.022", cost_without_cache_usd: "0.032" });
    expect(Number(rows[4]!.saving_usd)).toBeCloseTo(0.01, 12);
    expect(rows[5]).toMatchObject({ row: "total", target: "openai", cost_per_day_usd: "", wasted_writes: "" });
  });

  it("says how many runs a target's cost total leaves out for want of a price, and leaves the run's cost empty, never $0", () => {
    const rows = parse(comparisonToCsv([run(0, 1), run(0, 2, { cost: null, costWithoutCache: null })], TARGETS, NAMES));
    expect(rows[1]).toMatchObject({ row: "run", cost_usd: "", cost_without_cache_usd: "" });
    expect(rows[2]).toMatchObject({ row: "total", runs: "2", cost_usd: "0.02", runs_cost_unknown: "1" });
  });

  it("adds each target's cost per day and wasted writes for a traffic simulation", () => {
    const traffic = (n: number) => ({ atMs: (n - 1) * 120_000, session: n, turn: 1, windowMs: 3_600_000 });
    const runs = [run(0, 1, { traffic: traffic(1) }), run(1, 1, { traffic: traffic(1) }), run(0, 2, { traffic: traffic(2) }), run(1, 2, { traffic: traffic(2) })];
    const rows = parse(comparisonToCsv(runs, TARGETS, NAMES));
    expect(rows[2]).toMatchObject({ traffic_at_s: "120", traffic_session: "2" });
    expect(Number(rows[4]!.cost_per_day_usd)).toBeCloseTo(24 * 0.022, 12);
    expect(rows[4]).toMatchObject({ wasted_writes: "0", writes: "1" });
  });
});

describe("comparisonToJson", () => {
  it("carries the targets with their labels, every run, the totals, and the traffic report when there is one", () => {
    const doc = JSON.parse(comparisonToJson([run(0, 1), run(1, 1)], TARGETS, NAMES, "exp-1", new Date(Date.UTC(2026, 10, 30))));
    expect(doc).toMatchObject({ format: COMPARE_EXPORT_FORMAT, experimentId: "exp-1", exportedAt: "2026-11-30T00:00:00.000Z" });
    expect(doc.targets).toEqual([{ index: 0, target: "anthropic", label: NAMES[0] }, { index: 1, target: "openai", model: "gpt-5.6-luna", label: NAMES[1] }]);
    expect(doc.runs).toHaveLength(2);
    expect(doc.totals.map((t: { runs: number }) => t.runs)).toEqual([1, 1]);
    expect(doc.traffic).toBeUndefined();
    const traffic = { atMs: 0, session: 1, turn: 1, windowMs: 3_600_000 };
    const withTraffic = JSON.parse(comparisonToJson([run(0, 1, { traffic }), run(1, 1, { traffic })], TARGETS, NAMES, "exp-1", new Date(0)));
    expect(withTraffic.traffic).toMatchObject({ windowMs: 3_600_000, requests: 1, cheapest: 0 });
  });
});
