import { describe, expect, it } from "vitest";
import { canonicalJson, estimateTextTokens } from "./tokens";

describe("estimateTextTokens", () => {
  it("is deterministic and grows with the text", () => {
    const text = "The quick brown fox jumps over the lazy dog.";
    expect(estimateTextTokens(text)).toBe(estimateTextTokens(text));
    expect(estimateTextTokens(text + text)).toBeGreaterThan(estimateTextTokens(text));
  });

  it("lands near 4 characters per token on English prose", () => {
    const prose =
      "Prompt caching lets the API reuse the processed prefix of a prompt. When the same system prompt, " +
      "tools and early messages are sent again within the cache lifetime, the request reads them from the " +
      "cache instead of processing them anew, which costs a tenth of the base input price.";
    const ratio = prose.length / estimateTextTokens(prose);
    expect(ratio).toBeGreaterThan(3.4);
    expect(ratio).toBeLessThan(5);
  });

  it("counts nothing for empty text", () => {
    expect(estimateTextTokens("")).toBe(0);
  });
});

describe("canonicalJson", () => {
  it("ignores key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }));
  });
});
