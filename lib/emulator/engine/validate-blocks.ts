// Block-level checks of a Messages body, with the API's own paths and messages (docs/reference/anthropic-caching.md
// §1.3, §1.6, §1.10, §5.3): tools, system blocks, messages and their content blocks, and the
// `cache_control` each may carry. Messages the reference quotes from real responses are used word for
// word; the rest follow the same pydantic style ("<path>: <message>") and say so in the README. The
// checked blocks keep every field as sent (the cache key follows them, engine/keys.ts).
import { NO_CACHE_CONTROL_TYPES } from "@/lib/cache/automatic-cache";
import { type Result, err, ok } from "@/lib/cache/result";
import { API_ERRORS } from "@/lib/cache/rules";
import { invalidRequest } from "./errors";
import type { ApiVersion, BedrockTtlMode, EngineError, Surface } from "./types";

/** A JSON object as received: fields the emulator does not read pass through untouched. */
export type WireObject = Record<string, unknown>;
export type SystemBlock = WireObject & { type: "text" };
export interface CheckedMessage {
  /** `system` only on the models that take mid-conversation system messages (the engine checks). */
  role: "user" | "assistant" | "system";
  content: string | WireObject[];
}
/** The prompt as checked: what the prefix walk and the cache key read (lib/cache/prefix.ts PrefixParts). */
export interface CheckedParts {
  tools?: WireObject[];
  system?: string | SystemBlock[];
  messages: CheckedMessage[];
}

export interface BlockContext {
  provider: Surface;
  apiVersion: ApiVersion;
  bedrockTtl: BedrockTtlMode;
}

export type Check<T> = Result<T, EngineError>;
export const fail = (message: string): { ok: false; error: EngineError } => err(invalidRequest(message));
export const isObject = (v: unknown): v is WireObject => typeof v === "object" && v !== null && !Array.isArray(v);
const typeError = (value: unknown, expected: string) => (value === undefined ? "Field required" : `Input should be ${expected}`);

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

/**
 * Checks one `cache_control` value found at `path` (the block's path, e.g. "messages.0.content.1.text").
 * Returns the value to use (Bedrock "ignore" drops the ttl), or an error.
 */
export function checkCacheControl(cc: unknown, path: string, ctx: BlockContext): Check<WireObject | null> {
  if (cc === undefined || cc === null) return ok(null);
  if (!isObject(cc)) return fail(`${path}.cache_control: Input should be a valid dictionary or object to extract fields from`);
  if (cc.type === undefined) return fail(`${path}.cache_control: Unable to extract tag using discriminator 'type'`);
  if (cc.type !== "ephemeral") {
    return fail(`${path}.cache_control: Input tag '${String(cc.type)}' found using 'type' does not match any of the expected tags: 'ephemeral'`);
  }
  for (const key of Object.keys(cc)) {
    if (key !== "type" && key !== "ttl") return fail(`${path}.cache_control.ephemeral.${key}: Extra inputs are not permitted`);
  }
  if (cc.ttl !== undefined && cc.ttl !== null) {
    if (ctx.provider === "bedrock" && ctx.bedrockTtl === "reject") return fail(`${path}.cache_control.ephemeral.ttl: Extra inputs are not permitted`);
    if (cc.ttl !== "5m" && cc.ttl !== "1h") return fail(`${path}.cache_control.ephemeral.ttl: Input should be '5m' or '1h'`);
    if (ctx.provider === "bedrock" && ctx.bedrockTtl === "ignore") return ok({ type: "ephemeral" });
  }
  return ok(cc);
}

/** Copies `block` with its cache_control replaced (or removed when null). */
function withCacheControl(block: WireObject, cc: WireObject | null): WireObject {
  if (block.cache_control === cc) return block;
  const { cache_control: _old, ...rest } = block;
  return cc ? { ...rest, cache_control: cc } : rest;
}

function checkText(block: WireObject, path: string, section: "messages" | "system"): Check<null> {
  if (typeof block.text !== "string") return fail(`${path}.text: ${typeError(block.text, "a valid string")}`);
  if (block.text === "") {
    if (isObject(block.cache_control)) {
      // docs/reference/anthropic-caching.md §1.10: "messages.0.content.1.text: cache_control cannot be set
      // for empty text blocks"
      const where = section === "messages" ? path : path.replace(/\.text$/, "");
      return fail(API_ERRORS.emptyTextCacheControl(where));
    }
    return fail(API_ERRORS.emptyText(section));
  }
  if (block.text.trim() === "") return fail(API_ERRORS.blankText(section));
  return ok(null);
}

