// Messages and the system prompt as Pydantic AI maps them (docs/reference/pydantic-ai-caching.md §1.2, §1.4,
// §5, §6 and the pseudo-code of §12; what changed after v1.74.0 in docs/reference/pydantic-ai-2.md §2.4,
// §2.6): one wire message per experiment message, never merged; cache_points attach to the block
// before them in the same request (from v2.22.0, a leading one to the previous message's last block);
// the message cache runs after every marker.
import { type BreakpointRequest, type WireTarget, makeCacheControl, resolveTtl } from "./breakpoint-trace";
import { mapSystem } from "./build-system";
import type { AssistantContent, Experiment, UserContent } from "./experiment-schema";
import type { CacheSettingName, DocumentPath } from "./paths";
import { type AppError, type Result, err, ok } from "./result";
import { CACHEABLE_BLOCK_TYPES, DEFAULT_TTL, PYDANTIC_AI_ERRORS, RETRY_SUFFIX } from "./rules";
import { type SemanticsRules, automaticCacheSetting, rulesOf, sendsTopLevelCacheControl } from "./semantics";
import type { ContentBlock, MessageParam, ProviderId, TextBlock, Ttl } from "./wire-types";

/** A wire block whose cache_control the builder may set; content blocks are plain records. */
type MutableBlock = ContentBlock & { cache_control?: { type: "ephemeral"; ttl?: Ttl } };

export interface MappedMessages {
  messages: MessageParam[];
  system: string | TextBlock[] | undefined;
  /** For each wire system block (or the one string), where the experiment holds it. */
  systemSources: DocumentPath[];
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

function mapUserItem(item: UserContent): MutableBlock | null {
  switch (item.type) {
    case "cache_point":
      // A marker is no block: mapMessages attaches it to the block before.
      return null;
    case "text":
      return item.text === "" ? null : { text: item.text, type: "text" };
    case "image":
      return { source: { type: "url", url: item.url }, type: "image" };
    case "document":
      return { source: { url: item.url, type: "url" }, type: "document" };
    case "tool_result":
      // ToolReturnPart: the return's text becomes one text block inside the result
      // (docs/reference/pydantic-ai-caching.md §1.4).
      return { tool_use_id: item.tool_use_id, type: "tool_result", content: [{ text: item.content, type: "text" }], is_error: false };
    case "tool_retry":
      if (item.tool_name === undefined) {
        // RetryPromptPart without tool_name: plain validation feedback as a user text block.
        return { type: "text", text: `Validation feedback:\n${item.content}${RETRY_SUFFIX}` };
      }
      return { tool_use_id: item.tool_use_id ?? "", type: "tool_result", content: `${item.content}${RETRY_SUFFIX}`, is_error: true };
  }
}

function mapAssistantItem(item: AssistantContent): MutableBlock | null {
  switch (item.type) {
    case "text":
      return item.text === "" ? null : { text: item.text, type: "text" };
    case "tool_use":
      return { id: item.id, type: "tool_use", name: item.name, input: item.input };
    case "thinking":
      return { thinking: item.thinking, signature: item.signature, type: "thinking" };
  }
}

/**
 * `_add_cache_control_to_last_param` (docs/reference/pydantic-ai-caching.md §6.3): the last block gets
 * cache_control, overwriting.
 */
function attach(last: Attached | undefined, ttl: Ttl, stripTtl: boolean, path: string, owners: Map<MutableBlock, BreakpointRequest>, request: BreakpointRequest): Result<null> {
  if (last === undefined) return err(cachePointError(PYDANTIC_AI_ERRORS.cachePointFirst, path));
  const type = String(last.block.type);
  if (!CACHEABLE_BLOCK_TYPES.has(type)) return err(cachePointError(PYDANTIC_AI_ERRORS.notCacheable(type), path));
  last.block.cache_control = makeCacheControl(ttl, stripTtl);
  const previous = owners.get(last.block);
  if (previous) previous.overwrittenBy = request.id;
  owners.set(last.block, request);
  request.target = last.target;
  return ok(null);
}

export function mapMessages(experiment: Experiment, stripTtl: boolean, provider: ProviderId = experiment.provider): Result<MappedMessages> {
  const rules = rulesOf(experiment);
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
        const ttl = item.ttl ?? DEFAULT_TTL;
        const request: BreakpointRequest = { id: `marker:m${m}:c${c}`, origin: { kind: "marker", messageIndex: m, contentIndex: c }, requestedTtl: ttl, target: null };
        // v2.22.0 on: `user_content_params or _last_message_content(anthropic_messages)` (A 1763-1766, 3390-3402).
        const last = blocks.at(-1) ?? (rules.leadingCachePointAttachesToPrevious ? lastMessage.at(-1) : undefined);
        const attached = attach(last, ttl, stripTtl, `messages[${m}].content[${c}]`, owners, request);
        if (!attached.ok) return attached;
        requests.push(request);
        continue;
      }
      const block = message.role === "user" ? mapUserItem(message.content[c]!) : mapAssistantItem(message.content[c]!);
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

