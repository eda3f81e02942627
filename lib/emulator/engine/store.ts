// The emulator's cache entries, bounded: at most `maxEntries`, the least recently used (written or
// read) evicted first, so memory stays flat however many distinct prefixes arrive. Every operation a
// request needs is O(1) or O(its own breakpoints): no request copies or scans the whole store (a copy
// per request made throughput fall from 174 to 28 req/s at 40k entries). Deterministic, no clock:
// callers pass `now`. The engine only reads (CacheView) and describes its changes (CacheCommit); the
// transport applies them here.
import { TTL_MS } from "@/lib/cache/rules";
import type { Ttl } from "@/lib/cache/wire-types";
import type { Fingerprint } from "./diagnostics";
import type { CacheEntry } from "./types";

/** Default cap on stored entries (`maxCacheEntries`, `cachelab emulate --max-entries`). */
export const DEFAULT_MAX_CACHE_ENTRIES = 50_000;
/** Expired entries are kept this long so a trace can say "expired" rather than "no entry". */
const EXPIRED_RETENTION_MS = 60 * 60_000;
/** Cache-diagnostics fingerprints kept (the oldest forgotten first): they are small, but not unbounded. */
const MAX_FINGERPRINTS = 10_000;
/** How often (virtual time) expired entries past their retention are swept out. */
const SWEEP_INTERVAL_MS = 60_000;

/** What the engine may see of the cache while it plans a request. */
export interface CacheView {
  get(key: string): CacheEntry | undefined;
  /** Entries for the same prefix content under any model or scope (to explain a miss). */
  withOpenKey(openKey: string): Iterable<CacheEntry>;
  /** The cache-diagnostics fingerprint kept under a response id (engine/diagnostics.ts). */
  fingerprint(messageId: string): Fingerprint | undefined;
}

/** A request's effect on the cache, computed by the engine and applied by `CacheStore.apply`. */
export interface CacheCommit {
  requestId: string;
  /** The request's start: refreshed lifetimes run from here (docs/reference/anthropic-caching.md §1.6). */
  now: number;
  /** Entries read (the hit) or passed at a breakpoint below it: refreshed, one more hit each. */
  refreshes: readonly { key: string; ttl: Ttl | null }[];
  /** Entries written at this request's breakpoints. */
  writes: readonly CacheEntry[];
  /** The request's fingerprint, kept under its response id when it opted in to cache diagnostics. */
  fingerprint?: { messageId: string; value: Fingerprint };
}

export interface CacheStats {
  /** Entries held, expired ones awaiting their sweep included. */
  stored: number;
  maxEntries: number;
  /** Entries evicted to stay under `maxEntries` since the store was created. */
  evicted: number;
}

const longer = (a: Ttl, b: Ttl | null): Ttl => (a === "1h" || b === "1h" ? "1h" : "5m");

export class CacheStore implements CacheView {
  /** Insertion order is recency: the first key is the least recently used. */
  private readonly entries = new Map<string, CacheEntry>();
  private readonly byOpenKey = new Map<string, Set<string>>();
  /** Entries each writer made that are not readable until its response begins. */
  private readonly pendingByWriter = new Map<string, Set<string>>();
  private readonly fingerprints = new Map<string, Fingerprint>();
  private evicted = 0;
  private nextSweepAt = Number.NEGATIVE_INFINITY;

  constructor(readonly maxEntries: number = DEFAULT_MAX_CACHE_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }

  get(key: string): CacheEntry | undefined {
    return this.entries.get(key);
  }

  *withOpenKey(openKey: string): Iterable<CacheEntry> {
    for (const key of this.byOpenKey.get(openKey) ?? []) {
      const e = this.entries.get(key);
      if (e) yield e;
    }
  }

  fingerprint(messageId: string): Fingerprint | undefined {
    return this.fingerprints.get(messageId);
  }