/**
 * Since 2025-05-01 cache_control belongs on the tool_result itself; on its last inner block it is moved
 * there for backwards compatibility, anywhere else it is an error (docs/reference/anthropic-caching.md §1.10).
 */
function checkToolResult(raw: WireObject, tagged: string, ctx: BlockContext): Check<WireObject> {
  if (typeof raw.tool_use_id !== "string") return fail(`${tagged}.tool_use_id: ${typeError(raw.tool_use_id, "a valid string")}`);
  if (raw.content === undefined || typeof raw.content === "string") return ok(raw);
  if (!Array.isArray(raw.content)) return fail(`${tagged}.content: Input should be a valid list`);
  const inner: readonly unknown[] = raw.content;
  const checked: WireObject[] = [];
  let moved: WireObject | null = null;
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
  const block = { ...raw, content: checked };
  return ok(moved && !isObject(raw.cache_control) ? { ...block, cache_control: moved } : block);
}

/** The fields each block type needs; the rest of the block passes as sent. */
function checkBlockFields(raw: WireObject, type: string, tagged: string, ctx: BlockContext): Check<WireObject> {
  switch (type) {
    case "text": {
      const text = checkText(raw, tagged, "messages");
      return text.ok ? ok(raw) : text;
    }
    case "thinking":
      return typeof raw.thinking === "string" ? ok(raw) : fail(`${tagged}.thinking: ${typeError(raw.thinking, "a valid string")}`);
    case "image":
    case "document":
      return isObject(raw.source) ? ok(raw) : fail(`${tagged}.source: ${typeError(raw.source, "a valid dictionary or object to extract fields from")}`);
    case "tool_use":
      if (typeof raw.id !== "string") return fail(`${tagged}.id: ${typeError(raw.id, "a valid string")}`);
      if (typeof raw.name !== "string") return fail(`${tagged}.name: ${typeError(raw.name, "a valid string")}`);
      return isObject(raw.input) ? ok(raw) : fail(`${tagged}.input: ${typeError(raw.input, "a valid dictionary")}`);
    case "tool_result":
      return checkToolResult(raw, tagged, ctx);
    default:
      return ok(raw);
  }
}

function checkMessageBlock(raw: unknown, path: string, ctx: BlockContext): Check<WireObject> {
  if (!isObject(raw)) return fail(`${path}: Input should be a valid dictionary or object to extract fields from`);
  const type = raw.type;
  if (typeof type !== "string") return fail(`${path}: Unable to extract tag using discriminator 'type'`);
  if (!MESSAGE_BLOCK_TYPES.has(type)) {
    return fail(`${path}: Input tag '${type}' found using 'type' does not match any of the expected tags: ${[...MESSAGE_BLOCK_TYPES].map((t) => `'${t}'`).join(", ")}`);
  }
  const tagged = `${path}.${type}`;
  if (NO_CACHE_CONTROL_TYPES.has(type)) {
    // docs/reference/anthropic-caching.md §1.10: "messages.13.content.0.thinking.cache_control: Extra inputs
    // are not permitted"
    return "cache_control" in raw ? fail(`${tagged}.cache_control: Extra inputs are not permitted`) : checkBlockFields(raw, type, tagged, ctx);
  }
  const block = checkBlockFields(raw, type, tagged, ctx);
  if (!block.ok) return block;
  const cc = checkCacheControl(block.value.cache_control, tagged, ctx);
  return cc.ok ? ok(withCacheControl(block.value, cc.value)) : cc;
}

const hasCitations = (block: unknown) => isObject(block) && block.type === "text" && Array.isArray(block.citations) && block.citations.length > 0;

/**
 * What API version 2026-10-21 refuses in a message (https://platform.claude.com/docs/en/api/versioning,
 * docs/reference/anthropic-caching.md §5.3): "a document block directly in an assistant message", and "a text
 * block with a non-empty citations array in a user message, directly or inside a search_result block".
 * The page gives no message text; these follow the API's "<path>: <reason>" style.
 */
