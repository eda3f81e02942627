import "server-only";
// Every way a provider call can fail becomes an AppError with a code and a sentence a user can act on
// (docs/style.md habit 6). The SDK's error classes carry the status; the provider's own message is kept for
// invalid requests (it says what to fix), scrubbed of anything that looks like a credential.
import type { ErrorCode } from "@/lib/cache/error-codes";
import type { AppError } from "@/lib/cache/result";
import type { ProviderId } from "@/lib/cache/wire-types";
import { providerLabel } from "@/lib/display/format";
import { redact } from "./redact";

const CREDENTIAL_HINT: Record<ProviderId, string> = {
  anthropic: "check ANTHROPIC_API_KEY in .env.local",
  bedrock: "check the AWS credentials and AWS_REGION in .env.local",
  vertex: "check the Google application-default credentials and ANTHROPIC_VERTEX_PROJECT_ID",
  foundry: "check ANTHROPIC_FOUNDRY_API_KEY in .env.local",
};

export type FailureContext = {
  provider: ProviderId;
  modelId: string;
  /** The run's own deadline fired (as opposed to a user abort). */
  timedOut?: boolean;
  timeoutMs?: number;
  /** The failure happened after the response had begun streaming. */
  midStream?: boolean;
};

/** What CacheLab reads from an SDK APIError, whichever copy of the SDK threw it. */
export interface ApiErrorShape {
  name: string;
  status: number | undefined;
  headers: { get(name: string): string | null } | undefined;
  error: unknown;
  apiMessage: string | null;
  type: string | null;
}

const has = (e: object, key: string) => key in e;

/** An @anthropic-ai/sdk APIError (any copy of the SDK), by its fields. */
export function asApiError(error: unknown): ApiErrorShape | null {
  if (typeof error !== "object" || error === null || !(error instanceof Error)) return null;
  if (!has(error, "status") || !has(error, "headers") || !has(error, "error") || !has(error, "apiMessage")) return null;
  const e = error as unknown as Record<string, unknown>;
  const headers = e.headers as ApiErrorShape["headers"] | undefined;
  return {
    name: error.name,
    status: typeof e.status === "number" ? e.status : undefined,
    headers: headers && typeof headers.get === "function" ? headers : undefined,
    error: e.error,
    apiMessage: typeof e.apiMessage === "string" ? e.apiMessage : null,
    type: typeof e.type === "string" ? e.type : null,
  };
}

/** The provider's own message: Anthropic's `error.message`, Bedrock's `message`, or Vertex's wrapped JSON. */
export function providerMessage(error: ApiErrorShape): string | null {
  if (error.apiMessage) return error.apiMessage;
  const body = error.error as Record<string, unknown> | undefined;
  if (!body || typeof body !== "object") return null;
  if (typeof body.message === "string") return body.message;
  const inner = body.error as Record<string, unknown> | undefined;
  if (inner && typeof inner.message === "string") {
    try {
      const nested = JSON.parse(inner.message) as { error?: { message?: string } };
      if (nested?.error?.message) return nested.error.message;
    } catch {
      // Not JSON: the message itself is the text.
    }
    return inner.message;
  }
  return null;
}

function retryAfterSeconds(error: ApiErrorShape): number | undefined {
  const headers = error.headers;
  const ms = headers?.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.ceil(Number(ms) / 1000);
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : undefined;
}

/** A 200 whose body is not the JSON or event stream it should be (SyntaxError from a JSON parse). */
export class InvalidResponseError extends Error {
  override name = "InvalidResponseError";
}

export const FAILURE_MESSAGES = {
  timedOut: (name: string, seconds: number) => `${name} did not finish within ${seconds} s: the run timed out; try again or raise the timeout.`,
  noAnswer: (name: string, seconds: number) => `${name} did not answer within ${seconds} s: the run timed out; try again or raise the timeout.`,
  cancelled: "The run was cancelled before it finished.",
  streamCut: (name: string) => `${name} cut the response stream before it finished; the run is incomplete, try again.`,
  network: (name: string) => `Could not reach ${name}: a network failure; check the connection or the base URL.`,
  invalidResponse: (name: string) => `${name} sent a response CacheLab could not read (not valid JSON or not a valid event stream); check the base URL, or try again.`,
} as const;

