// An experiment → the Bedrock Converse request Pydantic AI's BedrockConverseModel sends for it, at the release
// the experiment names (bedrock-converse-rules.ts; docs/reference/pydantic-ai-caching.md §8,
// docs/reference/pydantic-ai-2.md §2.11), with every cachePoint it asked for and what became of it, and a note
// for everything the target cannot express (never dropped silently).
//
// How the experiment configures the model: `settings.cache_instructions` → `bedrock_cache_instructions`,
// `cache_tool_definitions` → `bedrock_cache_tool_definitions`, `cache_messages` → `bedrock_cache_messages`, each
// with the same value (v1.74.0 takes booleans only, so a TTL there becomes `True`); a `cache_point` is a
// `CachePoint(ttl=…)` in the user content; `max_tokens` is the `max_tokens` model setting. `settings.cache`
// (`anthropic_cache`) has no Converse counterpart.
import type { BreakpointOrigin } from "@/lib/cache/breakpoint-trace";
import { RETRY_SUFFIX } from "@/lib/cache/rules";
import { instructionParts } from "@/lib/cache/build-system";
import { cleanToolSchema } from "@/lib/cache/build-tools";
import type { CacheSetting, Experiment, ExperimentTool, UserContent } from "@/lib/cache/experiment-schema";
import { type AppError, type Result, err, ok } from "@/lib/cache/result";
import type { ErrorCode } from "@/lib/cache/error-codes";
import { automaticCacheSetting } from "@/lib/cache/semantics";
import type { Ttl } from "@/lib/cache/wire-types";
import { BEDROCK_CONVERSE } from "./catalog";
import { type ConverseModel, resolveConverseModel } from "./bedrock-converse-models";
import { mediaFormat, mediaSource } from "./bedrock-converse-media";
import {
  CONVERSE_FIRST_CONTENT_ERROR,
  CONVERSE_MAX_CACHE_POINTS,
  CONVERSE_ONLY_DOCUMENT_ERROR,
  type ConverseRules,
  converseRules,
} from "./bedrock-converse-rules";
import type { CachePointBlock, ConverseBody, ConverseContentBlock, ConverseMessage, ConverseSystemBlock, ConverseTool } from "./bedrock-converse-types";

/** Something the target cannot express as the experiment says, or a setting Pydantic AI skips for it. */
export interface ConverseNote {
  code: string;
  /** The experiment path it is about. */
  path: string;
  message: string;
}

export type ConverseSection = "system" | "tools" | "messages";

/** One cachePoint asked for (by a setting or a marker), where it went and whether it survived. */
export interface ConverseBreakpoint {
  id: string;
  origin: BreakpointOrigin;
  /** The TTL asked for ("5m" for `true`). */
  requestedTtl: Ttl;
  /** The `ttl` the block carries, or null when it carries none (Bedrock's default, 5m). */
  sentTtl: Ttl | null;
  /** Where the cachePoint block sits in the body, or null when it is not sent. */
  at: { section: ConverseSection; messageIndex: number; blockIndex: number } | null;
  /** Why it is not sent, when it is not. */
  dropped?: string;
  /** Whether the 4-point limit dropped it. */
  limited?: boolean;
}

export interface ConverseBuild {
  model: ConverseModel;
  /** The id in the request path, `/model/{modelId}/converse`. */
  modelId: string;
  body: ConverseBody;
  breakpoints: ConverseBreakpoint[];
  notes: ConverseNote[];
  /** Wire path ("messages[1].content[0]", "system[0]", "toolConfig.tools[2]") → experiment path, for every content block. */
  sources: Record<string, string>;
}

type Block = ConverseContentBlock;
type CachePointHolder = { cachePoint: CachePointBlock };

interface Builder {
  rules: ConverseRules;
  model: ConverseModel;
  notes: ConverseNote[];
  /** Every cachePoint object made → its record. */
  points: Map<object, ConverseBreakpoint>;
  /** Every content block → its experiment path. */
  origins: Map<object, string>;
  documentCount: number;
}

const isCachePoint = (b: unknown): b is CachePointHolder => typeof b === "object" && b !== null && "cachePoint" in b;
const isDocOrVideo = (b: object) => "document" in b || "video" in b;

function userError(code: ErrorCode, message: string, path: string): AppError {
  return { code, message, issues: [{ path, message }] };
}