function refusedIn2026(block: WireObject, role: CheckedMessage["role"], path: string): string | null {
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

const isRole = (role: unknown): role is CheckedMessage["role"] => role === "user" || role === "assistant" || role === "system";

function checkMessage(message: unknown, m: number, isLast: boolean, ctx: BlockContext): Check<CheckedMessage> {
  const path = `messages.${m}`;
  if (!isObject(message)) return fail(`${path}: Input should be a valid dictionary or object to extract fields from`);
  if (message.role === undefined) return fail(`${path}.role: Field required`);
  // `system` is a role only some models take (docs/reference/anthropic-caching.md §1.7, §5.3): the engine
  // checks it against the model; the API's message names the two roles every model takes.
  if (!isRole(message.role)) return fail(`${path}.role: Input should be 'user' or 'assistant'`);
  const { role, content } = message;
  const emptyAllowed = role === "assistant" && isLast;
  if (content === undefined) return fail(`${path}.content: Field required`);
  if (typeof content === "string") {
    return content === "" && !emptyAllowed ? fail(`${path}: all messages must have non-empty content except for the optional final assistant message`) : ok({ role, content });
  }
  if (!Array.isArray(content)) return fail(`${path}.content: Input should be a valid list`);
  if (content.length === 0 && !emptyAllowed) return fail(`${path}: all messages must have non-empty content except for the optional final assistant message`);
  const blocks: WireObject[] = [];
  for (let b = 0; b < content.length; b++) {
    const checked = checkMessageBlock(content[b], `${path}.content.${b}`, ctx);
    if (!checked.ok) return checked;
    const refused = ctx.apiVersion === "2026-10-21" ? refusedIn2026(checked.value, role, `${path}.content.${b}`) : null;
    if (refused) return fail(refused);
    blocks.push(checked.value);
  }
  return ok({ role, content: blocks });
}

export function checkMessages(raw: unknown, ctx: BlockContext): Check<CheckedMessage[]> {
  if (raw === undefined) return fail("messages: Field required");
  if (!Array.isArray(raw)) return fail("messages: Input should be a valid list");
  if (raw.length === 0) return fail(API_ERRORS.noMessages);
  const messages: CheckedMessage[] = [];
  for (let m = 0; m < raw.length; m++) {
    const message = checkMessage(raw[m], m, m === raw.length - 1, ctx);
    if (!message.ok) return message;
    messages.push(message.value);
  }
  const orphan = orphanToolResult(messages);
  return orphan ? fail(orphan) : ok(messages);
}

/** The API's refusal of the first tool_result whose tool_use_id no tool_use in the message before it carries. */
function orphanToolResult(messages: CheckedMessage[]): string | null {
  for (let m = 0; m < messages.length; m++) {
    const content = messages[m]!.content;
    if (typeof content === "string") continue;
    const previous = messages[m - 1]?.content;
    const calls = new Set(Array.isArray(previous) ? previous.filter((b) => b.type === "tool_use").map((b) => b.id) : []);
    const b = content.findIndex((block) => block.type === "tool_result" && !calls.has(block.tool_use_id));
    if (b >= 0) return API_ERRORS.orphanToolResult(`messages.${m}.content.${b}`, String(content[b]!.tool_use_id));
  }
  return null;
}

export function checkSystem(raw: unknown, ctx: BlockContext): Check<CheckedParts["system"]> {
  if (raw === undefined || raw === null) return ok(undefined);
  if (typeof raw === "string") return ok(raw);
  if (!Array.isArray(raw)) return fail("system: Input should be a valid string or a valid list");
  const out: SystemBlock[] = [];
  for (let i = 0; i < raw.length; i++) {
    const block: unknown = raw[i];
    const path = `system.${i}`;
    if (!isObject(block)) return fail(`${path}: Input should be a valid dictionary or object to extract fields from`);
    if (block.type !== "text") return fail(`${path}.type: Input should be 'text'`);
    const text = checkText(block, `${path}.text`, "system");
    if (!text.ok) return text;
    const cc = checkCacheControl(block.cache_control, path, ctx);
    if (!cc.ok) return cc;
    out.push({ ...withCacheControl(block, cc.value), type: "text" });
  }
  return ok(out);
}

export function checkTools(raw: unknown, ctx: BlockContext): Check<CheckedParts["tools"]> {
  if (raw === undefined || raw === null) return ok(undefined);
  if (!Array.isArray(raw)) return fail("tools: Input should be a valid list");
  const out: WireObject[] = [];
  for (let i = 0; i < raw.length; i++) {
    const tool: unknown = raw[i];
    const path = `tools.${i}`;
    if (!isObject(tool)) return fail(`${path}: Input should be a valid dictionary or object to extract fields from`);
    const custom = tool.type === undefined || tool.type === null || tool.type === "custom";
    if (custom) {
      if (typeof tool.name !== "string") return fail(`${path}.name: ${typeError(tool.name, "a valid string")}`);
      if (!isObject(tool.input_schema)) return fail(`${path}.input_schema: ${typeError(tool.input_schema, "a valid dictionary")}`);
    } else if (typeof tool.type !== "string") {
      return fail(`${path}.type: Input should be a valid string`);
    }
    const cc = checkCacheControl(tool.cache_control, path, ctx);
    if (!cc.ok) return cc;
    out.push(withCacheControl(tool, cc.value));
  }
  return ok(out);
}
