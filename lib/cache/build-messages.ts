// Messages and the system prompt as Pydantic AI v1.74.0 maps them
// (docs/reference/pydantic-ai-caching.md §1.2, §1.4, §5, §6 and the pseudo-code of §12): one wire message per
// experiment message, never merged; cache_points attach to the block before them in the same message;
// cache_messages attaches last, so its TTL wins.
import { type BreakpointRequest, type WireTarget, makeCacheControl, resolveTtl } from "./breakpoint-trace";
import { CACHEABLE_BLOCK_TYPES } from "./experiment-checks";
import type { AssistantContent, Experiment, UserContent } from "./experiment-schema";
import { type AppError, type Result, err, ok } from "./result";
import type { ContentBlock, MessageParam, TextBlock, Ttl } from "./wire-types";

export const FIRST_CONTENT_ERROR =
  "CachePoint cannot be the first content in a user message - there must be previous content to attach the CachePoint to. To cache system instructions or tool definitions, use the `anthropic_cache_instructions` or `anthropic_cache_tool_definitions` settings instead.";
/** RetryPromptPart.model_response() suffix (docs/reference/pydantic-ai-caching.md §1.4). */
export const RETRY_SUFFIX = "\n\nFix the errors and try again.";

/** A wire block whose cache_control the builder may set; content blocks are plain records. */
type MutableBlock = ContentBlock & { cache_control?: { type: "ephemeral"; ttl?: Ttl } };

export interface MappedMessages {
  messages: MessageParam[];
  system: string | TextBlock[] | undefined;
  requests: BreakpointRequest[];
  /** For each experiment message, its wire index (or -1 when it made no blocks and was not sent). */
  messageIndex: number[];
  /** For each experiment message, each content item's wire block index (-1: no block). */
  blockIndex: number[][];
}

interface Attached {
  block: MutableBlock;
  target: WireTarget;
}

function cachePointError(message: string, path: string): AppError {
  return { code: "cache_point_error", message, issues: [{ path, message }] };
}

function mapUserItem(item: Exclude<UserContent, { type: "cache_point" }>): MutableBlock | null {
  switch (item.type) {
    case "text":
      return item.text === "" ? null : ({ text: item.text, type: "text" } as MutableBlock);
    case "image":
      return { source: { type: "url", url: item.url }, type: "image" } as MutableBlock;
    case "document":
      return { source: { url: item.url, type: "url" }, type: "document" } as MutableBlock;
    case "tool_result":
      // ToolReturnPart: the return's text becomes one text block inside the result
      // (docs/reference/pydantic-ai-caching.md §1.4).
      return { tool_use_id: item.tool_use_id, type: "tool_result", content: [{ text: item.content, type: "text" }], is_error: false } as MutableBlock;
    case "tool_retry":
      if (item.tool_name === undefined) {
        // RetryPromptPart without tool_name: plain validation feedback as a user text block.
        return { type: "text", text: `Validation feedback:\n${item.content}${RETRY_SUFFIX}` } as MutableBlock;
      }
      return { tool_use_id: item.tool_use_id ?? "", type: "tool_result", content: `${item.content}${RETRY_SUFFIX}`, is_error: true } as MutableBlock;
  }
}

function mapAssistantItem(item: AssistantContent): MutableBlock | null {
  switch (item.type) {
    case "text":
      return item.text === "" ? null : ({ text: item.text, type: "text" } as MutableBlock);
    case "tool_use":
      return { id: item.id, type: "tool_use", name: item.name, input: item.input } as MutableBlock;
    case "thinking":
      return { thinking: item.thinking, signature: item.signature, type: "thinking" } as MutableBlock;
  }
}

/**
 * `_add_cache_control_to_last_param` (docs/reference/pydantic-ai-caching.md §6.3): the last block gets
 * cache_control, overwriting.
 */
function attach(last: Attached | undefined, ttl: Ttl, stripTtl: boolean, path: string, owners: Map<MutableBlock, BreakpointRequest>, request: BreakpointRequest): Result<null> {
  if (last === undefined) return err(cachePointError(FIRST_CONTENT_ERROR, path));
  const type = String(last.block.type);
  if (!CACHEABLE_BLOCK_TYPES.has(type)) return err(cachePointError(`Cache control not supported for param type: ${type}`, path));
  last.block.cache_control = makeCacheControl(ttl, stripTtl);
  const previous = owners.get(last.block);
  if (previous) previous.overwrittenBy = request.id;
  owners.set(last.block, request);
  request.target = last.target;
  return ok(null);
}

