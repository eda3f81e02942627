// What a request costs, from its usage and the model's prices (catalog, or an experiment's override).
// Cache writes and reads are priced separately from plain input (docs/reference/anthropic-caching.md §2),
// and a mixed-TTL prompt is billed by the docs' A/B/C rule (§1.6 "Mixing different TTLs").
import { type CatalogModel, type ModelPrices, findModel } from "./catalog";
import { DEFAULT_MODEL_ID } from "./rules";
import { type Tokens, type Usd, addUsd, priceOf, tokens, usd, usdPerMTok } from "./units";
import type { Ttl } from "./wire-types";

export interface Usage {
  /** Input tokens neither read from nor written to the cache. */
  input: Tokens;
  write5m: Tokens;
  write1h: Tokens;
  read: Tokens;
  output: Tokens;
}

export interface CostBreakdown {
  input: Usd;
  write5m: Usd;
  write1h: Usd;
  read: Usd;
  output: Usd;
  total: Usd;
}

function costBreakdown(usage: Usage, prices: ModelPrices): CostBreakdown {
  const parts = {
    input: priceOf(usage.input, prices.input),
    write5m: priceOf(usage.write5m, prices.write5m),
    write1h: priceOf(usage.write1h, prices.write1h),
    read: priceOf(usage.read, prices.read),
    output: priceOf(usage.output, prices.output),
  };
  return { ...parts, total: addUsd(parts.input, parts.write5m, parts.write1h, parts.read, parts.output) };
}

export function costOf(usage: Usage, prices: ModelPrices): Usd {
  return costBreakdown(usage, prices).total;
}

/** Price overrides as the experiment document writes them (USD per million tokens). */
export interface PriceOverrides {
  input?: number;
  write_5m?: number;
  write_1h?: number;
  read?: number;
  output?: number;
}

/** The prices to use: the catalog's (the default model's when unknown), each overridden value replaced. */
export function effectivePrices(model: Pick<CatalogModel, "prices"> | undefined, overrides?: PriceOverrides): ModelPrices {
  const base = (model ?? findModel(DEFAULT_MODEL_ID)!).prices;
  if (!overrides) return base;
  const pick = (value: number | undefined, fallback: ModelPrices[keyof ModelPrices]) => (value === undefined ? fallback : usdPerMTok(value));
  return {
    input: pick(overrides.input, base.input),
    write5m: pick(overrides.write_5m, base.write5m),
    write1h: pick(overrides.write_1h, base.write1h),
    read: pick(overrides.read, base.read),
    output: pick(overrides.output, base.output),
  };
}

/** The part of an analysis the estimate needs: breakpoints that were sent and can cache, and the total. */
export interface CostInput {
  breakpoints: readonly { status: string; canCache: boolean; prefixTokens: Tokens; ttl: Ttl }[];
  totalTokens: Tokens;
}

export interface CostEstimate {
  /** Cold cache: everything up to the last cacheable breakpoint is written. */
  firstCall: Usd;
  /** The same request again within the TTL: that prefix is read. */
  cachedRepeat: Usd;
  /** The same request with no caching at all. */
  uncached: Usd;
}

/** Usage of a cold first call and of an identical warm repeat, by the A/B/C rule with A = 0 or C. */
function estimateUsage(input: CostInput, outputTokens: Tokens = tokens(0)): { firstCall: Usage; cachedRepeat: Usage; uncached: Usage } {
  let last = 0; // C: tokens up to the last breakpoint that writes
  let last1h = 0; // B: tokens up to the last 1h breakpoint
  for (const b of input.breakpoints) {
    if (b.status !== "kept" || !b.canCache) continue;
    last = Math.max(last, b.prefixTokens);
    if (b.ttl === "1h") last1h = Math.max(last1h, b.prefixTokens);
  }
  const total = input.totalTokens;
  const rest = tokens(Math.max(0, total - last));
  const zero = tokens(0);
  return {
    firstCall: { input: rest, write1h: tokens(last1h), write5m: tokens(last - last1h), read: zero, output: outputTokens },
    cachedRepeat: { input: rest, write1h: zero, write5m: zero, read: tokens(last), output: outputTokens },
    uncached: { input: total, write1h: zero, write5m: zero, read: zero, output: outputTokens },
  };
}

export function estimateCost(input: CostInput, prices: ModelPrices, outputTokens: Tokens = tokens(0)): CostEstimate {
  const usage = estimateUsage(input, outputTokens);
  return {
    firstCall: costOf(usage.firstCall, prices),
    cachedRepeat: costOf(usage.cachedRepeat, prices),
    uncached: costOf(usage.uncached, prices),
  };
}

