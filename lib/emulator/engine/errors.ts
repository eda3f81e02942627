// Anthropic's error vocabulary (docs/reference/anthropic-caching.md §5.5). The wire layer turns these into
// `{"type":"error","error":{type,message},"request_id"}` with a `request-id` header (Bedrock and Google
// auth errors in their own shapes, wire/render.ts). A type fixes its status, so neither can be mistyped.
import type { EngineError } from "./types";

/** The `error.type` values the emulator answers with, and the HTTP status each one has. */
export const API_ERROR_STATUS = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
} as const;
export type ApiErrorType = keyof typeof API_ERROR_STATUS;

const errorOf = (type: ApiErrorType, message: string): EngineError => ({ status: API_ERROR_STATUS[type], type, message });

export const invalidRequest = (message: string) => errorOf("invalid_request_error", message);
export const authenticationError = (message = "invalid x-api-key") => errorOf("authentication_error", message);
export const permissionError = (message: string) => errorOf("permission_error", message);
export const notFound = (message: string) => errorOf("not_found_error", message);
export const tooLarge = () => errorOf("request_too_large", "Request exceeds the maximum allowed number of bytes.");
export const rateLimited = () =>
  errorOf("rate_limit_error", "This request would exceed the rate limit for your organization. Please try again later.");
export const apiError = () => errorOf("api_error", "Internal server error");
export const overloaded = () => errorOf("overloaded_error", "Overloaded");
export const timeoutError = () => errorOf("timeout_error", "Request timed out");

