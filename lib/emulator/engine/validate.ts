// Request validation with the API's own paths and messages (docs/reference/anthropic-caching.md §1.3,
// §1.6, §1.10, §1.11, §5.3). Messages that the reference quotes from real responses are used word for
// word; the rest follow the same pydantic style ("<path>: <message>") and say so in the README.
import type { PromptParts, Ttl } from "@/lib/cache/wire-types";
import { invalidRequest } from "./errors";
import type { ApiVersion, BedrockTtlMode, EngineError, Surface } from "./types";

export interface NormalizedRequest {
  model: string;
  /** null for count_tokens. */
  maxTokens: number | null;
  stream: boolean;
  apiVersion: ApiVersion;
  parts: PromptParts;
  /** Top-level `cache_control` (automatic caching), already validated. */
  automatic: { ttl: Ttl } | null;
  /**
   * Parameters that invalidate a level of the cache without being part of the prompt's blocks
   * (docs/reference/anthropic-caching.md §1.7); engine/keys.ts turns them into salts.
   */
  levelParams: LevelParams;
  lastUserText: string;
  /** The tool a `tool_choice` of type "tool" or "any" makes the model call. */
  forcedTool: { name: string; inputSchema: unknown } | null;
  /** Index of the first `role: "system"` message, if any (only some models accept one). */
  systemRoleAt: number | null;
  /** The request's `diagnostics` (cache diagnostics opt-in), or null when it has none. */
  diagnostics: { previousMessageId: string | null } | null;
}

export interface LevelParams {
  thinking: unknown;
  toolChoice: unknown;
  /** `output_config.effort` as sent (undefined when omitted). */
  effort: unknown;
  speed: unknown;
}

export interface ValidationContext {
  provider: Surface;
  kind: "messages" | "count_tokens";
  apiVersion: ApiVersion;
  modelFromPath?: string;
  stream?: boolean;
  bedrockTtl: BedrockTtlMode;
}

type Check<T> = { ok: true; value: T } | { ok: false; error: EngineError };
const fail = (message: string): { ok: false; error: EngineError } => ({ ok: false, error: invalidRequest(message) });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const MESSAGE_BLOCK_TYPES = new Set([
  "text",
  "image",
  "document",
  "search_result",
  "tool_use",
  "tool_result",
  "thinking",
  "redacted_thinking",
  "server_tool_use",
  "web_search_tool_result",
  "web_fetch_tool_result",
  "code_execution_tool_result",
  "bash_code_execution_tool_result",
  "text_editor_code_execution_tool_result",
  "tool_search_tool_result",
  "tool_reference",
  "container_upload",
]);
/** Block types whose params have no `cache_control` field (docs/reference/anthropic-caching.md §1.10). */
const NO_CACHE_CONTROL = new Set(["thinking", "redacted_thinking"]);

const VERSIONS: Partial<Record<Surface, readonly string[]>> = {
  bedrock: ["bedrock-2023-05-31", "2026-10-21"],
  vertex: ["vertex-2023-10-16", "2026-10-21"],
};

/**
 * Checks one `cache_control` value found at `path` (the block's path, e.g. "messages.0.content.1.text").
 * Returns the value to use (Bedrock "ignore" drops the ttl), or an error.
 */
function checkCacheControl(cc: unknown, path: string, ctx: ValidationContext): Check<Record<string, unknown> | null> {
  if (cc === undefined || cc === null) return { ok: true, value: null };
  if (!isObject(cc)) return fail(`${path}.cache_control: Input should be a valid dictionary or object to extract fields from`);
  if (cc.type === undefined) return fail(`${path}.cache_control: Unable to extract tag using discriminator 'type'`);
  if (cc.type !== "ephemeral") {
    return fail(`${path}.cache_control: Input tag '${String(cc.type)}' found using 'type' does not match any of the expected tags: 'ephemeral'`);
  }
  for (const key of Object.keys(cc)) {
    if (key !== "type" && key !== "ttl") return fail(`${path}.cache_control.ephemeral.${key}: Extra inputs are not permitted`);
  }
  if (cc.ttl !== undefined && cc.ttl !== null) {
    if (ctx.provider === "bedrock" && ctx.bedrockTtl === "reject") {
      return fail(`${path}.cache_control.ephemeral.ttl: Extra inputs are not permitted`);
    }
    if (cc.ttl !== "5m" && cc.ttl !== "1h") return fail(`${path}.cache_control.ephemeral.ttl: Input should be '5m' or '1h'`);
    if (ctx.provider === "bedrock" && ctx.bedrockTtl === "ignore") return { ok: true, value: { type: "ephemeral" } };
  }
  return { ok: true, value: cc };
}

