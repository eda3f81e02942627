// The emulator as a fetch function (docs/design.md §5): hand `emulator.fetch` to any official SDK client,
// with any baseURL, and the same SDK code that talks to the real providers talks to the emulator with no
// socket. It owns the mutable parts the pure engine leaves out: the virtual clock, the cache store, the
// held responses, the fault queue and the traces.
import type { Result } from "@/lib/cache/result";
import {
  type CacheEntry,
  type CacheStats,
  type CacheTrace,
  type EngineOptions,
  type LatencyModel,
  CacheStore,
  DEFAULT_LATENCY,
  DEFAULT_MAX_CACHE_ENTRIES,
  requestIdFor,
  runRequest,
} from "./engine";
import { apiError, authenticationError, invalidRequest, notFound, overloaded, permissionError, rateLimited, timeoutError, tooLarge } from "./engine/errors";
import type { ApiVersion, BedrockTtlMode, EngineError, EngineOutcome, Surface } from "./engine/types";
import { type Fault, type FaultSpec, FaultQueue } from "./faults";
import { authenticate } from "./wire/auth";
import { baseHeaders, errorResponse, jsonResponse, messageResponse, type StreamFraming, streamResponse } from "./wire/render";
import { type ModelsRoute, type ProviderRoute, matchRoute } from "./wire/routes";
import { listModels, retrieveModel } from "./models-api";
import { handleControl } from "./control";
import { DEFAULT_RATE_LIMITS, type RateLimits, RateLimiter, organizationId } from "./ratelimit";

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
   * The Claude API's emulated rate limits per organization (default DEFAULT_RATE_LIMITS); null turns
   * them off (no 429s, no `anthropic-ratelimit-*` headers).
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
   * requests do not count as "after the other response began".
   */
  handle: (request: Request, meta?: { receivedAt?: number }) => Promise<Response>;
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
  readonly options: Readonly<Required<Omit<EmulatorOptions, "latency" | "minCacheableTokens" | "startTime" | "rateLimits">>> & { rateLimits: RateLimits | null };
}

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/**
 * Each provider's request payload limit (docs/reference/anthropic-caching.md §5.5, §6.1, §6.3), used unless
 * maxBodyBytes is set.
 */
const PROVIDER_MAX_BODY_BYTES: Record<Surface, number> = {
  anthropic: DEFAULT_MAX_BODY_BYTES,
  foundry: DEFAULT_MAX_BODY_BYTES,
  bedrock: 20 * 1024 * 1024,
  "bedrock-mantle": 20 * 1024 * 1024,
  vertex: 30 * 1024 * 1024,
};
const VERSIONS: readonly ApiVersion[] = ["2023-06-01", "2026-10-21"];

