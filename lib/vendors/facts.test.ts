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
});
