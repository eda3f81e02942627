// The emulator engine: (cache view, request, now) → outcome. Pure: no I/O, no clock, no randomness;
// ids come from the caller. A message outcome carries the commit that the caller applies to its
// CacheStore. The wire adapters (lib/emulator/wire) parse HTTP into an EngineRequest and render the
// outcome in each provider's format.
import { automaticPosition } from "@/lib/cache/automatic-cache";
import { apiPath } from "@/lib/cache/paths";
import { type PrefixPosition, hashString, ttlOf } from "@/lib/cache/prefix";
import { type Result, err, ok } from "@/lib/cache/result";
import { MAX_BREAKPOINTS, tooManyBreakpointsMessage, ttlOrderMessage, ttlOrderViolation } from "@/lib/cache/rules";
import { REQUEST_OVERHEAD_TOKENS } from "@/lib/cache/tokens";
import type { Ttl } from "@/lib/cache/wire-types";
import { invalidRequest } from "./errors";
import { type Diagnostics, type Fingerprint, diagnose } from "./diagnostics";
import { type LevelFingerprint, billedTokens, keyedPrefix } from "./keys";
import { DEFAULT_LATENCY, modelLatency } from "./latency";
import { type Breakpoint, type CachePlan, commitOf, planCache } from "./lookup";
import { type EmulatedModel, acceptsSystemMessages, resolveModel } from "./models";
import { type Reply, replyTo, toolCall } from "./reply";
import type { CacheView } from "./store";
import type { CacheTrace, EngineError, Surface, EngineOptions, EngineOutcome, EngineRequest, LatencyResult, MessageResponse, Usage } from "./types";
import { type NormalizedRequest, validateRequest } from "./validate";

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { bedrockTtl: "accept", latency: DEFAULT_LATENCY };

const MESSAGE_ID_PREFIX: Record<Surface, string> = {
  "bedrock-mantle": "msg_bdrk_01",
  anthropic: "msg_01",
  foundry: "msg_01",
  bedrock: "msg_bdrk_01",
  vertex: "msg_vrtx_01",
};

/** Vertex answers with its own id shapes: `req_vrtx_…`, `msg_vrtx_…`, `toolu_vrtx_…` (docs/reference/anthropic-caching.md §5.4, §6.3). */
const REQUEST_ID_PREFIX: Record<Surface, string> = { anthropic: "req_emu_", foundry: "req_emu_", bedrock: "req_emu_", "bedrock-mantle": "req_emu_", vertex: "req_vrtx_" };
const TOOL_USE_ID_PREFIX: Record<Surface, string> = {
  anthropic: "toolu_01",
  foundry: "toolu_01",
  bedrock: "toolu_01",
  "bedrock-mantle": "toolu_01",
  vertex: "toolu_vrtx_01",
};

/**
 * The request id (`req_emu_…`, `req_vrtx_…` on Vertex) of the `serial`-th request; the wire layer
 * needs one even for requests it rejects.
 */
export function requestIdFor(serial: number, provider: Surface = "anthropic"): string {
  return `${REQUEST_ID_PREFIX[provider]}${serial.toString(36).padStart(6, "0")}${hashString(`cachelab-id|${serial}`).slice(0, 14)}`;
}

/** The serial-derived part of a request id, shared by the message and tool-use ids of its response. */
const idSuffix = (requestId: string) => requestId.replace(/^req_[a-z]+_/, "");

