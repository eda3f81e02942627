// Where the API puts the breakpoint of automatic caching (a top-level cache_control): on the last
// cacheable block of the prompt; when that block is not eligible it "silently walks backwards to find
// the nearest eligible block. If none is found, caching is skipped." (docs/reference/anthropic-caching.md §1.1)
import type { WireTarget } from "./breakpoint-trace";
import type { PromptParts } from "./wire-types";

/** Blocks that can never carry a breakpoint (docs/reference/anthropic-caching.md §1.10). */
const NOT_ELIGIBLE = new Set(["thinking", "redacted_thinking"]);

/** The block automatic caching marks, in prefix order tools → system → messages, walking back from the end. */
export function automaticTarget(parts: PromptParts): WireTarget | null {
  for (let m = parts.messages.length - 1; m >= 0; m--) {
    const content = parts.messages[m]!.content;
    if (typeof content === "string") return { section: "messages", messageIndex: m, blockIndex: 0 };
    for (let b = content.length - 1; b >= 0; b--) {
      if (!NOT_ELIGIBLE.has(String((content[b] as { type?: unknown }).type))) return { section: "messages", messageIndex: m, blockIndex: b };
    }
  }
  if (typeof parts.system === "string" && parts.system !== "") return { section: "system", blockIndex: 0 };
  if (Array.isArray(parts.system) && parts.system.length > 0) return { section: "system", blockIndex: parts.system.length - 1 };
  if (parts.tools && parts.tools.length > 0) return { section: "tools", blockIndex: parts.tools.length - 1 };
  return null;
}
