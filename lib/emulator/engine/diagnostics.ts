// Cache diagnostics (https://platform.claude.com/docs/en/build-with-claude/cache-diagnostics, docs/reference/
// anthropic-caching.md §1.12; generally available on the Claude API only). A request that carries a
// `diagnostics` object opts in: its fingerprint (hashes and token counts, never content) is kept under
// its response's id, in its organization and workspace. A later request naming that id as
// `diagnostics.previous_message_id` gets back the first point where the two diverged, compared by
// request structure whether or not the cache hit:
//   model_changed (the model or `speed`), tools_changed, system_changed, messages_changed (an earlier
//   entry differs rather than entries only being appended), previous_message_not_found (no record:
//   unknown id, another scope, or the earlier request did not opt in), unavailable (model, system and
//   tools match but another prompt-affecting parameter, such as `thinking` or `tool_choice`, differs).
// `diagnostics` is null when the request did not opt in, or when nothing diverged. The emulator
// always has its answer ready, so `cache_miss_reason` is never the pending null.
import type { LevelFingerprint } from "./keys";

export interface Fingerprint {
  scope: string;
  levels: LevelFingerprint;
  /** Tokens the request's prefix had in the cache (read + written): what a matching successor could read. */
  cachedTokens: number;
}

type Diverged = "model_changed" | "tools_changed" | "system_changed" | "messages_changed";

export type CacheMissReason =
  | { type: Diverged; cache_missed_input_tokens: number }
  | { type: "previous_message_not_found" }
  | { type: "unavailable" };

export interface Diagnostics {
  cache_miss_reason: CacheMissReason | null;
}

function firstDivergence(previous: LevelFingerprint, current: LevelFingerprint): Diverged | "unavailable" | null {
  if (previous.model !== current.model || previous.speedFast !== current.speedFast) return "model_changed";
  if (previous.tools !== current.tools) return "tools_changed";
  if (previous.system !== current.system) return "system_changed";
  if (previous.messages.some((hash, i) => current.messages[i] !== hash)) return "messages_changed";
  if (previous.params !== current.params) return "unavailable";
  return null;
}

/**
 * The diagnostics object of a request that named `previousMessageId`, given what was kept under that
 * id (if anything) and how many tokens this request read from the cache.
 */
export function diagnose(previous: Fingerprint | undefined, scope: string, current: LevelFingerprint, readTokens: number): Diagnostics | null {
  if (!previous || previous.scope !== scope) return { cache_miss_reason: { type: "previous_message_not_found" } };
  const diverged = firstDivergence(previous.levels, current);
  if (diverged === null) return null;
  if (diverged === "unavailable") return { cache_miss_reason: { type: "unavailable" } };
  // "Approximate number of input tokens that would have been read from cache had the prefix matched."
  return { cache_miss_reason: { type: diverged, cache_missed_input_tokens: Math.max(0, previous.cachedTokens - readTokens) } };
}
