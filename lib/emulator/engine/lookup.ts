// The cache rules of docs/reference/anthropic-caching.md §1.4 (writes only at breakpoints; reads look back
// at most 20 positions per breakpoint, the breakpoint counting as the first; the highest hit wins),
// §1.5 (minimum length), §1.6 (TTL from request start, refresh on hit, the mixed-TTL A/B/C billing)
// and §1.9 (an entry is readable only once the writing response has begun).
import { apiPath } from "@/lib/cache/paths";
import type { PrefixPosition } from "@/lib/cache/prefix";
import { LOOKBACK_POSITIONS, TTL_MS } from "@/lib/cache/rules";
import { type Tokens, tokens } from "@/lib/cache/units";
import type { Ttl } from "@/lib/cache/wire-types";
import type { CacheCommit, CacheView } from "./store";
import type { BreakpointTrace, CacheEntry, MissReason, NotCachedReason, Surface } from "./types";

export interface Breakpoint {
  position: number;
  ttl: Ttl;
  automatic: boolean;
}

export interface LookupInput {
  cache: CacheView;
  positions: readonly PrefixPosition[];
  /** Cache key per position (prefix hash salted per level). */
  keys: readonly string[];
  /** The same keys without the model and scope seed. */
  openKeys: readonly string[];
  scope: string;
  model: string;
  breakpoints: readonly Breakpoint[];
  minimum: number;
  now: number;
}

export interface CachePlan {
  /** Position of the highest hit (A), or -1. */
  readPosition: number;
  readEntry: CacheEntry | null;
  /** Breakpoints at or below the hit whose live entries are refreshed too. */
  refreshKeys: string[];
  writes: { position: number; ttl: Ttl; key: string; openKey: string; tokens: Tokens; writtenTokens: number }[];
  readTokens: number;
  write1hTokens: number;
  write5mTokens: number;
  /** Tokens after the last cacheable breakpoint (or all of them when nothing caches). */
  uncachedTokens: number;
  total: number;
  breakpoints: BreakpointTrace[];
  notCachedReason: NotCachedReason;
}

const isReadable = (e: CacheEntry | undefined, now: number): e is CacheEntry => !!e && e.expiresAt > now && e.visibleAt <= now;

function missReasonFor(input: LookupInput, from: number, to: number): { reason: MissReason; at: number | null } {
  const { cache, keys, now } = input;
  for (let p = to; p >= from; p--) {
    const e = cache.get(keys[p]!);
    if (!e) continue;
    if (e.expiresAt <= now) return { reason: "expired", at: p };
    if (e.visibleAt > now) return { reason: "not_yet_visible", at: p };
  }
  for (let p = from - 1; p >= 0; p--) {
    if (isReadable(cache.get(keys[p]!), now)) return { reason: "outside_lookback", at: p };
  }
  for (let p = to; p >= from; p--) {
    for (const e of cache.withOpenKey(input.openKeys[p]!)) {
      if (e.expiresAt <= now) continue;
      if (e.model !== input.model) return { reason: "other_model", at: p };
      if (e.scope !== input.scope) return { reason: "other_scope", at: p };
    }
  }
  return { reason: "no_entry", at: null };
}

