// The emulator as a fetch function (docs/design.md §5): hand `emulator.fetch` to any official SDK client,
// with any baseURL, and the same SDK code that talks to the real providers talks to the emulator with no
// socket. A request goes to the control endpoints (control.ts), a provider endpoint (api.ts), or answers
// 404; the mutable state lives in one Runtime (runtime.ts).
import type { Result } from "@/lib/cache/result";
import { type CacheEntry, type CacheStats, type CacheTrace, type LatencyModel, DEFAULT_LATENCY, DEFAULT_MAX_CACHE_ENTRIES } from "./engine";
import type { BedrockTtlMode } from "./engine/types";
import type { Fault, FaultSpec } from "./faults";
import { DEFAULT_MAX_BODY_BYTES, serveMessages, serveModels, serveUnknown } from "./api";
import { handleControl } from "./control";
import type { RateLimits } from "./ratelimit";
import { type ResolvedOptions, Runtime } from "./runtime";
import { type VendorEmulators, createVendorEmulators, matchVendorSurface } from "./vendors";
import type { StreamFraming } from "./wire/render";
import { matchRoute } from "./wire/routes";

export { DEFAULT_MAX_BODY_BYTES } from "./api";

export interface EmulatorOptions {
  /** Real milliseconds slept per modelled millisecond of time to first token (default 0.01; 0 in benchmarks). */
  latencyScale?: number;
  /**
   * Shortest hold in real ms of a response that wrote cache entries, when latencyScale > 0 (default
   * 100). Real TTFTs are hundreds of ms, so requests a client fires "in parallel" always overlap
   * there; a floor keeps that true over HTTP, where a client (on a loaded machine, by tens of ms)
   * staggers parallel requests. Responses that wrote nothing hide nothing and skip the floor.
   */
  minHoldMs?: number;
  /** Virtual time at creation, epoch ms (default: the real time). */
  startTime?: number;
  /** Bedrock profile: how `cache_control.ttl` is treated (default "accept"; see README). */
  bedrockTtl?: BedrockTtlMode;
  /** Bedrock streaming framing (default "eventstream", what Bedrock sends; "sse" also works with the SDK). */
  bedrockStreamFraming?: StreamFraming;
  /**
   * Request body limit in bytes for every provider. Default: each provider's own (32 MB for the Messages API
   * and Foundry, 20 MB for Bedrock, 30 MB for Vertex: docs/reference/anthropic-caching.md §5.5, §6.1, §6.3).
   */
  maxBodyBytes?: number;
  /** Most cache entries held; the least recently used is evicted beyond it (default 50,000). */
  maxCacheEntries?: number;
  /**
   * The Claude API's emulated rate limits per organization, on the virtual clock; null (the default
   * here) means none: no 429s, no `anthropic-ratelimit-*` headers. The in-process emulator serves the
   * page's series and traffic simulations, which measure caching and must not lose runs to made-up
   * tier figures; `cachelab emulate` (server.ts) turns DEFAULT_RATE_LIMITS on for clients under test.
   */
  rateLimits?: RateLimits | null;
  latency?: Partial<LatencyModel>;
  /** Overrides every model's minimum cacheable length. */
  minCacheableTokens?: number;
  /** How many traces to keep (default 1000). */
  maxTraces?: number;
}

