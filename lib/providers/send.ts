import "server-only";
// Sends one request body through an SDK client, streaming, and measures it. The body is the one
// buildRequest made, sent as is: the Bedrock and Vertex SDKs move `model` into the URL themselves and
// keep the `anthropic_version` the body already carries, so the wire body is what the preview shows
// (plus `stream: true`, which Bedrock also moves into the path).
import type { MessageCreateParamsNonStreaming, MessageCreateParamsStreaming } from "@anthropic-ai/sdk/resources/messages";
import type { AppError, Result } from "@/lib/cache/result";
import { err, ok } from "@/lib/cache/result";
import type { ProviderId, RequestBody } from "@/lib/cache/wire-types";
import type { RunLatency, RunUsage } from "@/lib/runs/types";
import type { ProviderClient } from "./clients";
import { InvalidResponseError, asApiError, toAppError } from "./errors";

export interface SendInput {
  provider: ProviderId;
  modelId: string;
  body: RequestBody;
  /** Cache diagnostics (Claude API only), sent beside the body (docs/reference/anthropic-caching.md §1.12). */
  diagnostics?: { previous_message_id: string | null };
  timeoutMs: number;
  /** Caller's abort (cancel); the run's own deadline is added here. */
  signal?: AbortSignal;
  /** A clock for measured latency (performance.now by default). */
  now?: () => number;
  /**
   * Report the emulator's modelled latency (its x-cachelab-* headers) instead of the wall clock:
   * for the in-process emulator, whose real time is near zero. Live runs are measured on the wire,
   * even against `cachelab emulate`.
   */
  modelledLatency?: boolean;
}

export interface SendOutcome {
  usage: RunUsage;
  responseText: string;
  requestId: string | null;
  latency: RunLatency;
  /** Response headers worth keeping (request ids, the emulator's modelled latency). */
  headers: Record<string, string>;
  /** The message's id (`msg_…`), and its cache `diagnostics` as sent (undefined when it had none). */
  messageId: string | null;
  diagnostics?: unknown;
}

interface WireUsage {
  input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens?: number | null; ephemeral_1h_input_tokens?: number | null } | null;
  output_tokens?: number | null;
}

/** The SDK's usage as CacheLab's: a write with no TTL breakdown counts as 5m (the default TTL). */
export function toRunUsage(u: WireUsage): RunUsage {
  const created = u.cache_creation_input_tokens ?? 0;
  const h1 = u.cache_creation?.ephemeral_1h_input_tokens ?? 0;
  const m5 = u.cache_creation ? (u.cache_creation.ephemeral_5m_input_tokens ?? 0) : created;
  return {
    uncachedInput: u.input_tokens ?? 0,
    cacheWrite5m: m5,
    cacheWrite1h: h1,
    cacheRead: u.cache_read_input_tokens ?? 0,
    output: u.output_tokens ?? 0,
  };
}

/** Server-sent events (Anthropic, Vertex, Foundry) or AWS's event stream (Bedrock). */
const STREAM_TYPES = /^\s*(text\/event-stream|application\/vnd\.amazon\.eventstream)\b/i;

/** The connection failed or was aborted: whatever the decoder said, the bytes stopped coming. */
function isTransportFailure(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (["AbortError", "APIUserAbortError", "APIConnectionError", "APIConnectionTimeoutError"].includes(e.name)) return true;
  const cause = (e as { cause?: { code?: unknown } }).cause;
  return (e.name === "TypeError" && /terminated|fetch failed/i.test(e.message)) || (typeof cause?.code === "string" && /^(UND_ERR|ECONN|EPIPE)/.test(cause.code));
}

const KEPT_HEADERS = ["request-id", "x-amzn-requestid", "apim-request-id", "x-cachelab-ttft-ms", "x-cachelab-duration-ms", "x-cachelab-request-id"];

const diagnosticsOf = (input: SendInput) => (input.diagnostics ? { diagnostics: input.diagnostics } : {});

/** The headers a run keeps (request ids, the emulator's modelled latency). */
function keptHeaders(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return headers;
}

/** The provider's request id, whichever header its surface names it by, else the message id. */
const requestIdOf = (headers: Record<string, string>, messageId: string | null) => headers["request-id"] ?? headers["x-amzn-requestid"] ?? headers["apim-request-id"] ?? messageId;

/** The run's deadline: aborts at `timeoutMs` or when the caller's signal aborts, whichever comes first. */
function deadlineFor(input: SendInput) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.timeoutMs);
  const onAbort = () => controller.abort();
  input.signal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      input.signal?.removeEventListener("abort", onAbort);
    },
  };
}

