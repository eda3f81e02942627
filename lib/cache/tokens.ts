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

/**
 * How far real counts fall from this estimate, as real ÷ estimate, measured on 2026-11-30 against the
 * 60 requests of 500+ real tokens (of 88 the estimator can model: text, tool use and results, custom
 * tools) that pydantic/pydantic-ai's VCR cassettes record with the real API's `usage` or
 * `count_tokens` answer (commit 4fda389, https://github.com/pydantic/pydantic-ai/tree/main/tests):
 * from 0.69 to 1.06, median 0.95. The estimate runs high more often than low; the low end comes from
 * tool-using requests recorded when the tool-use system prompt was smaller than the table now says.
 * `scripts/measure-token-band.ts` reproduces it from a checkout. Below 500 tokens the fixed framing
 * dominates and the estimate is further off (0.53–1.06), but no minimum is that small.
 */
export const ESTIMATE_BAND = { low: 0.69, high: 1.06, sample: 60, measuredOn: "2026-11-30" } as const;

/** The band in one sentence, for the UI and `cachelab lint` (ends without a period). */
export const ESTIMATE_BAND_SENTENCE = `Token counts are estimates: real counts ran ${ESTIMATE_BAND.low}× to ${ESTIMATE_BAND.high}× of them on ${ESTIMATE_BAND.sample} requests recorded from the API`;

/** Where an estimated prefix stands against the model's minimum, given the estimate's band. */
export type MinimumVerdict = "reaches" | "near" | "below";

/**
 * "reaches" when even the band's low end reaches the minimum, "below" when even its high end falls
 * short, "near" (may not cache) in between. An exact count (from a count-tokens endpoint) has no band.
 */
export function minimumVerdict(prefixTokens: number, minTokens: number, exact = false): MinimumVerdict {
  if (exact) return prefixTokens >= minTokens ? "reaches" : "below";
  if (prefixTokens * ESTIMATE_BAND.low >= minTokens) return "reaches";
  if (prefixTokens * ESTIMATE_BAND.high < minTokens) return "below";
  return "near";
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
 * Claude Opus 4.7 and later (Fable 5, Mythos 5 too) use a tokenizer that "produces roughly 30
 * percent more tokens than models before Claude Opus 4.7 for the same text"
 * (https://platform.claude.com/docs/en/build-with-claude/token-counting, read 2026-11-30).
 */
export const NEWER_TOKENIZER_SCALE = 1.3;

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