/** Copies `block` with its cache_control replaced (or removed when null). */
function withCacheControl<T extends Record<string, unknown>>(block: T, cc: Record<string, unknown> | null): T {
  if (block.cache_control === cc) return block;
  const { cache_control: _old, ...rest } = block;
  return (cc ? { ...rest, cache_control: cc } : rest) as T;
}

function checkText(block: Record<string, unknown>, path: string, section: "messages" | "system"): Check<null> {
  if (block.text === undefined) return fail(`${path}.text: Field required`);
  if (typeof block.text !== "string") return fail(`${path}.text: Input should be a valid string`);
  if (block.text === "") {
    if (isObject(block.cache_control)) {
      // docs/reference/anthropic-caching.md §1.10: "messages.0.content.1.text: cache_control cannot be set
      // for empty text blocks"
      const where = section === "messages" ? path : path.replace(/\.text$/, "");
      return fail(`${where}: cache_control cannot be set for empty text blocks`);
    }
    return fail(`${section}: text content blocks must be non-empty`);
  }
  if (block.text.trim() === "") return fail(`${section}: text content blocks must contain non-whitespace text`);
  return { ok: true, value: null };
}

function checkMessageBlock(raw: unknown, path: string, ctx: ValidationContext): Check<Record<string, unknown>> {
  if (!isObject(raw)) return fail(`${path}: Input should be a valid dictionary or object to extract fields from`);
  const type = raw.type;
  if (typeof type !== "string") return fail(`${path}: Unable to extract tag using discriminator 'type'`);
  if (!MESSAGE_BLOCK_TYPES.has(type)) {
    return fail(`${path}: Input tag '${type}' found using 'type' does not match any of the expected tags: ${[...MESSAGE_BLOCK_TYPES].map((t) => `'${t}'`).join(", ")}`);
  }
  const tagged = `${path}.${type}`;
  if (NO_CACHE_CONTROL.has(type) && "cache_control" in raw) {
    // docs/reference/anthropic-caching.md §1.10: "messages.13.content.0.thinking.cache_control: Extra inputs
    // are not permitted"
    return fail(`${tagged}.cache_control: Extra inputs are not permitted`);
  }
  let block = raw;
  switch (type) {
    case "text": {
      const text = checkText(raw, tagged, "messages");
      if (!text.ok) return text;
      break;
    }
    case "thinking":
      if (typeof raw.thinking !== "string") return fail(`${tagged}.thinking: ${raw.thinking === undefined ? "Field required" : "Input should be a valid string"}`);
      break;
    case "image":
    case "document":
      if (!isObject(raw.source)) return fail(`${tagged}.source: ${raw.source === undefined ? "Field required" : "Input should be a valid dictionary or object to extract fields from"}`);
      break;
    case "tool_use":
      if (typeof raw.id !== "string") return fail(`${tagged}.id: ${raw.id === undefined ? "Field required" : "Input should be a valid string"}`);
      if (typeof raw.name !== "string") return fail(`${tagged}.name: ${raw.name === undefined ? "Field required" : "Input should be a valid string"}`);
      if (!isObject(raw.input)) return fail(`${tagged}.input: ${raw.input === undefined ? "Field required" : "Input should be a valid dictionary"}`);
      break;
    case "tool_result": {
      if (typeof raw.tool_use_id !== "string") {
        return fail(`${tagged}.tool_use_id: ${raw.tool_use_id === undefined ? "Field required" : "Input should be a valid string"}`);
      }
      if (Array.isArray(raw.content)) {
        // Since 2025-05-01 cache_control belongs on the tool_result itself; on its last inner block it is
        // moved there for backwards compatibility, anywhere else it is an error
        // (docs/reference/anthropic-caching.md §1.10).
        const inner = raw.content as unknown[];
        const checked: unknown[] = [];
        let moved: Record<string, unknown> | null = null;
        for (let k = 0; k < inner.length; k++) {
          const item = inner[k];
          const itemPath = `${tagged}.content.${k}`;
          if (!isObject(item)) return fail(`${itemPath}: Input should be a valid dictionary or object to extract fields from`);
          const cc = checkCacheControl(item.cache_control, `${itemPath}.${String(item.type)}`, ctx);
          if (!cc.ok) return cc;
          if (item.type === "text") {
            const text = checkText(item, `${itemPath}.text`, "messages");
            if (!text.ok) return text;
          }
          if (cc.value && k !== inner.length - 1) {
            return fail(`${itemPath}.${String(item.type)}.cache_control: cache_control is only allowed on the last content block of a tool_result`);
          }
          if (cc.value) moved = cc.value;
          checked.push(cc.value ? withCacheControl(item, null) : item);
        }
        block = { ...raw, content: checked };
        if (moved && !isObject(raw.cache_control)) block = { ...block, cache_control: moved };
      } else if (raw.content !== undefined && typeof raw.content !== "string") {
        return fail(`${tagged}.content: Input should be a valid list`);
      }
      break;
    }
    default:
      break;
  }
  if (!NO_CACHE_CONTROL.has(type)) {
    const cc = checkCacheControl(block.cache_control, tagged, ctx);
    if (!cc.ok) return cc;
    block = withCacheControl(block, cc.value);
  }
  return { ok: true, value: block };
}

