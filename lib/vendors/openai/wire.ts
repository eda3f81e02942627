// The OpenAI Responses request as CacheLab builds it and the emulator reads it: only what is emitted or
// inspected is typed (the field names are the wire's; see the official SDK's ResponseCreateParams).
import type { OpenAICacheMode } from "../catalog";

export interface PromptCacheBreakpoint {
  mode: "explicit";
}

export type ResponsesContentBlock =
  | { type: "input_text"; text: string; prompt_cache_breakpoint?: PromptCacheBreakpoint }
  | { type: "input_image"; image_url: string; detail: "auto" | "low" | "high"; prompt_cache_breakpoint?: PromptCacheBreakpoint }
  | { type: "input_file"; file_url: string; prompt_cache_breakpoint?: PromptCacheBreakpoint };

export interface ResponsesMessageItem {
  role: "user" | "developer" | "assistant" | "system";
  content: string | ResponsesContentBlock[];
}

export interface ResponsesFunctionCall {
  type: "function_call";
  call_id: string;
  name: string;
  arguments: string;
}

export interface ResponsesFunctionCallOutput {
  type: "function_call_output";
  call_id: string;
  output: string | ResponsesContentBlock[];
}

export type ResponsesInputItem = ResponsesMessageItem | ResponsesFunctionCall | ResponsesFunctionCallOutput;

export type ResponsesTool =
  | { type: "function"; name: string; description: string; parameters: Record<string, unknown>; strict: boolean }
  | { type: "web_search" }
  | { type: "code_interpreter"; container: { type: "auto" } };

export interface ResponsesBody {
  model: string;
  instructions?: string;
  input: ResponsesInputItem[];
  tools?: ResponsesTool[];
  max_output_tokens: number;
  prompt_cache_options: { mode: OpenAICacheMode };
}
