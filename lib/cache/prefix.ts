// The cached prefix as Anthropic sees it: tools → system → messages, one "position" per block
// (docs/reference/anthropic-caching.md §1.2, §1.4). The analysis, the preview and the emulator all walk
// prompts through this one function, so "block 12" means the same thing everywhere.
import {
  BLOCK_OVERHEAD_TOKENS,
  DOCUMENT_URL_TOKENS,
  IMAGE_URL_TOKENS,
  MESSAGE_OVERHEAD_TOKENS,
  REQUEST_OVERHEAD_TOKENS,
  SYSTEM_OVERHEAD_TOKENS,
  TOOL_OVERHEAD_TOKENS,
  canonicalJson,
  estimateTextTokens,
} from "./tokens";
import { type RequestPath, requestPath } from "./paths";
import { DEFAULT_TTL } from "./rules";
import { type Tokens, tokens } from "./units";
import type { CacheControl, Ttl } from "./wire-types";

export type PositionSection = "tools" | "system" | "messages";

export interface PrefixPosition {
  /** 0-based index in prefix order. */
  index: number;
  section: PositionSection;
  /** The block as sent, e.g. "tools[1]", "system[0]", "messages[2].content[1]". */
  path: RequestPath;
  /** Index of the message for a message block, else -1. */
  messageIndex: number;
  /** Index of the block within its message or section. */
  blockIndex: number;
  /** Block type ("text", "tool", "tool_result", …). */
  type: string;
  /** Estimated tokens this block adds to the prompt (with its framing). */
  tokens: Tokens;
  /** Estimated tokens of the prefix up to and including this block. */
  cumulativeTokens: Tokens;
  /** The block's cache_control, if any, exactly as sent. */
  cacheControl: CacheControl | null;
  /** Hash of this block's content without cache_control. */
  contentHash: string;
  /** Hash of the whole prefix up to and including this block (chained over content hashes). */
  prefixHash: string;
}