/** `_get_cache_point` (v1.107.5 on) or v1.74.0's bare `{"type": "default"}`; the TTL a setting or marker asked for. */
function cachePoint(b: Builder, value: true | Ttl, id: string, origin: BreakpointOrigin): CachePointHolder {
  const point: CachePointBlock = { type: "default" };
  if (b.rules.ttl === "when-string" && typeof value === "string") point.ttl = value;
  const holder = { cachePoint: point };
  b.points.set(holder, { id, origin, requestedTtl: value === true ? "5m" : value, sentTtl: point.ttl ?? null, at: null });
  return holder;
}

function drop(b: Builder, point: object, reason: string): void {
  const record = b.points.get(point);
  if (record && record.dropped === undefined) record.dropped = reason;
}

/**
 * `_insert_cache_point_before_trailing_documents` (B 209-258 at v1.74.0, 409-466 at v2.33.0): before the
 * trailing run of documents and videos, which Bedrock rejects a cache point after. Returns false when it
 * places nothing; raises (as a value) only when asked to.
 */
function insertBeforeTrailingDocuments(content: Block[], point: CachePointHolder, options: { raise?: string; replace?: boolean } = {}): Result<boolean> {
  let trailingStart: number | null = null;
  for (let i = content.length - 1; i >= 0; i--) {
    if (isDocOrVideo(content[i]!)) trailingStart = i;
    else break;
  }
  if (trailingStart === null) {
    content.push(point);
    return ok(true);
  }
  if (trailingStart > 0) {
    if (isCachePoint(content[trailingStart - 1])) {
      if (!options.replace) return ok(false);
      content[trailingStart - 1] = point;
      return ok(true);
    }
    content.splice(trailingStart, 0, point);
    return ok(true);
  }
  if (options.raise !== undefined) return err(userError("cache_point_error", CONVERSE_ONLY_DOCUMENT_ERROR, options.raise));
  return ok(false);
}

const settingTrue = (value: CacheSetting): value is true | Ttl => value !== false;

/** What a setting is sent as: its value, or `True` at v1.74.0, whose settings are booleans. */
function settingValue(b: Builder, value: true | Ttl): true | Ttl {
  return b.rules.ttl === "never" ? true : value;
}

type UserItem = Exclude<UserContent, { type: "tool_result" | "tool_retry" }>;

/**
 * `_map_user_prompt` for one UserPromptPart: the run of text, image, document and cache_point items between
 * tool returns (how lib/export/pydantic-ai-code.ts writes the experiment as Pydantic AI messages).
 */
function mapUserPrompt(b: Builder, items: { item: UserItem; path: string; m: number; c: number }[], prior: ConverseMessage[]): Result<ConverseMessage[]> {
  const content: Block[] = [];
  for (const { item, path, m, c } of items) {
    switch (item.type) {
      case "text": {
        const block = { text: item.text };
        b.origins.set(block, path);
        content.push(block);
        break;
      }
      case "image":
      case "document": {
        const format = mediaFormat(item.type, item.url);
        if (!format.ok) return err(userError("media_error", format.message, path));
        const { source, downloaded } = mediaSource(item.url);
        const block: Block =
          item.type === "image"
            ? { image: { format: format.format, source } }
            : { document: { name: `Document ${++b.documentCount}`, format: format.format, source } };
        if (downloaded) {
          b.notes.push({
            code: "converse_media_bytes",
            path,
            message: `Pydantic AI downloads ${item.url} and sends its bytes; CacheLab never fetches a URL, so this request carries the URL's text as stand-in bytes (a live run needs an s3:// URL instead)`,
          });
        }
        b.origins.set(block, path);
        content.push(block);
        break;
      }
      case "cache_point": {
        const ttl = item.ttl ?? "5m";
        if (b.rules.ttl === "never" && item.ttl !== undefined && item.ttl !== "5m") {
          b.notes.push({ code: "converse_ttl_dropped", path, message: `Pydantic AI v1.74.0 sends every cachePoint without a ttl, so this 1h marker caches for Bedrock's default 5 minutes` });
        }
        const point = cachePoint(b, ttl, `marker:m${m}:c${c}`, { kind: "marker", messageIndex: m, contentIndex: c });
        if (content.length === 0) {
          if (b.rules.leadingCachePoint === "raise") return err(userError("cache_point_error", CONVERSE_FIRST_CONTENT_ERROR, path));
          const placed = attachToPreviousUser(b, prior, point, path);
          if (!placed.ok) return placed;
          break;
        }
        if (isCachePoint(content.at(-1))) return err(userError("cache_point_error", b.rules.adjacentCachePointError, path));
        const placed = insertBeforeTrailingDocuments(content, point, { raise: path });
        if (!placed.ok) return placed;
        if (!placed.value) drop(b, point, "a cachePoint already sits before the trailing documents, and Pydantic AI keeps that one");
        break;
      }
    }
  }
  // "If you include a ContentBlock with a document field, you must also include a ContentBlock with a text
  // field" (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html; B 1068-1073 at v1.74.0).
  if (content.some((x) => "document" in x) && !content.some((x) => "text" in x)) content.unshift({ text: "See attached document(s)." });
  // v2.33.0: a part that held only a CachePoint emits no message (B 1614-1615); earlier releases raise before this.
  return ok(content.length > 0 ? [{ role: "user", content }] : []);
}