/** Runs one Messages or count_tokens request against the cache. `now` is the request's start time. */
export function runRequest(cache: CacheView, request: EngineRequest, now: number, options: EngineOptions = DEFAULT_ENGINE_OPTIONS): EngineOutcome {
  const { requestId } = request;
  const fail = (error: EngineError): EngineOutcome => ({ kind: "error", requestId, error });

  const checked = validateRequest(request.body, { ...request, bedrockTtl: options.bedrockTtl });
  if (!checked.ok) return fail(checked.error);
  const req = checked.value;
  const model = modelFor(req, request);
  if (!model.ok) return fail(model.error);
  const prefix = keyedPrefix(req, model.value, request.scope);
  // count_tokens "provides an estimate without using caching logic" (docs/reference/anthropic-caching.md §4).
  if (request.kind === "count_tokens") return { kind: "count", requestId, inputTokens: billedTokens(prefix, REQUEST_OVERHEAD_TOKENS) };

  const breakpoints = placeBreakpoints(prefix.positions, req.automatic);
  if (!breakpoints.ok) return fail(breakpoints.error);
  const minimum = options.minCacheableTokens ?? model.value.minimum;
  const plan = planCache({ cache, positions: prefix.positions, keys: prefix.keys, openKeys: prefix.openKeys, scope: request.scope, model: model.value.id, breakpoints: breakpoints.value, minimum, now });
  const reply = replyFor(req);
  const usage = usageOf(plan, reply);
  const latency = modelLatency(options.latency, usage);
  const message = messageOf(request, req.model, reply, usage);
  const commit = commitOf(plan, { scope: request.scope, provider: request.provider, model: model.value.id, requestId, now, visibleAt: now + latency.ttftMs, positions: prefix.positions });
  const diagnosed = cacheDiagnostics(cache, request, req, prefix.fingerprint, usage);
  if (diagnosed) {
    message.diagnostics = diagnosed.diagnostics;
    if (diagnosed.keep) commit.fingerprint = { messageId: message.id, value: diagnosed.keep };
  }
  const trace = traceOf(request, model.value.id, now, minimum, prefix.positions, plan, usage, latency);
  return { kind: "message", requestId, message, stream: req.stream, trace, commit };
}

/**
 * Cache diagnostics, a Claude API feature (engine/diagnostics.ts): the response's `diagnostics`, and the
 * fingerprint to keep when the request opted in. Undefined on the surfaces without it.
 */
function cacheDiagnostics(
  cache: CacheView,
  request: EngineRequest,
  req: NormalizedRequest,
  levels: LevelFingerprint,
  usage: Usage,
): { diagnostics: Diagnostics | null; keep: Fingerprint | null } | undefined {
  if (request.provider !== "anthropic") return undefined;
  if (req.diagnostics === null) return { diagnostics: null, keep: null };
  const previousId = req.diagnostics.previousMessageId;
  const diagnostics = previousId === null ? null : diagnose(cache.fingerprint(previousId), request.scope, levels, usage.cache_read_input_tokens);
  return { diagnostics, keep: { scope: request.scope, levels, cachedTokens: usage.cache_read_input_tokens + usage.cache_creation_input_tokens } };
}

/**
 * The model the request names on its provider (each surface refuses the others' ids in its own shape:
 * engine/models.ts), whether its Bedrock API version is one the model takes, and whether it takes
 * `role: "system"`.
 */
function modelFor(req: NormalizedRequest, request: EngineRequest): Result<EmulatedModel, EngineError> {
  const lookup = request.model ? { ok: true as const, model: request.model } : resolveModel(req.model, request.provider, request.vertexResource, request.kind);
  if (!lookup.ok) return err(lookup.error);
  const model = lookup.model;
  if (request.provider === "bedrock" && req.apiVersion === "2026-10-21" && !model.accepts2026OnBedrock) {
    // Bedrock takes 2026-10-21 only for Claude 4.7 and later (docs/reference/anthropic-caching.md §5.3);
    // older models refuse it as Bedrock refuses any version it does not know (boto/boto3#4218).
    return err(invalidRequest("Invalid API version: 2026-10-21"));
  }
  if (req.systemRoleAt !== null && !acceptsSystemMessages(model)) {
    return err(invalidRequest(`messages.${req.systemRoleAt}.role: Input should be 'user' or 'assistant'`));
  }
  return ok(model);
}

/**
 * The breakpoints of a request in prompt order: each block's `cache_control`, plus the automatic one
 * (top-level `cache_control`), which goes on the last block that can carry one, walking back past
 * ineligible blocks (docs/reference/anthropic-caching.md §1.1; the one statement of the rule is
 * lib/cache/automatic-cache.ts). Refuses more than 4 and a 1h breakpoint after a 5m one (§1.3, §1.6).
 */
function placeBreakpoints(positions: readonly PrefixPosition[], automatic: { ttl: Ttl } | null): Result<Breakpoint[], EngineError> {
  const breakpoints: Breakpoint[] = [];
  for (const p of positions) if (p.cacheControl) breakpoints.push({ position: p.index, ttl: ttlOf(p.cacheControl), automatic: false });
  if (automatic) {
    const target = automaticPosition(positions);
    const existing = breakpoints.find((b) => b.position === target);
    if (existing && existing.ttl !== automatic.ttl) {
      return err(
        invalidRequest(
          `cache_control: the top-level cache_control ttl='${automatic.ttl}' conflicts with ttl='${existing.ttl}' on the last block (${apiPath(positions[target]!.path)})`,
        ),
      );
    }
    if (target >= 0 && !existing) breakpoints.push({ position: target, ttl: automatic.ttl, automatic: true });
  }
  if (breakpoints.length > MAX_BREAKPOINTS) {
    return err(invalidRequest(tooManyBreakpointsMessage(breakpoints.length)));
  }
  const misordered = breakpoints[ttlOrderViolation(breakpoints.map((bp) => bp.ttl))];
  if (misordered) {
    const where = misordered.automatic ? "cache_control" : `${apiPath(positions[misordered.position]!.path)}.cache_control`;
    return err(invalidRequest(ttlOrderMessage(where)));
  }
  return ok([...breakpoints, ...serverToolResultBreakpoints(positions, breakpoints)].sort((a, b) => a.position - b.position));
}

