// Placement checks that need the whole experiment, not one field: where a cache_point may go. buildRequest
// enforces the same rules with Pydantic AI's exact words (docs/reference/pydantic-ai-caching.md §6.3); these
// give the editor and the CLI a JSON path and a sentence that says how to fix it, before building.
import type { ExperimentIssue } from "./experiment-issues";
import type { Experiment } from "./experiment-schema";
import { CACHEABLE_BLOCK_TYPES } from "./rules";
import { automaticCacheSetting, rulesOf, sendsTopLevelCacheControl } from "./semantics";

/**
 * Whether an experiment content item becomes a block on the wire (empty text does not,
 * docs/reference/pydantic-ai-caching.md §1.4).
 */
export function makesBlock(item: { type: string; text?: string }): boolean {
  if (item.type === "cache_point") return false;
  if (item.type === "text") return item.text !== "";
  return true;
}

/** The wire block type an experiment content item becomes. */
export function wireTypeOf(item: { type: string; tool_name?: string }): string {
  if (item.type === "tool_retry") return item.tool_name === undefined ? "text" : "tool_result";
  return item.type;
}

/** The last item before messages[m] that makes a block: what a leading cache_point attaches to from v2.22.0. */
export function previousMessageBlock(experiment: Pick<Experiment, "messages">, m: number): { messageIndex: number; contentIndex: number; type: string } | null {
  for (let p = m - 1; p >= 0; p--) {
    const content = experiment.messages[p]!.content;
    for (let c = content.length - 1; c >= 0; c--) {
      const item = content[c]!;
      if (makesBlock(item)) return { messageIndex: p, contentIndex: c, type: wireTypeOf(item) };
    }
  }
  return null;
}

/** Every cache_point that has nothing to attach to, and a cache_messages target that cannot carry one. */
export function checkCachePoints(experiment: Experiment): ExperimentIssue[] {
  const rules = rulesOf(experiment);
  const issues: ExperimentIssue[] = [];
  experiment.messages.forEach((message, m) => {
    if (message.role !== "user") return;
    let hasBlock = false;
    message.content.forEach((item, c) => {
      if (item.type === "cache_point" && !hasBlock) {
        // From v2.22.0 a leading cache_point attaches to the previous message's last block (docs/reference/pydantic-ai-2.md §2.6).
        const previous = rules.leadingCachePointAttachesToPrevious ? previousMessageBlock(experiment, m) : null;
        if (previous === null) {
          issues.push({
            path: `messages[${m}].content[${c}]`,
            message: rules.leadingCachePointAttachesToPrevious
              ? "a cache_point with no block before it attaches to the previous message, and there is none; move it after the content it should cache, or use settings.cache_instructions / cache_tool_definitions for the system prompt and tools"
              : "a cache_point must follow a block in the same message (empty text makes no block); move it after the content it should cache, or use settings.cache_instructions / cache_tool_definitions for the system prompt and tools",
          });
        } else if (!CACHEABLE_BLOCK_TYPES.has(previous.type)) {
          issues.push({
            path: `messages[${m}].content[${c}]`,
            message: `a cache_point with no block before it attaches to the last block of the previous message, messages[${previous.messageIndex}].content[${previous.contentIndex}], and a ${previous.type} block cannot carry cache_control; put it after a block of this message`,
          });
        }
      }
      if (makesBlock(item)) hasBlock = true;
    });
  });
  // From v2.6.0 the message cache walks back past blocks that cannot carry it (docs/reference/pydantic-ai-2.md §2.4).
  const perBlockAutomatic = automaticCacheSetting(experiment) !== false && !sendsTopLevelCacheControl(experiment.provider);
  if ((experiment.settings.cache_messages !== false || perBlockAutomatic) && rules.messageCache !== "walk_back") {
    for (let m = experiment.messages.length - 1; m >= 0; m--) {
      const message = experiment.messages[m]!;
      let last = -1;
      message.content.forEach((item, c) => {
        if (makesBlock(item)) last = c;
      });
      if (last < 0) continue; // a message with no block is not sent; the one before it is the last
      const item = message.content[last]!;
      const type = wireTypeOf(item);
      if (!CACHEABLE_BLOCK_TYPES.has(type)) {
        issues.push({
          path: `messages[${m}].content[${last}]`,
          message: `settings.${experiment.settings.cache_messages !== false ? "cache_messages" : "cache"} puts cache_control on the last block, but a ${type} block cannot carry it; end the conversation with a text block or turn the setting off`,
        });
      }
      break;
    }
  }
  return issues;
}
