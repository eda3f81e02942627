// Where the API puts the breakpoint of automatic caching (a top-level cache_control): on the last
// cacheable block of the prompt; when that block is not eligible it "silently walks backwards to find
// the nearest eligible block. If none is found, caching is skipped." (docs/reference/anthropic-caching.md §1.1)
// The one statement of that rule: the analysis of a built request and the emulator answering it both
// read it from here, over the positions of the one prefix walk (prefix.ts).
import type { WireTarget } from "./breakpoint-trace";
import { type PrefixPosition, flattenPrefix } from "./prefix";
import type { PromptParts } from "./wire-types";

/** Block types that can never carry a breakpoint: their params have no cache_control (docs/reference/anthropic-caching.md §1.10). */
export const NO_CACHE_CONTROL_TYPES: ReadonlySet<string> = new Set(["thinking", "redacted_thinking"]);

/** Index of the prefix position automatic caching marks, or -1 when none can carry it (caching is skipped). */
export function automaticPosition(positions: readonly Pick<PrefixPosition, "type">[]): number {
  for (let i = positions.length - 1; i >= 0; i--) if (!NO_CACHE_CONTROL_TYPES.has(positions[i]!.type)) return i;
  return -1;
}

/** The block automatic caching marks in a request's parts, in prefix order tools → system → messages. */
export function automaticTarget(parts: PromptParts): WireTarget | null {
  const positions = flattenPrefix(parts, "", { hashes: false });
  const at = automaticPosition(positions);
  if (at < 0) return null;
  const { section, messageIndex, blockIndex } = positions[at]!;
  return section === "messages" ? { section, messageIndex, blockIndex } : { section, blockIndex };
}
