import { describe, expect, it } from "vitest";
import { flattenPrefix, hashString, promptTokens, textHash, textTokens } from "./prefix";
import { estimateTextTokens } from "./tokens";
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

// The memo of long texts buckets them by length and a few slices (prefix.ts memoText); texts that
// share all of those but differ elsewhere must still get their own counts and hashes.
describe("textTokens / textHash memo", () => {
  const word = (i: number) => (i % 7 === 0 ? "prefix" : "cache");
  const long = (flip: number) => Array.from({ length: 400 }, (_, i) => (i === flip ? "x" : word(i))).join(" ");
  it("tells apart long texts of one length that share their start, middle and end", () => {
    const a = long(50);
    const b = long(300);
    expect(a.length).toBe(b.length);
    expect(a.slice(0, 40)).toBe(b.slice(0, 40));
    expect(a.slice(-40)).toBe(b.slice(-40));
    for (const text of [a, b, a, b, `${a}`.slice(0)]) {
      expect(textHash(text)).toBe(hashString(text));
      expect(textTokens(text)).toBe(estimateTextTokens(text));
    }
    expect(textHash(a)).not.toBe(textHash(b));
  });
  it("answers a fresh copy of a remembered text (a parsed body) as the text itself", () => {
    const text = long(-1);
    const copy = JSON.parse(JSON.stringify(text)) as string;
    expect(textHash(text)).toBe(hashString(text));
    expect(textHash(copy)).toBe(hashString(text));
    expect(textTokens(copy)).toBe(estimateTextTokens(text));
  });
  it("stays right past its size bound", () => {
    for (let i = 0; i < 5000; i++) {
      const text = `${i} ${long(i % 400)}`;
      if (i % 997 === 0) expect(textHash(text)).toBe(hashString(text));
    }
    expect(textTokens(long(3))).toBe(estimateTextTokens(long(3)));
  });
});
