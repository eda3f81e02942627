// The Anthropic Messages request body as CacheLab builds it and the emulator reads it.
// Field names are the wire's (snake_case). Only what CacheLab emits or inspects is typed closely;
// everything else passes through as unknown.

export type Ttl = "5m" | "1h";
export type ProviderId = "anthropic" | "bedrock" | "vertex" | "foundry";
export const PROVIDERS: readonly ProviderId[] = ["anthropic", "bedrock", "vertex", "foundry"] as const;

export interface CacheControl {
  type: "ephemeral";
  ttl?: Ttl;
}

export interface TextBlock {
  type: "text";
  text: string;
  cache_control?: CacheControl;
}

export interface ImageBlock {
  type: "image";
  source: { type: "url"; url: string } | { type: "base64"; media_type: string; data: string };
  cache_control?: CacheControl;
}

export interface DocumentBlock {
  type: "document";
  source: { type: "url"; url: string } | { type: "base64"; media_type: string; data: string } | { type: "text"; media_type: string; data: string };
  cache_control?: CacheControl;
}

export interface ToolResultBlock {
  type: "tool_result";
  tool_use_id: string;
  content: string | (TextBlock | ImageBlock | DocumentBlock)[];
  is_error?: boolean;
  cache_control?: CacheControl;
}

export interface ToolUseBlock {
  type: "tool_use";
  id: string;
  name: string;
  input: unknown;
  cache_control?: CacheControl;
}

export interface ThinkingBlock {
  type: "thinking";
  thinking: string;
  signature: string;
}

/** Any content block; unknown block types are carried as records so the emulator can reject them. */
export type ContentBlock = TextBlock | ImageBlock | DocumentBlock | ToolResultBlock | ToolUseBlock | ThinkingBlock;

export interface MessageParam {
  role: "user" | "assistant";
  content: string | ContentBlock[];
}

export interface ToolParam {
  name: string;
  description?: string;
  input_schema?: unknown;
  type?: string;
  cache_control?: CacheControl;
  [key: string]: unknown;
}

/** What buildRequest returns for the Anthropic and Foundry dialects. */
export interface AnthropicBody {
  model: string;
  max_tokens: number;
  system?: string | TextBlock[];
  tools?: ToolParam[];
  messages: MessageParam[];
  /** Automatic caching: the API puts the breakpoint on the last cacheable block (docs/reference/anthropic-caching.md §1.1). */
  cache_control?: CacheControl;
}

/** Bedrock InvokeModel and Vertex rawPredict bodies: no `model`, an `anthropic_version` instead. */
export interface VersionedBody {
  anthropic_version: string;
  max_tokens: number;
  system?: string | TextBlock[];
  tools?: ToolParam[];
  messages: MessageParam[];
  cache_control?: CacheControl;
}

export type RequestBody = AnthropicBody | VersionedBody;

/** The part of a body that forms the cached prefix, in prefix order, and the top-level cache_control that marks its end. */
export interface PromptParts {
  system?: string | TextBlock[];
  tools?: ToolParam[];
  messages: MessageParam[];
  cache_control?: CacheControl;
}
