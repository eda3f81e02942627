// The emulator's account of one request: which breakpoint read or wrote how many tokens, and for each
// miss its first cause. It travels from the engine to whoever explains a run (lib/runs/explain.ts),
// through a run record stored in the browser, so it is a JSON value with a schema: `readCacheTrace`
// turns a stored value back into a CacheTrace, or undefined when it is not one (an older record).
// One definition: the types below are inferred from the schemas.
import { z } from "zod";

const count = z.number().finite();
const ttl = z.enum(["5m", "1h"]);

const usageSchema = z.object({
  input_tokens: count,
  cache_creation_input_tokens: count,
  cache_read_input_tokens: count,
  cache_creation: z.object({ ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count }),
  output_tokens: count,
  service_tier: z.literal("standard"),
});
/** The `usage` object of a Messages response (docs/reference/anthropic-caching.md §3.1). */
export type Usage = z.infer<typeof usageSchema>;

const latencySchema = z.object({ ttftMs: count, durationMs: count });
/** The modelled time to first token and total duration (lib/emulator/engine/latency.ts). */
export type LatencyResult = z.infer<typeof latencySchema>;

/** Why a breakpoint found no entry it could read, first cause only. */
const missReasonSchema = z.enum([
  /** No entry for any prefix in the window: first request, or the prefix changed (or was evicted). */
  "no_entry",
  /** An entry exists for an earlier position, more than 20 positions back (docs/reference/anthropic-caching.md §1.4). */
  "outside_lookback",
  /** The entry in the window expired (docs/reference/anthropic-caching.md §1.6). */
  "expired",
  /** The entry was written by a request whose response had not begun yet (docs/reference/anthropic-caching.md §1.9). */
  "not_yet_visible",
  /** The same prefix is cached, but for another model: "the cache is per model" (docs/reference/anthropic-caching.md §1.2). */
  "other_model",
  /** The same prefix is cached, but in another workspace or organization (docs/reference/anthropic-caching.md §1.8). */
  "other_scope",
]);
export type MissReason = z.infer<typeof missReasonSchema>;

/** Why nothing at all was cached: no breakpoint, or none reached the model's minimum (§1.5). */
const notCachedReasonSchema = z.enum(["no_breakpoints", "below_minimum"]).nullable();
export type NotCachedReason = z.infer<typeof notCachedReasonSchema>;

/**
 * Paths (`path`) are the API's dotted paths of the block in the request as sent, the form its error
 * messages use: `tools.1`, `system.0`, `system` (a string system prompt), `messages.2.content.0`,
 * `messages.2.content` (a string message). Positions count blocks in prefix order from 0
 * (tools → system → messages, lib/cache/prefix.ts).
 */
const breakpointTraceSchema = z.object({
  position: count,
  path: z.string(),
  ttl,
  /** Estimated tokens of the prefix up to and including this breakpoint's block. */
  cumulativeTokens: count,
  /** Whether that prefix reaches the model's minimum: below it the breakpoint neither reads nor writes. */
  eligible: z.boolean(),
  /**
   * Placed by the API, not by a block's `cache_control`: the top-level `cache_control` (automatic
   * caching, §1.1) or the 5m breakpoint the API adds on each server tool result (§1.6).
   */
  automatic: z.boolean(),
  /** Positions checked, from the breakpoint back (inclusive), at most 20; null when not eligible. */
  lookback: z.object({ from: count, to: count }).nullable(),
  /** Position of the entry this breakpoint's lookback found, if any. */
  hitPosition: count.nullable(),
  missReason: missReasonSchema.nullable(),
  /** Position of the entry behind the miss: just outside the window, expired, not yet visible, or under another model/scope. */
  missedEntryPosition: count.nullable(),
  wrote: z.boolean(),
  /** Tokens this breakpoint's write added (cumulative minus the previous write or read point). */
  writtenTokens: count,
});
export type BreakpointTrace = z.infer<typeof breakpointTraceSchema>;

export const cacheTraceSchema = z.object({
  requestId: z.string(),
  /** Where the request arrived ("bedrock-mantle": Claude in Amazon Bedrock, §6.2). */
  provider: z.enum(["anthropic", "bedrock", "bedrock-mantle", "vertex", "foundry"]),
  /** The catalog model id the cache is keyed on (snapshots and provider ids of one model share it). */
  model: z.string(),
  /** The cache scope (a hash of the credential, never the credential). */
  scope: z.string(),
  /** The request's start, epoch ms on the emulator's clock. */
  startedAt: count,
  minimumTokens: count,
  totalInputTokens: count,
  /** How many prefix positions (blocks) the request has. */
  positions: count,
  breakpoints: z.array(breakpointTraceSchema),
  /** The hit (the highest over all breakpoints), or null on a full miss. */
  read: z.object({ position: count, path: z.string(), tokens: count, writtenBy: z.string() }).nullable(),
  /** Entries written; `tokens` is what this write added to the bill (0 inside the prefix that was read). */
  writes: z.array(z.object({ position: count, path: z.string(), ttl, tokens: count, cumulativeTokens: count })),
  notCachedReason: notCachedReasonSchema,
  usage: usageSchema,
  latency: latencySchema,
});
export type CacheTrace = z.infer<typeof cacheTraceSchema>;

/** A stored value as a CacheTrace, or undefined when it is not one (a record from an older version, say). */
export function readCacheTrace(value: unknown): CacheTrace | undefined {
  const parsed = cacheTraceSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