/** `_attach_cache_point_to_last_user_message` (B 1476-1506 at v2.33.0): the latest marker wins. */
function attachToPreviousUser(b: Builder, prior: ConverseMessage[], point: CachePointHolder, path: string): Result<null> {
  const target = [...prior].reverse().find((msg) => msg.role === "user" && msg.content.length > 0);
  if (!target) return err(userError("cache_point_error", CONVERSE_FIRST_CONTENT_ERROR, path));
  const last = target.content.at(-1)!;
  if (isCachePoint(last)) {
    drop(b, last, `the cache_point at ${path} replaced it (the latest marker wins)`);
    target.content[target.content.length - 1] = point;
    return ok(null);
  }
  const placed = insertBeforeTrailingDocuments(target.content, point, { replace: true });
  if (!placed.ok) return placed;
  if (!placed.value) drop(b, point, "the previous user message holds only documents or videos, so there is nowhere to put it");
  return ok(null);
}

/** `_map_messages`' per-message loop (B 741-907 at v1.74.0, 1137-1363 at v2.33.0), before merging. */
function mapMessages(b: Builder, experiment: Experiment): Result<ConverseMessage[]> {
  const out: ConverseMessage[] = [];
  const [open, close] = b.model.family === "claude" ? ["<thinking>", "</thinking>"] : ["<think>", "</think>"];
  for (let m = 0; m < experiment.messages.length; m++) {
    const message = experiment.messages[m]!;
    if (message.role === "assistant") {
      const content: Block[] = [];
      message.content.forEach((item, c) => {
        const path = `messages[${m}].content[${c}]`;
        let block: Block;
        if (item.type === "text") block = { text: item.text };
        else if (item.type === "tool_use") block = { toolUse: { toolUseId: item.id, name: item.name.replace(/[^a-zA-Z0-9_-]/g, "_"), input: item.input } };
        else {
          // The experiment's thinking blocks come from Anthropic (provider_name "anthropic", as the Pydantic AI
          // export writes them), not from Bedrock, so they go back as tagged text (B 864-867 at v1.74.0).
          block = { text: [open, item.thinking, close].join("\n") };
          b.notes.push({ code: "converse_thinking_as_text", path, message: `a thinking block from Anthropic is sent to Bedrock as text between ${open} tags, not as reasoningContent` });
        }
        b.origins.set(block, path);
        content.push(block);
      });
      if (content.length > 0) out.push({ role: "assistant", content });
      continue;
    }
    let run: { item: UserItem; path: string; m: number; c: number }[] = [];
    const flush = (): Result<null> => {
      if (run.length === 0) return ok(null);
      const mapped = mapUserPrompt(b, run, out);
      run = [];
      if (!mapped.ok) return mapped;
      out.push(...mapped.value);
      return ok(null);
    };
    for (let c = 0; c < message.content.length; c++) {
      const item = message.content[c]!;
      const path = `messages[${m}].content[${c}]`;
      if (item.type !== "tool_result" && item.type !== "tool_retry") {
        run.push({ item, path, m, c });
        continue;
      }
      const flushed = flush();
      if (!flushed.ok) return flushed;
      let block: Block;
      if (item.type === "tool_result") block = { toolResult: { toolUseId: item.tool_use_id, content: [{ text: item.content }], status: "success" } };
      else if (item.tool_name !== undefined) block = { toolResult: { toolUseId: item.tool_use_id ?? "", content: [{ text: `${item.content}${RETRY_SUFFIX}` }], status: "error" } };
      else block = { text: `Validation feedback:\n${item.content}${RETRY_SUFFIX}` };
      b.origins.set(block, path);
      out.push({ role: "user", content: [block] });
    }
    const flushed = flush();
    if (!flushed.ok) return flushed;
  }
  return ok(out);
}

