// One usage shape across vendors (issue 13): uncached input, cache reads, cache writes by lifetime, storage
// and output, each a count that is never inside another. Vendors disagree on that: Anthropic's
// `input_tokens` is the uncached tail only, while OpenAI's `input_tokens` and Gemini's `promptTokenCount`
// contain the cached tokens (docs/reference/vendors.md §1). Decoders turn each vendor's usage into this
// shape once, so a chart or a bill never adds a count to the total that already holds it.
import type { Usage as ClaudeUsage } from "@/lib/cache/pricing";
import type { ModelPrices } from "@/lib/cache/catalog";
import { type Tokens, type Usd, type UsdPerMTok, addUsd, priceOf, tokens, usd } from "@/lib/cache/units";

/** How long a cache write lives: Anthropic's 5m/1h, OpenAI's 30m (or 12h), Bedrock's 5m/1h. */
export type CacheLifetime = "5m" | "1h" | "30m" | "12h";
export const CACHE_LIFETIMES: readonly CacheLifetime[] = ["5m", "1h", "30m", "12h"];

export interface NormalizedUsage {
  /** Input tokens neither read from nor written to the cache. */
  uncached: Tokens;
  cacheRead: Tokens;
  /** Tokens written to the cache, by the lifetime they were written for. */
  cacheWrite: Partial<Record<CacheLifetime, Tokens>>;
  /** Gemini explicit caching: cached tokens × hours held (billed per token-hour). */
  storageTokenHours?: number;
  output: Tokens;
}

export interface NormalizedPrices {
  input: UsdPerMTok;
  cacheRead: UsdPerMTok;
  cacheWrite: Partial<Record<CacheLifetime, UsdPerMTok>>;
  /** USD per million tokens per hour held. */
  storagePerHour?: UsdPerMTok;
  output: UsdPerMTok;
}

export interface CostLine {
  /** "uncached input", "cache read", "cache write (30m)", "storage", "output". */
  label: string;
  /** Tokens, or token-hours for storage. */
  quantity: number;
  price: UsdPerMTok;
  cost: Usd;
}

export interface NormalizedCost {
  lines: CostLine[];
  total: Usd;
  /** Every token of input, whichever way it was billed. */
  totalInput: Tokens;
}

export function totalWrites(usage: NormalizedUsage): Tokens {
  let sum = 0;
  for (const n of Object.values(usage.cacheWrite)) sum += n ?? 0;
  return tokens(sum);
}

export function totalInput(usage: NormalizedUsage): Tokens {
  return tokens(usage.uncached + usage.cacheRead + totalWrites(usage));
}

/**
 * The bill of one request: each count at its own price, nothing counted twice. A write with no price for
 * its lifetime is an error in the caller's table, not a free write: it throws, so a test finds it.
 */
export function normalizedCost(usage: NormalizedUsage, prices: NormalizedPrices): NormalizedCost {
  const lines: CostLine[] = [{ label: "uncached input", quantity: usage.uncached, price: prices.input, cost: priceOf(usage.uncached, prices.input) }];
  if (usage.cacheRead > 0) lines.push({ label: "cache read", quantity: usage.cacheRead, price: prices.cacheRead, cost: priceOf(usage.cacheRead, prices.cacheRead) });
  for (const lifetime of CACHE_LIFETIMES) {
    const n = usage.cacheWrite[lifetime];
    if (!n) continue;
    const price = prices.cacheWrite[lifetime];
    if (price === undefined) throw new Error(`no cache-write price for the ${lifetime} lifetime`);
    lines.push({ label: `cache write (${lifetime})`, quantity: n, price, cost: priceOf(n, price) });
  }
  if (usage.storageTokenHours && prices.storagePerHour !== undefined) {
    lines.push({
      label: "storage",
      quantity: usage.storageTokenHours,
      price: prices.storagePerHour,
      cost: usd((usage.storageTokenHours * prices.storagePerHour) / 1_000_000),
    });
  }
  lines.push({ label: "output", quantity: usage.output, price: prices.output, cost: priceOf(usage.output, prices.output) });
  return { lines, total: addUsd(...lines.map((l) => l.cost)), totalInput: totalInput(usage) };
}

/** lib/cache's Claude usage (already disjoint counts) in the shared shape. */
export function fromClaudeUsage(usage: ClaudeUsage): NormalizedUsage {
  const cacheWrite: Partial<Record<CacheLifetime, Tokens>> = {};
  if (usage.write5m > 0) cacheWrite["5m"] = usage.write5m;
  if (usage.write1h > 0) cacheWrite["1h"] = usage.write1h;
  return { uncached: usage.input, cacheRead: usage.read, cacheWrite, output: usage.output };
}

/** A Claude model's catalog prices in the shared shape. */
export function fromClaudePrices(prices: ModelPrices): NormalizedPrices {
  return { input: prices.input, cacheRead: prices.read, cacheWrite: { "5m": prices.write5m, "1h": prices.write1h }, output: prices.output };
}
