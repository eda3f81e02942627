// The rules of Anthropic's prompt cache and the refusals of Pydantic AI v1.74.0 that more than one
// part of CacheLab applies: the builder, the analysis, the emulator, the run explanations, the CLI
// and the UI import them from here, so each number and each error text is written once.
import type { Ttl } from "./wire-types";

// --- Anthropic's prompt cache (docs/reference/anthropic-caching.md §1) -----------------------------

/** "You can define up to 4 cache breakpoints" per request, tools + system + messages (§1.3). */
export const MAX_BREAKPOINTS = 4;

/** The API's 400 for more than MAX_BREAKPOINTS blocks with cache_control, word for word (§1.3). */
export function tooManyBreakpointsMessage(found: number): string {
  return `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${found}.`;
}

/** "The system checks at most 20 positions per breakpoint, counting the breakpoint itself as the first" (§1.4). */
export const LOOKBACK_POSITIONS = 20;

/** `cache_control` without `ttl` means 5 minutes (§1.6); a Pydantic AI setting of `true` too. */
export const DEFAULT_TTL: Ttl = "5m";

/** How long an entry lives after the start of the request that wrote or last read it (§1.6). */
export const TTL_SECONDS: Readonly<Record<Ttl, number>> = { "5m": 300, "1h": 3600 };

export const TTL_MS: Readonly<Record<Ttl, number>> = { "5m": TTL_SECONDS["5m"] * 1000, "1h": TTL_SECONDS["1h"] * 1000 };

/**
 * "Cache entries with longer TTL must appear before shorter TTLs", in tools → system → messages
 * order (§1.6): the index of the first 1h breakpoint after a 5m one, or -1 when the order is valid.
 */
export function ttlOrderViolation(ttlsInPrefixOrder: readonly Ttl[]): number {
  let sawFiveMinute = false;
  for (let i = 0; i < ttlsInPrefixOrder.length; i++) {
    if (ttlsInPrefixOrder[i] === "5m") sawFiveMinute = true;
    else if (sawFiveMinute) return i;
  }
  return -1;
}

/**
 * The API's 400 for a TTL-order violation (§1.6). `where` is the offending cache_control as the API
 * writes it: "messages.0.content.4.cache_control", or "cache_control" for the top-level one.
 */
export function ttlOrderMessage(where: string): string {
  return `${where}.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: \`tools\`, \`system\`, \`messages\`.`;
}

/**
 * The API's 400s for request shapes the builder can produce, as the emulator returns them: messages is
 * required and holds at least one message (docs/reference/anthropic-caching.md §5.3), and text blocks,
 * also inside a tool_result, must hold text (§1.10, quoted from real responses), and a tool_result answers
 * a tool_use of the message before it.
 */
export const API_ERRORS = {
  noMessages: "messages: List should have at least 1 item after validation, not 0",
  emptyText: (section: "messages" | "system") => `${section}: text content blocks must be non-empty`,
  /** §1.10 quotes this one from an emulator's code only; CacheLab's emulator refuses it the same way. */
  blankText: (section: "messages" | "system") => `${section}: text content blocks must contain non-whitespace text`,
  /** `where` as the API writes it: "messages.0.content.1.text", "system.0". */
  emptyTextCacheControl: (where: string) => `${where}: cache_control cannot be set for empty text blocks`,
  /**
   * A tool_result whose tool_use_id no tool_use in the message before it carries. Quoted from real API
   * responses: https://github.com/anthropics/claude-code/issues/10834,
   * https://github.com/continuedev/continue/issues/4751. `where` is the block: "messages.2.content.0".
   */
  orphanToolResult: (where: string, toolUseId: string) =>
    `${where}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${toolUseId}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
} as const;

// --- Pydantic AI (docs/reference/pydantic-ai-caching.md for v1.74.0, docs/reference/pydantic-ai-2.md after) ---

/** Pydantic AI's `max_tokens` default (§1.1). */
export const DEFAULT_MAX_TOKENS = 4096;
/** The largest max_tokens a document may hold: far above any model's output limit (catalog maxOutputTokens), which is flagged, not refused. 0 pre-warms (docs/reference/anthropic-caching.md §1.11). */
export const MAX_TOKENS_CEILING = 1_000_000;

/** The model an experiment uses when it names none (docs/design.md §3). */
export const DEFAULT_MODEL_ID = "claude-sonnet-4-6";

/** Block types Pydantic AI lets carry cache_control (§6.3, `_ANTHROPIC_CACHEABLE_PARAM_TYPES`). */
export const CACHEABLE_BLOCK_TYPES: ReadonlySet<string> = new Set(["text", "tool_use", "server_tool_use", "image", "tool_result", "document"]);

/** The errors Pydantic AI raises while mapping a request, word for word. */
export const PYDANTIC_AI_ERRORS = {
  /** docs/reference/pydantic-ai-caching.md §6.3. */
  cachePointFirst:
    "CachePoint cannot be the first content in a user message - there must be previous content to attach the CachePoint to. To cache system instructions or tool definitions, use the `anthropic_cache_instructions` or `anthropic_cache_tool_definitions` settings instead.",
  /** docs/reference/pydantic-ai-caching.md §6.3. */
  notCacheable: (type: string) => `Cache control not supported for param type: ${type}`,
  /**
   * docs/reference/pydantic-ai-caching.md §1.3; the word changed from "Built-in" to "Native" after
   * v1.74.0 (A 1078 at v1.107.5, A 1522 at v2.33.0).
   */
  memoryToolMissing: (word: "Built-in" | "Native") => `${word} \`MemoryTool\` requires a 'memory' tool to be defined.`,
  /** `_build_automatic_cache_control` (A 2361 at v2.33.0, A 1723 at v1.107.5; docs/reference/pydantic-ai-2.md §2.9). */
  cacheConflict: "`anthropic_cache` and `anthropic_cache_messages` cannot both be enabled.",
  /** `anthropic_messages[-1]` on an empty list (A 2420 at v2.33.0, A 1782 at v1.107.5): Python's own words. */
  messageCacheIndex: "IndexError: list index out of range",
} as const;

/** `RetryPromptPart.model_response()` appends this to a retry's text (§1.4). */
export const RETRY_SUFFIX = "\n\nFix the errors and try again.";
