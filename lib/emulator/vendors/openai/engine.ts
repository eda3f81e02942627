// /v1/responses' cache, pure: (store view, request, now) → the response, its usage and the commit to apply.
// The rules, each from lib/vendors (one place): positions and hashes (openai/prefix.ts), where a request
// writes and where it looks (openai/boundaries.ts), the minimum and lifetimes (catalog.ts OPENAI).
//   cached_tokens      = tokens up to the longest live lookup boundary (A)
//   cache_write_tokens = tokens from A to the furthest written breakpoint that reaches the minimum (C − A)
//   input_tokens       = every input token, cached and written ones included
// (https://developers.openai.com/api/docs/guides/prompt-caching#monitor-cache-performance: ordinary input =
// input_tokens − cached_tokens − cache_write_tokens).
import { hashString } from "@/lib/cache/prefix";
import { canonicalJson } from "@/lib/cache/tokens";
import { type Tokens, tokens } from "@/lib/cache/units";
import { OPENAI, type OpenAICacheMode, type OpenAIDiagnosticReason } from "@/lib/vendors/catalog";
import { boundaries } from "@/lib/vendors/openai/boundaries";
import { type ResponsesPosition, flattenResponses, headerSettings } from "@/lib/vendors/openai/prefix";
import { replyTo } from "../../engine/reply";
import { LIFETIME_MS, type OpenAICommit, type OpenAIEntry } from "./store";
import { type OpenAIError, validateResponsesBody } from "./validate";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

export interface OpenAIUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** What a later request's diagnostics compare against (kept per response id, never the prompt text). */
export interface Fingerprint {
  settings: Record<Exclude<OpenAIDiagnosticReason, "context_compacted" | "input_changed">, string>;
  headerHash: string;
  headerTokens: Tokens;
  positions: readonly { hash: string; cumulativeTokens: Tokens }[];
  /** Tokens of the prefix this response left reusable (read or written). */
  reusableTokens: Tokens;
  totalTokens: Tokens;
}

export type PromptCacheDiagnostics =
  | { type: "cache_hit" }
  | { type: "cache_miss"; reason: OpenAIDiagnosticReason; cache_missed_tokens: number; comparison_reusable_tokens: number }
  | { type: "comparison_response_not_found" }
  | { type: "unavailable" };

export interface ResponsesRequest {
  body: unknown;
  /** Organization-level isolation: caches are not shared across organizations (the guide, "Cache location"). */
  scope: string;
  responseId: string;
  messageId: string;
  now: number;
  minCacheableTokens?: number;
}

export interface ResponsesTrace {
  mode: OpenAICacheMode;
  lookup: { path: string; tokens: Tokens; reachesMinimum: boolean; hit: boolean }[];
  written: { path: string; tokens: Tokens; reachesMinimum: boolean }[];
  hit: string | null;
}

export type ResponsesOutcome =
  | { kind: "error"; error: OpenAIError }
  | { kind: "response"; response: Json; usage: OpenAIUsage; commit: OpenAICommit; fingerprint: Fingerprint; trace: ResponsesTrace; stream: boolean };

export interface ResponsesView {
  live(key: string, now: number): OpenAIEntry | undefined;
  fingerprint(responseId: string): Fingerprint | undefined;
}

const entryKey = (hash: string) => `oai:${hash}`;

function lastUserText(input: unknown): string {
  if (typeof input === "string") return input;
  if (!Array.isArray(input)) return "";
  for (let i = input.length - 1; i >= 0; i--) {
    const item = input[i];
    if (!isObject(item) || item.role !== "user") continue;
    if (typeof item.content === "string") return item.content;
    if (Array.isArray(item.content)) {
      const texts = item.content.filter((b): b is Json => isObject(b) && b.type === "input_text").map((b) => String(b.text ?? ""));
      if (texts.length) return texts[texts.length - 1]!;
    }
  }
  return "";
}

