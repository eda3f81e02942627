// The provider endpoints as pipelines of named steps: a Messages or count_tokens call is admitted
// (method, size, credentials, version), may meet an injected fault or the rate limit, runs through the
// engine, and is answered in its surface's wire format, held for its time to first token; the models
// endpoint answers from the catalog. State lives in the Runtime (runtime.ts); the engine stays pure.
import { type EngineOutcome, type EngineRequest, runRequest } from "./engine";
import { apiError, authenticationError, invalidRequest, notFound, overloaded, permissionError, rateLimited, timeoutError, tooLarge } from "./engine/errors";
import type { ApiVersion, EngineError, Surface } from "./engine/types";
import type { Fault } from "./faults";
import { listModels, retrieveModel } from "./models-api";
import { organizationId } from "./ratelimit";
import type { Runtime } from "./runtime";
import { authenticate } from "./wire/auth";
import { type StreamFraming, baseHeaders, errorResponse, jsonResponse, messageResponse, streamResponse } from "./wire/render";
import type { ModelsRoute, ProviderRoute } from "./wire/routes";

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Each provider's request payload limit (docs/reference/anthropic-caching.md §5.5, §6.1, §6.3). */
const PROVIDER_MAX_BODY_BYTES: Record<Surface, number> = {
  anthropic: DEFAULT_MAX_BODY_BYTES,
  foundry: DEFAULT_MAX_BODY_BYTES,
  bedrock: 20 * 1024 * 1024,
  "bedrock-mantle": 20 * 1024 * 1024,
  vertex: 30 * 1024 * 1024,
};
const VERSIONS: readonly ApiVersion[] = ["2023-06-01", "2026-10-21"];
const isVersion = (v: string): v is ApiVersion => (VERSIONS as readonly string[]).includes(v);

type Extra = Record<string, string>;

/** One call in flight: its id and how it fails, in its surface's error shape. */
export interface Call {
  surface: Surface;
  requestId: string;
  fail: (e: EngineError, extra?: Extra) => Response;
}

export function openCall(rt: Runtime, surface: Surface): Call {
  const requestId = rt.nextRequestId(surface);
  return { surface, requestId, fail: (e, extra) => errorResponse(surface, requestId, e, extra) };
}

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

/**
 * The body as text, or null when it is over `limit` bytes. `sent` is the string body the in-process
 * fetch was given (transport.ts): reading it back through the Request's stream costs more than the
 * engine itself (bench/emulator.bench.ts), so it is used as is when that gives the same text.
 */
export async function readBody(request: Request, limit: number, sent?: string): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) return null;
  if (sent !== undefined) return sentBodyText(sent, limit);
  const buf = await request.arrayBuffer();
  return buf.byteLength > limit ? null : new TextDecoder().decode(buf);
}

/**
 * What `new TextDecoder().decode(<the UTF-8 bytes of text>)` gives, or null over `limit` bytes, without
 * the round trip when it cannot change anything: a well-formed string encodes to at most 3 bytes per
 * UTF-16 unit and decodes back to itself less a leading byte order mark (https://encoding.spec.whatwg.org/#utf-8-decode);
 * a lone surrogate (encoded as U+FFFD) or a body near the limit takes the round trip.
 */
function sentBodyText(text: string, limit: number): string | null {
  const wellFormed = (text as { isWellFormed?: () => boolean }).isWellFormed?.() === true;
  if (wellFormed && text.length * 3 <= limit) return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const bytes = new TextEncoder().encode(text);
  return bytes.byteLength > limit ? null : new TextDecoder().decode(bytes);
}

/** The `anthropic-version` header of the first-party shapes; Bedrock and Vertex carry it in the body. */
function apiVersionOf(surface: Surface, headers: Headers): ApiVersion | EngineError {
  if (surface === "bedrock" || surface === "vertex") return "2023-06-01";
  const v = headers.get("anthropic-version");
  if (!v) return invalidRequest("anthropic-version: header is required");
  return isVersion(v) ? v : invalidRequest(`anthropic-version: '${v}' is not a supported version`);
}

interface Admitted {
  text: string;
  scope: string;
  apiVersion: ApiVersion;
}

/** Method, size, credentials and version, in the order the API checks them. */
async function admit(rt: Runtime, call: Call, request: Request, url: URL, route: ProviderRoute, sent: string | undefined): Promise<Admitted | Response> {
  if (request.method !== "POST") return call.fail(notFound(`${request.method} ${url.pathname}: method not allowed`));
  const limit = rt.opts.providerBodyLimits ? PROVIDER_MAX_BODY_BYTES[route.surface] : rt.opts.maxBodyBytes;
  const text = await readBody(request, limit, sent);
  if (text === null) return call.fail(tooLarge());
  const auth = authenticate(route.surface, request.headers, route.project);
  if (!auth.ok) return call.fail(auth.status === 403 ? permissionError(auth.message) : authenticationError(auth.message));
  const apiVersion = apiVersionOf(route.surface, request.headers);
  return typeof apiVersion === "string" ? { text, scope: auth.scope, apiVersion } : call.fail(apiVersion);
}

