import { describe, expect, it } from "vitest";
import { flattenPrefix, promptTokens } from "./prefix";
import type { PromptParts } from "./wire-types";

const parts = (over: Partial<PromptParts> = {}): PromptParts => ({
  tools: [{ name: "get_weather", description: "Weather for a city.", input_schema: { type: "object" } }],
  system: "You are terse.",
  messages: [
    { role: "user", content: [{ type: "text", text: "Hello there" }, { type: "text", text: "What is new?" }] },
    { role: "assistant", content: [{ type: "text", text: "Nothing much." }] },
  ],
  ...over,
});

describe("flattenPrefix", () => {
  it("walks tools, then system, then messages, one position per block", () => {
    const positions = flattenPrefix(parts());
    expect(positions.map((p) => p.path)).toEqual([
      "tools[0]",
      "system",
      "messages[0].content[0]",
      "messages[0].content[1]",
      "messages[1].content[0]",
    ]);
    expect(positions.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it("accumulates tokens so the last position is the prompt's total", () => {
    const positions = flattenPrefix(parts());
    let sum = 0;
    for (const p of positions) {
      sum += p.tokens;
      expect(p.cumulativeTokens).toBe(sum);
    }
    expect(promptTokens(parts())).toBe(sum);
  });

  it("hashes content without cache_control, so moving a marker keeps every prefix hash", () => {
    const plain = flattenPrefix(parts());
    const marked = flattenPrefix(
      parts({
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "Hello there", cache_control: { type: "ephemeral", ttl: "1h" } },
              { type: "text", text: "What is new?" },
            ],
          },
          { role: "assistant", content: [{ type: "text", text: "Nothing much." }] },
        ],
      }),
    );
    expect(marked.map((p) => p.prefixHash)).toEqual(plain.map((p) => p.prefixHash));
    expect(marked[2]!.cacheControl).toEqual({ type: "ephemeral", ttl: "1h" });
    expect(plain[2]!.cacheControl).toBeNull();
  });

  it("changes every hash at and after an edited block, and none before it", () => {
    const before = flattenPrefix(parts());
    const after = flattenPrefix(parts({ system: "You are verbose." }));
    expect(after[0]!.prefixHash).toBe(before[0]!.prefixHash);
    for (let i = 1; i < before.length; i++) expect(after[i]!.prefixHash).not.toBe(before[i]!.prefixHash);
  });

  it("separates models and scopes through the seed", () => {
    expect(flattenPrefix(parts(), "a")[0]!.prefixHash).not.toBe(flattenPrefix(parts(), "b")[0]!.prefixHash);
  });

  it("treats the same text from another role as another prefix", () => {
    const asUser = flattenPrefix({ messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });
    const asAssistant = flattenPrefix({ messages: [{ role: "assistant", content: [{ type: "text", text: "hi" }] }] });
    expect(asUser[0]!.prefixHash).not.toBe(asAssistant[0]!.prefixHash);
  });

  it("gives a prefix the same tokens whatever follows it", () => {
    const short = flattenPrefix(parts());
    const longer = flattenPrefix(
      parts({ messages: [...parts().messages, { role: "user", content: [{ type: "text", text: "And more." }] }] }),
    );
    for (let i = 0; i < short.length; i++) expect(longer[i]!.cumulativeTokens).toBe(short[i]!.cumulativeTokens);
  });
});