/** Server tool results in the messages (web search and fetch, code execution, tool search). */
const SERVER_TOOL_RESULTS = new Set([
  "web_search_tool_result",
  "web_fetch_tool_result",
  "code_execution_tool_result",
  "bash_code_execution_tool_result",
  "text_editor_code_execution_tool_result",
  "tool_search_tool_result",
]);

/**
 * "When the request has ≥1 cache_control, the API adds its own breakpoint on each server tool result,
 * always 5m" (docs/reference/anthropic-caching.md §1.6, tool-use-with-prompt-caching page). The API places
 * them itself, so they are outside the 4-breakpoint limit and the TTL-order rule.
 */
function serverToolResultBreakpoints(positions: readonly PrefixPosition[], requested: readonly Breakpoint[]): Breakpoint[] {
  if (requested.length === 0) return [];
  const taken = new Set(requested.map((b) => b.position));
  return positions.filter((p) => SERVER_TOOL_RESULTS.has(p.type) && !taken.has(p.index)).map((p) => ({ position: p.index, ttl: "5m" as const, automatic: true }));
}

function replyFor(req: NormalizedRequest): Reply {
  const maxTokens = req.maxTokens ?? 0;
  return req.forcedTool ? toolCall(req.forcedTool, maxTokens) : replyTo(req.lastUserText, maxTokens);
}

/** The usage fields of docs/reference/anthropic-caching.md §3.1: read A, 1h write B−A, 5m write C−B, the rest uncached. */
function usageOf(plan: CachePlan, reply: Reply): Usage {
  return {
    input_tokens: plan.uncachedTokens,
    cache_creation_input_tokens: plan.write1hTokens + plan.write5mTokens,
    cache_read_input_tokens: plan.readTokens,
    cache_creation: { ephemeral_5m_input_tokens: plan.write5mTokens, ephemeral_1h_input_tokens: plan.write1hTokens },
    output_tokens: reply.outputTokens,
    service_tier: "standard",
  };
}

function messageOf(request: EngineRequest, modelAsSent: string, reply: Reply, usage: Usage): MessageResponse {
  const suffix = idSuffix(request.requestId);
  return {
    id: `${MESSAGE_ID_PREFIX[request.provider]}${suffix}`,
    type: "message",
    role: "assistant",
    model: modelAsSent,
    content: reply.toolUse
      ? [{ type: "tool_use", id: `${TOOL_USE_ID_PREFIX[request.provider]}${suffix}`, name: reply.toolUse.name, input: reply.toolUse.input }]
      : reply.text
        ? [{ type: "text", text: reply.text }]
        : [],
    stop_reason: reply.stopReason,
    stop_sequence: null,
    usage,
  };
}

function traceOf(
  request: EngineRequest,
  modelId: string,
  now: number,
  minimum: number,
  positions: readonly PrefixPosition[],
  plan: CachePlan,
  usage: Usage,
  latency: LatencyResult,
): CacheTrace {
  const readPos = plan.readPosition;
  return {
    requestId: request.requestId,
    provider: request.provider,
    model: modelId,
    scope: request.scope,
    startedAt: now,
    minimumTokens: minimum,
    totalInputTokens: plan.total,
    positions: positions.length,
    breakpoints: plan.breakpoints,
    read:
      readPos >= 0 && plan.readEntry
        ? { position: readPos, path: apiPath(positions[readPos]!.path), tokens: plan.readTokens, writtenBy: plan.readEntry.writtenBy }
        : null,
    writes: plan.writes.map((w) => ({
      position: w.position,
      path: apiPath(positions[w.position]!.path),
      ttl: w.ttl,
      tokens: w.writtenTokens,
      cumulativeTokens: w.tokens,
    })),
    notCachedReason: plan.notCachedReason,
    usage,
    latency,
  };
}
