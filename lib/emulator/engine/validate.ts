// Request validation with the API's own paths and messages (docs/reference/anthropic-caching.md §1.3,
// §1.6, §1.10, §1.11, §5.3, §6): the request-level fields, in the order the API reports them, around the
// block checks of validate-blocks.ts. Messages that the reference quotes from real responses are used
// word for word; the rest follow the same pydantic style ("<path>: <message>") and say so in the README.
import { ok } from "@/lib/cache/result";
import type { Ttl } from "@/lib/cache/wire-types";
import type { ApiVersion, BedrockTtlMode, Surface } from "./types";
import {
  type Check,
  type CheckedMessage,
  type CheckedParts,
  type WireObject,
  checkCacheControl,
  checkMessages,
  checkSystem,
  checkTools,
  fail,
  isObject,
} from "./validate-blocks";

export interface NormalizedRequest {
  model: string;
  /** null for count_tokens. */
  maxTokens: number | null;
  stream: boolean;
  apiVersion: ApiVersion;
  parts: CheckedParts;
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

/** Bedrock and Vertex take the version in the body (docs/reference/anthropic-caching.md §6.1, §6.3, §7.3, §7.4). */
const BODY_VERSIONS: Partial<Record<Surface, readonly string[]>> = {
  bedrock: ["bedrock-2023-05-31", "2026-10-21"],
  vertex: ["vertex-2023-10-16", "2026-10-21"],
};

function versionOf(body: WireObject, ctx: ValidationContext): Check<ApiVersion> {
  const allowed = BODY_VERSIONS[ctx.provider];
  if (!allowed) return ok(ctx.apiVersion);
  const v = body.anthropic_version;
  if (v === undefined) return fail("anthropic_version: Field required");
  if (typeof v !== "string" || !allowed.includes(v)) {
    // Bedrock refuses a version it does not know in its own words (boto/boto3#4218).
    if (ctx.provider === "bedrock") return fail(`Invalid API version: ${typeof v === "string" ? v : JSON.stringify(v)}`);
    return fail(`anthropic_version: Input should be ${allowed.map((a) => `'${a}'`).join(" or ")}`);
  }
  return ok(v === "2026-10-21" ? "2026-10-21" : "2023-06-01");
}

function modelOf(body: WireObject, ctx: ValidationContext): Check<string> {
  if (ctx.modelFromPath !== undefined) return ok(ctx.modelFromPath);
  if (body.model === undefined) return fail("model: Field required");
  return typeof body.model === "string" ? ok(body.model) : fail("model: Input should be a valid string");
}

function maxTokensOf(body: WireObject, ctx: ValidationContext): Check<number | null> {
  if (ctx.kind !== "messages") return ok(null);
  const n = body.max_tokens;
  if (n === undefined) return fail("max_tokens: Field required");
  if (typeof n !== "number" || !Number.isInteger(n)) return fail("max_tokens: Input should be a valid integer");
  return n < 0 ? fail("max_tokens: Input should be greater than or equal to 0") : ok(n);
}

/**
 * Wrong types in the other structured fields are 400s too; only the shape is checked, so values newer
 * than the emulator (a new thinking mode, a new tool_choice type) still pass. API version 2026-10-21
 * removed the sampling parameters (docs/reference/anthropic-caching.md §5.3): 400 even at defaults.
 */
function checkShapes(body: WireObject, apiVersion: ApiVersion): Check<null> {
  if (body.stream !== undefined && typeof body.stream !== "boolean") return fail("stream: Input should be a valid boolean");
  for (const key of ["tool_choice", "thinking", "metadata", "output_config"]) {
    if (body[key] !== undefined && body[key] !== null && !isObject(body[key])) return fail(`${key}: Input should be a valid dictionary or object to extract fields from`);
  }
  const stops = body.stop_sequences;
  if (stops !== undefined && stops !== null) {
    if (!Array.isArray(stops)) return fail("stop_sequences: Input should be a valid list");
    const bad = stops.findIndex((v) => typeof v !== "string");
    if (bad >= 0) return fail(`stop_sequences.${bad}: Input should be a valid string`);
  }
  for (const key of ["temperature", "top_p", "top_k"]) {
    if (apiVersion === "2026-10-21" && key in body) return fail(`${key}: Extra inputs are not permitted`);
    if (body[key] !== undefined && typeof body[key] !== "number") return fail(`${key}: Input should be a valid number`);
  }
  return ok(null);
}

/**
 * Surfaces without automatic caching: the legacy Bedrock InvokeModel integration and Vertex
 * (docs/reference/anthropic-caching.md §1.1, §6.1; docs/reference/vendors.md §3). It launched on the
 * Claude API and Foundry (§1.1); Claude in Amazon Bedrock takes the first-party body (§6.2).
 */
const NO_AUTOMATIC_CACHING: ReadonlySet<Surface> = new Set<Surface>(["bedrock", "vertex"]);

/** The top-level `cache_control` (automatic caching, docs/reference/anthropic-caching.md §1.1). */
function automaticOf(body: WireObject, ctx: ValidationContext, apiVersion: ApiVersion): Check<{ ttl: Ttl } | null> {
  if (body.cache_control === undefined || body.cache_control === null) return ok(null);
  // Both answer this 400 (https://github.com/UKGovernmentBEIS/inspect_ai/pull/3851), each in its own shape.
  if (NO_AUTOMATIC_CACHING.has(ctx.provider)) return fail("cache_control: Extra inputs are not permitted");
  const cc = checkCacheControl(body.cache_control, "", { ...ctx, apiVersion });
  if (!cc.ok) return fail(cc.error.message.replace(/^\./, ""));
  return ok(cc.value ? { ttl: cc.value.ttl === "1h" ? "1h" : "5m" } : null);
}

/** Pre-warming (`max_tokens: 0`, docs/reference/anthropic-caching.md §1.11) is refused with these companions. */
function checkPrewarm(body: WireObject, stream: boolean): Check<null> {
  const { thinking, tool_choice: toolChoice, output_config: output } = body;
  if (stream) return fail("max_tokens: max_tokens=0 (cache pre-warming) cannot be used with stream=true");
  if (isObject(thinking) && thinking.type === "enabled") return fail("max_tokens: max_tokens=0 (cache pre-warming) cannot be used with thinking enabled");
  if (isObject(toolChoice) && (toolChoice.type === "tool" || toolChoice.type === "any")) {
    return fail(`max_tokens: max_tokens=0 (cache pre-warming) cannot be used with tool_choice type '${toolChoice.type}'`);
  }
  if (isObject(output) && output.format !== undefined) return fail("max_tokens: max_tokens=0 (cache pre-warming) cannot be used with output_config.format");
  return ok(null);
}

/** The tool a `tool_choice` of type "tool" (by name) or "any" (the first custom tool) makes the model call. */
function forcedToolOf(toolChoice: unknown, tools: readonly WireObject[]): Check<NormalizedRequest["forcedTool"]> {
  if (!isObject(toolChoice) || (toolChoice.type !== "tool" && toolChoice.type !== "any")) return ok(null);
  if (toolChoice.type === "tool" && typeof toolChoice.name !== "string") return fail("tool_choice.tool.name: Field required");
  const custom = tools.filter((t): t is WireObject & { name: string } => typeof t.name === "string" && t.input_schema !== undefined);
  const chosen = toolChoice.type === "tool" ? custom.find((t) => t.name === toolChoice.name) : custom[0];
  if (chosen) return ok({ name: chosen.name, inputSchema: chosen.input_schema });
  return toolChoice.type === "tool" ? fail(`tool_choice.tool.name: tool '${String(toolChoice.name)}' is not among the tools of this request`) : ok(null);
}

/** `diagnostics: {previous_message_id: string | null}` (cache diagnostics, @anthropic-ai/sdk DiagnosticsParam). */
function diagnosticsOf(raw: unknown): Check<NormalizedRequest["diagnostics"]> {
  if (raw === undefined || raw === null) return ok(null);
  if (!isObject(raw)) return fail("diagnostics: Input should be a valid dictionary or object to extract fields from");
  for (const key of Object.keys(raw)) if (key !== "previous_message_id") return fail(`diagnostics.${key}: Extra inputs are not permitted`);
  const previous = raw.previous_message_id;
  if (previous !== undefined && previous !== null && typeof previous !== "string") return fail("diagnostics.previous_message_id: Input should be a valid string");
  return ok({ previousMessageId: previous ?? null });
}

/** Server tools run on Anthropic's side: web search and fetch, code execution, tool search. */
const SERVER_TOOL = /^(web_search|web_fetch|code_execution|tool_search_tool)_/;

/**
 * What Claude in Amazon Bedrock does not support (docs/reference/anthropic-caching.md §6.2): structured
 * outputs (`output_config.format`, strict tools) and server tools. Batches and the models endpoint are
 * refused by path (404). Its documentation quotes no error text; these name the field.
 */
function checkMantle(body: WireObject, ctx: ValidationContext): Check<null> {
  if (ctx.provider !== "bedrock-mantle") return ok(null);
  if (isObject(body.output_config) && body.output_config.format !== undefined && body.output_config.format !== null) {
    return fail("output_config.format: structured outputs are not supported on Claude in Amazon Bedrock");
  }
  const tools: readonly unknown[] = Array.isArray(body.tools) ? body.tools : [];
  for (let i = 0; i < tools.length; i++) {
    const tool = tools[i];
    if (!isObject(tool)) continue;
    if (typeof tool.type === "string" && SERVER_TOOL.test(tool.type)) return fail(`tools.${i}: server tools are not supported on Claude in Amazon Bedrock ('${tool.type}')`);
    if (tool.strict === true) return fail(`tools.${i}.strict: structured outputs are not supported on Claude in Amazon Bedrock`);
  }
  return ok(null);
}

/** The last user text the reply acknowledges: a text block, or a tool result's string content. */
function lastUserTextOf(messages: readonly CheckedMessage[]): string {
  for (let m = messages.length - 1; m >= 0; m--) {
    const { role, content } = messages[m]!;
    if (role !== "user") continue;
    if (typeof content === "string") return content;
    const texts = content.flatMap((b) => (b.type === "text" && typeof b.text === "string" ? [b.text] : b.type === "tool_result" && typeof b.content === "string" ? [b.content] : []));
    if (texts.length) return texts[texts.length - 1]!;
  }
  return "";
}

/** Validates a Messages or count_tokens body and returns what the cache model needs. */
export function validateRequest(body: unknown, ctx: ValidationContext): Check<NormalizedRequest> {
  if (!isObject(body)) return fail("Input should be a valid dictionary or object to extract fields from");
  const apiVersion = versionOf(body, ctx);
  if (!apiVersion.ok) return apiVersion;
  const blocks = { ...ctx, apiVersion: apiVersion.value };
  const model = modelOf(body, ctx);
  if (!model.ok) return model;
  const maxTokens = maxTokensOf(body, ctx);
  if (!maxTokens.ok) return maxTokens;
  const shapes = checkShapes(body, apiVersion.value);
  if (!shapes.ok) return shapes;
  const tools = checkTools(body.tools, blocks);
  if (!tools.ok) return tools;
  const system = checkSystem(body.system, blocks);
  if (!system.ok) return system;
  const messages = checkMessages(body.messages, blocks);
  if (!messages.ok) return messages;
  const automatic = automaticOf(body, ctx, apiVersion.value);
  if (!automatic.ok) return automatic;
  const stream = ctx.stream ?? body.stream === true;
  const prewarm = maxTokens.value === 0 ? checkPrewarm(body, stream) : ok(null);
  if (!prewarm.ok) return prewarm;
  const forcedTool = forcedToolOf(body.tool_choice, tools.value ?? []);
  if (!forcedTool.ok) return forcedTool;
  const diagnostics = diagnosticsOf(body.diagnostics);
  if (!diagnostics.ok) return diagnostics;
  const mantle = checkMantle(body, ctx);
  if (!mantle.ok) return mantle;
  const systemRoleAt = messages.value.findIndex((m) => m.role === "system");
  return ok({
    model: model.value,
    maxTokens: maxTokens.value,
    stream,
    apiVersion: apiVersion.value,
    parts: { tools: tools.value, system: system.value, messages: messages.value },
    automatic: automatic.value,
    levelParams: { thinking: body.thinking, toolChoice: body.tool_choice, effort: isObject(body.output_config) ? body.output_config.effort : undefined, speed: body.speed },
    lastUserText: lastUserTextOf(messages.value),
    forcedTool: forcedTool.value,
    systemRoleAt: systemRoleAt >= 0 ? systemRoleAt : null,
    diagnostics: diagnostics.value,
  });
}
