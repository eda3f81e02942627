// The emulator engine: (state, request, now) → (outcome, next state). Pure: no I/O, no clock, no
// randomness; ids come from the counter in the state. The wire adapters (lib/emulator/wire) parse
// HTTP into an EngineRequest and render the outcome in each provider's format.
import { flattenPrefix, hashString, promptTokens, ttlOf } from "@/lib/cache/prefix";
import type { ProviderId, Ttl } from "@/lib/cache/wire-types";
import { apiPath, invalidRequest, notFound } from "./errors";
import { DEFAULT_LATENCY, modelLatency } from "./latency";
import { type Breakpoint, TTL_MS, commitPlan, planCache } from "./lookup";
import { acceptsSystemMessages, resolveModel } from "./models";
import { replyTo, toolCall } from "./reply";
import type { CacheEntry, CacheTrace, EngineOptions, EngineOutcome, EngineRequest, EngineState, MessageResponse, Usage } from "./types";
import { validateRequest } from "./validate";

export const MAX_BREAKPOINTS = 4;
/** Expired entries are kept this long so a trace can say "expired" rather than "no entry". */
const EXPIRED_RETENTION_MS = 60 * 60_000;

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { bedrockTtl: "accept", latency: DEFAULT_LATENCY };

export function createEngineState(): EngineState {
  return { entries: new Map(), counter: 0 };
}

const MESSAGE_ID_PREFIX: Record<ProviderId, string> = {
  anthropic: "msg_01",
  foundry: "msg_01",
  bedrock: "msg_bdrk_01",
  vertex: "msg_vrtx_01",
};

function idSuffix(n: number): string {
  return n.toString(36).padStart(6, "0") + hashString(`cachelab-id|${n}`).slice(0, 14);
}

/** Issues the next request id (`req_emu_…`); the wire layer needs one even for requests it rejects. */
export function issueRequestId(state: EngineState): { state: EngineState; requestId: string } {
  const counter = state.counter + 1;
  return { state: { ...state, counter }, requestId: `req_emu_${idSuffix(counter)}` };
}

function messageIdFor(requestId: string, provider: ProviderId): string {
  return `${MESSAGE_ID_PREFIX[provider]}${requestId.slice("req_emu_".length)}`;
}

function purgeExpired(entries: ReadonlyMap<string, CacheEntry>, now: number): ReadonlyMap<string, CacheEntry> {
  let stale = false;
  for (const e of entries.values()) if (e.expiresAt + EXPIRED_RETENTION_MS < now) stale = true;
  if (!stale) return entries;
  const next = new Map<string, CacheEntry>();
  for (const [k, e] of entries) if (e.expiresAt + EXPIRED_RETENTION_MS >= now) next.set(k, e);
  return next;
}

const error = (requestId: string, e: { status: number; type: string; message: string }): EngineOutcome => ({
  kind: "error",
  requestId,
  error: e,
});

