// The mutable parts the pure engine leaves out, in one place: the virtual clock, the cache store, the
// rate limiter, the fault queue, the traces and the request-id counter. The transport (transport.ts) and
// the request pipelines (api.ts) share one Runtime per emulator.
import { type CacheTrace, type EngineOptions, type LatencyModel, type Surface, CacheStore, requestIdFor } from "./engine";
import type { BedrockTtlMode } from "./engine/types";
import { FaultQueue } from "./faults";
import { type RateLimits, RateLimiter } from "./ratelimit";
import type { StreamFraming } from "./wire/render";

/** The emulator's options with every default filled in (transport.ts resolveOptions). */
export interface ResolvedOptions {
  latencyScale: number;
  minHoldMs: number;
  bedrockTtl: BedrockTtlMode;
  bedrockStreamFraming: StreamFraming;
  /** The largest request body read (the server stops buffering past it). */
  maxBodyBytes: number;
  /** Whether each provider's own body limit applies under maxBodyBytes (true unless maxBodyBytes was set). */
  providerBodyLimits: boolean;
  maxCacheEntries: number;
  maxTraces: number;
  rateLimits: RateLimits | null;
  latency: LatencyModel;
  minCacheableTokens?: number;
  startTime?: number;
}

export class Runtime {
  readonly faults = new FaultQueue();
  readonly engineOptions: EngineOptions;
  store: CacheStore;
  limiter: RateLimiter | null;
  private readonly traceMap = new Map<string, CacheTrace>();
  private readonly realStart = Date.now();
  private readonly virtualStart: number;
  private offsetMs = 0;
  /** Request ids keep counting across resets, so ids collected before a reset never name a later request. */
  private serial = 0;

  constructor(readonly opts: ResolvedOptions) {
    this.virtualStart = opts.startTime ?? this.realStart;
    this.store = new CacheStore(opts.maxCacheEntries);
    this.limiter = opts.rateLimits ? new RateLimiter(opts.rateLimits) : null;
    this.engineOptions = {
      bedrockTtl: opts.bedrockTtl,
      latency: opts.latency,
      ...(opts.minCacheableTokens !== undefined ? { minCacheableTokens: opts.minCacheableTokens } : {}),
    };
  }

  now(): number {
    return this.virtualStart + (Date.now() - this.realStart) + this.offsetMs;
  }

  advance(seconds: number): number {
    this.offsetMs += seconds * 1000;
    return this.now();
  }

  nextRequestId(surface?: Surface): string {
    return requestIdFor(++this.serial, surface);
  }

  remember(trace: CacheTrace): void {
    this.traceMap.set(trace.requestId, trace);
    if (this.traceMap.size > this.opts.maxTraces) this.traceMap.delete(this.traceMap.keys().next().value!);
  }

  trace(requestId: string): CacheTrace | undefined {
    return this.traceMap.get(requestId);
  }

  traces(): CacheTrace[] {
    return [...this.traceMap.values()];
  }

  /** Empties the cache, the rate limits, the fault queue and the traces, and undoes clock advances. */
  reset(): void {
    this.store = new CacheStore(this.opts.maxCacheEntries);
    this.limiter = this.opts.rateLimits ? new RateLimiter(this.opts.rateLimits) : null;
    this.faults.clear();
    this.traceMap.clear();
    this.offsetMs = 0;
  }
}