export function mapMessages(experiment: Experiment, stripTtl: boolean): Result<MappedMessages> {
  const messages: MessageParam[] = [];
  const requests: BreakpointRequest[] = [];
  const owners = new Map<MutableBlock, BreakpointRequest>();
  const messageIndex: number[] = [];
  const blockIndex: number[][] = [];
  let lastMessage: Attached[] = [];

  for (let m = 0; m < experiment.messages.length; m++) {
    const message = experiment.messages[m]!;
    const wireIndex = messages.length;
    // Shared by all parts of one ModelRequest (docs/reference/pydantic-ai-caching.md §6.2).
    const blocks: Attached[] = [];
    const indices: number[] = [];
    for (let c = 0; c < message.content.length; c++) {
      const item = message.content[c]!;
      indices.push(-1);
      if (item.type === "cache_point") {
        const ttl = item.ttl ?? "5m";
        const request: BreakpointRequest = { id: `marker:m${m}:c${c}`, origin: { kind: "marker", messageIndex: m, contentIndex: c }, requestedTtl: ttl, target: null };
        const attached = attach(blocks.at(-1), ttl, stripTtl, `messages[${m}].content[${c}]`, owners, request);
        if (!attached.ok) return attached;
        requests.push(request);
        continue;
      }
      const block = message.role === "user" ? mapUserItem(item as Exclude<UserContent, { type: "cache_point" }>) : mapAssistantItem(item as AssistantContent);
      if (block === null) continue;
      indices[c] = blocks.length;
      blocks.push({ block, target: { section: "messages", messageIndex: wireIndex, blockIndex: blocks.length } });
    }
    blockIndex.push(indices);
    if (blocks.length === 0) {
      messageIndex.push(-1);
      continue;
    }
    messageIndex.push(wireIndex);
    messages.push({ role: message.role, content: blocks.map((b) => b.block) });
    lastMessage = blocks;
  }

  // anthropic_cache_messages: the last block of the last message, whatever its role, after all markers.
  const cacheMessages = experiment.settings.cache_messages;
  if (cacheMessages !== false) {
    const ttl = resolveTtl(cacheMessages);
    const request: BreakpointRequest = { id: "setting:cache_messages", origin: { kind: "setting", setting: "cache_messages" }, requestedTtl: ttl, target: null };
    if (messages.length > 0) {
      const lastExperimentMessage = messageIndex.lastIndexOf(messages.length - 1);
      const lastItem = blockIndex[lastExperimentMessage]!.lastIndexOf(lastMessage.length - 1);
      const attached = attach(lastMessage.at(-1), ttl, stripTtl, `messages[${lastExperimentMessage}].content[${lastItem}]`, owners, request);
      if (!attached.ok) return attached;
    } else {
      request.noEffectReason = "there are no messages, so cache_messages does nothing";
    }
    requests.push(request);
  }

  // System: every part plus the instructions, joined into one string
  // (docs/reference/pydantic-ai-caching.md §1.2).
  const parts = [...experiment.system];
  if (experiment.instructions) parts.push(experiment.instructions);
  const joined = parts.join("\n\n");
  let system: string | TextBlock[] | undefined = joined === "" ? undefined : joined;
  const cacheInstructions = experiment.settings.cache_instructions;
  if (cacheInstructions !== false) {
    const ttl = resolveTtl(cacheInstructions);
    const request: BreakpointRequest = { id: "setting:cache_instructions", origin: { kind: "setting", setting: "cache_instructions" }, requestedTtl: ttl, target: null };
    if (joined !== "") {
      system = [{ type: "text", text: joined, cache_control: makeCacheControl(ttl, stripTtl) }];
      request.target = { section: "system", blockIndex: 0 };
    } else {
      request.noEffectReason = "there is no system prompt or instructions, so cache_instructions does nothing";
    }
    requests.unshift(request);
  }

  return ok({ messages, system, requests, messageIndex, blockIndex });
}