export async function sendMessage(client: ProviderClient, input: SendInput): Promise<Result<SendOutcome>> {
  if ((input.body as { max_tokens?: number }).max_tokens === 0) return sendPrewarm(client, input);
  const now = input.now ?? (() => performance.now());
  const deadline = deadlineFor(input);
  let midStream = false;
  let events = 0;
  const fail = (e: unknown): Result<SendOutcome> =>
    err<AppError>(toAppError(e, { provider: input.provider, modelId: input.modelId, timedOut: deadline.timedOut(), timeoutMs: input.timeoutMs, midStream }));

  const params = { ...input.body, ...diagnosticsOf(input), model: input.modelId, stream: true } as unknown as MessageCreateParamsStreaming;
  const start = now();
  try {
    const { data: stream, response } = await client.messages
      .create(params, { signal: deadline.signal, timeout: input.timeoutMs })
      .withResponse();
    midStream = true;
    // A 200 that is not a stream at all (a JSON body, an HTML error page) is an invalid response.
    if (!STREAM_TYPES.test(response.headers.get("content-type") ?? "")) throw new InvalidResponseError("the response is not an event stream");
    const headers = keptHeaders(response);
    let usage: WireUsage = {};
    let text = "";
    let firstTokenAt: number | null = null;
    let messageId: string | null = null;
    // Cache diagnostics arrive on message_start's message (docs/reference/anthropic-caching.md §1.12).
    let diagnostics: unknown;
    let finished = false;
    for await (const event of stream) {
      events++;
      switch (event.type) {
        case "message_start":
          messageId = event.message.id;
          usage = { ...event.message.usage };
          diagnostics = (event.message as { diagnostics?: unknown }).diagnostics;
          break;
        case "content_block_delta":
          if (firstTokenAt === null) firstTokenAt = now();
          if (event.delta.type === "text_delta") text += event.delta.text;
          break;
        case "message_delta":
          // message_delta usage is cumulative: non-null fields replace the snapshot
          // (docs/reference/anthropic-caching.md §3.2).
          for (const [k, v] of Object.entries(event.usage)) if (v !== null && v !== undefined) (usage as Record<string, unknown>)[k] = v;
          break;
        case "message_stop":
          finished = true;
          break;
      }
    }
    if (!finished) throw new Error("stream ended before message_stop");
    const end = now();
    const modelledTtft = Number(headers["x-cachelab-ttft-ms"]);
    const modelledTotal = Number(headers["x-cachelab-duration-ms"]);
    const modelled = input.modelledLatency === true && headers["x-cachelab-ttft-ms"] !== undefined && Number.isFinite(modelledTtft) && Number.isFinite(modelledTotal);
    const latency: RunLatency = modelled
      ? { ttftMs: modelledTtft, totalMs: modelledTotal, modelled: true }
      : { ttftMs: Math.round((firstTokenAt ?? end) - start), totalMs: Math.round(end - start), modelled: false };
    return ok({
      usage: toRunUsage(usage),
      responseText: text,
      requestId: requestIdOf(headers, messageId),
      latency,
      headers,
      messageId,
      ...(diagnostics !== undefined ? { diagnostics } : {}),
    });
  } catch (e) {
    // Bytes that never decoded into a single event are an invalid response, not a cut stream: the
    // decoder failed, the connection did not (connection failures and provider error events keep
    // their own labels).
    if (midStream && events === 0 && !isTransportFailure(e) && !asApiError(e)) return fail(new InvalidResponseError("the stream could not be decoded"));
    return fail(e);
  } finally {
    deadline.dispose();
  }
}

/**
 * A pre-warming request (max_tokens 0) is refused with stream: true, so it is sent unstreamed; it
 * answers at once with no content and the cache usage (docs/reference/anthropic-caching.md §1.11).
 */
async function sendPrewarm(client: ProviderClient, input: SendInput): Promise<Result<SendOutcome>> {
  const now = input.now ?? (() => performance.now());
  const deadline = deadlineFor(input);
  const params = { ...input.body, ...diagnosticsOf(input), model: input.modelId } as unknown as MessageCreateParamsNonStreaming;
  const start = now();
  try {
    const { data: message, response } = await client.messages.create(params, { signal: deadline.signal, timeout: input.timeoutMs }).withResponse();
    const end = now();
    const headers = keptHeaders(response);
    const modelledTotal = Number(headers["x-cachelab-duration-ms"]);
    const modelled = input.modelledLatency === true && Number.isFinite(modelledTotal) && headers["x-cachelab-duration-ms"] !== undefined;
    const totalMs = modelled ? modelledTotal : Math.round(end - start);
    return ok({
      usage: toRunUsage(message.usage as WireUsage),
      responseText: "",
      requestId: requestIdOf(headers, message.id),
      latency: { ttftMs: totalMs, totalMs, modelled },
      headers,
      messageId: message.id,
      ...((message as { diagnostics?: unknown }).diagnostics !== undefined ? { diagnostics: (message as { diagnostics?: unknown }).diagnostics } : {}),
    });
  } catch (e) {
    return err<AppError>(toAppError(e, { provider: input.provider, modelId: input.modelId, timedOut: deadline.timedOut(), timeoutMs: input.timeoutMs, midStream: false }));
  } finally {
    deadline.dispose();
  }
}
