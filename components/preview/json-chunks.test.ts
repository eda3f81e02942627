import { describe, expect, it } from "vitest";
import { chunkLines, MAX_CHUNK_LINES, MIN_CHUNK_LINES } from "./json-chunks";

/** A request-like body: many messages of distinct text blocks. */
function body(messages: number, extra?: (i: number) => Record<string, unknown>) {
  return {
    model: "claude-sonnet-4-6",
    messages: Array.from({ length: messages }, (_, i) => ({
      role: i % 2 ? "assistant" : "user",
      content: [{ type: "text", text: `Part ${i}. Some words that make a long line.`, ...extra?.(i) }],
    })),
  };
}
const pretty = (v: unknown) => JSON.stringify(v, null, 2);

describe("chunkLines", () => {
  it("splits on whole lines and joins back to the same text", () => {
    const text = pretty(body(60));
    const chunks = chunkLines(text);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.map((c) => c.text).join("")).toBe(text);
    for (const c of chunks.slice(0, -1)) {
      expect(c.text.endsWith("\n")).toBe(true);
      expect(c.lines).toBe(c.text.split("\n").length - 1);
      expect(c.lines).toBeGreaterThanOrEqual(MIN_CHUNK_LINES);
      expect(c.lines).toBeLessThanOrEqual(MAX_CHUNK_LINES);
    }
  });

  it("keeps short and empty text as one chunk", () => {
    expect(chunkLines("{}")).toEqual([{ text: "{}", lines: 1 }]);
    expect(chunkLines("")).toEqual([{ text: "", lines: 1 }]);
  });

  it("cuts a long run with no eligible line at the maximum", () => {
    const text = pretty(Array.from({ length: 1000 }, (_, i) => i));
    const chunks = chunkLines(text);
    expect(chunks.map((c) => c.text).join("")).toBe(text);
    expect(chunks[0]!.lines).toBe(MAX_CHUNK_LINES);
  });

  it("after lines are added near the top, the later chunks keep their text", () => {
    const before = chunkLines(pretty(body(60)));
    const after = chunkLines(pretty(body(60, (i) => (i === 2 ? { cache_control: { type: "ephemeral", ttl: "5m" } } : {}))));
    const kept = new Set(before.map((c) => c.text));
    const changed = after.filter((c) => !kept.has(c.text));
    expect(changed.length).toBeLessThanOrEqual(2);
    expect(after.slice(-5).every((c) => kept.has(c.text))).toBe(true);
  });
});
