// Every vendor number the compare view shows comes with its source and date (issue 13 "Done when"), and is
// the catalog's own value, not a copy.
import { describe, expect, it } from "vitest";
import { BEDROCK_CONVERSE, OPENAI } from "./catalog";
import { COMPARE_TARGET_IDS } from "./compare";
import { targetFacts } from "./facts";

describe("targetFacts", () => {
  it("gives every fact of every runnable target a source and a date", () => {
    const cases: [Parameters<typeof targetFacts>[0], string | undefined][] = [...COMPARE_TARGET_IDS.map((t) => [t, undefined] as [typeof t, undefined]), ["bedrock-converse", "nova-pro"], ["openai", "gpt-5.6-luna"]];
    for (const [target, model] of cases) {
      const facts = targetFacts(target, model, "claude-sonnet-4-6");
      expect(facts.length, target).toBeGreaterThan(1);
      for (const f of facts) {
        expect(f.source, `${target} ${f.label}`).toMatch(/^(https:\/\/|docs\/reference\/)/);
        expect(f.date, `${target} ${f.label}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it("shows OpenAI's numbers from the vendor catalog, with the guide-versus-reference note on the lookup boundaries", () => {
    const facts = targetFacts("openai", undefined, "claude-sonnet-4-6");
    expect(facts.find((f) => f.label === "Minimum cacheable prompt")).toMatchObject({ value: "1,024 visible input tokens", source: OPENAI.minCacheableTokens.source });
    expect(facts.find((f) => f.label === "Lookup boundaries")!.unverified).toContain("latest 80 breakpoints");
    expect(facts.find((f) => f.label.startsWith("Prices"))).toMatchObject({ label: "Prices per million tokens (GPT-5.6 Sol)", unverified: expect.any(String) });
  });

  it("shows Nova's own minimum and that it caches no tools, marked unverified where the catalog says so", () => {
    const facts = targetFacts("bedrock-converse", "nova-pro", "claude-sonnet-4-6");
    expect(facts.find((f) => f.label === "Minimum cacheable prompt (Nova)")).toMatchObject({ value: "1,000 tokens per checkpoint", unverified: BEDROCK_CONVERSE.novaMinCacheableTokens.unverified });
    expect(facts.find((f) => f.label === "Tool definitions cached (Nova)")!.value).toBe("no");
  });

  it("shows Gemini's cache-object numbers (minimum, ttl, storage per token-hour, creation, reads) with unverified marks where the catalog has them", () => {
    const facts = targetFacts("gemini", undefined, "claude-sonnet-4-6");
    for (const f of facts) expect(f.source, f.label).toMatch(/^https:\/\//);
    expect(facts.find((f) => f.label === "Minimum cache object (Gemini 2.5 Pro)")).toMatchObject({ value: "2,048 tokens", unverified: expect.any(String) });
    expect(facts.find((f) => f.label === "Prices per million tokens (Gemini 2.5 Pro)")!.value).toBe("input $1.25, cached read $0.125, storage $4.5 per hour, output $10");
    expect(facts.find((f) => f.label === "Cache creation")!.unverified).toContain("114069");
    expect(facts.find((f) => f.label === "Implicit caching")!.value).toContain("possible, not promised");
    expect(targetFacts("gemini", "gemini-2.5-flash", "x").find((f) => f.label.startsWith("Prices"))!.label).toBe("Prices per million tokens (Gemini 2.5 Flash)");
  });
});
