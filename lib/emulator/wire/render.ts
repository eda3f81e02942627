// Rendering engine outcomes in each provider's wire format: Anthropic's JSON and SSE
// (docs/reference/anthropic-caching.md §5.4, §5.5, §5.7), Bedrock's AWS errors and EventStream (§6.1),
// Vertex's Google auth errors (§6.3).
import type { Surface } from "../engine/types";
import type { CacheTrace, EngineError, MessageResponse } from "../engine/types";
import { bedrockChunk } from "./eventstream";

export type StreamFraming = "sse" | "eventstream";

const BEDROCK_ERROR_TYPES: Record<number, string> = {
  400: "ValidationException",
  403: "AccessDeniedException",
  404: "ResourceNotFoundException",
  408: "ModelTimeoutException",
  413: "ValidationException",
  429: "ThrottlingException",
  500: "InternalServerException",
  503: "ServiceUnavailableException",
  504: "ModelTimeoutException",
  529: "ServiceUnavailableException",
};

export function baseHeaders(provider: Surface, requestId: string): Headers {
  const h = new Headers({ "request-id": requestId });
  if (provider === "bedrock" || provider === "bedrock-mantle") h.set("x-amzn-requestid", requestId);
  if (provider === "foundry") h.set("apim-request-id", requestId);
  return h;
}

export function jsonResponse(status: number, body: unknown, headers = new Headers()): Response {
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(body), { status, headers });
}

/** An error in the provider's shape; Anthropic's `{"type":"error",…,"request_id"}` except Bedrock and Google auth. */
export function errorResponse(provider: Surface, requestId: string, error: EngineError, extra?: Record<string, string>): Response {
  const headers = baseHeaders(provider, requestId);
  for (const [k, v] of Object.entries(extra ?? {})) headers.set(k, v);
  if (provider === "bedrock") {
    headers.set("x-amzn-errortype", `${BEDROCK_ERROR_TYPES[error.status] ?? "InternalServerException"}:http://internal.amazon.com/coral/com.amazon.bedrock/`);
    return jsonResponse(error.status, { message: error.message }, headers);
  }
  if (provider === "vertex" && error.type === "authentication_error") {
    return jsonResponse(error.status, { error: { code: error.status, message: error.message, status: "UNAUTHENTICATED" } }, headers);
  }
  if (provider === "vertex" && error.type === "not_found_error") {
    // A model Vertex does not serve is Google's 404, not Anthropic's (docs/reference/anthropic-caching.md §6.3; engine/models.ts).
    return jsonResponse(error.status, { error: { code: error.status, message: error.message, status: "NOT_FOUND" } }, headers);
  }
  return jsonResponse(error.status, { type: "error", error: { type: error.type, message: error.message }, request_id: requestId }, headers);
}

function latencyHeaders(headers: Headers, trace: CacheTrace): void {
  headers.set("x-cachelab-ttft-ms", String(trace.latency.ttftMs));
  headers.set("x-cachelab-duration-ms", String(trace.latency.durationMs));
}

function bedrockUsageHeaders(headers: Headers, trace: CacheTrace): void {
  const u = trace.usage;
  headers.set("x-amzn-bedrock-input-token-count", String(u.input_tokens));
  headers.set("x-amzn-bedrock-output-token-count", String(u.output_tokens));
  headers.set("x-amzn-bedrock-cache-read-input-token-count", String(u.cache_read_input_tokens));
  headers.set("x-amzn-bedrock-cache-write-input-token-count", String(u.cache_creation_input_tokens));
  headers.set("x-amzn-bedrock-invocation-latency", String(trace.latency.durationMs));
}

export function messageResponse(provider: Surface, message: MessageResponse, trace: CacheTrace, extra?: Record<string, string>): Response {
  const headers = baseHeaders(provider, trace.requestId);
  for (const [k, v] of Object.entries(extra ?? {})) headers.set(k, v);
  latencyHeaders(headers, trace);
  if (provider === "bedrock") bedrockUsageHeaders(headers, trace);
  return jsonResponse(200, message, headers);
}

/** The stream events of a message, in the documented order (docs/reference/anthropic-caching.md §5.7). */
function streamEvents(message: MessageResponse, trace: CacheTrace): Record<string, unknown>[] {
  const u = message.usage;
  const events: Record<string, unknown>[] = [
    {
      type: "message_start",
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // message_start carries the input side in full (cache fields included) and a small output count.
        usage: { ...u, output_tokens: Math.min(1, u.output_tokens) },
      },
    },
  ];
  message.content.forEach((block, index) => {
    if (block.type === "tool_use") {
      events.push({ type: "content_block_start", index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } });
      if (index === 0) events.push({ type: "ping" });
      events.push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) } });
      events.push({ type: "content_block_stop", index });
      return;
    }
    events.push({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
    if (index === 0) events.push({ type: "ping" });
    const words = block.text.match(/\S+\s*/g) ?? [block.text];
    const chunkSize = Math.max(1, Math.ceil(words.length / 4));
    for (let i = 0; i < words.length; i += chunkSize) {
      events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text: words.slice(i, i + chunkSize).join("") } });
    }
    events.push({ type: "content_block_stop", index });
  });
  events.push({
    type: "message_delta",
    delta: { stop_reason: message.stop_reason, stop_sequence: null },
    // "The token counts shown in the usage field of the message_delta event are cumulative."
    usage: {
      input_tokens: u.input_tokens,
      cache_creation_input_tokens: u.cache_creation_input_tokens,
      cache_read_input_tokens: u.cache_read_input_tokens,
      output_tokens: u.output_tokens,
    },
  });
  const stop: Record<string, unknown> = { type: "message_stop" };
  if (trace.provider === "bedrock") {
    stop["amazon-bedrock-invocationMetrics"] = {
      inputTokenCount: u.input_tokens,
      outputTokenCount: u.output_tokens,
      invocationLatency: trace.latency.durationMs,
      firstByteLatency: trace.latency.ttftMs,
      cacheReadInputTokenCount: u.cache_read_input_tokens,
      cacheWriteInputTokenCount: u.cache_creation_input_tokens,
    };
  }
  events.push(stop);
  return events;
}

const encoder = new TextEncoder();

function encodeFrame(event: Record<string, unknown>, framing: StreamFraming): Uint8Array {
  if (framing === "eventstream") return bedrockChunk(event);
  return encoder.encode(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
}

export interface StreamCut {
  /** Frames sent before the cut. */
  afterFrames: number;
  /** "end": the body just ends; "error": the connection fails; "event": an SSE `error` event is sent. */
  mode: "end" | "error" | "event";
}

export function streamResponse(
  provider: Surface,
  framing: StreamFraming,
  message: MessageResponse,
  trace: CacheTrace,
  cut?: StreamCut,
  extra?: Record<string, string>,
): Response {
  const headers = baseHeaders(provider, trace.requestId);
  for (const [k, v] of Object.entries(extra ?? {})) headers.set(k, v);
  latencyHeaders(headers, trace);
  headers.set("content-type", framing === "eventstream" ? "application/vnd.amazon.eventstream" : "text/event-stream; charset=utf-8");
  headers.set("cache-control", "no-cache");
  const frames = streamEvents(message, trace).map((e) => encodeFrame(e, framing));
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (cut && i >= cut.afterFrames) {
        if (cut.mode === "error") controller.error(new TypeError("terminated"));
        else {
          if (cut.mode === "event") {
            controller.enqueue(encodeFrame({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, framing));
          }
          controller.close();
        }
        return;
      }
      const frame = frames[i++];
      if (frame) controller.enqueue(frame);
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers });
}
