// The Bedrock Converse request and response bodies as JSON on the wire (what @aws-sdk/client-bedrock-runtime
// serialises and parses; https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html).
// Each content block is a union with exactly one member set. `bytes` travel as base64 strings in JSON;
// the SDK turns a Uint8Array into that string and back.
import type { Ttl } from "@/lib/cache/wire-types";

/** https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CachePointBlock.html: type "default", ttl "5m" | "1h" optional. */
export interface CachePointBlock {
  type: "default";
  ttl?: Ttl;
}

export type ConverseSource = { bytes: string } | { s3Location: { uri: string; bucketOwner?: string } };

export type ConverseContentBlock =
  | { text: string }
  | { image: { format: string; source: ConverseSource } }
  | { document: { name: string; format: string; source: ConverseSource } }
  | { video: { format: string; source: ConverseSource } }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: ({ text: string } | { json: unknown })[]; status?: "success" | "error" } }
  | { reasoningContent: { reasoningText: { text: string; signature?: string } } }
  | { cachePoint: CachePointBlock };

export interface ConverseMessage {
  role: "user" | "assistant";
  content: ConverseContentBlock[];
}

export type ConverseSystemBlock = { text: string } | { cachePoint: CachePointBlock };

export type ConverseTool =
  | { toolSpec: { name: string; inputSchema: { json: unknown }; description?: string } }
  | { systemTool: { name: string } }
  | { cachePoint: CachePointBlock };

export interface ConverseToolConfig {
  tools: ConverseTool[];
  toolChoice?: { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };
}

/** The body of POST /model/{modelId}/converse (the model id travels in the path). */
export interface ConverseBody {
  messages: ConverseMessage[];
  system: ConverseSystemBlock[];
  inferenceConfig: { maxTokens?: number };
  toolConfig?: ConverseToolConfig;
}

/** https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CacheDetail.html */
export interface CacheDetail {
  ttl: Ttl;
  inputTokens: number;
}

/**
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html. `inputTokens` is the
 * input neither read from nor written to the cache; `cacheDetails` lists writes by TTL, 1h before 5m,
 * and is empty when nothing was written.
 */
export interface ConverseTokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  cacheDetails?: CacheDetail[];
}

export interface ConverseResponse {
  output: { message: { role: "assistant"; content: ({ text: string } | { toolUse: { toolUseId: string; name: string; input: unknown } })[] } };
  stopReason: "end_turn" | "tool_use" | "max_tokens";
  usage: ConverseTokenUsage;
  metrics: { latencyMs: number };
}