/**
 * The next queued fault for this call, if any (a stream cut waits for a streamed response): the answer
 * it gives instead of the model's, or undefined to go on (after a delay).
 */
export async function injectFault(rt: Runtime, call: Call, request: Request, url: URL): Promise<Response | undefined> {
  const fault: Fault | undefined = rt.faults.take(call.surface, url.pathname, false);
  if (!fault) return undefined;
  const retry: Extra = fault.shouldRetry === undefined ? {} : { "x-should-retry": String(fault.shouldRetry) };
  switch (fault.kind) {
    case "rate_limit":
      return call.fail(rateLimited(), { ...retry, "retry-after": String(fault.retryAfterSeconds ?? 1) });
    case "server_error":
      return call.fail(apiError(), retry);
    case "overloaded":
      return call.fail(overloaded(), retry);
    case "connection_error":
      throw new TypeError("fetch failed: connection reset by the emulator (injected fault)");
    case "delay":
      await sleep(fault.delayMs ?? 1000, request.signal);
      return undefined;
    case "timeout":
      await sleep(fault.delayMs ?? 0, request.signal);
      return call.fail(timeoutError(), retry);
    case "stream_cut":
      return undefined;
  }
}

/** The Claude API's organization id and rate-limit headers, and its limit (https://platform.claude.com/docs/en/api/rate-limits). */
interface ApiLimits {
  headers: () => Extra | undefined;
  /** A 429 when a bucket is empty, else undefined (one request taken). */
  refuse: () => Response | undefined;
  charge: (usage: { input_tokens: number; cache_creation_input_tokens: number; output_tokens: number }) => void;
}

function apiLimits(rt: Runtime, call: Call, route: ProviderRoute, scope: string): ApiLimits {
  if (call.surface !== "anthropic") return { headers: () => undefined, refuse: () => undefined, charge: () => undefined };
  const limiter = route.kind === "messages" ? rt.limiter : null;
  const headers = () => ({ "anthropic-organization-id": organizationId(scope), ...(limiter ? limiter.headers(scope, rt.now()) : {}) });
  return {
    headers,
    refuse: () => {
      const admission = limiter?.admit(scope, rt.now());
      return admission && !admission.ok ? call.fail(rateLimited(), { ...headers(), "retry-after": String(admission.retryAfterSeconds) }) : undefined;
    },
    charge: (usage) => limiter?.charge(scope, rt.now(), usage),
  };
}

function parseJson(call: Call, text: string): { body: unknown } | Response {
  try {
    return { body: JSON.parse(text) };
  } catch (e) {
    return call.fail(invalidRequest(`There was an error parsing the body of your request: ${e instanceof Error ? e.message : String(e)}`));
  }
}

function engineRequest(call: Call, route: ProviderRoute, admitted: Admitted, body: unknown): EngineRequest {
  return {
    provider: call.surface,
    kind: route.kind,
    body,
    modelFromPath: route.model,
    apiVersion: admitted.apiVersion,
    scope: admitted.scope,
    requestId: call.requestId,
    stream: route.stream,
    ...(route.project && route.location ? { vertexResource: { project: route.project, location: route.location } } : {}),
  };
}

/**
 * Holds a response for its (scaled) time to first token: until then its writes stay invisible to other
 * requests, exactly as on the real API (docs/reference/anthropic-caching.md §1.9).
 */
export async function holdUntilBegun(rt: Runtime, outcome: Extract<EngineOutcome, { kind: "message" }>, signal: AbortSignal, started: number, holds = true): Promise<void> {
  try {
    const floor = outcome.commit.writes.length > 0 ? rt.opts.minHoldMs : 0;
    const hold = holds && rt.opts.latencyScale > 0 ? Math.max(outcome.trace.latency.ttftMs * rt.opts.latencyScale, floor) : 0;
    await sleep(hold, signal);
    // Let requests already waiting on their sockets be received first: they arrived before this
    // response began, even if a busy event loop delivers them after the timer fired.
    if (hold > 0) await afterPendingIo();
  } finally {
    rt.store.markBegun(outcome.requestId, Math.max(rt.now(), started));
  }
}