/**
 * Consecutive user messages become one (B 909-925 at v1.74.0). From v2.33.0, Claude does not take a
 * `toolResult` beside a document or video, so such turns stay apart with a `{"text": "."}` assistant turn
 * between them (B 1365-1399; Claude's colocatable kinds are text and image, Nova's everything).
 */
function mergeUserTurns(b: Builder, messages: ConverseMessage[]): ConverseMessage[] {
  const out: ConverseMessage[] = [];
  let last: ConverseMessage | null = null;
  for (const current of messages) {
    if (last && last.role === "user" && current.role === "user") {
      const merged = [...last.content, ...current.content];
      const split =
        b.rules.splitToolResultFromDocuments &&
        b.model.family === "claude" &&
        merged.some((x) => "toolResult" in x) &&
        merged.some((x) => !("toolResult" in x) && !isCachePoint(x) && !("text" in x) && !("image" in x));
      if (!split) {
        last.content = merged;
        continue;
      }
      out.push({ role: "assistant", content: [{ text: "." }] });
    }
    out.push(current);
    last = current;
  }
  return out;
}

/** The system blocks: each system prompt part, then the instructions (v1.74.0: one joined block; later one per part). */
function mapSystem(b: Builder, experiment: Experiment): ConverseSystemBlock[] {
  const system: ConverseSystemBlock[] = [];
  experiment.system.forEach((text, i) => {
    if (text === "") return;
    const block = { text };
    b.origins.set(block, `system[${i}]`);
    system.push(block);
  });
  const parts = b.rules.instructionBlocks
    ? instructionParts(experiment)
    : typeof experiment.instructions === "string" && experiment.instructions !== ""
      ? [{ text: experiment.instructions, dynamic: false, source: "instructions" }]
      : [];
  const before = system.length;
  for (const part of parts) {
    const block = { text: part.text };
    b.origins.set(block, part.source);
    system.push(block);
  }
  const setting = experiment.settings.cache_instructions;
  if (!settingTrue(setting)) return system;
  const point = cachePoint(b, settingValue(b, setting), "setting:cache_instructions", { kind: "setting", setting: "cache_instructions" });
  if (system.length === 0) {
    drop(b, point, "there is no system prompt or instructions, so bedrock_cache_instructions does nothing");
    return system;
  }
  // v1.77.0 on, with a dynamic part: after the last static one, skipped when that is the very start
  // (B 1102-1115 at v1.107.5, 1408-1423 at v2.33.0); otherwise at the end.
  if (b.rules.instructionBlocks && parts.some((p) => p.dynamic)) {
    const index = before + parts.filter((p) => !p.dynamic).length;
    if (index === 0) drop(b, point, "every instruction part is dynamic and there is no system prompt, so bedrock_cache_instructions does nothing");
    else system.splice(index, 0, point);
    return system;
  }
  system.push(point);
  return system;
}

/**
 * `_map_tool_config` (B 704-739 at v1.74.0, 1077-1135 at v2.33.0): function tools then output tools, one per
 * name; Nova 2's code interpreter; the tools cachePoint only on models that can cache tools; `toolChoice`
 * `any` when output tools stand in for text output, else `auto`.
 */
