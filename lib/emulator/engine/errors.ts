// Anthropic's error vocabulary (docs/reference/anthropic-caching.md §5.5). The wire layer turns these into
// `{"type":"error","error":{type,message},"request_id"}` with a `request-id` header.
import type { EngineError } from "./types";

export const invalidRequest = (message: string): EngineError => ({ status: 400, type: "invalid_request_error", message });
export const authenticationError = (message = "invalid x-api-key"): EngineError => ({
  status: 401,
  type: "authentication_error",
  message,
});
export const permissionError = (message: string): EngineError => ({ status: 403, type: "permission_error", message });
export const notFound = (message: string): EngineError => ({ status: 404, type: "not_found_error", message });
export const tooLarge = (): EngineError => ({
  status: 413,
  type: "request_too_large",
  message: "Request exceeds the maximum allowed number of bytes.",
});
export const rateLimited = (): EngineError => ({
  status: 429,
  type: "rate_limit_error",
  message: "This request would exceed the rate limit for your organization. Please try again later.",
});
export const apiError = (): EngineError => ({ status: 500, type: "api_error", message: "Internal server error" });
export const overloaded = (): EngineError => ({ status: 529, type: "overloaded_error", message: "Overloaded" });
export const timeoutError = (): EngineError => ({ status: 504, type: "timeout_error", message: "Request timed out" });

/** Turns "messages[2].content[1]" (prefix.ts paths) into the API's "messages.2.content.1". */
export function apiPath(prefixPath: string): string {
  return prefixPath.replace(/\[(\d+)\]/g, ".$1");
}