function fingerprintOf(body: Json, prefix: ReturnType<typeof flattenResponses>, reusable: Tokens): Fingerprint {
  const header = headerSettings(body);
  const text = isObject(body.text) ? body.text : {};
  const reasoning = isObject(body.reasoning) ? body.reasoning : {};
  return {
    settings: {
      model_changed: String(body.model),
      prompt_cache_key_changed: String(body.prompt_cache_key ?? ""),
      service_tier_changed: String(body.service_tier ?? "auto"),
      tools_changed: canonicalJson({ tools: header.tools, parallel_tool_calls: header.parallel_tool_calls }),
      text_format_changed: canonicalJson(text.format ?? null),
      reasoning_effort_changed: canonicalJson(reasoning.effort ?? null),
      verbosity_changed: canonicalJson(text.verbosity ?? null),
    },
    headerHash: prefix.headerHash,
    headerTokens: prefix.headerTokens,
    positions: prefix.positions.map((p) => ({ hash: p.prefixHash, cumulativeTokens: p.cumulativeTokens })),
    reusableTokens: reusable,
    totalTokens: prefix.totalTokens,
  };
}

const SETTING_ORDER = ["model_changed", "prompt_cache_key_changed", "service_tier_changed", "tools_changed", "text_format_changed", "reasoning_effort_changed", "verbosity_changed"] as const;

/**
 * Compares this request with an earlier response (https://developers.openai.com/api/docs/guides/prompt-caching/diagnostics):
 * the first classified reason only, settings before input, as the diagnostics guide lists them. The
 * comparison is about the two requests' structure, not about whether the entry is still alive.
 */
export function diagnose(current: Fingerprint, baseline: Fingerprint | undefined): PromptCacheDiagnostics {
  if (!baseline) return { type: "comparison_response_not_found" };
  const miss = (reason: OpenAIDiagnosticReason, missed: number): PromptCacheDiagnostics => ({
    type: "cache_miss",
    reason,
    cache_missed_tokens: missed,
    comparison_reusable_tokens: baseline.reusableTokens,
  });
  for (const reason of SETTING_ORDER) if (current.settings[reason] !== baseline.settings[reason]) return miss(reason, current.totalTokens);
  if (current.headerHash !== baseline.headerHash) return miss("input_changed", current.totalTokens);
  for (let i = 0; i < baseline.positions.length; i++) {
    const before = baseline.positions[i]!;
    if (before.cumulativeTokens > baseline.reusableTokens) break;
    if (current.positions[i]?.hash !== before.hash) {
      const from = i > 0 ? current.positions[i - 1]!.cumulativeTokens : current.headerTokens;
      return miss("input_changed", current.totalTokens - from);
    }
  }
  return { type: "cache_hit" };
}

