// The emulator as a fetch function (docs/design.md §5): hand `emulator.fetch` to any official SDK client,
// with any baseURL, and the same SDK code that talks to the real providers talks to the emulator with no
// socket. It owns the mutable parts the pure engine leaves out: the virtual clock, the held responses, the
// fault queue and the traces.
import type { ProviderId } from "@/lib/cache/wire-types";
import {
  type CacheEntry,
  type CacheTrace,
  type EngineOptions,
  type EngineState,
  type LatencyModel,
  createEngineState,
  issueRequestId,
  liveEntries,
  markResponseBegun,
  runRequest,
  DEFAULT_LATENCY,
} from "./engine";
import { apiError, authenticationError, invalidRequest, notFound, overloaded, rateLimited, timeoutError, tooLarge } from "./engine/errors";
import type { ApiVersion, BedrockTtlMode, EngineError } from "./engine/types";
import { type Fault, faultMatches } from "./faults";
import { authenticate } from "./wire/auth";
import { baseHeaders, errorResponse, jsonResponse, messageResponse, type StreamFraming, streamResponse } from "./wire/render";
import { matchProviderRoute } from "./wire/routes";
import { handleControl } from "./control";

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
  queueFault: (fault: Fault) => void;
  faults: () => Fault[];
  clearFaults: () => void;
  trace: (requestId: string) => CacheTrace | undefined;
  traces: () => CacheTrace[];
  /** The engine state (read-only snapshot). */
  state: () => EngineState;
  readonly options: Readonly<Required<Omit<EmulatorOptions, "latency" | "minCacheableTokens" | "startTime">>>;
}

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/**
 * Each provider's request payload limit (docs/reference/anthropic-caching.md §5.5, §6.1, §6.3), used unless
 * maxBodyBytes is set.
 */
