// The shape checks Bedrock's Converse front end makes before a model sees the request
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html): every content block is
// a union with exactly one member, `cachePoint.type` is "default" and its `ttl` "5m" or "1h"
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CachePointBlock.html). Messages follow
// AWS's validation style, with 1-based list members ("1 validation error detected: Value … at
// 'messages.1.member.role' failed to satisfy constraint: …"); the exact words are CacheLab's, in that style.
import type { ConverseBody, ConverseContentBlock, ConverseMessage, ConverseSystemBlock, ConverseTool } from "@/lib/vendors/bedrock-converse-types";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** Bedrock's answer to a body it cannot read at all. */
export const MALFORMED = "Malformed input request, please reformat your input and try again.";

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const bad = (message: string): Parsed<never> => ({ ok: false, message });
const constraint = (value: unknown, at: string, rule: string) =>
  bad(`1 validation error detected: Value ${value === undefined || value === null ? "null" : `'${typeof value === "string" ? value : JSON.stringify(value)}'`} at '${at}' failed to satisfy constraint: ${rule}`);

const CONTENT_MEMBERS = new Set(["text", "image", "document", "video", "toolUse", "toolResult", "reasoningContent", "cachePoint", "guardContent"]);

function cachePoint(value: unknown, at: string): Parsed<{ type: "default"; ttl?: "5m" | "1h" }> {
  if (!isObject(value)) return constraint(value, `${at}.cachePoint.type`, "Member must not be null");
  if (value.type !== "default") return constraint(value.type, `${at}.cachePoint.type`, "Member must satisfy enum value set: [default]");
  if (value.ttl !== undefined && value.ttl !== "5m" && value.ttl !== "1h") return constraint(value.ttl, `${at}.cachePoint.ttl`, "Member must satisfy enum value set: [5m, 1h]");
  return { ok: true, value: value.ttl === undefined ? { type: "default" } : { type: "default", ttl: value.ttl } };
}

/** A block with exactly one known member. */
function member(block: unknown, allowed: Set<string>): string | null {
  if (!isObject(block)) return null;
  const keys = Object.keys(block).filter((k) => block[k] !== undefined && block[k] !== null);
  return keys.length === 1 && allowed.has(keys[0]!) ? keys[0]! : null;
}

function contentBlock(block: unknown, at: string): Parsed<ConverseContentBlock> {
  const key = member(block, CONTENT_MEMBERS);
  if (key === null || key === "guardContent") return bad(MALFORMED);
  const value = (block as Record<string, unknown>)[key];
  switch (key) {
    case "cachePoint": {
      const point = cachePoint(value, at);
      return point.ok ? { ok: true, value: { cachePoint: point.value } } : point;
    }
    case "text":
      return typeof value === "string" ? { ok: true, value: { text: value } } : constraint(value, `${at}.text`, "Member must be a string");
    default:
      return isObject(value) ? { ok: true, value: block as ConverseContentBlock } : bad(MALFORMED);
  }
}

function message(raw: unknown, m: number): Parsed<ConverseMessage> {
  const at = `messages.${m + 1}.member`;
  if (!isObject(raw)) return bad(MALFORMED);
  if (raw.role !== "user" && raw.role !== "assistant") return constraint(raw.role, `${at}.role`, "Member must satisfy enum value set: [user, assistant]");
  if (!Array.isArray(raw.content)) return constraint(raw.content, `${at}.content`, "Member must not be null");
  const content: ConverseContentBlock[] = [];
  for (let k = 0; k < raw.content.length; k++) {
    const block = contentBlock(raw.content[k], `${at}.content.${k + 1}.member`);
    if (!block.ok) return block;
    content.push(block.value);
  }
  return { ok: true, value: { role: raw.role, content } };
}

function systemBlock(raw: unknown, i: number): Parsed<ConverseSystemBlock> {
  const key = member(raw, new Set(["text", "cachePoint", "guardContent"]));
  const at = `system.${i + 1}.member`;
  if (key === "text") {
    const text = (raw as Record<string, unknown>).text;
    return typeof text === "string" ? { ok: true, value: { text } } : constraint(text, `${at}.text`, "Member must be a string");
  }
  if (key === "cachePoint") {
    const point = cachePoint((raw as Record<string, unknown>).cachePoint, at);
    return point.ok ? { ok: true, value: { cachePoint: point.value } } : point;
  }
  return bad(MALFORMED);
}

function tool(raw: unknown, i: number): Parsed<ConverseTool> {
  const key = member(raw, new Set(["toolSpec", "systemTool", "cachePoint"]));
  const value = key === null ? undefined : (raw as Record<string, unknown>)[key];
  const at = `toolConfig.tools.${i + 1}.member`;
  if (key === "cachePoint") {
    const point = cachePoint(value, at);
    return point.ok ? { ok: true, value: { cachePoint: point.value } } : point;
  }
  if (key === "toolSpec" && isObject(value) && typeof value.name === "string" && isObject(value.inputSchema)) return { ok: true, value: raw as ConverseTool };
  if (key === "systemTool" && isObject(value) && typeof value.name === "string") return { ok: true, value: raw as ConverseTool };
  return bad(MALFORMED);
}

/** A Converse body as Bedrock reads it, or the ValidationException message it answers. */
export function parseConverseBody(raw: unknown): Parsed<ConverseBody> {
  if (!isObject(raw)) return bad(MALFORMED);
  if (!Array.isArray(raw.messages)) return constraint(raw.messages, "messages", "Member must not be null");
  const messages: ConverseMessage[] = [];
  for (let m = 0; m < raw.messages.length; m++) {
    const parsed = message(raw.messages[m], m);
    if (!parsed.ok) return parsed;
    messages.push(parsed.value);
  }
  const system: ConverseSystemBlock[] = [];
  if (raw.system !== undefined) {
    if (!Array.isArray(raw.system)) return bad(MALFORMED);
    for (let i = 0; i < raw.system.length; i++) {
      const parsed = systemBlock(raw.system[i], i);
      if (!parsed.ok) return parsed;
      system.push(parsed.value);
    }
  }
  const body: ConverseBody = { messages, system, inferenceConfig: {} };
  if (isObject(raw.inferenceConfig) && raw.inferenceConfig.maxTokens !== undefined) {
    const max = raw.inferenceConfig.maxTokens;
    if (typeof max !== "number" || !Number.isInteger(max) || max < 1) return constraint(max, "inferenceConfig.maxTokens", "Member must have value greater than or equal to 1");
    body.inferenceConfig.maxTokens = max;
  }
  if (raw.toolConfig !== undefined) {
    if (!isObject(raw.toolConfig) || !Array.isArray(raw.toolConfig.tools)) return bad(MALFORMED);
    const tools: ConverseTool[] = [];
    for (let i = 0; i < raw.toolConfig.tools.length; i++) {
      const parsed = tool(raw.toolConfig.tools[i], i);
      if (!parsed.ok) return parsed;
      tools.push(parsed.value);
    }
    const choice = raw.toolConfig.toolChoice;
    body.toolConfig = { tools, ...(isObject(choice) ? { toolChoice: choice as NonNullable<ConverseBody["toolConfig"]>["toolChoice"] } : {}) };
  }
  return { ok: true, value: body };
}