export function runResponses(view: ResponsesView, request: ResponsesRequest): ResponsesOutcome {
  const invalid = validateResponsesBody(request.body);
  if (invalid) return { kind: "error", error: invalid };
  const body = request.body as Json;
  const options = isObject(body.prompt_cache_options) ? body.prompt_cache_options : {};
  const mode: OpenAICacheMode = options.mode === "explicit" ? "explicit" : OPENAI.defaultMode.value;
  const lifetime = options.ttl === "12h" ? "12h" : "30m";
  const min = request.minCacheableTokens ?? OPENAI.minCacheableTokens.value;
  const { now } = request;

  // prompt_cache_key "separates cache reuse and accounting between groups of requests" (the guide); the
  // service tier is a miss reason of its own, so it separates caches too.
  const seed = `${request.scope}|${String(body.prompt_cache_key ?? "")}|${String(body.service_tier ?? "auto")}`;
  const prefix = flattenResponses(body, seed);
  const bounds = boundaries(prefix.positions, mode);
  const reaches = (p: ResponsesPosition) => p.cumulativeTokens >= min;

  // Walk the lookup boundaries from the longest prefix to the shortest (the guide, "How prefix matching works").
  let hit: ResponsesPosition | null = null;
  const lookupTrace: ResponsesTrace["lookup"] = [];
  for (const p of bounds.lookup) {
    const live = reaches(p) && !hit ? view.live(entryKey(p.prefixHash), now) : undefined;
    if (live) hit = p;
    lookupTrace.push({ path: p.path, tokens: p.cumulativeTokens, reachesMinimum: reaches(p), hit: live !== undefined });
  }
  const read = hit ? hit.cumulativeTokens : 0;

  const refreshes: string[] = [];
  const writes: OpenAIEntry[] = [];
  let furthest = read;
  for (const p of bounds.written) {
    if (!reaches(p)) continue;
    const key = entryKey(p.prefixHash);
    const existing = view.live(key, now);
    if (existing && hit && p.index <= hit.index) {
      refreshes.push(key);
      continue;
    }
    writes.push({
      key,
      scope: request.scope,
      model: String(body.model),
      path: p.path,
      tokens: p.cumulativeTokens,
      lifetime,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: now + LIFETIME_MS[lifetime],
      hits: 0,
      writtenBy: request.responseId,
    });
    furthest = Math.max(furthest, p.cumulativeTokens);
  }
  if (hit) refreshes.push(entryKey(hit.prefixHash));
  const written = Math.max(0, furthest - read);

  const prewarm = options.prewarm === true;
  const maxOutput = typeof body.max_output_tokens === "number" ? body.max_output_tokens : 4096;
  const reply = prewarm ? { text: "", outputTokens: 0, stopReason: "end_turn" as const } : replyTo(lastUserText(body.input), maxOutput);
  const usage: OpenAIUsage = {
    input_tokens: prefix.totalTokens,
    input_tokens_details: { cached_tokens: read, cache_write_tokens: written },
    output_tokens: reply.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: prefix.totalTokens + reply.outputTokens,
  };

  const fingerprint = fingerprintOf(body, prefix, tokens(furthest));
  const comparison = typeof options.comparison_response_id === "string" ? options.comparison_response_id : null;
  const diagnostics = comparison ? diagnose(fingerprint, view.fingerprint(comparison)) : undefined;
  const incomplete = reply.stopReason === "max_tokens";
  const output = prewarm
    ? []
    : [{ id: request.messageId, type: "message", status: incomplete ? "incomplete" : "completed", role: "assistant", content: [{ type: "output_text", text: reply.text, annotations: [], logprobs: [] }] }];
  const response: Json = {
    id: request.responseId,
    object: "response",
    created_at: Math.floor(now / 1000),
    status: incomplete ? "incomplete" : "completed",
    background: false,
    error: null,
    incomplete_details: incomplete ? { reason: "max_output_tokens" } : null,
    instructions: typeof body.instructions === "string" ? body.instructions : null,
    max_output_tokens: typeof body.max_output_tokens === "number" ? body.max_output_tokens : null,
    model: body.model,
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    prompt_cache_options: { mode, ttl: lifetime, ...(comparison ? { comparison_response_id: comparison } : {}) },
    ...(diagnostics ? { prompt_cache_diagnostics: diagnostics } : {}),
    reasoning: { effort: isObject(body.reasoning) ? (body.reasoning.effort ?? null) : null, summary: null },
    service_tier: body.service_tier ?? "default",
    store: body.store ?? true,
    temperature: 1,
    text: isObject(body.text) ? body.text : { format: { type: "text" }, verbosity: "medium" },
    tool_choice: body.tool_choice ?? "auto",
    tools: Array.isArray(body.tools) ? body.tools : [],
    top_p: 1,
    truncation: "disabled",
    usage,
    user: null,
    metadata: isObject(body.metadata) ? body.metadata : {},
  };
  return {
    kind: "response",
    response,
    usage,
    commit: { now, refreshes, writes },
    fingerprint,
    stream: body.stream === true,
    trace: {
      mode,
      lookup: lookupTrace,
      written: bounds.written.map((p) => ({ path: p.path, tokens: p.cumulativeTokens, reachesMinimum: reaches(p) })),
      hit: hit ? hit.path : null,
    },
  };
}

/** A short, stable id from a serial number ("resp_…", "msg_…"), like the API's. */
export function openaiId(prefix: "resp" | "msg" | "req", serial: number): string {
  return `${prefix}_${hashString(`cachelab-openai|${prefix}|${serial}`)}${serial.toString(16).padStart(8, "0")}`;
}
