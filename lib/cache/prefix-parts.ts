// The prompt up to one breakpoint: what a provider's count-tokens endpoint needs to count exactly the
// prefix the cache would store there (tools → system → messages, up to and including the block;
// docs/reference/anthropic-caching.md §1.2, §4). Pure; the count itself is server-side
// (lib/providers/count-tokens.ts).
import type { PrefixPosition } from "./prefix";
import type { PromptParts } from "./wire-types";

/**
 * The parts of `parts` up to and including the block at `position`. A prefix that ends in the tools or
 * the system prompt has no messages; count-tokens endpoints require at least one, which the caller
 * adds and says so.
 */
export function promptUpTo(parts: PromptParts, position: Pick<PrefixPosition, "section" | "messageIndex" | "blockIndex">): PromptParts {
  const tools = parts.tools ?? [];
  if (position.section === "tools") return { tools: tools.slice(0, position.blockIndex + 1), messages: [] };
  const withTools = tools.length > 0 ? { tools } : {};
  if (position.section === "system") {
    const system = Array.isArray(parts.system) ? parts.system.slice(0, position.blockIndex + 1) : parts.system;
    return { ...withTools, ...(system !== undefined ? { system } : {}), messages: [] };
  }
  const withSystem = parts.system !== undefined ? { system: parts.system } : {};
  const last = parts.messages[position.messageIndex];
  if (!last) return { ...withTools, ...withSystem, messages: parts.messages };
  const cut = typeof last.content === "string" ? last : { ...last, content: last.content.slice(0, position.blockIndex + 1) };
  return { ...withTools, ...withSystem, messages: [...parts.messages.slice(0, position.messageIndex), cut] };
}
