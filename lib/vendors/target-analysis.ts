// What any target's request means before it is sent: which breakpoints fail to cache (a CI gate's
// problems) and the input cost of a cold call, a warm repeat and no caching. Shared by `cachelab lint`
// and the previews, for every target alike.
import { tokens } from "@/lib/cache/units";
import type { LandedBreakpoint, TargetRequest } from "./targets";
import { type CacheLifetime, type NormalizedUsage, normalizedCost } from "./usage";

export interface TargetProblem {
  /** The breakpoint that caches nothing; absent when the vendor refuses the whole request (an "error" note). */
  breakpoint?: LandedBreakpoint;
  /** One sentence, as `cachelab lint` prints it. */
  message: string;
}

/**
 * A breakpoint sent but not written (the vendor's slot rule; Claude's 4-breakpoint limit), or written
 * with a prefix below the target's minimum: either way nothing is cached there. This is the lint gate
 * for targets, as `isBlockingFinding` is for the Claude analysis.
 */
export function targetProblems(request: TargetRequest): TargetProblem[] {
  const problems: TargetProblem[] = request.notes
    .filter((n) => n.severity === "error")
    .map((n) => ({ message: `${n.message}${n.path ? ` (${n.path})` : ""}: the request is refused, nothing is cached.` }));
  for (const b of request.breakpoints) {
    const where = `${b.origin}${b.path ? ` at ${b.path}` : ""}`;
    if (!b.written) problems.push({ breakpoint: b, message: `${where} is not written by this request: nothing is cached there.` });
    else if (!b.reachesMinimum) {
      problems.push({ breakpoint: b, message: `${where}: its prefix, ≈${Math.round(b.prefixTokens)} tokens, is below the ${request.minCacheableTokens}-token minimum: nothing is cached there.` });
    }
  }
  return problems;
}

/**
 * Usage of a cold first call and of an identical repeat within the lifetime: everything up to the
 * furthest written breakpoint that reaches the minimum is written, then read; each stretch between
 * written breakpoints is written for the lifetime of the breakpoint that ends it.
 */
export function estimateTargetUsage(request: TargetRequest): { firstCall: NormalizedUsage; cachedRepeat: NormalizedUsage; uncached: NormalizedUsage } {
  if (request.cacheObject) return cacheObjectUsage(request, request.cacheObject);
  const cached = request.breakpoints.filter((b) => b.written && b.reachesMinimum).sort((a, b) => a.prefixTokens - b.prefixTokens);
  const cacheWrite: Partial<Record<CacheLifetime, ReturnType<typeof tokens>>> = {};
  let previous = 0;
  for (const b of cached) {
    if (b.prefixTokens <= previous) continue;
    cacheWrite[b.lifetime] = tokens((cacheWrite[b.lifetime] ?? 0) + (b.prefixTokens - previous));
    previous = b.prefixTokens;
  }
  const rest = tokens(Math.max(0, request.totalTokens - previous));
  const zero = tokens(0);
  return {
    firstCall: { uncached: rest, cacheRead: zero, cacheWrite, output: zero },
    cachedRepeat: { uncached: rest, cacheRead: tokens(previous), cacheWrite: {}, output: zero },
    uncached: { uncached: request.totalTokens, cacheRead: zero, cacheWrite: {}, output: zero },
  };
}

/**
 * Gemini explicit caching (lib/vendors/gemini.ts): the first call creates the cache object (its tokens at the
 * input price), pays its storage for the whole ttl, and reads it like every later call; a repeat within the
 * ttl only reads. A cache below the minimum is refused by caches.create, so everything is uncached.
 */
function cacheObjectUsage(request: TargetRequest, object: NonNullable<TargetRequest["cacheObject"]>) {
  const zero = tokens(0);
  const uncached: NormalizedUsage = { uncached: request.totalTokens, cacheRead: zero, cacheWrite: {}, output: zero };
  const boundary = request.breakpoints.find((b) => b.written);
  if (!boundary?.reachesMinimum) return { firstCall: uncached, cachedRepeat: uncached, uncached };
  const rest = tokens(Math.max(0, request.totalTokens - object.tokens));
  return {
    firstCall: { uncached: rest, cacheRead: object.tokens, cacheWrite: { [boundary.lifetime]: object.tokens }, storageTokenHours: (object.tokens * object.ttlSeconds) / 3600, output: zero },
    cachedRepeat: { uncached: rest, cacheRead: object.tokens, cacheWrite: {}, output: zero },
    uncached,
  };
}

export function estimateTargetCost(request: TargetRequest): { firstCall: number; cachedRepeat: number; uncached: number } {
  const usage = estimateTargetUsage(request);
  return {
    firstCall: normalizedCost(usage.firstCall, request.prices).total,
    cachedRepeat: normalizedCost(usage.cachedRepeat, request.prices).total,
    uncached: normalizedCost(usage.uncached, request.prices).total,
  };
}
