import { describe, expect, it } from "vitest";
import { BEDROCK_CONVERSE, GEMINI, OPENAI, type VendorFact } from "./catalog";

function facts(table: Record<string, unknown>): [string, VendorFact<unknown>][] {
  return Object.entries(table).filter((entry): entry is [string, VendorFact<unknown>] => {
    const v = entry[1];
    return v !== null && typeof v === "object" && "value" in v && "source" in v;
  });
}

describe("the vendor catalog", () => {
  it("gives every number a source and a date, and says how it was checked or why it is unverified", () => {
    const all = [...facts(OPENAI), ...facts(BEDROCK_CONVERSE), ...facts(GEMINI), ...OPENAI.models.map((m) => [m.id, m.prices] as [string, VendorFact<unknown>]), ...GEMINI.models.flatMap((m) => [[`${m.id} prices`, m.prices], [`${m.id} minimum`, m.minCacheableTokens]] as [string, VendorFact<unknown>][])];
    expect(all.length).toBeGreaterThan(20);
    for (const [name, f] of all) {
      expect(f.source, name).toMatch(/^(https:\/\/|docs\/reference\/)/);
      expect(f.date, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(f.checked !== undefined || f.unverified !== undefined, name).toBe(true);
    }
  });

  it("marks what docs/reference/vendors.md marks unverified", () => {
    // vendors.md §2: the two lookup readings disagree; §3: Nova's numbers are a third-party copy; §1: Gemini's explicit minimum conflicts.
    expect(OPENAI.lookup.unverified).toContain("80 breakpoints");
    expect(BEDROCK_CONVERSE.novaMinCacheableTokens.unverified).toBeDefined();
    for (const m of GEMINI.models) expect(m.minCacheableTokens.unverified, m.id).toBeDefined();
    expect(GEMINI.creationAtInputPrice.unverified).toContain("114069");
  });

  it("holds OpenAI's documented numbers (https://developers.openai.com/api/docs/guides/prompt-caching)", () => {
    expect(OPENAI.minCacheableTokens.value).toBe(1024);
    expect(OPENAI.lifetimeMinutes.value).toBe(30);
    expect([OPENAI.writeSlots.value, OPENAI.explicitWritesInImplicitMode.value, OPENAI.explicitWritesInExplicitMode.value]).toEqual([4, 3, 4]);
    expect(OPENAI.lookup.value).toEqual({ firstExplicit: 2, latestExplicit: 50, earlierMessageEndings: 20, initialDeveloperBlock: true });
    expect(OPENAI.diagnosticReasons.value).toHaveLength(9);
  });
});