function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new DOMException("The operation was aborted.", "AbortError"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException("The operation was aborted.", "AbortError"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function afterPendingIo(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

async function readBody(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) return null;
  const buf = await request.arrayBuffer();
  if (buf.byteLength > limit) return null;
  return new TextDecoder().decode(buf);
}

const isVersion = (v: string): v is ApiVersion => (VERSIONS as readonly string[]).includes(v);

/** The `anthropic-version` header of the first-party shapes; Bedrock and Vertex carry it in the body. */
function apiVersionOf(route: ProviderRoute, headers: Headers): ApiVersion | EngineError {
  if (route.surface === "bedrock" || route.surface === "vertex") return "2023-06-01";
  const v = headers.get("anthropic-version");
  if (!v) return invalidRequest("anthropic-version: header is required");
  return isVersion(v) ? v : invalidRequest(`anthropic-version: '${v}' is not a supported version`);
}

/** The answer an injected fault gives instead of the model's, or undefined to go on (after a delay). */
async function injectedAnswer(fault: Fault, signal: AbortSignal, fail: (e: EngineError, extra?: Record<string, string>) => Response): Promise<Response | undefined> {
  const retry: Record<string, string> = fault.shouldRetry === undefined ? {} : { "x-should-retry": String(fault.shouldRetry) };
  switch (fault.kind) {
    case "rate_limit":
      return fail(rateLimited(), { ...retry, "retry-after": String(fault.retryAfterSeconds ?? 1) });
    case "server_error":
      return fail(apiError(), retry);
    case "overloaded":
      return fail(overloaded(), retry);
    case "connection_error":
      throw new TypeError("fetch failed: connection reset by the emulator (injected fault)");
    case "delay":
      await sleep(fault.delayMs ?? 1000, signal);
      return undefined;
    case "timeout":
      await sleep(fault.delayMs ?? 0, signal);
      return fail(timeoutError(), retry);
    case "stream_cut":
      return undefined;
  }
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const opts = {
    latencyScale: options.latencyScale ?? 0.01,
    minHoldMs: options.minHoldMs ?? 100,
    bedrockTtl: options.bedrockTtl ?? "accept",
    bedrockStreamFraming: options.bedrockStreamFraming ?? "eventstream",
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxCacheEntries: options.maxCacheEntries ?? DEFAULT_MAX_CACHE_ENTRIES,
    maxTraces: options.maxTraces ?? 1000,
    rateLimits: options.rateLimits === undefined ? DEFAULT_RATE_LIMITS : options.rateLimits,
  } as const;
  const engineOptions: EngineOptions = {
    bedrockTtl: opts.bedrockTtl,
    latency: { ...DEFAULT_LATENCY, ...options.latency },
    ...(options.minCacheableTokens !== undefined ? { minCacheableTokens: options.minCacheableTokens } : {}),
  };
  const realStart = Date.now();
  const virtualStart = options.startTime ?? realStart;
  let offsetMs = 0;
  let store = new CacheStore(opts.maxCacheEntries);
  // Request ids keep counting across resets, so ids collected before a reset never name a later request.
  let serial = 0;
  const faultQueue = new FaultQueue();
  let limiter = opts.rateLimits ? new RateLimiter(opts.rateLimits) : null;
  const traceMap = new Map<string, CacheTrace>();

  const now = () => virtualStart + (Date.now() - realStart) + offsetMs;
  const nextRequestId = (surface?: Surface) => requestIdFor(++serial, surface);

  const remember = (trace: CacheTrace) => {
    traceMap.set(trace.requestId, trace);
    if (traceMap.size > opts.maxTraces) traceMap.delete(traceMap.keys().next().value!);
  };

  /**
   * Holds a response for its (scaled) time to first token: until then its writes stay invisible to
   * other requests, exactly as on the real API (docs/reference/anthropic-caching.md §1.9).
   */
  async function holdUntilBegun(outcome: Extract<EngineOutcome, { kind: "message" }>, signal: AbortSignal, started: number): Promise<void> {
    try {
      const floor = outcome.commit.writes.length > 0 ? opts.minHoldMs : 0;
      const hold = opts.latencyScale > 0 ? Math.max(outcome.trace.latency.ttftMs * opts.latencyScale, floor) : 0;
      await sleep(hold, signal);
      // Let requests already waiting on their sockets be received first: they arrived before this
      // response began, even if a busy event loop delivers them after the timer fired.
      if (hold > 0) await afterPendingIo();
    } finally {
      store.markBegun(outcome.requestId, Math.max(now(), started));
    }
  }

  /**
   * `GET /v1/models[/{id}]` on the Claude API; Foundry and Claude in Amazon Bedrock have no models
   * endpoint and answer 404 (docs/reference/anthropic-caching.md §6.2, §6.4).
   */
  function handleModels(request: Request, url: URL, route: ModelsRoute): Response {
    const requestId = nextRequestId(route.surface);
    const fail = (e: EngineError) => errorResponse(route.surface, requestId, e);
    if (route.surface !== "anthropic" || request.method !== "GET") return fail(notFound(`Not found: ${request.method} ${url.pathname}`));
    const auth = authenticate(route.surface, request.headers);
    if (!auth.ok) return fail(authenticationError(auth.message));
    const answer = route.modelId === undefined ? listModels(url) : retrieveModel(route.modelId);
    return answer.ok ? jsonResponse(200, answer.value, baseHeaders(route.surface, requestId)) : fail(answer.error);
  }

  async function handleProvider(request: Request, url: URL, route: ProviderRoute, receivedAt: number): Promise<Response> {
    const { surface: provider } = route;
    const requestId = nextRequestId(provider);
    const fail = (e: EngineError, extra?: Record<string, string>) => errorResponse(provider, requestId, e, extra);

    if (request.method !== "POST") return fail(notFound(`${request.method} ${url.pathname}: method not allowed`));
    const text = await readBody(request, options.maxBodyBytes ?? PROVIDER_MAX_BODY_BYTES[provider]);
    if (text === null) return fail(tooLarge());
    const auth = authenticate(provider, request.headers, route.project);
    if (!auth.ok) return fail(auth.status === 403 ? permissionError(auth.message) : authenticationError(auth.message));
    const apiVersion = apiVersionOf(route, request.headers);
    if (typeof apiVersion !== "string") return fail(apiVersion);

    // A stream cut waits for a streamed response; every other fault takes the next matching request.
    const fault = faultQueue.take(provider, url.pathname, false);
    const injected = fault && (await injectedAnswer(fault, request.signal, fail));
    if (injected) return injected;

    // The Claude API's rate limits and headers (https://platform.claude.com/docs/en/api/rate-limits).
    const limitedBy = provider === "anthropic" && route.kind === "messages" ? limiter : null;
    const apiHeaders = (): Record<string, string> => ({
      "anthropic-organization-id": organizationId(auth.scope),
      ...(limitedBy ? limitedBy.headers(auth.scope, now()) : {}),
    });
    const admission = limitedBy?.admit(auth.scope, now());
    if (admission && !admission.ok) return fail(rateLimited(), { ...apiHeaders(), "retry-after": String(admission.retryAfterSeconds) });

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return fail(invalidRequest(`There was an error parsing the body of your request: ${(e as Error).message}`));
    }
    // The request's start is its arrival: one that arrived before another's response began cannot
    // read that one's entry, however long it then waited to be processed (docs/reference/anthropic-caching.md §1.9).
    const started = Math.min(receivedAt, now());
    const outcome = runRequest(
      store,
      {
        provider,
        kind: route.kind,
        body,
        modelFromPath: route.model,
        apiVersion,
        scope: auth.scope,
        requestId,
        stream: route.stream,
        ...(route.project && route.location ? { vertexResource: { project: route.project, location: route.location } } : {}),
      },
      started,
      engineOptions,
    );
    if (outcome.kind === "error") return fail(outcome.error, provider === "anthropic" ? apiHeaders() : undefined);
    if (outcome.kind === "count") return jsonResponse(200, { input_tokens: outcome.inputTokens }, baseHeaders(provider, requestId));

    store.apply(outcome.commit);
    limitedBy?.charge(auth.scope, now(), outcome.message.usage);
    remember(outcome.trace);
    await holdUntilBegun(outcome, request.signal, started);
    const extra = provider === "anthropic" ? apiHeaders() : undefined;
    if (!outcome.stream) return messageResponse(provider, outcome.message, outcome.trace, extra);
    const framing: StreamFraming = provider === "bedrock" ? opts.bedrockStreamFraming : "sse";
    const cutFault = faultQueue.take(provider, url.pathname, true);
    const cut = cutFault ? { afterFrames: cutFault.afterFrames ?? 3, mode: cutFault.cut ?? "error" } : undefined;
    return streamResponse(provider, framing, outcome.message, outcome.trace, cut, extra);
  }

  const emulator: Emulator = {
    options: opts,
    now,
    advanceClock(seconds: number) {
      offsetMs += seconds * 1000;
      return now();
    },
    reset() {
      store = new CacheStore(opts.maxCacheEntries);
      limiter = opts.rateLimits ? new RateLimiter(opts.rateLimits) : null;
      faultQueue.clear();
      traceMap.clear();
      offsetMs = 0;
    },
    entries: () => store.live(now()),
    cacheStats: () => store.stats(),
    queueFault: (fault) => faultQueue.add([{ fault, count: 1 }]).ok,
    queueFaults: (specs) => faultQueue.add(specs),
    faults: () => faultQueue.list(),
    clearFaults: () => faultQueue.clear(),
    trace: (id) => traceMap.get(id),
    traces: () => [...traceMap.values()],
    async handle(request: Request, meta?: { receivedAt?: number }): Promise<Response> {
      const receivedAt = meta?.receivedAt ?? now();
      const url = new URL(request.url);
      const control = await handleControl(emulator, request, url);
      if (control) return control;
      const route = matchRoute(url, request.headers);
      if (route?.kind === "models") return handleModels(request, url, route);
      if (route) return handleProvider(request, url, route, receivedAt);
      // An unknown path still answers in Anthropic's error shape, with a request id
      // (docs/reference/anthropic-caching.md §5.5).
      return errorResponse("anthropic", nextRequestId(), notFound(`Not found: ${request.method} ${url.pathname}`));
    },
    fetch: (input, init) => emulator.handle(new Request(input, init)),
  };
  return emulator;
}

export type { Fault } from "./faults";
export type { CacheEntry, CacheTrace } from "./engine";