const hasCitations = (block: unknown) => isObject(block) && block.type === "text" && Array.isArray(block.citations) && block.citations.length > 0;

/**
 * What API version 2026-10-21 refuses in a message (https://platform.claude.com/docs/en/api/versioning,
 * docs/reference/anthropic-caching.md §5.3): "a document block directly in an assistant message", and "a text
 * block with a non-empty citations array in a user message, directly or inside a search_result block".
 * The page gives no message text; these follow the API's "<path>: <reason>" style.
 */
function refusedIn2026(block: Record<string, unknown>, role: unknown, path: string): string | null {
  if (role === "assistant" && block.type === "document") {
    return `${path}: a document block cannot be placed in an assistant message with anthropic-version 2026-10-21`;
  }
  if (role !== "user") return null;
  if (hasCitations(block)) return `${path}.text.citations: a text block in a user message cannot carry citations with anthropic-version 2026-10-21`;
  if (block.type === "search_result" && Array.isArray(block.content)) {
    const k = block.content.findIndex(hasCitations);
    if (k >= 0) return `${path}.search_result.content.${k}.citations: a text block in a user message cannot carry citations with anthropic-version 2026-10-21`;
  }
  return null;
}

/** `diagnostics: {previous_message_id: string | null}` (cache diagnostics, @anthropic-ai/sdk DiagnosticsParam). */
function checkDiagnostics(raw: unknown): Check<NormalizedRequest["diagnostics"]> {
  if (raw === undefined || raw === null) return { ok: true, value: null };
  if (!isObject(raw)) return fail("diagnostics: Input should be a valid dictionary or object to extract fields from");
  for (const key of Object.keys(raw)) if (key !== "previous_message_id") return fail(`diagnostics.${key}: Extra inputs are not permitted`);
  const previous = raw.previous_message_id;
  if (previous !== undefined && previous !== null && typeof previous !== "string") return fail("diagnostics.previous_message_id: Input should be a valid string");
  return { ok: true, value: { previousMessageId: previous ?? null } };
}

/** Server tools run on Anthropic's side: web search and fetch, code execution, tool search. */
const SERVER_TOOL = /^(web_search|web_fetch|code_execution|tool_search_tool)_/;

/**
 * What Claude in Amazon Bedrock does not support (docs/reference/anthropic-caching.md §6.2): structured
 * outputs (`output_config.format`, strict tools) and server tools. Batches and the models endpoint are
 * refused by path (404). Its documentation quotes no error text; these name the field.
 */
