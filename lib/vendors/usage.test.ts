import { describe, expect, it } from "vitest";
import { tokens, usdPerMTok } from "@/lib/cache/units";
import { fromClaudeUsage, normalizedCost } from "./usage";

describe("normalizedCost", () => {
  it("bills each count once at its own price: OpenAI's formula, ordinary input = input − cached − written (https://developers.openai.com/api/docs/guides/prompt-caching#monitor-cache-performance)", () => {
    // input_tokens 10,000 of which 6,000 cached and 3,000 written → 1,000 ordinary.
    const cost = normalizedCost(
      { uncached: tokens(1000), cacheRead: tokens(6000), cacheWrite: { "30m": tokens(3000) }, output: tokens(0) },
      { input: usdPerMTok(5), cacheRead: usdPerMTok(0.5), cacheWrite: { "30m": usdPerMTok(6.25) }, output: usdPerMTok(30) },
    );
    expect(cost.totalInput).toBe(10_000);
    // (1000 + 6000·0.1 + 3000·1.25) · $5/M
    expect(cost.total).toBeCloseTo(((1000 + 600 + 3750) * 5) / 1e6, 12);
    expect(cost.lines.map((l) => l.label)).toEqual(["uncached input", "cache read", "cache write (30m)", "output"]);
  });

  it("refuses a write with no price for its lifetime rather than billing it as free", () => {
    expect(() => normalizedCost({ uncached: tokens(0), cacheRead: tokens(0), cacheWrite: { "1h": tokens(5) }, output: tokens(0) }, { input: usdPerMTok(1), cacheRead: usdPerMTok(0.1), cacheWrite: {}, output: usdPerMTok(1) })).toThrow("1h");
  });

  it("reads Claude usage by TTL", () => {
    expect(fromClaudeUsage({ input: tokens(5), write5m: tokens(10), write1h: tokens(0), read: tokens(7), output: tokens(3) })).toEqual({
      uncached: 5,
      cacheRead: 7,
      cacheWrite: { "5m": 10 },
      output: 3,
    });
  });
});