function mapTools(b: Builder, experiment: Experiment): Result<ConverseBody["toolConfig"]> {
  const byName = new Map<string, { tool: ExperimentTool; path: string }>();
  experiment.tools.forEach((tool, i) => byName.set(tool.name, { tool, path: `tools[${i}]` }));
  experiment.output_tools.forEach((tool, i) => byName.set(tool.name, { tool, path: `output_tools[${i}]` }));
  const tools: ConverseTool[] = [];
  for (const { tool, path } of byName.values()) {
    const schema = b.model.family === "claude" && b.rules.claudeSchema === "strip-title" ? cleanToolSchema(tool.input_schema) : tool.input_schema;
    const spec: { name: string; inputSchema: { json: unknown }; description?: string } = { name: tool.name, inputSchema: { json: schema } };
    if (tool.description) spec.description = tool.description;
    const entry = { toolSpec: spec };
    b.origins.set(entry, path);
    tools.push(entry);
    if (tool.defer_loading) {
      b.notes.push({ code: "converse_defer_loading", path: `${path}.defer_loading`, message: "Converse has no defer_loading: the tool is sent as an ordinary tool definition" });
    }
    if (b.model.family === "nova" && /"\$(?:defs|ref)"/.test(JSON.stringify(tool.input_schema))) {
      b.notes.push({ code: "converse_schema_defs", path: `${path}.input_schema`, message: "Pydantic AI inlines $defs for Nova (InlineDefsJsonSchemaTransformer); CacheLab sends the schema as written" });
    }
  }
  const unsupported: string[] = [];
  experiment.builtin_tools.forEach((builtin, i) => {
    if (builtin === "code_execution" && b.model.family === "nova" && b.model.nova.codeInterpreter) {
      const entry = { systemTool: { name: "nova_code_interpreter" } };
      b.origins.set(entry, `builtin_tools[${i}]`);
      tools.push(entry);
    } else unsupported.push(builtin);
  });
  if (unsupported.length > 0) {
    // `prepare_request`'s check (models/__init__.py 841-843 at v1.74.0, 1861-1863 at v2.33.0), first sentence.
    const classes: Record<string, string> = { web_search: "WebSearchTool", web_fetch: "WebFetchTool", code_execution: "CodeExecutionTool", memory: "MemoryTool" };
    const names = `[${unsupported.map((u) => `'${classes[u]}'`).join(", ")}]`;
    const message = `${b.rules.builtinWord} tool(s) ${names} not supported by this model.`;
    return err(userError("builtin_tool_error", message, "builtin_tools"));
  }
  if (tools.length === 0) return ok(undefined);
  const setting = experiment.settings.cache_tool_definitions;
  if (settingTrue(setting)) {
    const point = cachePoint(b, settingValue(b, setting), "setting:cache_tool_definitions", { kind: "setting", setting: "cache_tool_definitions" });
    if (b.model.family === "claude") tools.push(point);
    else {
      drop(b, point, "Amazon Nova cannot cache tool definitions, and Pydantic AI skips the setting for it (bedrock_supports_tool_caching is off)");
      b.notes.push({ code: "converse_nova_tools", path: "settings.cache_tool_definitions", message: `Nova does not cache tools (${BEDROCK_CONVERSE.novaCachesTools.source}); Pydantic AI sends no tools cachePoint` });
    }
  }
  return ok({ tools, toolChoice: experiment.output_tools.length > 0 ? { any: {} } : { auto: {} } });
}

/**
 * `_limit_cache_points` (B 1087-1148 at v1.74.0, unchanged at v2.33.0): system and tool cachePoints always
 * stay; message cachePoints are kept newest first while the budget of 4 lasts.
 */
function limitCachePoints(b: Builder, body: ConverseBody): void {
  let budget = CONVERSE_MAX_CACHE_POINTS - body.system.filter(isCachePoint).length - (body.toolConfig?.tools.filter(isCachePoint).length ?? 0);
  for (let m = body.messages.length - 1; m >= 0; m--) {
    const message = body.messages[m]!;
    const kept: Block[] = [];
    for (let i = message.content.length - 1; i >= 0; i--) {
      const block = message.content[i]!;
      if (!isCachePoint(block)) kept.push(block);
      else if (budget > 0) {
        budget--;
        kept.push(block);
      } else {
        drop(b, block, `Pydantic AI keeps at most ${CONVERSE_MAX_CACHE_POINTS} cachePoints, the newest ones, after those on the system prompt and tools`);
        const record = b.points.get(block);
        if (record) record.limited = true;
      }
    }
    message.content = kept.reverse();
  }
}

function locate(b: Builder, body: ConverseBody): Record<string, string> {
  const sources: Record<string, string> = {};
  const visit = (block: object, section: ConverseSection, messageIndex: number, blockIndex: number, wire: string) => {
    const record = b.points.get(block);
    if (record) record.at = { section, messageIndex, blockIndex };
    const origin = b.origins.get(block);
    if (origin) sources[wire] = origin;
  };
  body.system.forEach((block, i) => visit(block, "system", -1, i, `system[${i}]`));
  body.toolConfig?.tools.forEach((tool, i) => visit(tool, "tools", -1, i, `toolConfig.tools[${i}]`));
  body.messages.forEach((message, m) => message.content.forEach((block, i) => visit(block, "messages", m, i, `messages[${m}].content[${i}]`)));
  for (const record of b.points.values()) if (record.at === null && record.dropped === undefined) record.dropped = "it is not in the request";
  return sources;
}