function refusedOnMantle(body: Record<string, unknown>): string | null {
  if (isObject(body.output_config) && body.output_config.format !== undefined && body.output_config.format !== null) {
    return "output_config.format: structured outputs are not supported on Claude in Amazon Bedrock";
  }
  const tools = Array.isArray(body.tools) ? body.tools : [];
  for (let i = 0; i < tools.length; i++) {
    const tool = tools[i];
    if (!isObject(tool)) continue;
    if (typeof tool.type === "string" && SERVER_TOOL.test(tool.type)) return `tools.${i}: server tools are not supported on Claude in Amazon Bedrock ('${tool.type}')`;
    if (tool.strict === true) return `tools.${i}.strict: structured outputs are not supported on Claude in Amazon Bedrock`;
  }
  return null;
}

function checkMessages(
  raw: unknown,
  ctx: ValidationContext,
): Check<{ messages: PromptParts["messages"]; lastUserText: string; systemRoleAt: number | null }> {
  if (raw === undefined) return fail("messages: Field required");
  if (!Array.isArray(raw)) return fail("messages: Input should be a valid list");
  if (raw.length === 0) return fail("messages: List should have at least 1 item after validation, not 0");
  const messages: PromptParts["messages"] = [];
  let lastUserText = "";
  let systemRoleAt: number | null = null;
  for (let m = 0; m < raw.length; m++) {
    const message = raw[m];
    const path = `messages.${m}`;
    if (!isObject(message)) return fail(`${path}: Input should be a valid dictionary or object to extract fields from`);
    if (message.role === undefined) return fail(`${path}.role: Field required`);
    if (message.role !== "user" && message.role !== "assistant" && message.role !== "system") {
      return fail(`${path}.role: Input should be 'user' or 'assistant'`);
    }
    // Mid-conversation system messages (docs/reference/anthropic-caching.md §1.7, §5.3): only some models
    // take them; the engine checks the model once it is resolved.
    if (message.role === "system" && systemRoleAt === null) systemRoleAt = m;
    const content = message.content;
    if (content === undefined) return fail(`${path}.content: Field required`);
    if (typeof content === "string") {
      if (content === "" && !(message.role === "assistant" && m === raw.length - 1)) {
        return fail(`${path}: all messages must have non-empty content except for the optional final assistant message`);
      }
      messages.push({ role: message.role as "user" | "assistant", content });
      if (message.role === "user") lastUserText = content;
      continue;
    }
    if (!Array.isArray(content)) return fail(`${path}.content: Input should be a valid list`);
    if (content.length === 0 && !(message.role === "assistant" && m === raw.length - 1)) {
      return fail(`${path}: all messages must have non-empty content except for the optional final assistant message`);
    }
    const blocks: Record<string, unknown>[] = [];
    for (let b = 0; b < content.length; b++) {
      const checked = checkMessageBlock(content[b], `${path}.content.${b}`, ctx);
      if (!checked.ok) return checked;
      if (ctx.apiVersion === "2026-10-21") {
        const refused = refusedIn2026(checked.value, message.role, `${path}.content.${b}`);
        if (refused) return fail(refused);
      }
      blocks.push(checked.value);
    }
    messages.push({ role: message.role as "user" | "assistant", content: blocks as never });
    if (message.role === "user") {
      const texts = blocks.flatMap((b) => {
        if (b.type === "text") return [String(b.text)];
        if (b.type === "tool_result" && typeof b.content === "string") return [b.content];
        return [];
      });
      if (texts.length) lastUserText = texts[texts.length - 1]!;
    }
  }
  return { ok: true, value: { messages, lastUserText, systemRoleAt } };
}

function checkSystem(raw: unknown, ctx: ValidationContext): Check<PromptParts["system"]> {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  if (typeof raw === "string") return { ok: true, value: raw };
  if (!Array.isArray(raw)) return fail("system: Input should be a valid string or a valid list");
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < raw.length; i++) {
    const block = raw[i];
    const path = `system.${i}`;
    if (!isObject(block)) return fail(`${path}: Input should be a valid dictionary or object to extract fields from`);
    if (block.type !== "text") return fail(`${path}.type: Input should be 'text'`);
    const text = checkText(block, `${path}.text`, "system");
    if (!text.ok) return text;
    const cc = checkCacheControl(block.cache_control, path, ctx);
    if (!cc.ok) return cc;
    out.push(withCacheControl(block, cc.value));
  }
  return { ok: true, value: out as never };
}