  const lastExperimentMessage = messageIndex.lastIndexOf(messages.length - 1);
  const pathOf = (wireBlock: number) => `messages[${lastExperimentMessage}].content[${blockIndex[lastExperimentMessage]!.lastIndexOf(wireBlock)}]`;
  const cacheLast = (setting: CacheSettingName, value: true | Ttl): Result<null> => {
    const request: BreakpointRequest = { id: `setting:${setting}`, origin: { kind: "setting", setting }, requestedTtl: resolveTtl(value), target: null };
    const placed = cacheLastMessage(request, lastMessage, rules, stripTtl, pathOf, owners);
    if (!placed.ok) return placed;
    requests.push(request);
    return ok(null);
  };

  // anthropic_cache on a client without the top-level field: the same per-block routine on the last
  // message (`_apply_per_block_caching_fallback`, A 2376-2393 at v2.33.0, A 1738-1755 at v1.107.5).
  const automatic = automaticCacheSetting(experiment);
  if (automatic !== false && !sendsTopLevelCacheControl(provider)) {
    const placed = cacheLast("cache", automatic);
    if (!placed.ok) return placed;
  }
  // anthropic_cache_messages: the last message, whatever its role, after all markers.
  const cacheMessages = experiment.settings.cache_messages;
  if (cacheMessages !== false) {
    const placed = cacheLast("cache_messages", cacheMessages);
    if (!placed.ok) return placed;
  }

  const system = mapSystem(experiment, stripTtl, rules);
  if (system.request) requests.unshift(system.request);
  return ok({ messages, system: system.system, systemSources: system.sources, requests, messageIndex, blockIndex });
}

/**
 * The per-block message cache on the last message, by release (docs/reference/pydantic-ai-2.md §2.4):
 * v1.74.0 overwrites the last block's cache_control; v1.88.0 keeps one already there; v2.6.0 also
 * walks back past blocks that cannot carry one. From v1.88.0 an empty conversation is an IndexError.
 */
function cacheLastMessage(
  request: BreakpointRequest,
  lastMessage: readonly Attached[],
  rules: SemanticsRules,
  stripTtl: boolean,
  pathOf: (wireBlock: number) => string,
  owners: Map<MutableBlock, BreakpointRequest>,
): Result<null> {
  const setting = request.origin.kind === "setting" ? request.origin.setting : "cache_messages";
  if (lastMessage.length === 0) {
    if (rules.messageCacheIndexError) {
      const message = `${PYDANTIC_AI_ERRORS.messageCacheIndex} (${rules.label} indexes the last message without a guard when settings.${setting} caches it, and this experiment sends no message)`;
      return err({ code: "message_cache_error", message: PYDANTIC_AI_ERRORS.messageCacheIndex, issues: [{ path: `settings.${setting}`, message }] });
    }
    request.noEffectReason = `there are no messages, so ${setting} does nothing`;
    return ok(null);
  }
  const kept = (block: Attached) => {
    const owner = owners.get(block.block);
    const by = owner?.origin.kind === "marker" ? `the cache_point at messages[${owner.origin.messageIndex}].content[${owner.origin.contentIndex}]` : "an earlier breakpoint";
    request.noEffectReason = `${pathOf(block.target.section === "messages" ? block.target.blockIndex : -1)} already carries cache_control from ${by}, which ${rules.label} keeps (its TTL is the one sent), so ${setting} adds nothing`;
  };
  const last = lastMessage.at(-1)!;
  switch (rules.messageCache) {
    case "overwrite":
      return attach(last, request.requestedTtl, stripTtl, pathOf(lastMessage.length - 1), owners, request);
    case "keep":
      // `_apply_message_cache_control` (A 1770-1795 at v1.107.5).
      if (last.block.cache_control !== undefined) {
        kept(last);
        return ok(null);
      }
      return attach(last, request.requestedTtl, stripTtl, pathOf(lastMessage.length - 1), owners, request);
    case "walk_back":
      // `_add_cache_control_to_last_cacheable_param` (A 2434-2444 at v2.33.0).
      for (let b = lastMessage.length - 1; b >= 0; b--) {
        const candidate = lastMessage[b]!;
        if (candidate.block.cache_control !== undefined) {
          kept(candidate);
          return ok(null);
        }
        if (CACHEABLE_BLOCK_TYPES.has(String(candidate.block.type))) return attach(candidate, request.requestedTtl, stripTtl, pathOf(b), owners, request);
      }
      request.noEffectReason = `no block of the last message can carry cache_control, so ${setting} does nothing`;
      return ok(null);
  }
}
