// Token counts of Gemini contents, system instruction and tools: the one estimate the Gemini target's preview
// and the emulator's cachedContents / generateContent share, so a cache object's size means the same in both.
// CacheLab's text estimator (lib/cache/tokens.ts), not Gemini's tokenizer: counts are "≈".
import { BLOCK_OVERHEAD_TOKENS, DOCUMENT_URL_TOKENS, IMAGE_URL_TOKENS, MESSAGE_OVERHEAD_TOKENS, REQUEST_OVERHEAD_TOKENS, SYSTEM_OVERHEAD_TOKENS, TOOL_OVERHEAD_TOKENS, canonicalJson, estimateTextTokens } from "@/lib/cache/tokens";
import { type Tokens, tokens } from "@/lib/cache/units";
import type { GeminiContent, GeminiPart, GeminiTool } from "./gemini-wire";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

function partTokens(part: GeminiPart | unknown): number {
  if (!isObject(part)) return BLOCK_OVERHEAD_TOKENS;
  if (typeof part.text === "string") return estimateTextTokens(part.text) + BLOCK_OVERHEAD_TOKENS;
  if (isObject(part.fileData)) return (String(part.fileData.mimeType ?? "").startsWith("image/") ? IMAGE_URL_TOKENS : DOCUMENT_URL_TOKENS) + BLOCK_OVERHEAD_TOKENS;
  if (isObject(part.inlineData)) return (String(part.inlineData.mimeType ?? "").startsWith("image/") ? IMAGE_URL_TOKENS : DOCUMENT_URL_TOKENS) + BLOCK_OVERHEAD_TOKENS;
  return estimateTextTokens(canonicalJson(part)) + BLOCK_OVERHEAD_TOKENS;
}

export function contentTokens(content: GeminiContent | unknown): number {
  if (!isObject(content) || !Array.isArray(content.parts)) return MESSAGE_OVERHEAD_TOKENS;
  return MESSAGE_OVERHEAD_TOKENS + content.parts.reduce((sum: number, p) => sum + partTokens(p), 0);
}

export function systemTokens(system: GeminiContent | unknown): number {
  if (system === undefined || system === null) return 0;
  if (typeof system === "string") return estimateTextTokens(system) + SYSTEM_OVERHEAD_TOKENS;
  return contentTokens(system) - MESSAGE_OVERHEAD_TOKENS + SYSTEM_OVERHEAD_TOKENS;
}

export function toolsTokens(tools: GeminiTool[] | unknown): number {
  if (!Array.isArray(tools)) return 0;
  let sum = 0;
  for (const tool of tools) {
    if (isObject(tool) && Array.isArray(tool.functionDeclarations)) {
      for (const f of tool.functionDeclarations) sum += estimateTextTokens(canonicalJson(f)) + TOOL_OVERHEAD_TOKENS;
    } else sum += estimateTextTokens(canonicalJson(tool)) + TOOL_OVERHEAD_TOKENS;
  }
  return sum;
}

/** A content list as an SDK may pass it: one Content, a list of them, or a string (one user text part). */
export function normalizeContents(value: unknown): GeminiContent[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [{ role: "user", parts: [{ text: value }] }];
  if (Array.isArray(value)) return value.flatMap((v) => normalizeContents(v));
  if (isObject(value) && Array.isArray(value.parts)) return [value as unknown as GeminiContent];
  return [];
}

/** Tokens of a cache object (or of everything before the request's own contents). */
export function cachedPartTokens(part: { systemInstruction?: unknown; tools?: unknown; contents?: unknown }): Tokens {
  return tokens(systemTokens(part.systemInstruction) + toolsTokens(part.tools) + normalizeContents(part.contents).reduce((s, c) => s + contentTokens(c), 0));
}

/** The request's framing: counted once per generateContent, never part of a cache object. */
export const GEMINI_REQUEST_OVERHEAD_TOKENS = REQUEST_OVERHEAD_TOKENS;
