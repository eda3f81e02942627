// Targets (issue 13): one experiment, laid out once, built for each place it can run. A target is one of
// the four Claude surfaces (lib/cache/buildRequest's dialects) or another vendor's caching API. Every
// builder returns the exact body, the breakpoints as they land there, and notes for everything the
// experiment asks that the target cannot express: never dropped silently.
import type { Experiment } from "@/lib/cache/experiment-schema";
import type { Result } from "@/lib/cache/result";
import type { Tokens } from "@/lib/cache/units";
import { PROVIDERS, type ProviderId } from "@/lib/cache/wire-types";
import type { CacheLifetime, NormalizedPrices } from "./usage";

export type VendorTargetId = "openai" | "bedrock-converse" | "gemini";
export type TargetId = ProviderId | VendorTargetId;

/** A target's facts; its label is lib/display/format.ts's targetLabel, where every label lives. */
export interface TargetInfo {
  id: TargetId;
  vendor: string;
  /** Whether the vendor caches at markers in the request (false: a separate cache object, Gemini). */
  markerBased: boolean;
}

export const TARGETS: readonly TargetInfo[] = [
  { id: "anthropic", vendor: "Anthropic", markerBased: true },
  { id: "bedrock", vendor: "Amazon", markerBased: true },
  { id: "vertex", vendor: "Google", markerBased: true },
  { id: "foundry", vendor: "Microsoft", markerBased: true },
  { id: "openai", vendor: "OpenAI", markerBased: true },
  { id: "bedrock-converse", vendor: "Amazon", markerBased: true },
  { id: "gemini", vendor: "Google", markerBased: false },
];

export const TARGET_IDS: readonly TargetId[] = TARGETS.map((t) => t.id);

export function isClaudeSurface(target: TargetId): target is ProviderId {
  return (PROVIDERS as readonly string[]).includes(target);
}

export function isTargetId(value: string): value is TargetId {
  return (TARGET_IDS as readonly string[]).includes(value);
}

export interface TargetNote {
  /** Stable code, e.g. "instructions_moved", "breakpoint_not_written", "tool_breakpoint_unsupported". */
  code: string;
  /** "error": the vendor refuses the request as built (a 400 before any caching), which fails `cachelab lint`. */
  severity: "info" | "warning" | "error";
  /** One sentence a person can act on, with the vendor rule's source. */
  message: string;
  /** Where in the experiment document it comes from ("settings.cache_tool_definitions", "messages[2].content[1]"). */
  path?: string;
}

export interface LandedBreakpoint {
  /** Where it sits in this target's body ("input[1].content[0]"); null where the vendor places it itself. */
  path: string | null;
  /** What asked for it: "settings.cache_messages", "the cache_point at messages[1].content[2]", "implicit". */
  origin: string;
  /** The experiment item it stands for, when there is one. */
  experimentPath?: string;
  lifetime: CacheLifetime;
  /** Whether this request writes it (a vendor may keep a breakpoint only as a lookup boundary). */
  written: boolean;
  /** Estimated tokens of the prefix up to and including it. */
  prefixTokens: Tokens;
  reachesMinimum: boolean;
}

export interface TargetRequest {
  target: TargetId;
  /** The model id as this target names it. */
  modelId: string;
  /** Exactly what is sent (the SDK's params object, the same JSON on the wire). */
  body: unknown;
  notes: TargetNote[];
  breakpoints: LandedBreakpoint[];
  /** Estimated input tokens of the whole request. */
  totalTokens: Tokens;
  minCacheableTokens: Tokens;
  prices: NormalizedPrices;
  /**
   * Gemini explicit caching: the separate cache object the request names (caches.create before it), its size
   * and ttl. Its creation, its storage for the whole ttl and the reads are billed apart from the request.
   */
  cacheObject?: { tokens: Tokens; ttlSeconds: number };
}

export interface TargetOptions {
  /** The model on this target; default: the experiment's model where the target serves it, else the target's default. */
  model?: string;
}

export type TargetBuilder = (experiment: Experiment, options: TargetOptions) => Result<TargetRequest>;