/** The code for an HTTP status a provider answered with, the same for every vendor's adapter. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400: return "provider:invalid_request";
    case 401: return "provider:unauthorized";
    case 403: return "provider:forbidden";
    case 404: return "provider:not_found";
    case 408: return "provider:timeout";
    case 413: return "provider:too_large";
    case 429: return "provider:rate_limited";
    // A 504 is `timeout_error`, the request took too long (docs/reference/anthropic-caching.md §5.5).
    case 504: return "provider:timeout";
    case 529: return "provider:overloaded";
    default: return status >= 500 ? "provider:server_error" : "provider:error";
  }
}

export function toAppError(error: unknown, ctx: FailureContext): AppError {
  const name = providerLabel(ctx.provider);
  const seconds = Math.round((ctx.timeoutMs ?? 0) / 1000);
  const errorName = error instanceof Error ? error.name : "";
  if (errorName === "APIUserAbortError" || errorName === "AbortError") {
    return ctx.timedOut ? { code: "provider:timeout", message: FAILURE_MESSAGES.timedOut(name, seconds) } : { code: "provider:cancelled", message: FAILURE_MESSAGES.cancelled };
  }
  if (errorName === "APIConnectionTimeoutError") return { code: "provider:timeout", message: FAILURE_MESSAGES.noAnswer(name, seconds) };
  if (errorName === "APIConnectionError") {
    return ctx.midStream ? { code: "provider:stream_cut", message: FAILURE_MESSAGES.streamCut(name) } : { code: "provider:network", message: FAILURE_MESSAGES.network(name) };
  }
  if (errorName === "InvalidResponseError" || errorName === "SyntaxError") return { code: "provider:invalid_response", message: FAILURE_MESSAGES.invalidResponse(name) };
  const api = asApiError(error);
  if (api) {
    const own = providerMessage(api);
    const said = own ? redact(own) : null;
    const status = api.status;
    const base = { status };
    if (status === undefined) {
      // An `error` event inside the stream (the SDK gives it no status).
      if (api.type === "overloaded_error") return { ...base, status: 529, code: "provider:overloaded", message: `${name} is overloaded (529): wait a moment and run again.` };
      if (api.type === "rate_limit_error") return { ...base, status: 429, code: "provider:rate_limited", message: `${name} rate-limited the request (429): wait and run again.` };
      return { code: "provider:stream_error", message: `${name} ended the stream with an error${said ? `: ${said}` : ""}.` };
    }
    const coded = { status, code: codeForStatus(status) };
    switch (status) {
      case 400:
        return { ...coded, message: `${name} rejected the request (400)${said ? `: ${said}` : ""}.` };
      case 401:
        return { ...coded, message: `${name} did not accept the credentials (401): ${CREDENTIAL_HINT[ctx.provider]}.` };
      case 403:
        return { ...coded, message: `${name} refused access (403): the credentials lack permission for model ${ctx.modelId}, or it is not enabled on the account.` };
      case 404:
        return { ...coded, message: `${name} does not know model ${ctx.modelId} (404): pick another model or check that it is available in your region.` };
      case 408:
        return { ...coded, message: `${name} timed out the request (408): try again.` };
      case 413:
        return { ...coded, message: `${name} rejected the request as too large (413): shorten the prompt.` };
      case 429: {
        const retry = retryAfterSeconds(api);
        return {
          ...coded,
          retryAfterSeconds: retry,
          message: `${name} rate-limited the request (429): ${retry !== undefined ? `retry in ${retry} s` : "wait and run again"}.`,
        };
      }
      case 504:
        return { ...coded, message: `${name} timed out the request (504): try again, or shorten the prompt.` };
      case 529:
        return { ...coded, message: `${name} is overloaded (529): wait a moment and run again.` };
      default:
        if (status >= 500) return { ...coded, message: `${name} had an internal error (${status}): run again later.` };
        return { ...coded, message: `${name} answered ${status}${said ? `: ${said}` : ""}.` };
    }
  }
  if (ctx.midStream) return { code: "provider:stream_cut", message: FAILURE_MESSAGES.streamCut(name) };
  const text = error instanceof Error ? redact(error.message) : "unknown error";
  return { code: "provider:unexpected", message: `The run failed unexpectedly: ${text}.` };
}
