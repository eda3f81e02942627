import { describe, expect, it } from "vitest";
import { usdPerMTok } from "@/lib/cache/units";
import { decodeUsage, detectUsageVendor } from "./usage-decoder";

const decoded = (input: unknown, options = {}) => {
  const r = decodeUsage(input, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe("decodeUsage", () => {
  it("Anthropic: input_tokens is the uncached tail; writes split by TTL (https://platform.claude.com/docs/en/build-with-claude/prompt-caching)", () => {
    const d = decoded({ input_tokens: 50, cache_read_input_tokens: 1000, cache_creation_input_tokens: 300, cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 }, output_tokens: 20 });
    expect(d.vendor).toBe("anthropic");
    expect(d.usage).toEqual({ uncached: 50, cacheRead: 1000, cacheWrite: { "5m": 100, "1h": 200 }, output: 20 });
    expect(d.warnings[0]).toContain("uncached part only");
  });

  it("says when cache_creation's split disagrees with cache_creation_input_tokens", () => {
    const d = decoded({ input_tokens: 1, cache_creation_input_tokens: 10, cache_creation: { ephemeral_5m_input_tokens: 4, ephemeral_1h_input_tokens: 0 }, output_tokens: 1 });
    expect(d.warnings.some((w) => w.includes("differ"))).toBe(true);
  });

  it("OpenAI Responses: cached_tokens and cache_write_tokens are inside input_tokens (https://developers.openai.com/api/docs/guides/prompt-caching#monitor-cache-performance)", () => {
    const d = decoded({ usage: { input_tokens: 10_000, input_tokens_details: { cached_tokens: 6000, cache_write_tokens: 3000 }, output_tokens: 50, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 10_050 } });
    expect(d.vendor).toBe("openai-responses");
    expect(d.usage).toEqual({ uncached: 1000, cacheRead: 6000, cacheWrite: { "30m": 3000 }, output: 50 });
    expect(d.warnings[0]).toContain("counts them twice");
  });

  it("OpenAI Chat: the same rule on prompt_tokens_details", () => {
    const d = decoded({ prompt_tokens: 2000, prompt_tokens_details: { cached_tokens: 1536 }, completion_tokens: 10 });
    expect(d.vendor).toBe("openai-chat");
    expect(d.usage.uncached).toBe(464);
  });

  it("refuses OpenAI usage whose cache counts exceed the input that contains them", () => {
    const r = decodeUsage({ input_tokens: 10, input_tokens_details: { cached_tokens: 20, cache_write_tokens: 0 }, output_tokens: 1 });
    expect(!r.ok && r.error.message).toContain("exceed input_tokens");
  });

  it("Gemini: cachedContentTokenCount is inside promptTokenCount; storage is cached tokens × hours (https://ai.google.dev/gemini-api/docs/caching)", () => {
    const d = decoded({ usageMetadata: { promptTokenCount: 5000, cachedContentTokenCount: 4096, candidatesTokenCount: 30, thoughtsTokenCount: 10, totalTokenCount: 5040 } }, { storageHours: 2 });
    expect(d.usage).toEqual({ uncached: 904, cacheRead: 4096, cacheWrite: {}, output: 40, storageTokenHours: 8192 });
  });

  it("Bedrock Converse: cacheDetails split writes by TTL; totalTokens tells whether inputTokens holds the cache counts", () => {
    const separate = decoded({ inputTokens: 12, outputTokens: 8, totalTokens: 12 + 8 + 100 + 300, cacheReadInputTokens: 100, cacheWriteInputTokens: 300, cacheDetails: [{ ttl: "1h", inputTokens: 300 }] });
    expect(separate.usage).toEqual({ uncached: 12, cacheRead: 100, cacheWrite: { "1h": 300 }, output: 8 });
    const inclusive = decoded({ inputTokens: 412, outputTokens: 8, totalTokens: 420, cacheReadInputTokens: 100, cacheWriteInputTokens: 300 });
    expect(inclusive.usage.uncached).toBe(12);
    expect(inclusive.formula[0]).toContain("inputTokens holds them");
  });

  it("prices each count once with the formula's prices", () => {
    const d = decoded(
      { input_tokens: 10_000, input_tokens_details: { cached_tokens: 6000, cache_write_tokens: 3000 }, output_tokens: 0 },
      { prices: { input: usdPerMTok(5), cacheRead: usdPerMTok(0.5), cacheWrite: { "30m": usdPerMTok(6.25) }, output: usdPerMTok(30) } },
    );
    expect(d.cost!.total).toBeCloseTo((1000 * 5 + 6000 * 0.5 + 3000 * 6.25) / 1e6, 12);
  });

  it("detects the vendor from field names and says what it could not read", () => {
    expect(detectUsageVendor({ inputTokens: 1 })).toBe("bedrock-converse");
    expect(detectUsageVendor({ foo: 1 })).toBeUndefined();
    const none = decodeUsage('{"foo": 1}');
    expect(!none.ok && none.error.message).toContain("pick the vendor");
    const bad = decodeUsage("{not json");
    expect(!bad.ok && bad.error.code).toBe("invalid_usage");
    const missing = decodeUsage({ output_tokens: 3 }, { vendor: "anthropic" });
    expect(!missing.ok && missing.error.message).toContain("input_tokens");
    const wrongType = decodeUsage({ input_tokens: "12", output_tokens: 1 }, { vendor: "anthropic" });
    expect(!wrongType.ok && wrongType.error.message).toContain("not a whole number");
  });
});
