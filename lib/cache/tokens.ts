// The one token estimator of CacheLab (docs/style.md habit 12), shared by the live preview, the analysis and
// the emulator. Claude's tokenizer is not public, so every count here is an estimate and the UI marks it with
// "≈". It is deterministic, allocation-light and linear in the text length.
//
// How it estimates: a BPE tokenizer like Claude's spends about one token on a short English word
// (with its leading space), one more per ~4 letters of a long word, one per punctuation mark, one
// per 1–3 digits, about one per non-Latin character, and one per run of indentation or newlines.
// On English prose this gives ~4.2 characters per token and on source code ~3.2, which is where
// Anthropic's own guidance ("about 3.5 characters per token") sits between.
import { type Tokens, tokens } from "./units";

const enum Ch {
  Space = 32,
  Tab = 9,
  Newline = 10,
  Return = 13,
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Estimated tokens of a piece of text. */
export function estimateTextTokens(text: string): Tokens {
  let count = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) {
      let j = i + 1;
      while (j < n && isLetter(text.charCodeAt(j))) j++;
      const len = j - i;
      count += len <= 6 ? 1 : Math.ceil(len / 4.5);
      i = j;
    } else if (isDigit(c)) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      count += Math.ceil((j - i) / 3);
      i = j;
    } else if (c === Ch.Space) {
      // A single space is absorbed by the following word; indentation costs about one token per 4.
      let j = i + 1;
      while (j < n && text.charCodeAt(j) === Ch.Space) j++;
      const run = j - i;
      if (run > 1) count += Math.ceil((run - 1) / 4);
      i = j;
    } else if (c === Ch.Newline || c === Ch.Return || c === Ch.Tab) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d !== Ch.Newline && d !== Ch.Return && d !== Ch.Tab) break;
        j++;
      }
      count += 1;
      i = j;
    } else if (c < 128) {
      count += 1; // punctuation and symbols
      i++;
    } else {
      // Non-ASCII: accented Latin letters mostly merge into words, CJK and emoji cost ~1 each.
      const isSurrogate = c >= 0xd800 && c <= 0xdbff;
      count += c < 0x0370 ? 0.5 : 1;
      i += isSurrogate ? 2 : 1;
    }
  }
  return tokens(Math.ceil(count));
}

/** Fixed estimates for content whose size CacheLab cannot see (it never fetches user URLs). */
export const IMAGE_URL_TOKENS = tokens(1_600); // ≈ a 1092×1092 image: (w·h)/750, the docs' largest unresized size
export const DOCUMENT_URL_TOKENS = tokens(3_000); // ≈ a short PDF; the real count depends on its pages
/** Per-block framing the API adds around content (role markers, block separators). */
export const BLOCK_OVERHEAD_TOKENS = tokens(3);
export const MESSAGE_OVERHEAD_TOKENS = tokens(4);
export const TOOL_OVERHEAD_TOKENS = tokens(8);
export const SYSTEM_OVERHEAD_TOKENS = tokens(3);
/** The API adds a small preamble to every request, even an empty one. */
export const REQUEST_OVERHEAD_TOKENS = tokens(7);

/**
 * Canonical JSON: object keys sorted, no whitespace. Used wherever two JSON values must compare or
 * hash equal regardless of key order (tool schemas, tool_use input).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value as Record<string, unknown>).sort();
  const parts: string[] = [];
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(",")}}`;
}
