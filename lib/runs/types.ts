// What one run records (docs/design.md §7). A run is a value: the table, the charts, the explanation and the
// exports all derive from an array of these, and the history stores exactly this shape.
import type { ProviderId, Ttl } from "@/lib/cache/wire-types";

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
  path: string;
  hash: string;
  /** Estimated tokens of the prefix up to and including this block. */
  cumulativeTokens: number;
  /** The same block as the editor names it (for "select this block"), when it has one. */
  focusPath?: string;
}

/** One requested breakpoint as the builder's analysis saw it when the run was sent. */
export interface RunBreakpoint {
  /** Where the breakpoint landed (a body path such as "system" or "messages[2].content[0]"). */
  path: string;
  /** "kept" when it was sent; anything else means it was not (dropped by the limit, overwritten…). */
  status: string;
  ttl: Ttl;
  /** Estimated tokens of the prefix up to this breakpoint. */
  prefixTokens: number;
  /** The model's minimum cacheable length on this provider. */
  minTokens: number;
  /** Whether this breakpoint can cache at all (kept, and at or above the minimum). */
  canCache: boolean;
  /** Index of the block in prefix order, when the builder reported it. */
  position?: number;
  /** The block as the editor names it. */
  focusPath?: string;
}

export interface RunLatency {
  totalMs: number;
  /** Time to first token. */
  ttftMs: number;
  /** True when the emulator modelled the latency (its headers), false when measured on the wire. */
  modelled: boolean;
}

export interface RunError {
  code: string;
  message: string;
  status?: number;
  retryAfterSeconds?: number;
}

export interface RunRecord {
  id: string;
  experimentId: string;
  seriesId: string;
  /** 1-based position in the whole history of this experiment (the table's `Run` column). */
  number: number;
  /** Which side of a comparison ("A" or "B"); "A" outside comparisons. */
  variant: "A" | "B";
  /** A short label for the variant, e.g. "Anthropic · Claude Sonnet 4.6". */
  label: string;
  /** True when the run was sent in parallel with others (fan-out). */
  parallel: boolean;
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
  blocks: RunBlock[];
  breakpoints: RunBreakpoint[];
  /** The emulator's own account of the request, when emulated (kept as sent: JSON). */
  trace?: unknown;
  error?: RunError;
}

/** What the server returns for one run; the browser adds where it sits in the history. */
export type SentRunRecord = Omit<RunRecord, "id" | "experimentId" | "seriesId" | "number" | "variant" | "label" | "parallel">;

export const ZERO_USAGE: RunUsage = { uncachedInput: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0 };

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