/** Runs one Messages or count_tokens request against the cache. `now` is the request's start time. */
export function runRequest(
  state: EngineState,
  request: EngineRequest,
  now: number,
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
): { state: EngineState; outcome: EngineOutcome } {
  const { requestId, provider } = request;
  const checked = validateRequest(request.body, {
    provider,
    kind: request.kind,
    apiVersion: request.apiVersion,
    modelFromPath: request.modelFromPath,
    stream: request.stream,
    bedrockTtl: options.bedrockTtl,
  });
  if (!checked.ok) return { state, outcome: error(requestId, checked.error) };
  const req = checked.value;

  const model = resolveModel(req.model, provider);
  if (!model) return { state, outcome: error(requestId, notFound(`model: ${req.model}`)) };
  if (req.systemRoleAt !== null && !acceptsSystemMessages(model)) {
    return { state, outcome: error(requestId, invalidRequest(`messages.${req.systemRoleAt}.role: Input should be 'user' or 'assistant'`)) };
  }

  // count_tokens "provides an estimate without using caching logic" (docs/reference/anthropic-caching.md §4).
  if (request.kind === "count_tokens") {
    return { state, outcome: { kind: "count", requestId, inputTokens: promptTokens(req.parts) } };
  }

  // The cache is per model and per scope (docs/reference/anthropic-caching.md §1.2, §1.8): both seed every
  // prefix hash.
  const positions = flattenPrefix(req.parts, `${request.scope}|${model.id}`);
  const saltOf = (section: string) =>
    section === "messages" ? req.systemSalt + req.messagesSalt : section === "system" ? req.systemSalt : "";
  const keys = positions.map((p) => {
    const salt = saltOf(p.section);
    return salt ? hashString(`${p.prefixHash}|${salt}`) : p.prefixHash;
  });
  // The same chain without model and scope, only to tell "cached for another model/scope" from "new".
  const openKeys: string[] = [];
  let chain = "open";
  for (const p of positions) {
    chain = hashString(`${chain}|${p.contentHash}`);
    const salt = saltOf(p.section);
    openKeys.push(salt ? hashString(`${chain}|${salt}`) : chain);
  }

  const breakpoints: Breakpoint[] = [];
  for (const p of positions) if (p.cacheControl) breakpoints.push({ position: p.index, ttl: ttlOf(p.cacheControl), automatic: false });
  if (req.automatic) {
    // Automatic caching puts its breakpoint on the last block that can carry one, walking back past
    // ineligible blocks (docs/reference/anthropic-caching.md §1.1).
    let target = -1;
    for (let i = positions.length - 1; i >= 0; i--) {
      const t = positions[i]!.type;
      if (t !== "thinking" && t !== "redacted_thinking") {
        target = i;
        break;
      }
    }
    const existing = breakpoints.find((b) => b.position === target);
    if (existing && existing.ttl !== req.automatic.ttl) {
      return {
        state,
        outcome: error(
          requestId,
          invalidRequest(
            `cache_control: the top-level cache_control ttl='${req.automatic.ttl}' conflicts with ttl='${existing.ttl}' on the last block (${apiPath(positions[target]!.path)})`,
          ),
        ),
      };
    }
    if (target >= 0 && !existing) breakpoints.push({ position: target, ttl: req.automatic.ttl, automatic: true });
  }
  if (breakpoints.length > MAX_BREAKPOINTS) {
    return {
      state,
      outcome: error(requestId, invalidRequest(`A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints.length}.`)),
    };
  }
  let seen5m = false;
  for (const bp of breakpoints) {
    if (bp.ttl === "5m") seen5m = true;
    else if (seen5m) {
      const where = bp.automatic ? "cache_control" : `${apiPath(positions[bp.position]!.path)}.cache_control`;
      return {
        state,
        outcome: error(
          requestId,
          invalidRequest(
            `${where}.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: \`tools\`, \`system\`, \`messages\`.`,
          ),
        ),
      };
    }
  }

  const minimum = options.minCacheableTokens ?? model.minimum;
  const entries = purgeExpired(state.entries, now);
  const plan = planCache({ entries, positions, keys, openKeys, scope: request.scope, model: model.id, breakpoints, minimum, now });

  const reply = req.forcedTool ? toolCall(req.forcedTool, req.maxTokens ?? 0) : replyTo(req.lastUserText, req.maxTokens ?? 0);
  const usage: Usage = {
    input_tokens: plan.uncachedTokens,
    cache_creation_input_tokens: plan.write1hTokens + plan.write5mTokens,
    cache_read_input_tokens: plan.readTokens,
    cache_creation: { ephemeral_5m_input_tokens: plan.write5mTokens, ephemeral_1h_input_tokens: plan.write1hTokens },
    output_tokens: reply.outputTokens,
    service_tier: "standard",
  };
  const latency = modelLatency(options.latency, usage);
  const scope = request.scope;
  const nextEntries = commitPlan(entries, plan, {
    scope,
    provider,
    model: model.id,
    requestId,
    now,
    visibleAt: now + latency.ttftMs,
    positions,
  });

  const message: MessageResponse = {
    id: messageIdFor(requestId, provider),
    type: "message",
    role: "assistant",
    model: req.model,
    content: reply.toolUse
      ? [{ type: "tool_use", id: `toolu_01${requestId.slice("req_emu_".length)}`, name: reply.toolUse.name, input: reply.toolUse.input }]
      : reply.text
        ? [{ type: "text", text: reply.text }]
        : [],
    stop_reason: reply.stopReason,
    stop_sequence: null,
    usage,
  };
  const readPos = plan.readPosition;
  const trace: CacheTrace = {
    requestId,
    provider,
    model: model.id,
    scope,
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
  return {
    state: { ...state, entries: nextEntries },
    outcome: { kind: "message", requestId, message, stream: req.stream, trace },
  };
}

/**
 * The writing response has begun at `now`: its entries become readable
 * (docs/reference/anthropic-caching.md §1.9). The transports call this when they release a held response,
 * which may be earlier in virtual time than the modelled start + TTFT when responses are held for a
 * scaled-down time.
 */
export function markResponseBegun(state: EngineState, requestId: string, now: number): EngineState {
  let changed = false;
  const next = new Map(state.entries);
  for (const [k, e] of state.entries) {
    if ((e.writtenBy === requestId || e.alsoWrittenBy?.includes(requestId)) && e.visibleAt > now) {
      next.set(k, { ...e, visibleAt: now });
      changed = true;
    }
  }
  return changed ? { ...state, entries: next } : state;
}

/** Live entries (not expired) at `now`, newest first. */
export function liveEntries(state: EngineState, now: number): CacheEntry[] {
  return [...state.entries.values()].filter((e) => e.expiresAt > now).sort((a, b) => b.createdAt - a.createdAt || b.position - a.position);
}

export function ttlMs(ttl: Ttl): number {
  return TTL_MS[ttl];
}
