// The reply quotes the start of the last user text with its whitespace collapsed (reply.ts). It is
// collapsed only as far as the quote needs; that must quote exactly what collapsing all of it does.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapsedHead, replyTo } from "./reply";

const collapsed = (text: string) => text.replace(/\s+/g, " ").trim();
/** What collapsedHead promises: the whole collapsed text, or its first limit + 1 characters when longer. */
const expected = (text: string, limit: number) => {
  const all = collapsed(text);
  return all.length > limit ? all.slice(0, limit + 1) : all;
};
const PIECES = ["a", "word", "longerword", " ", "  ", "\n", "\t \n", " ".repeat(400), "\u00a0", "\u2028", "é", "\uD83D\uDE00", "x".repeat(90)];

describe("collapsedHead", () => {
  it("is the collapsed text's start, for any text and limit", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 200 }), fc.integer({ min: 0, max: 120 }), (pieces, limit) => {
        const text = pieces.join("");
        expect(collapsedHead(text, limit)).toBe(expected(text, limit));
      }),
      { numRuns: 500 },
    );
  });
  it("a whitespace run across the first window's end, and one that runs to the end of the text", () => {
    const across = `${"w ".repeat(150)}${" ".repeat(1000)}tail`;
    expect(collapsedHead(across, 80)).toBe(expected(across, 80));
    const trailing = `${"a".repeat(80)}${" ".repeat(5000)}`;
    expect(collapsedHead(trailing, 80)).toBe("a".repeat(80));
    const leading = `${"\n".repeat(5000)}${"word ".repeat(40)}`;
    expect(collapsedHead(leading, 80)).toBe(expected(leading, 80));
  });
  it("gives replyTo the same quote of a long text as the whole text collapsed", () => {
    const text = `  Please   summarise\n\nthe following:\t${"the cache keeps long prefixes warm ".repeat(2000)}`;
    expect(replyTo(text, 256).text).toBe(`Emulated reply from CacheLab. You said: "${collapsed(text).slice(0, 80)}…"`);
  });
});