/** A short, stable, non-cryptographic 64-bit hash (two 32-bit FNV-1a lanes) as 16 hex digits. */
export function hashString(input: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= input.length;
  h2 = Math.imul(h2 ^ (h1 >>> 13), 0x85ebca6b);
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

function withoutCacheControl(block: unknown): unknown {
  if (block === null || typeof block !== "object" || Array.isArray(block)) return block;
  const { cache_control: _ignored, ...rest } = block as Record<string, unknown>;
  return rest;
}

/** Estimated tokens of one content block (without message framing). */
export function blockTokens(block: unknown): Tokens {
  if (typeof block === "string") return tokens(textTokens(block) + BLOCK_OVERHEAD_TOKENS);
  if (block === null || typeof block !== "object") return tokens(BLOCK_OVERHEAD_TOKENS);
  const b = block as Record<string, unknown>;
  switch (b.type) {
    case "text":
      return tokens(textTokens(String(b.text ?? "")) + BLOCK_OVERHEAD_TOKENS);
    case "image":
      return tokens(IMAGE_URL_TOKENS + BLOCK_OVERHEAD_TOKENS);
    case "document": {
      const source = b.source as Record<string, unknown> | undefined;
      if (source?.type === "text") return tokens(estimateTextTokens(String(source.data ?? "")) + BLOCK_OVERHEAD_TOKENS);
      return tokens(DOCUMENT_URL_TOKENS + BLOCK_OVERHEAD_TOKENS);
    }
    case "tool_result": {
      const content = b.content;
      let inner = 0;
      if (typeof content === "string") inner = estimateTextTokens(content);
      else if (Array.isArray(content)) for (const c of content) inner += blockTokens(c);
      return tokens(inner + estimateTextTokens(String(b.tool_use_id ?? "")) + BLOCK_OVERHEAD_TOKENS);
    }
    case "tool_use":
      return tokens(
        estimateTextTokens(String(b.name ?? "")) +
          estimateTextTokens(canonicalJson(b.input ?? {})) +
          estimateTextTokens(String(b.id ?? "")) +
          BLOCK_OVERHEAD_TOKENS,
      );
    case "thinking":
      return tokens(estimateTextTokens(String(b.thinking ?? "")) + BLOCK_OVERHEAD_TOKENS);
    default:
      return tokens(estimateTextTokens(canonicalJson(withoutCacheControl(b))) + BLOCK_OVERHEAD_TOKENS);
  }
}

/** Estimated tokens of one tool definition. */
export function toolTokens(tool: unknown): Tokens {
  if (tool === null || typeof tool !== "object") return tokens(TOOL_OVERHEAD_TOKENS);
  const t = tool as Record<string, unknown>;
  if (typeof t.type === "string" && t.input_schema === undefined) {
    // A server tool (web_search, code_execution…): the API expands it into its own definition.
    return tokens(estimateTextTokens(canonicalJson(withoutCacheControl(t))) + TOOL_OVERHEAD_TOKENS);
  }
  return tokens(
    estimateTextTokens(String(t.name ?? "")) +
      textTokens(String(t.description ?? "")) +
      estimateTextTokens(canonicalJson(t.input_schema ?? {})) +
      TOOL_OVERHEAD_TOKENS,
  );
}

function cacheControlOf(block: unknown): CacheControl | null {
  if (block === null || typeof block !== "object") return null;
  const cc = (block as Record<string, unknown>).cache_control;
  if (cc === null || cc === undefined || typeof cc !== "object") return null;
  return cc as CacheControl;
}

/** The TTL a cache_control means: "5m" unless it says "1h". */
export function ttlOf(cc: CacheControl): Ttl {
  return cc.ttl === "1h" ? "1h" : DEFAULT_TTL;
}

// The live preview re-walks the whole prompt on every keystroke, and a 150k-token prompt spends most
// of that walk estimating and hashing text that did not change. Both results depend only on the text,
// and an unchanged block keeps the same string between edits, so a bounded memo keyed by the string
// makes them O(1) for it (V8 caches a string's hash on the string itself). Results are unchanged:
// this is a cache of a pure function, not state.
// A long text that arrives anew each time (the emulator parses every request body) has no cached
// hash, and keying the Map by it would make V8 hash all of it first, which costs more than the rest
// of the emulator's walk (bench/emulator.bench.ts): long texts are bucketed by their length and a few
// slices, and found by `===`, which compares the whole text at memory speed.
const TEXT_MEMO_LIMIT = 4096;
const SHORT_TEXT = 256;
interface TextFacts {
  text: string;
  tokens: Tokens;
  hash: string;
}
const textMemo = new Map<string, TextFacts[]>();
let textMemoSize = 0;

function memoBucketKey(text: string): string {
  const n = text.length;
  if (n <= SHORT_TEXT) return text;
  const mid = n >> 1;
  return `${n}|${text.slice(0, 32)}|${text.slice(mid - 16, mid + 16)}|${text.slice(n - 32)}`;
}

function memoText(text: string): TextFacts {
  const key = memoBucketKey(text);
  let bucket = textMemo.get(key);
  const hit = bucket?.find((facts) => facts.text === text);
  if (hit !== undefined) return hit;
  if (textMemoSize >= TEXT_MEMO_LIMIT) {
    textMemo.clear();
    textMemoSize = 0;
    bucket = undefined;
  }
  const facts = { text, tokens: estimateTextTokens(text), hash: hashString(text) };
  if (bucket === undefined) textMemo.set(key, [facts]);
  else bucket.push(facts);
  textMemoSize++;
  return facts;
}

/** Estimated tokens of a text, memoised (see above). */
export function textTokens(text: string): Tokens {
  return memoText(text).tokens;
}

/** Hash of a text, memoised (see above): the emulator keys long strings by it. */
export function textHash(text: string): string {
  return memoText(text).hash;
}

/**
 * Hash of a block's content without its cache_control. A text block hashes its other keys plus the
 * memoised hash of its text; any other block hashes its canonical JSON.
 */
function blockContentHash(section: PositionSection, block: unknown): string {
  const wrapped = block !== null && typeof block === "object" && "role" in block && "block" in block;
  const inner = wrapped ? (block as { block: unknown }).block : block;
  const role = wrapped ? String((block as { role: unknown }).role) : "";
  if (inner !== null && typeof inner === "object" && (inner as { type?: unknown }).type === "text") {
    const { text, cache_control: _cc, ...rest } = inner as Record<string, unknown>;
    const restKeys = Object.keys(rest).length === 1 ? "" : canonicalJson(rest);
    return hashString(`${section}|${role}|text|${restKeys}|${memoText(String(text ?? "")).hash}`);
  }
  return hashString(`${section}|${role}|${canonicalJson(withoutCacheControl(inner))}`);
}

/**
 * What the estimate needs to know about the model (catalog `tokenModelFor`): the tool-use system
 * prompt the API adds whenever tools are present, and the tokenizer's size relative to the one the
 * estimator is tuned for (docs/reference/anthropic-caching.md §2: Claude 4.7 and later make ~30% more tokens).
 */
export interface TokenModel {
  toolPromptTokens?: number;
  scale?: number;
}

/**
 * What the walk reads of a request: any tools, system and messages, as built (PromptParts) or as a
 * server received and checked them (the emulator), so neither has to pretend to be the other.
 */
export interface PrefixParts {
  tools?: readonly unknown[];
  system?: string | readonly { type: unknown }[];
  messages: readonly { role: string; content: string | readonly unknown[] }[];
}

/**
 * Flattens a prompt into prefix positions with cumulative token counts and chained hashes.
 * `scopeSeed` (model, scope) is mixed into the first hash so prefixes of different models never match.
 * `tokens` sizes the counts for the model (its tokenizer and tool-use prompt, catalog `tokenModelFor`).
 * `hashes: false` skips the hashing (contentHash and prefixHash are then ""), for a caller that keys
 * the blocks itself (the emulator keys them as sent: lib/emulator/engine/keys.ts).
 */
export function flattenPrefix(parts: PrefixParts, scopeSeed = "", options: { hashes?: boolean; tokens?: TokenModel } = {}): PrefixPosition[] {
  const hashes = options.hashes !== false;
  const model = options.tokens ?? {};
  const out: PrefixPosition[] = [];
  const scale = model.scale ?? 1;
  // The tool-use system prompt comes before everything the request sends, so it counts in every prefix.
  const leading = REQUEST_OVERHEAD_TOKENS + ((parts.tools?.length ?? 0) > 0 ? (model.toolPromptTokens ?? 0) : 0);
  let cumulative = 0;
  let chain = hashString(`cachelab-prefix|${scopeSeed}`);

  const push = (
    section: PositionSection,
    path: RequestPath,
    messageIndex: number,
    blockIndex: number,
    type: string,
    ownTokens: number,
    block: unknown,
  ) => {
    if (scale !== 1) ownTokens = Math.round(ownTokens * scale);
    if (out.length === 0) ownTokens += leading;
    cumulative += ownTokens;
    const contentHash = hashes ? blockContentHash(section, block) : "";
    if (hashes) chain = hashString(`${chain}|${contentHash}`);
    out.push({
      index: out.length,
      section,
      path,
      messageIndex,
      blockIndex,
      type,
      tokens: tokens(ownTokens),
      cumulativeTokens: tokens(cumulative),
      cacheControl: cacheControlOf(block),
      contentHash,
      prefixHash: hashes ? chain : "",
    });
  };

  (parts.tools ?? []).forEach((tool, i) => {
    push("tools", requestPath.tool(i), -1, i, "tool", toolTokens(tool), tool);
  });

  const system = parts.system;
  if (typeof system === "string") {
    if (system !== "") {
      push("system", requestPath.system(false), -1, 0, "text", blockTokens(system) + SYSTEM_OVERHEAD_TOKENS, { type: "text", text: system });
    }
  } else if (Array.isArray(system)) {
    system.forEach((block, i) => {
      push("system", requestPath.systemBlock(i), -1, i, String(block.type), blockTokens(block) + (i === 0 ? SYSTEM_OVERHEAD_TOKENS : 0), block);
    });
  }

  parts.messages.forEach((message, m) => {
    const roleTag = { role: message.role };
    if (typeof message.content === "string") {
      // The API turns string content into one text block: hash it exactly as that block would be.
      push("messages", requestPath.stringContent(m), m, 0, "text", blockTokens(message.content) + MESSAGE_OVERHEAD_TOKENS, {
        ...roleTag,
        block: { type: "text", text: message.content },
      });
      return;
    }
    message.content.forEach((block, b) => {
      const framing = b === 0 ? MESSAGE_OVERHEAD_TOKENS : 0;
      // The role is part of what a block means: the same text from the assistant is a different prefix.
      const hashed = b === 0 ? { ...roleTag, block: withoutCacheControl(block) } : block;
      const type = typeof block === "object" && block !== null ? String((block as { type?: unknown }).type) : "unknown";
      push("messages", requestPath.block(m, b), m, b, type, blockTokens(block) + framing, hashed);
      // Keep the real cache_control visible even though the hashed value is wrapped.
      const last = out[out.length - 1]!;
      last.cacheControl = cacheControlOf(block);
    });
  });

  return out;
}

/** Total estimated input tokens of a prompt: what count_tokens answers for it. */
export function promptTokens(parts: PrefixParts, model: TokenModel = {}): Tokens {
  const positions = flattenPrefix(parts, "", { tokens: model });
  return positions.length ? positions[positions.length - 1]!.cumulativeTokens : tokens(REQUEST_OVERHEAD_TOKENS);
}
