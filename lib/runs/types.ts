// What one run records (docs/design.md §7). A run is a value: the table, the charts, the explanation and the
// exports all derive from an array of these, and the history stores exactly this shape.
import type { BreakpointStatus } from "@/lib/cache/breakpoint-words";
import type { DocumentPath, RequestPath } from "@/lib/cache/paths";
import type { ErrorCode } from "@/lib/cache/error-codes";
import type { ProviderId, Ttl } from "@/lib/cache/wire-types";
import type { CacheSharing, Variant } from "./series";

export type Transport = "emulated" | "live";

/** Token usage as the provider reported it, split the way the charts stack it. */
export interface RunUsage {
  /** `input_tokens`: neither read from nor written to the cache. */
  uncachedInput: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  output: number;
}

/** One block of the sent prefix: where it is and a hash of its content (without cache_control). */
export interface RunBlock {
  /** The block as sent. */
  path: RequestPath;
  hash: string;
  /** Estimated tokens of the prefix up to and including this block. */
  cumulativeTokens: number;
  /** Where the experiment holds this block (what "Select block" focuses), from buildRequest's paths. */
  focusPath?: DocumentPath;
}

/** One requested breakpoint as the builder's analysis saw it when the run was sent. */
export interface RunBreakpoint {
  /** The block it landed on, as sent ("system[0]", "messages[2].content[0]"). */
  path: RequestPath;
  /** What became of it, in the preview's words (lib/cache/breakpoint-words.ts). */
  status: BreakpointStatus;
  /** Who asked for it: "Cache messages setting", "CachePoint at experiment messages[0].content[1]". */
  origin?: string;
  /** For "overwritten": who overwrote it. */
  overwrittenBy?: string;
  ttl: Ttl;
  /** Estimated tokens of the prefix up to this breakpoint. */
  prefixTokens: number;
  /** The model's minimum cacheable length on this provider. */
  minTokens: number;
  /** Whether this breakpoint can cache at all (kept, and at or above the minimum). */
  canCache: boolean;
  /** Index of the block in prefix order, when the builder reported it. */
  position?: number;
  /** Where the experiment holds the block it landed on. */
  focusPath?: DocumentPath;
}

/**
 * The emulator's own account of a run, as the explanation reads it: the position it read from and
 * the positions it wrote at (prefix order, the builder's positions). Made by runTraceOf (record.ts)
 * from the engine's CacheTrace.
 */
export interface RunTrace {
  read: { position: number; tokens: number } | null;
  writes: { position: number; ttl: Ttl; tokens: number }[];
}

export interface RunLatency {
  totalMs: number;
  /** Time to first token. */
  ttftMs: number;
  /** True when the emulator modelled the latency (its headers), false when measured on the wire. */
  modelled: boolean;
}

export interface RunError {
  /** One of the codes in lib/cache/error-codes.ts, each with its sentence for the user. */
  code: ErrorCode;
  message: string;
  status?: number;
  retryAfterSeconds?: number;
}

/**
 * A run of a growing-conversation series: its turn, and on the series' first run the experiment the
 * conversation started from. The transcript lives with the runs (lib/runs/transcript), never in the
 * experiment (issue 11 item 4).
 */
export interface RunConversation {
  turn: number;
  /** The experiment as the series' first run sent it (first run only; JSON, checked when read back). */
  start?: unknown;
}

/** Anthropic's cache-diagnostics reasons (docs/reference/anthropic-caching.md §1.12). */
export const OFFICIAL_MISS_REASONS = ["model_changed", "system_changed", "tools_changed", "messages_changed", "previous_message_not_found", "unavailable"] as const;
export type OfficialMissReason = (typeof OFFICIAL_MISS_REASONS)[number];

/**
 * What the provider's cache diagnostics said about a run that named the previous run's response
 * (https://platform.claude.com/docs/en/build-with-claude/cache-diagnostics): its first cause of a miss,
 * null when nothing diverged, "pending" when it answered before its comparison was done.
 */
export interface RunDiagnosis {
  /** The `msg_…` id the request sent as `diagnostics.previous_message_id`. */
  previousMessageId: string;
  reason: OfficialMissReason | null | "pending";
  /** `cache_missed_input_tokens`, for the reasons that carry it. */
  missedTokens?: number;
}

/** Where a run of simulated traffic sits in the simulation (lib/runs/traffic.ts). */
export interface RunTraffic {
  /** When the request arrived, in ms from the start of the simulation (the plan's time, not the clock's). */
  atMs: number;
  /** The arrival (session) it belongs to, 1-based, and its turn in that session. */
  session: number;
  turn: number;
  /** The simulated window (the duration asked for, or the last turn past it), to scale costs per day. */
  windowMs: number;
}

export interface RunRecord {
  id: string;
  experimentId: string;
  seriesId: string;
  /** 1-based position in the whole history of this experiment (the table's `Run` column). */
  number: number;
  /** Which side of a comparison ("A", "B") or what-if ("A" to "C"); "A" otherwise. */
  variant: Variant;
  /** A short label for the variant, e.g. "Anthropic · Claude Sonnet 4.6". */
  label: string;
  /** True when the run was sent in parallel with others (fan-out). */
  parallel: boolean;
  /** In a comparison: whether the variants had their own emulator caches or shared one (series.ts). */
  cacheSharing?: CacheSharing;
  provider: ProviderId;
  transport: Transport;
  /** The catalog id (e.g. "claude-sonnet-4-6") and the id the provider received. */
  model: string;
  modelId: string;
  /** Start of the request in ms since the epoch: the emulator's virtual clock for emulated runs. */
  startedAt: number;
  status: "ok" | "failed";
  usage: RunUsage | null;
  /** Cost in USD from the catalog prices, and the cost of the same tokens with no cache at all. */
  cost: number | null;
  costWithoutCache: number | null;
  latency: RunLatency | null;
  responseText: string;
  requestId: string | null;
  /** The response's message id (`msg_…`), which the next run names for cache diagnostics. */
  messageId?: string;
  /** Anthropic's cache diagnostics, when the run sent a previous message id (Claude API only). */
  diagnosis?: RunDiagnosis;
  blocks: RunBlock[];
  breakpoints: RunBreakpoint[];
  /** The emulator's own account of the request, when emulated. */
  trace?: RunTrace;
  /** Growing-conversation series only: the turn, and where the conversation started. */
  conversation?: RunConversation;
  /** Set on runs of simulated traffic. */
  traffic?: RunTraffic;
  error?: RunError;
}

/** What the server returns for one run; the browser adds where it sits in the history. */
export type SentRunRecord = Omit<RunRecord, "id" | "experimentId" | "seriesId" | "number" | "variant" | "label" | "parallel" | "conversation" | "cacheSharing">;

/** A run as a server-side series batch returns it: the record the server made, its variant, whether it went out in parallel, and its turn of a growing conversation. */
export type BatchRun = SentRunRecord & { variant: Variant; parallel: boolean; conversation?: RunConversation };

export function cacheWrite(usage: RunUsage): number {
  return usage.cacheWrite5m + usage.cacheWrite1h;
}

export function totalInput(usage: RunUsage): number {
  return usage.uncachedInput + usage.cacheWrite5m + usage.cacheWrite1h + usage.cacheRead;
}

/** Share of the input tokens read from the cache, 0–1. */
export function hitRate(usage: RunUsage): number {
  const total = totalInput(usage);
  return total === 0 ? 0 : usage.cacheRead / total;
}
