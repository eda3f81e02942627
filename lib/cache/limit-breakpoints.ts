// The 4-breakpoint limit, `_limit_cache_points` of Pydantic AI v1.74.0
// (docs/reference/pydantic-ai-caching.md §7): system and tool breakpoints always stay; the budget left is
// spent on message blocks from the newest message and its last block backwards, and every cache_control past
// the budget is removed, oldest first. From v1.83.0 the budget is 3 when the top-level cache_control is
// sent (docs/reference/pydantic-ai-2.md §2.9).
import { MAX_BREAKPOINTS } from "./rules";
import type { MessageParam, TextBlock, ToolParam } from "./wire-types";

export interface RemovedBreakpoint {
  messageIndex: number;
  blockIndex: number;
}

/**
 * Removes excess message breakpoints in place and returns where they were, oldest first.
 * Only top-level block keys are looked at, as upstream does (nested tool_result content is not).
 */
export function limitBreakpoints(system: string | TextBlock[] | undefined, tools: ToolParam[], messages: MessageParam[], budget: number = MAX_BREAKPOINTS): RemovedBreakpoint[] {
  let used = 0;
  if (Array.isArray(system)) for (const block of system) if ("cache_control" in block) used++;
  for (const tool of tools) if ("cache_control" in tool) used++;
  // REF raises when system + tools exceed 4, which settings alone can never reach (at most 2), so
  // `remaining` is never negative here (docs/reference/pydantic-ai-caching.md §7, `# pragma: no cover`).
  let remaining = budget - used;
  const removed: RemovedBreakpoint[] = [];
  for (let m = messages.length - 1; m >= 0; m--) {
    const content = messages[m]!.content;
    if (typeof content === "string") continue;
    for (let b = content.length - 1; b >= 0; b--) {
      const block = content[b] as { cache_control?: unknown };
      if (!("cache_control" in block)) continue;
      if (remaining > 0) remaining--;
      else {
        delete block.cache_control;
        removed.push({ messageIndex: m, blockIndex: b });
      }
    }
  }
  return removed.reverse();
}