  stats(): CacheStats {
    return { stored: this.entries.size, maxEntries: this.maxEntries, evicted: this.evicted };
  }

  /** Live entries (not expired) at `now`, newest first. */
  live(now: number): CacheEntry[] {
    const out: CacheEntry[] = [];
    for (const e of this.entries.values()) if (e.expiresAt > now) out.push(e);
    return out.sort((a, b) => b.createdAt - a.createdAt || b.position - a.position);
  }

  apply(commit: CacheCommit): void {
    const { now, requestId } = commit;
    this.sweep(now);
    for (const { key, ttl } of commit.refreshes) {
      const e = this.entries.get(key);
      if (!e) continue;
      const keep = longer(e.ttl, ttl);
      // "The cache is refreshed for no additional cost each time the cached content is used", and the
      // lifetime is measured from the start of the request that reads it (docs/reference/anthropic-caching.md §1.6).
      this.put({ ...e, ttl: keep, hits: e.hits + 1, lastUsedAt: now, expiresAt: Math.max(e.expiresAt, now + TTL_MS[keep]) });
    }
    for (const fresh of commit.writes) {
      const existing = this.entries.get(fresh.key);
      if (existing && existing.expiresAt > now) {
        // A parallel request wrote it too and its response has not begun: both are billed as writes,
        // one entry remains, readable as soon as either response begins (markBegun).
        this.put({
          ...existing,
          ttl: longer(existing.ttl, fresh.ttl),
          expiresAt: Math.max(existing.expiresAt, fresh.expiresAt),
          visibleAt: Math.min(existing.visibleAt, fresh.visibleAt),
          alsoWrittenBy: [...(existing.alsoWrittenBy ?? []), requestId],
        });
      } else {
        if (existing) this.remove(fresh.key);
        this.put(fresh);
      }
      if (fresh.visibleAt > now) this.pending(requestId).add(fresh.key);
    }
    if (commit.fingerprint) {
      this.fingerprints.set(commit.fingerprint.messageId, commit.fingerprint.value);
      if (this.fingerprints.size > MAX_FINGERPRINTS) this.fingerprints.delete(this.fingerprints.keys().next().value!);
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value!;
      this.remove(oldest);
      this.evicted++;
    }
  }

  /**
   * The response of `requestId` has begun at `now`: the entries it wrote become readable
   * (docs/reference/anthropic-caching.md §1.9). Does not count as a use for eviction.
   */
  markBegun(requestId: string, now: number): void {
    const keys = this.pendingByWriter.get(requestId);
    if (!keys) return;
    this.pendingByWriter.delete(requestId);
    for (const key of keys) {
      const e = this.entries.get(key);
      if (e && e.visibleAt > now) this.entries.set(key, { ...e, visibleAt: now });
    }
  }

  private pending(requestId: string): Set<string> {
    let set = this.pendingByWriter.get(requestId);
    if (!set) this.pendingByWriter.set(requestId, (set = new Set()));
    return set;
  }

  /** Stores `e` as the most recently used entry. */
  private put(e: CacheEntry): void {
    this.entries.delete(e.key);
    this.entries.set(e.key, e);
    let keys = this.byOpenKey.get(e.openKey);
    if (!keys) this.byOpenKey.set(e.openKey, (keys = new Set()));
    keys.add(e.key);
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    const keys = this.byOpenKey.get(e.openKey);
    keys?.delete(key);
    if (keys?.size === 0) this.byOpenKey.delete(e.openKey);
    for (const writer of [e.writtenBy, ...(e.alsoWrittenBy ?? [])]) {
      const pending = this.pendingByWriter.get(writer);
      pending?.delete(key);
      if (pending?.size === 0) this.pendingByWriter.delete(writer);
    }
  }

  /** Drops entries past their post-expiry retention, at most once a minute of virtual time. */
  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
    for (const [key, e] of this.entries) if (e.expiresAt + EXPIRED_RETENTION_MS < now) this.remove(key);
  }
}