/** The engine's outcome in the surface's wire format: JSON, SSE or AWS EventStream (a stream cut if one is queued). */
async function respond(rt: Runtime, call: Call, request: Request, url: URL, outcome: EngineOutcome, limits: ApiLimits, started: number, holds: boolean): Promise<Response> {
  if (outcome.kind === "error") return call.fail(outcome.error, limits.headers());
  if (outcome.kind === "count") {
    // Bedrock's CountTokens answers in its own field name (API_runtime_CountTokens: `inputTokens`).
    const count = call.surface === "bedrock" ? { inputTokens: outcome.inputTokens } : { input_tokens: outcome.inputTokens };
    return jsonResponse(200, count, baseHeaders(call.surface, call.requestId));
  }
  rt.store.apply(outcome.commit);
  limits.charge(outcome.message.usage);
  rt.remember(outcome.trace);
  await holdUntilBegun(rt, outcome, request.signal, started, holds);
  if (!outcome.stream) return messageResponse(call.surface, outcome.message, outcome.trace, limits.headers());
  const framing: StreamFraming = call.surface === "bedrock" ? rt.opts.bedrockStreamFraming : "sse";
  const cutFault = rt.faults.take(call.surface, url.pathname, true);
  const cut = cutFault ? { afterFrames: cutFault.afterFrames ?? 3, mode: cutFault.cut ?? "error" } : undefined;
  return streamResponse(call.surface, framing, outcome.message, outcome.trace, cut, limits.headers());
}

/**
 * Bedrock's CountTokens wraps the InvokeModel body: `{"input": {"invokeModel": {"body": <base64 of the
 * JSON body>}}}` (API_runtime_CountTokens). The Converse form is not emulated and says so.
 */
function invokeModelBodyOf(call: Call, wrapper: unknown): { body: unknown } | Response {
  const input = typeof wrapper === "object" && wrapper !== null ? (wrapper as { input?: unknown }).input : undefined;
  const invoke = typeof input === "object" && input !== null ? (input as { invokeModel?: unknown; converse?: unknown }) : undefined;
  if (invoke?.converse !== undefined) return call.fail(invalidRequest("input.converse: the Converse form of CountTokens is not emulated; send input.invokeModel"));
  const encoded = typeof invoke?.invokeModel === "object" && invoke.invokeModel !== null ? (invoke.invokeModel as { body?: unknown }).body : undefined;
  if (typeof encoded !== "string") return call.fail(invalidRequest("input.invokeModel.body: Field required"));
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
  } catch {
    return call.fail(invalidRequest("input.invokeModel.body: Input should be base64-encoded"));
  }
  return parseJson(call, decoded);
}

/**
 * A Messages or count_tokens call on any surface. `receivedAt` is when it arrived (virtual ms);
 * `holds: false` answers without holding the response for its time to first token (Emulator.handle);
 * `sent` is the request's body as the in-process fetch was given it, when a string (readBody).
 */
export async function serveMessages(rt: Runtime, request: Request, url: URL, route: ProviderRoute, receivedAt: number, holds = true, sent?: string): Promise<Response> {
  const call = openCall(rt, route.surface);
  const admitted = await admit(rt, call, request, url, route, sent);
  if (admitted instanceof Response) return admitted;
  const injected = await injectFault(rt, call, request, url);
  if (injected) return injected;
  const limits = apiLimits(rt, call, route, admitted.scope);
  const refused = limits.refuse();
  if (refused) return refused;
  const parsed = parseJson(call, admitted.text);
  if (parsed instanceof Response) return parsed;
  const body = call.surface === "bedrock" && route.kind === "count_tokens" ? invokeModelBodyOf(call, parsed.body) : parsed;
  if (body instanceof Response) return body;
  // The request's start is its arrival: one that arrived before another's response began cannot read
  // that one's entry, however long it then waited to be processed (docs/reference/anthropic-caching.md §1.9).
  const started = Math.min(receivedAt, rt.now());
  const outcome = runRequest(rt.store, engineRequest(call, route, admitted, body.body), started, rt.engineOptions);
  return respond(rt, call, request, url, outcome, limits, started, holds);
}

/**
 * `GET /v1/models[/{id}]` on the Claude API; Foundry and Claude in Amazon Bedrock have no models
 * endpoint and answer 404 (docs/reference/anthropic-caching.md §6.2, §6.4).
 */
export function serveModels(rt: Runtime, request: Request, url: URL, route: ModelsRoute): Response {
  const call = openCall(rt, route.surface);
  if (route.surface !== "anthropic" || request.method !== "GET") return call.fail(notFound(`Not found: ${request.method} ${url.pathname}`));
  const auth = authenticate(route.surface, request.headers);
  if (!auth.ok) return call.fail(authenticationError(auth.message));
  const answer = route.modelId === undefined ? listModels(url) : retrieveModel(route.modelId);
  return answer.ok ? jsonResponse(200, answer.value, baseHeaders(route.surface, call.requestId)) : call.fail(answer.error);
}

/** Any other path still answers in Anthropic's error shape, with a request id (docs/reference/anthropic-caching.md §5.5). */
export function serveUnknown(rt: Runtime, request: Request, url: URL): Response {
  return openCall(rt, "anthropic").fail(notFound(`Not found: ${request.method} ${url.pathname}`));
}
