import { describe, expect, it } from "vitest";
import { PRICE_OPTIONS, findPriceOption } from "./prices";

describe("PRICE_OPTIONS", () => {
  it("lists Claude and OpenAI models, each price with a source and a date", () => {
    expect(findPriceOption("claude-sonnet-4-6")?.prices.cacheWrite).toEqual({ "5m": 3.75, "1h": 6 });
    expect(findPriceOption("gpt-5.6-sol")?.prices.cacheWrite).toEqual({ "30m": 6.25 });
    expect(findPriceOption("gpt-5.6-sol")?.unverified).toBeDefined();
    expect(new Set(PRICE_OPTIONS.map((o) => o.id)).size).toBe(PRICE_OPTIONS.length);
    for (const o of PRICE_OPTIONS) {
      expect(o.source, o.id).toMatch(/^https:\/\//);
      expect(o.date, o.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
