// Data the emulator engine takes and returns. Pure values: times are epoch milliseconds passed in by
// the caller, request ids too (docs/design.md §2: no clock or randomness in the core).
import type { Tokens } from "@/lib/cache/units";
import type { Ttl } from "@/lib/cache/wire-types";
import type { EmulatedModel, ModelSurface } from "./models";

/** Where a request arrived: the four providers, and Claude in Amazon Bedrock ("Mantle") beside Bedrock InvokeModel. */
export type Surface = ModelSurface;
import type { API_ERROR_STATUS, ApiErrorType } from "./errors";
import type { Diagnostics } from "./diagnostics";
import type { CacheCommit } from "./store";
import type { CacheTrace, Usage } from "./trace";

export type { BreakpointTrace, CacheTrace, LatencyResult, MissReason, NotCachedReason, Usage } from "./trace";

export type ApiVersion = "2023-06-01" | "2026-10-21";

/**
 * How the Bedrock profile treats `cache_control.ttl` (docs/reference/anthropic-caching.md §6.1;
 * docs/design.md §4 item 1).
 */
export type BedrockTtlMode = "accept" | "ignore" | "reject";

export interface EngineOptions {
  /** Bedrock InvokeModel now accepts `ttl`; "ignore" caches everything for 5m, "reject" answers 400. */
  bedrockTtl: BedrockTtlMode;
  /** Override the catalog minimum for every model (tests, "what if" experiments). */
  minCacheableTokens?: number;
  latency: LatencyModel;
}

export interface LatencyModel {
  /** Time to first token of a request with no uncached input. */
  baseMs: number;
  /** Added per input token processed fresh (uncached input and cache writes). */
  perUncachedTokenMs: number;
  /** Extra per token written to the cache. */
  perWrittenTokenMs: number;
  /** Per token read from the cache: far cheaper than processing it. */
  perReadTokenMs: number;
  outputTokensPerSecond: number;
}

export interface CacheEntry {
  /** Cache key: prefix hash salted with model, scope and the prompt-affecting parameters. */
  key: string;
  scope: string;
  provider: Surface;
  /** Catalog id of the model (snapshots and provider ids of one model share a cache). */
  model: string;
  prefixHash: string;
  /** The prefix hash without model and scope, to explain a miss caused by either. */
  openKey: string;
  /** Position (0-based, tools → system → messages) of the breakpoint that wrote it, and its path. */
  position: number;
  path: string;
  tokens: Tokens;
  ttl: Ttl;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
  /**
   * When the writing response began: before this, other requests cannot read the entry
   * (docs/reference/anthropic-caching.md §1.9).
   */
  visibleAt: number;
  hits: number;
  writtenBy: string;
  /**
   * Other requests that wrote the same entry while it was not yet visible (parallel writers). The
   * entry becomes visible when the first of all its writers' responses begins.
   */
  alsoWrittenBy?: readonly string[];
}

export interface EngineRequest {
  provider: Surface;
  kind: "messages" | "count_tokens";
  /** The parsed JSON body (not yet validated). */
  body: unknown;
  /** Model id from the URL (Bedrock, Vertex); otherwise read from the body. */
  modelFromPath?: string;
  apiVersion: ApiVersion;
  /** Cache isolation scope: workspace or key on Anthropic/Foundry, organization on Bedrock/Vertex. */
  scope: string;
  /** Request id the wire layer already issued (requestIdFor). */
  requestId: string;
  /** Whether the wire format streams (Bedrock and Vertex say so in the path, not the body). */
  stream?: boolean;
  /** Vertex project and location from the path, for Google's "Publisher Model … not found". */
  vertexResource?: { project: string; location: string };
  /**
   * A model a vendor adapter resolved itself, for one the Claude catalog does not know (Amazon Nova on Bedrock
   * Converse, lib/emulator/vendors/converse): it replaces the surface's model lookup.
   */
  model?: EmulatedModel;
}

export interface MessageResponse {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: ({ type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> })[];
  stop_reason: "end_turn" | "max_tokens" | "tool_use";
  stop_sequence: null;
  usage: Usage;
  /**
   * Cache diagnostics, on the Claude API only: null when the request did not opt in or nothing
   * diverged; absent on the other surfaces, which do not support it (engine/diagnostics.ts).
   */
  diagnostics?: Diagnostics | null;
}

export interface EngineError {
  status: (typeof API_ERROR_STATUS)[ApiErrorType];
  type: ApiErrorType;
  message: string;
}

export type EngineOutcome =
  | { kind: "message"; requestId: string; message: MessageResponse; stream: boolean; trace: CacheTrace; commit: CacheCommit }
  | { kind: "count"; requestId: string; inputTokens: number }
  | { kind: "error"; requestId: string; error: EngineError };