/** Builds the Converse request. Fails (as a value) where Pydantic AI raises, in its own words. */
export function buildConverseRequest(experiment: Experiment): Result<ConverseBuild> {
  const model = resolveConverseModel(experiment.model, experiment.provider_options.bedrock_profile);
  if (!model) {
    const message = `Bedrock Converse in CacheLab covers the models Pydantic AI caches on there, Claude and Amazon Nova; "${experiment.model}" is neither`;
    return err(userError("converse_model", message, "model"));
  }
  const b: Builder = { rules: converseRules(experiment.semantics), model, notes: [], points: new Map(), origins: new Map(), documentCount: 0 };
  const automatic = automaticCacheSetting(experiment);
  if (automatic !== false) {
    b.notes.push({ code: "converse_no_automatic", path: "settings.cache", message: "BedrockConverseModel has no automatic caching setting (anthropic_cache is AnthropicModel's), so settings.cache is not sent" });
  }
  if (b.rules.ttl === "never") {
    for (const key of ["cache_instructions", "cache_tool_definitions", "cache_messages"] as const) {
      const value = experiment.settings[key];
      if (value === "1h") b.notes.push({ code: "converse_ttl_dropped", path: `settings.${key}`, message: `Pydantic AI v1.74.0's bedrock_${key} is a boolean: it is sent as True, a cachePoint without ttl (Bedrock's default 5 minutes)` });
    }
  }

  const mapped = mapMessages(b, experiment);
  if (!mapped.ok) return mapped;
  const messages = mergeUserTurns(b, mapped.value);
  const system = mapSystem(b, experiment);

  const cacheMessages = experiment.settings.cache_messages;
  if (settingTrue(cacheMessages)) {
    const point = cachePoint(b, settingValue(b, cacheMessages), "setting:cache_messages", { kind: "setting", setting: "cache_messages" });
    // The last *user* message, unless it already ends with a cachePoint (`_get_last_user_message_content`,
    // B 951-975 at v1.74.0), before its trailing documents.
    const lastUser = [...messages].reverse().find((msg) => msg.role === "user");
    if (messages.length === 0 || !lastUser) drop(b, point, "there is no user message, so bedrock_cache_messages does nothing");
    else if (isCachePoint(lastUser.content.at(-1))) drop(b, point, "the last user message already ends with a cachePoint, so bedrock_cache_messages adds nothing");
    else {
      const placed = insertBeforeTrailingDocuments(lastUser.content, point);
      if (placed.ok && !placed.value) drop(b, point, "a cachePoint already sits before the last user message's trailing documents");
      if (messages.at(-1) !== lastUser) {
        b.notes.push({ code: "converse_messages_last_user", path: "settings.cache_messages", message: "BedrockConverseModel caches the last user message; the assistant turn after it is not in the cached prefix" });
      }
    }
  }
  // Bedrock wants the conversation to start with a user turn: a synthetic "." (B 940-947 at v1.74.0). At
  // v2.33.0 Claude takes a leading assistant turn and only an empty conversation gets one (B 1434-1446).
  const needsLead = messages.length === 0 || (messages[0]!.role !== "user" && (b.rules.leadingAssistantTurn === "always-synthetic" || model.family === "nova"));
  if (needsLead) messages.unshift({ role: "user", content: [{ text: "." }] });

  const toolConfig = mapTools(b, experiment);
  if (!toolConfig.ok) return toolConfig;
  const body: ConverseBody = { messages, system, inferenceConfig: { maxTokens: experiment.max_tokens }, ...(toolConfig.value ? { toolConfig: toolConfig.value } : {}) };
  limitCachePoints(b, body);

  if (model.family === "nova") {
    for (const record of b.points.values()) {
      if (record.requestedTtl === "1h") {
        const path = record.origin.kind === "setting" ? `settings.${record.origin.setting}` : `messages[${record.origin.messageIndex}].content[${record.origin.contentIndex}]`;
        b.notes.push({ code: "converse_nova_1h", path, message: `Nova's 1h TTL is not documented (${BEDROCK_CONVERSE.nova1h.unverified}); the emulator caches it for 5 minutes` });
      }
    }
  }
  const sources = locate(b, body);
  return ok({ model, modelId: model.modelId, body, breakpoints: [...b.points.values()], notes: b.notes, sources });
}