export function planCache(input: LookupInput): CachePlan {
  const { cache, positions, keys, breakpoints, minimum, now } = input;
  const total = positions.length ? positions[positions.length - 1]!.cumulativeTokens : 0;
  const cum = (p: number) => (p < 0 ? 0 : positions[p]!.cumulativeTokens);

  // The minimum applies to the cumulative prefix at each breakpoint
  // (docs/reference/anthropic-caching.md §1.5, open question decided in lib/emulator/README.md): a breakpoint
  // below it neither reads nor writes.
  const traces: BreakpointTrace[] = breakpoints.map((bp) => ({
    position: bp.position,
    path: apiPath(positions[bp.position]!.path),
    ttl: bp.ttl,
    cumulativeTokens: cum(bp.position),
    eligible: cum(bp.position) >= minimum,
    automatic: bp.automatic,
    lookback: null,
    hitPosition: null,
    missReason: null,
    missedEntryPosition: null,
    wrote: false,
    writtenTokens: 0,
  }));
  const eligible = traces.filter((t) => t.eligible);

  let readPosition = -1;
  for (const t of eligible) {
    const from = Math.max(0, t.position - LOOKBACK_POSITIONS + 1);
    t.lookback = { from, to: t.position };
    for (let p = t.position; p >= from; p--) {
      if (isReadable(cache.get(keys[p]!), now)) {
        t.hitPosition = p;
        break;
      }
    }
    if (t.hitPosition === null) {
      const miss = missReasonFor(input, from, t.position);
      t.missReason = miss.reason;
      t.missedEntryPosition = miss.at;
    } else if (t.hitPosition > readPosition) {
      readPosition = t.hitPosition;
    }
  }

  const notCachedReason: NotCachedReason = breakpoints.length === 0 ? "no_breakpoints" : eligible.length === 0 ? "below_minimum" : null;
  if (eligible.length === 0) {
    return {
      readPosition: -1,
      readEntry: null,
      refreshKeys: [],
      writes: [],
      readTokens: 0,
      write1hTokens: 0,
      write5mTokens: 0,
      uncachedTokens: total,
      total,
      breakpoints: traces,
      notCachedReason,
    };
  }

  const readEntry = readPosition >= 0 ? cache.get(keys[readPosition]!)! : null;
  const refreshKeys = eligible
    .filter((t) => t.position < readPosition && isReadable(cache.get(keys[t.position]!), now))
    .map((t) => keys[t.position]!);

  // Mixed TTLs (docs/reference/anthropic-caching.md §1.6): A = tokens at the hit, B = at the last 1h
  // breakpoint after A, C = at the last breakpoint; 1h writes B−A, 5m writes C−B. Each written segment
  // is billed at its breakpoint's TTL, which is that rule while 1h breakpoints precede 5m ones, and also
  // bills the API's own 5m breakpoints on server tool results as 5m writes wherever they fall (§1.6).
  const writes: CachePlan["writes"] = [];
  let previous = readPosition;
  let write1h = 0;
  let write5m = 0;
  for (const t of eligible) {
    if (t.position < readPosition && !isReadable(cache.get(keys[t.position]!), now)) {
      // "Marking a block with cache_control writes exactly one cache entry": a breakpoint inside the
      // prefix that was read still gets its entry, at no charge, since its tokens were read.
      t.wrote = true;
      writes.push({ position: t.position, ttl: t.ttl, key: keys[t.position]!, openKey: input.openKeys[t.position]!, tokens: tokens(cum(t.position)), writtenTokens: 0 });
      continue;
    }
    if (t.position <= readPosition) continue;
    t.wrote = true;
    t.writtenTokens = cum(t.position) - cum(previous);
    writes.push({ position: t.position, ttl: t.ttl, key: keys[t.position]!, openKey: input.openKeys[t.position]!, tokens: tokens(cum(t.position)), writtenTokens: t.writtenTokens });
    if (t.ttl === "1h") write1h += t.writtenTokens;
    else write5m += t.writtenTokens;
    previous = t.position;
  }
  const a = cum(readPosition);
  const c = cum(Math.max(eligible[eligible.length - 1]!.position, readPosition));
  return {
    readPosition,
    readEntry,
    refreshKeys,
    writes,
    readTokens: a,
    write1hTokens: write1h,
    write5mTokens: write5m,
    uncachedTokens: total - c,
    total,
    breakpoints: traces,
    notCachedReason,
  };
}

export interface CommitInput {
  scope: string;
  provider: Surface;
  model: string;
  requestId: string;
  now: number;
  /** When this request's response begins (start + modelled time to first token). */
  visibleAt: number;
  positions: readonly PrefixPosition[];
}

/** What a plan does to the cache: refresh the hit (and passed breakpoints), write the new entries. */
export function commitOf(plan: CachePlan, c: CommitInput): CacheCommit {
  const refreshes: CacheCommit["refreshes"][number][] = [];
  if (plan.readEntry) {
    // A read at a 1h breakpoint keeps the entry for an hour from now.
    const bp = plan.breakpoints.find((t) => t.position === plan.readPosition);
    refreshes.push({ key: plan.readEntry.key, ttl: bp ? bp.ttl : null });
  }
  for (const key of plan.refreshKeys) refreshes.push({ key, ttl: null });
  const writes = plan.writes.map((w): CacheEntry => {
    const position = c.positions[w.position]!;
    return {
      key: w.key,
      scope: c.scope,
      provider: c.provider,
      model: c.model,
      prefixHash: position.prefixHash,
      openKey: w.openKey,
      position: w.position,
      path: apiPath(position.path),
      tokens: w.tokens,
      ttl: w.ttl,
      createdAt: c.now,
      lastUsedAt: c.now,
      expiresAt: c.now + TTL_MS[w.ttl],
      visibleAt: c.visibleAt,
      hits: 0,
      writtenBy: c.requestId,
    };
  });
  return { requestId: c.requestId, now: c.now, refreshes, writes };
}
