// The lifecycle of a Gemini cache object over a run series (issue 13.1: creation, storage per token-hour,
// discounted reads): when it is created, when it expires, and what each run and the storage cost. Pure
// arithmetic on the catalog's rules (lib/vendors/catalog.ts GEMINI): a cache lives its ttl from creation and a
// read does not extend it; storage is billed for the whole ttl unless the object is deleted earlier; a run
// after expiry creates it again. Times are parameters (seconds from the first run).
import { type Tokens, tokens } from "@/lib/cache/units";
import type { CacheLifetime, NormalizedPrices, NormalizedUsage } from "./usage";
import { normalizedCost } from "./usage";

export interface GeminiLifecycleInput {
  /** Tokens in the cache object (0 or below `minimum`: no object can be created). */
  cacheTokens: Tokens;
  /** Tokens each run sends besides the cache (its own contents and framing). */
  restTokens: Tokens;
  minimum: Tokens;
  ttlSeconds: number;
  /** When each run starts, seconds from the first (ascending). */
  runTimes: readonly number[];
  prices: NormalizedPrices;
  /** Delete the object right after the last run (storage stops there) instead of letting it expire. */
  deleteAfterLastRun?: boolean;
}

export interface GeminiRunCost {
  at: number;
  /** Whether this run created the cache object (the first run, or the first after an expiry). */
  created: boolean;
  usage: NormalizedUsage;
  cost: number;
}

export interface GeminiLifecycle {
  runs: GeminiRunCost[];
  /** [created, ends) per cache object, seconds. */
  objects: { createdAt: number; endsAt: number }[];
  storageTokenHours: number;
  storageCost: number;
  /** Runs plus storage. */
  total: number;
  /** The same runs with no cache object at all. */
  uncachedTotal: number;
}

/** The lifetime a cache object's creation is billed under (both at the input price): "5m" up to 300 s, "1h" above. */
export const geminiWriteLifetime = (ttlSeconds: number): CacheLifetime => (ttlSeconds > 300 ? "1h" : "5m");
const lifetimeOf = geminiWriteLifetime;

export function geminiLifecycle(input: GeminiLifecycleInput): GeminiLifecycle {
  const zero = tokens(0);
  const all = tokens(input.cacheTokens + input.restTokens);
  const plain: NormalizedUsage = { uncached: all, cacheRead: zero, cacheWrite: {}, output: zero };
  const uncachedTotal = input.runTimes.length * normalizedCost(plain, input.prices).total;
  const cacheable = input.cacheTokens > 0 && input.cacheTokens >= input.minimum;
  const runs: GeminiRunCost[] = [];
  const objects: { createdAt: number; endsAt: number }[] = [];
  for (const at of input.runTimes) {
    if (!cacheable) {
      runs.push({ at, created: false, usage: plain, cost: normalizedCost(plain, input.prices).total });
      continue;
    }
    const live = objects.at(-1);
    const created = !live || at >= live.endsAt;
    if (created) objects.push({ createdAt: at, endsAt: at + input.ttlSeconds });
    const usage: NormalizedUsage = {
      uncached: input.restTokens,
      cacheRead: input.cacheTokens,
      cacheWrite: created ? { [lifetimeOf(input.ttlSeconds)]: input.cacheTokens } : {},
      output: zero,
    };
    runs.push({ at, created, usage, cost: normalizedCost(usage, input.prices).total });
  }
  const last = input.runTimes.at(-1);
  if (input.deleteAfterLastRun && last !== undefined && objects.length > 0) {
    const final = objects.at(-1)!;
    final.endsAt = Math.min(final.endsAt, last);
  }
  const heldSeconds = objects.reduce((s, o) => s + (o.endsAt - o.createdAt), 0);
  const storageTokenHours = (input.cacheTokens * heldSeconds) / 3600;
  const storageCost = ((input.prices.storagePerHour ?? 0) * storageTokenHours) / 1e6;
  const total = runs.reduce((s, r) => s + r.cost, 0) + storageCost;
  return { runs, objects, storageTokenHours, storageCost, total, uncachedTotal };
}