const PROVIDER_MAX_BODY_BYTES: Record<ProviderId, number> = {
  anthropic: DEFAULT_MAX_BODY_BYTES,
  foundry: DEFAULT_MAX_BODY_BYTES,
  bedrock: 20 * 1024 * 1024,
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

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const opts = {
    latencyScale: options.latencyScale ?? 0.01,
    minHoldMs: options.minHoldMs ?? 100,
    bedrockTtl: options.bedrockTtl ?? "accept",
    bedrockStreamFraming: options.bedrockStreamFraming ?? "eventstream",
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxTraces: options.maxTraces ?? 1000,
  } as const;
  const engineOptions: EngineOptions = {
    bedrockTtl: opts.bedrockTtl,
    latency: { ...DEFAULT_LATENCY, ...options.latency },
    ...(options.minCacheableTokens !== undefined ? { minCacheableTokens: options.minCacheableTokens } : {}),
  };
  const realStart = Date.now();
  const virtualStart = options.startTime ?? realStart;
  let offsetMs = 0;
  let state = createEngineState();
  let faultQueue: Fault[] = [];
  const traceMap = new Map<string, CacheTrace>();

  const now = () => virtualStart + (Date.now() - realStart) + offsetMs;

  const takeFault = (provider: ProviderId, path: string, streamCut: boolean): Fault | undefined => {
    const i = faultQueue.findIndex((f) => (f.kind === "stream_cut") === streamCut && faultMatches(f, provider, path));
    if (i < 0) return undefined;
    const [fault] = faultQueue.splice(i, 1);
    return fault;
  };

  const remember = (trace: CacheTrace) => {
    traceMap.set(trace.requestId, trace);
    if (traceMap.size > opts.maxTraces) traceMap.delete(traceMap.keys().next().value!);
  };

  async function handleProvider(request: Request, url: URL, receivedAt: number): Promise<Response | null> {
    const route = matchProviderRoute(url.pathname);
    if (!route) return null;
    const issued = issueRequestId(state);
    state = issued.state;
    const { requestId } = issued;
    const { provider } = route;
    const fail = (e: EngineError, extra?: Record<string, string>) => errorResponse(provider, requestId, e, extra);

    if (request.method !== "POST") return fail(notFound(`${request.method} ${url.pathname}: method not allowed`));
    const text = await readBody(request, options.maxBodyBytes ?? PROVIDER_MAX_BODY_BYTES[provider]);
    if (text === null) return fail(tooLarge());

    const auth = authenticate(provider, request.headers, route.project);
    if (!auth.ok) return fail(auth.status === 403 ? { status: 403, type: "permission_error", message: auth.message } : authenticationError(auth.message));

    let apiVersion: ApiVersion = "2023-06-01";
    if (provider === "anthropic" || provider === "foundry") {
      const v = request.headers.get("anthropic-version");
      if (!v) return fail(invalidRequest("anthropic-version: header is required"));
      if (!VERSIONS.includes(v as ApiVersion)) return fail(invalidRequest(`anthropic-version: '${v}' is not a supported version`));
      apiVersion = v as ApiVersion;
    }

    // A stream cut waits for a streamed response; every other fault takes the next matching request.
    const fault = takeFault(provider, url.pathname, false);
    if (fault) {
      const retry: Record<string, string> = {};
      if (fault.shouldRetry !== undefined) retry["x-should-retry"] = String(fault.shouldRetry);
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
          await sleep(fault.delayMs ?? 1000, request.signal);
          break;
        case "timeout":
          await sleep(fault.delayMs ?? 0, request.signal);
          return fail(timeoutError(), retry);
        default:
          break;
      }
    }

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return fail(invalidRequest(`There was an error parsing the body of your request: ${(e as Error).message}`));
    }

    // The request's start is its arrival: one that arrived before another's response began cannot read that
    // one's entry, however long it then waited to be processed (docs/reference/anthropic-caching.md §1.9).
    const started = Math.min(receivedAt, now());
    const result = runRequest(
      state,
      { provider, kind: route.kind, body, modelFromPath: route.model, apiVersion, scope: auth.scope, requestId, stream: route.stream },
      started,
      engineOptions,
    );
    state = result.state;
    const outcome = result.outcome;
    if (outcome.kind === "error") return fail(outcome.error);
    if (outcome.kind === "count") return jsonResponse(200, { input_tokens: outcome.inputTokens }, baseHeaders(provider, requestId));

    remember(outcome.trace);
    // Hold the response for its (scaled) time to first token: until then its writes stay invisible
    // to other requests, exactly as on the real API (docs/reference/anthropic-caching.md §1.9).
    try {
      const floor = outcome.trace.writes.length > 0 ? opts.minHoldMs : 0;
      const hold = opts.latencyScale > 0 ? Math.max(outcome.trace.latency.ttftMs * opts.latencyScale, floor) : 0;
      await sleep(hold, request.signal);
      // Let requests already waiting on their sockets be received first: they arrived before this
      // response began, even if a busy event loop delivers them after the timer fired.
      if (hold > 0) await afterPendingIo();
    } finally {
      state = markResponseBegun(state, requestId, Math.max(now(), started));
    }
    if (!outcome.stream) return messageResponse(provider, outcome.message, outcome.trace);
    const framing: StreamFraming = provider === "bedrock" ? opts.bedrockStreamFraming : "sse";
    const cutFault = takeFault(provider, url.pathname, true);
    const cut = cutFault ? { afterFrames: cutFault.afterFrames ?? 3, mode: cutFault.cut ?? "error" } : undefined;
    return streamResponse(provider, framing, outcome.message, outcome.trace, cut);
  }

  const emulator: Emulator = {
    options: opts,
    now,
    advanceClock(seconds: number) {
      offsetMs += seconds * 1000;
      return now();
    },
    reset() {
      // The id counter survives a reset: request and message ids stay unique for the server's life,
      // so ids collected before a reset never name a later request.
      state = { ...createEngineState(), counter: state.counter };
      faultQueue = [];
      traceMap.clear();
      offsetMs = 0;
    },
    entries: () => liveEntries(state, now()),
    queueFault: (fault) => void faultQueue.push(fault),
    faults: () => [...faultQueue],
    clearFaults: () => void (faultQueue = []),
    trace: (id) => traceMap.get(id),
    traces: () => [...traceMap.values()],
    state: () => state,
    async handle(request: Request, meta?: { receivedAt?: number }): Promise<Response> {
      const receivedAt = meta?.receivedAt ?? now();
      const url = new URL(request.url);
      const control = await handleControl(emulator, request, url);
      if (control) return control;
      const response = await handleProvider(request, url, receivedAt);
      if (response) return response;
      // An unknown path still answers in Anthropic's error shape, with a request id
      // (docs/reference/anthropic-caching.md §5.5).
      const issued = issueRequestId(state);
      state = issued.state;
      return errorResponse("anthropic", issued.requestId, notFound(`Not found: ${request.method} ${url.pathname}`));
    },
    fetch: (input, init) => emulator.handle(new Request(input, init)),
  };
  return emulator;
}

export type { Fault } from "./faults";
export type { CacheEntry, CacheTrace } from "./engine";