export interface Emulator {
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /**
   * Answers one request. `receivedAt` (virtual ms) is when it arrived, if earlier than now: the
   * server passes the moment the headers came in, so body reading and queueing behind other
   * requests do not count as "after the other response began". `hold: false` answers at once instead
   * of holding the response for its scaled time to first token: for a caller that sends one request
   * at a time and awaits each (a simulated series), where nothing can overlap and the hold only costs
   * real time.
   */
  handle: (request: Request, meta?: { receivedAt?: number; hold?: boolean }) => Promise<Response>;
  /** Moves the virtual clock forward; returns the new time (epoch ms). */
  advanceClock: (seconds: number) => number;
  now: () => number;
  /** Empties the cache, the fault queue and the traces, and undoes clock advances. */
  reset: () => void;
  /** Live cache entries, newest first. */
  entries: () => CacheEntry[];
  /** How many entries are held, the cap, and how many were evicted to stay under it. */
  cacheStats: () => CacheStats;
  /** Queues one fault; false when the queue is full (faults.ts MAX_QUEUED_FAULTS). */
  queueFault: (fault: Fault) => boolean;
  /** Queues each fault `count` times, all or none; the error says why none were. */
  queueFaults: (specs: readonly FaultSpec[]) => Result<number, string>;
  faults: () => Fault[];
  clearFaults: () => void;
  trace: (requestId: string) => CacheTrace | undefined;
  traces: () => CacheTrace[];
  readonly options: Readonly<ResolvedOptions>;
  /** The other vendors' emulated APIs (OpenAI Responses), for their caches in tests. */
  readonly vendors: VendorEmulators;
}

function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  return {
    latencyScale: options.latencyScale ?? 0.01,
    minHoldMs: options.minHoldMs ?? 100,
    bedrockTtl: options.bedrockTtl ?? "accept",
    bedrockStreamFraming: options.bedrockStreamFraming ?? "eventstream",
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    providerBodyLimits: options.maxBodyBytes === undefined,
    maxCacheEntries: options.maxCacheEntries ?? DEFAULT_MAX_CACHE_ENTRIES,
    maxTraces: options.maxTraces ?? 1000,
    rateLimits: options.rateLimits ?? null,
    latency: { ...DEFAULT_LATENCY, ...options.latency },
    ...(options.minCacheableTokens !== undefined ? { minCacheableTokens: options.minCacheableTokens } : {}),
    ...(options.startTime !== undefined ? { startTime: options.startTime } : {}),
  };
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const rt = new Runtime(resolveOptions(options));
  // Other vendors' APIs (lib/emulator/vendors): asked first, by path; same clock, reset together.
  const vendors = createVendorEmulators({ now: () => rt.now(), ...(options.minCacheableTokens !== undefined ? { minCacheableTokens: options.minCacheableTokens } : {}) });
  const emulator: Emulator = {
    options: rt.opts,
    now: () => rt.now(),
    advanceClock: (seconds) => rt.advance(seconds),
    reset: () => {
      rt.reset();
      vendors.reset();
    },
    vendors,
    entries: () => rt.store.live(rt.now()),
    cacheStats: () => rt.store.stats(),
    queueFault: (fault) => rt.faults.add([{ fault, count: 1 }]).ok,
    queueFaults: (specs) => rt.faults.add(specs),
    faults: () => rt.faults.list(),
    clearFaults: () => rt.faults.clear(),
    trace: (id) => rt.trace(id),
    traces: () => rt.traces(),
    handle: (request, meta) => dispatch(request, meta),
    // A string body also goes to the provider endpoints as the string it is (api.ts readBody).
    fetch: (input, init) => dispatch(new Request(input, init), undefined, typeof init?.body === "string" ? init.body : undefined),
  };
  async function dispatch(request: Request, meta: { receivedAt?: number; hold?: boolean } | undefined, sent?: string): Promise<Response> {
    const receivedAt = meta?.receivedAt ?? rt.now();
    const url = new URL(request.url);
    const control = await handleControl(emulator, request, url);
    if (control) return control;
    const vendor = vendors.handle(request, url);
    if (vendor) return vendor;
    // Bedrock Converse shares the runtime and the engine with the Anthropic shapes (vendors/index.ts).
    const surface = matchVendorSurface(url);
    if (surface) return surface.handle(rt, request, url, receivedAt);
    const route = matchRoute(url, request.headers);
    if (route?.kind === "models") return serveModels(rt, request, url, route);
    if (route) return serveMessages(rt, request, url, route, receivedAt, meta?.hold !== false, sent);
    return serveUnknown(rt, request, url);
  }
  return emulator;
}

export type { Fault } from "./faults";
export type { CacheEntry, CacheTrace } from "./engine";