function checkTools(raw: unknown, ctx: ValidationContext): Check<PromptParts["tools"]> {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  if (!Array.isArray(raw)) return fail("tools: Input should be a valid list");
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < raw.length; i++) {
    const tool = raw[i];
    const path = `tools.${i}`;
    if (!isObject(tool)) return fail(`${path}: Input should be a valid dictionary or object to extract fields from`);
    const custom = tool.type === undefined || tool.type === null || tool.type === "custom";
    if (custom) {
      if (typeof tool.name !== "string") return fail(`${path}.name: ${tool.name === undefined ? "Field required" : "Input should be a valid string"}`);
      if (!isObject(tool.input_schema)) {
        return fail(`${path}.input_schema: ${tool.input_schema === undefined ? "Field required" : "Input should be a valid dictionary"}`);
      }
    } else if (typeof tool.type !== "string") {
      return fail(`${path}.type: Input should be a valid string`);
    }
    const cc = checkCacheControl(tool.cache_control, path, ctx);
    if (!cc.ok) return cc;
    out.push(withCacheControl(tool, cc.value));
  }
  return { ok: true, value: out as never };
}

/** Validates a Messages or count_tokens body and returns what the cache model needs. */
export function validateRequest(body: unknown, ctx: ValidationContext): Check<NormalizedRequest> {
  if (!isObject(body)) return fail("Input should be a valid dictionary or object to extract fields from");

  let apiVersion = ctx.apiVersion;
  const allowedVersions = VERSIONS[ctx.provider];
  if (allowedVersions) {
    // Bedrock and Vertex take the version from the body (docs/reference/anthropic-caching.md §6.1, §6.3,
    // §7.3, §7.4).
    const v = body.anthropic_version;
    if (v === undefined) return fail("anthropic_version: Field required");
    if (typeof v !== "string" || !allowedVersions.includes(v)) {
      // Bedrock refuses a version it does not know in its own words (boto/boto3#4218).
      if (ctx.provider === "bedrock") return fail(`Invalid API version: ${typeof v === "string" ? v : JSON.stringify(v)}`);
      return fail(`anthropic_version: Input should be ${allowedVersions.map((a) => `'${a}'`).join(" or ")}`);
    }
    apiVersion = v === "2026-10-21" ? "2026-10-21" : "2023-06-01";
  }

  let model = ctx.modelFromPath;
  if (model === undefined) {
    if (body.model === undefined) return fail("model: Field required");
    if (typeof body.model !== "string") return fail("model: Input should be a valid string");
    model = body.model;
  }

  let maxTokens: number | null = null;
  if (ctx.kind === "messages") {
    if (body.max_tokens === undefined) return fail("max_tokens: Field required");
    if (typeof body.max_tokens !== "number" || !Number.isInteger(body.max_tokens)) return fail("max_tokens: Input should be a valid integer");
    if (body.max_tokens < 0) return fail("max_tokens: Input should be greater than or equal to 0");
    maxTokens = body.max_tokens;
  }

  if (body.stream !== undefined && typeof body.stream !== "boolean") return fail("stream: Input should be a valid boolean");
  // Wrong types in the other structured fields are 400s too; only the shape is checked, so values
  // newer than the emulator (a new thinking mode, a new tool_choice type) still pass.
  for (const key of ["tool_choice", "thinking", "metadata", "output_config"]) {
    if (body[key] !== undefined && body[key] !== null && !isObject(body[key])) {
      return fail(`${key}: Input should be a valid dictionary or object to extract fields from`);
    }
  }
  if (body.stop_sequences !== undefined && body.stop_sequences !== null) {
    if (!Array.isArray(body.stop_sequences)) return fail("stop_sequences: Input should be a valid list");
    const bad = body.stop_sequences.findIndex((v) => typeof v !== "string");
    if (bad >= 0) return fail(`stop_sequences.${bad}: Input should be a valid string`);
  }
  const stream = ctx.stream ?? body.stream === true;

  if (apiVersion === "2026-10-21") {
    // API version 2026-10-21 removed the sampling parameters (docs/reference/anthropic-caching.md §5.3): 400
    // even at defaults.
    for (const key of ["temperature", "top_p", "top_k"]) {
      if (key in body) return fail(`${key}: Extra inputs are not permitted`);
    }
  } else {
    for (const key of ["temperature", "top_p", "top_k"]) {
      if (body[key] !== undefined && typeof body[key] !== "number") return fail(`${key}: Input should be a valid number`);
    }
  }

  const tools = checkTools(body.tools, ctx);
  if (!tools.ok) return tools;
  const system = checkSystem(body.system, ctx);
  if (!system.ok) return system;
  const messages = checkMessages(body.messages, { ...ctx, apiVersion });
  if (!messages.ok) return messages;

  let automatic: NormalizedRequest["automatic"] = null;
  if (body.cache_control !== undefined && body.cache_control !== null) {
    // The legacy Bedrock InvokeModel integration has no automatic caching
    // (docs/reference/anthropic-caching.md §1.1, §6.1).
    if (ctx.provider === "bedrock") return fail("cache_control: Extra inputs are not permitted");
    const cc = checkCacheControl(body.cache_control, "", ctx);
    if (!cc.ok) return { ok: false, error: { ...cc.error, message: cc.error.message.replace(/^\./, "") } };
    if (cc.value) automatic = { ttl: cc.value.ttl === "1h" ? "1h" : "5m" };
  }

  const thinking = body.thinking;
  const toolChoice = body.tool_choice;
  if (maxTokens === 0) {
    // Pre-warming (docs/reference/anthropic-caching.md §1.11) is refused with these companions.
    if (stream) return fail("max_tokens: max_tokens=0 (cache pre-warming) cannot be used with stream=true");
    if (isObject(thinking) && thinking.type === "enabled") return fail("max_tokens: max_tokens=0 (cache pre-warming) cannot be used with thinking enabled");
    if (isObject(toolChoice) && (toolChoice.type === "tool" || toolChoice.type === "any")) {
      return fail(`max_tokens: max_tokens=0 (cache pre-warming) cannot be used with tool_choice type '${toolChoice.type}'`);
    }
    if (isObject(body.output_config) && body.output_config.format !== undefined) {
      return fail("max_tokens: max_tokens=0 (cache pre-warming) cannot be used with output_config.format");
    }
  }

  let forcedTool: NormalizedRequest["forcedTool"] = null;
  if (isObject(toolChoice) && (toolChoice.type === "tool" || toolChoice.type === "any")) {
    const custom = (tools.value ?? []).filter((t) => typeof t.name === "string" && t.input_schema !== undefined);
    const chosen = toolChoice.type === "tool" ? custom.find((t) => t.name === toolChoice.name) : custom[0];
    if (toolChoice.type === "tool" && typeof toolChoice.name !== "string") return fail("tool_choice.tool.name: Field required");
    if (chosen) forcedTool = { name: String(chosen.name), inputSchema: chosen.input_schema };
    else if (toolChoice.type === "tool") return fail(`tool_choice.tool.name: tool '${String(toolChoice.name)}' is not among the tools of this request`);
  }

  const effort = isObject(body.output_config) ? body.output_config.effort : undefined;
  const diagnostics = checkDiagnostics(body.diagnostics);
  if (!diagnostics.ok) return diagnostics;
  if (ctx.provider === "bedrock-mantle") {
    const refused = refusedOnMantle(body);
    if (refused) return fail(refused);
  }

  return {
    ok: true,
    value: {
      model,
      maxTokens,
      stream,
      apiVersion,
      parts: { tools: tools.value, system: system.value, messages: messages.value.messages },
      automatic,
      levelParams: { thinking, toolChoice, effort, speed: body.speed },
      diagnostics: diagnostics.value,
      lastUserText: messages.value.lastUserText,
      forcedTool,
      systemRoleAt: messages.value.systemRoleAt,
    },
  };
}
