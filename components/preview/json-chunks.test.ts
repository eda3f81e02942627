import { describe, expect, it } from "vitest";
import { chunkLines } from "./json-chunks";

describe("chunkLines", () => {
  it("splits on whole lines and joins back to the same text", () => {
    const text = JSON.stringify({ a: Array.from({ length: 50 }, (_, i) => i) }, null, 2);
    const chunks = chunkLines(text, 7);
    expect(chunks.map((c) => c.text).join("")).toBe(text);
    expect(chunks.slice(0, -1).every((c) => c.text.endsWith("\n") && c.lines === 7)).toBe(true);
  });
  it("keeps short and empty text as one chunk", () => {
    expect(chunkLines("{}")).toEqual([{ text: "{}", lines: 1 }]);
    expect(chunkLines("")).toEqual([{ text: "", lines: 1 }]);
  });
});
