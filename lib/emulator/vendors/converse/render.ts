// Converse answers in Bedrock's shapes: the JSON response of `/converse`
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html) and the AWS EventStream
// of `/converse-stream`, one message per event with `:event-type` naming the union member (messageStart,
// contentBlockStart, contentBlockDelta, contentBlockStop, messageStop, metadata;
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html), which
// @aws-sdk/client-bedrock-runtime decodes into `response.stream`.
import type { CacheTrace, MessageResponse, Usage } from "@/lib/emulator/engine/types";
import { encodeEventStreamMessage } from "@/lib/emulator/wire/eventstream";
import { baseHeaders, jsonResponse } from "@/lib/emulator/wire/render";
import type { StreamCut } from "@/lib/emulator/wire/render";
import type { ConverseResponse, ConverseTokenUsage } from "@/lib/vendors/bedrock-converse-types";

/**
 * The engine's usage as Converse's TokenUsage (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html):
 * `inputTokens` is only the uncached input; reads and writes are their own fields, and `cacheDetails` lists
 * writes by TTL, 1h before 5m, empty when nothing was written. `totalTokens` counts all of them with the output.
 */
export function converseUsage(u: Usage): ConverseTokenUsage {
  const details = [
    { ttl: "1h" as const, inputTokens: u.cache_creation.ephemeral_1h_input_tokens },
    { ttl: "5m" as const, inputTokens: u.cache_creation.ephemeral_5m_input_tokens },
  ].filter((d) => d.inputTokens > 0);
  return {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    totalTokens: u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens + u.output_tokens,
    cacheReadInputTokens: u.cache_read_input_tokens,
    cacheWriteInputTokens: u.cache_creation_input_tokens,
    cacheDetails: details,
  };
}

function converseContent(message: MessageResponse): ConverseResponse["output"]["message"]["content"] {
  return message.content.map((block) => (block.type === "text" ? { text: block.text } : { toolUse: { toolUseId: block.id, name: block.name, input: block.input } }));
}

function latencyHeaders(headers: Headers, trace: CacheTrace): Headers {
  headers.set("x-cachelab-ttft-ms", String(trace.latency.ttftMs));
  headers.set("x-cachelab-duration-ms", String(trace.latency.durationMs));
  return headers;
}

export function converseResponse(message: MessageResponse, trace: CacheTrace): Response {
  const body: ConverseResponse = {
    output: { message: { role: "assistant", content: converseContent(message) } },
    stopReason: message.stop_reason,
    usage: converseUsage(message.usage),
    metrics: { latencyMs: trace.latency.durationMs },
  };
  return jsonResponse(200, body, latencyHeaders(baseHeaders("bedrock", trace.requestId), trace));
}

const encoder = new TextEncoder();
const frame = (type: string, payload: unknown) =>
  encodeEventStreamMessage({ ":event-type": type, ":content-type": "application/json", ":message-type": "event" }, encoder.encode(JSON.stringify(payload)));

/** The ConverseStream events of a reply, in the documented order. */
export function converseStreamFrames(message: MessageResponse, trace: CacheTrace): Uint8Array[] {
  const frames = [frame("messageStart", { role: "assistant" })];
  message.content.forEach((block, contentBlockIndex) => {
    if (block.type === "tool_use") {
      frames.push(frame("contentBlockStart", { contentBlockIndex, start: { toolUse: { toolUseId: block.id, name: block.name } } }));
      frames.push(frame("contentBlockDelta", { contentBlockIndex, delta: { toolUse: { input: JSON.stringify(block.input) } } }));
    } else {
      const words = block.text.match(/\S+\s*/g) ?? [block.text];
      const size = Math.max(1, Math.ceil(words.length / 4));
      for (let i = 0; i < words.length; i += size) frames.push(frame("contentBlockDelta", { contentBlockIndex, delta: { text: words.slice(i, i + size).join("") } }));
    }
    frames.push(frame("contentBlockStop", { contentBlockIndex }));
  });
  frames.push(frame("messageStop", { stopReason: message.stop_reason }));
  frames.push(frame("metadata", { usage: converseUsage(message.usage), metrics: { latencyMs: trace.latency.durationMs } }));
  return frames;
}

export function converseStreamResponse(message: MessageResponse, trace: CacheTrace, cut?: StreamCut): Response {
  const headers = latencyHeaders(baseHeaders("bedrock", trace.requestId), trace);
  headers.set("content-type", "application/vnd.amazon.eventstream");
  const frames = converseStreamFrames(message, trace);
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (cut && i >= cut.afterFrames) {
        if (cut.mode === "error") controller.error(new TypeError("terminated"));
        else controller.close();
        return;
      }
      const next = frames[i++];
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers });
}
