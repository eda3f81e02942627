import { describe, expect, it } from "vitest";
import { PRICE_OPTIONS, findPriceOption } from "./prices";

describe("PRICE_OPTIONS", () => {
  it("lists Claude and OpenAI models, each price with a source and a date", () => {
    expect(findPriceOption("claude-sonnet-4-6")?.prices.cacheWrite).toEqual({ "5m": 3.75, "1h": 6 });
    expect(findPriceOption("gpt-5.6-sol")?.prices.cacheWrite).toEqual({ "30m": 6.25 });
    expect(findPriceOption("gpt-5.6-sol")?.unverified).toBeDefined();
    expect(new Set(PRICE_OPTIONS.map((o) => o.id)).size).toBe(PRICE_OPTIONS.length);
    // Gemini bills storage per token-hour and creation at the input price (lib/vendors/catalog.ts GEMINI).
    const pro = findPriceOption("gemini-2.5-pro");
    expect(pro?.prices).toMatchObject({ input: 1.25, cacheRead: 0.125, cacheWrite: { "5m": 1.25, "1h": 1.25 }, storagePerHour: 4.5 });
    expect(pro?.unverified).toBeDefined();
    expect(findPriceOption("nova-pro")?.prices).toMatchObject({ input: 0.8, cacheRead: 0.2, cacheWrite: { "5m": 0.8 } });
    for (const o of PRICE_OPTIONS) {
      expect(o.source, o.id).toMatch(/^https:\/\//);
      expect(o.date, o.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
