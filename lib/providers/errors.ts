import "server-only";
// Every way a provider call can fail becomes an AppError with a code and a sentence a user can act on
// (docs/style.md habit 6). The SDK's error classes carry the status; the provider's own message is kept for
// invalid requests (it says what to fix), scrubbed of anything that looks like a credential.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "@anthropic-ai/sdk";
import type { AppError } from "@/lib/cache/result";
import type { ProviderId } from "@/lib/cache/wire-types";
import { redact } from "./redact";

export const PROVIDER_NAMES: Record<ProviderId, string> = {
  anthropic: "The Anthropic API",
  bedrock: "Amazon Bedrock",
  vertex: "Vertex AI",
  foundry: "Microsoft Foundry",
};

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

/** The provider's own message: Anthropic's `error.message`, Bedrock's `message`, or Vertex's wrapped JSON. */
export function providerMessage(error: APIError): string | null {
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

function retryAfterSeconds(error: APIError): number | undefined {
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

export function toAppError(error: unknown, ctx: FailureContext): AppError {
  const name = PROVIDER_NAMES[ctx.provider];
  if (error instanceof APIUserAbortError || (error instanceof Error && error.name === "AbortError")) {
    return ctx.timedOut
      ? { code: "provider:timeout", message: `${name} did not finish within ${Math.round((ctx.timeoutMs ?? 0) / 1000)} s: the run timed out; try again or raise the timeout.` }
      : { code: "provider:cancelled", message: "The run was cancelled before it finished." };
  }
  if (error instanceof APIConnectionTimeoutError) {
    return { code: "provider:timeout", message: `${name} did not answer within ${Math.round((ctx.timeoutMs ?? 0) / 1000)} s: the run timed out; try again or raise the timeout.` };
  }
  if (error instanceof APIConnectionError) {
    return ctx.midStream
      ? { code: "provider:stream_cut", message: `${name} cut the response stream before it finished; the run is incomplete, try again.` }
      : { code: "provider:network", message: `Could not reach ${name}: a network failure; check the connection or the base URL.` };
  }
  if (error instanceof APIError) {
    const own = providerMessage(error);
    const said = own ? redact(own) : null;
    const status = error.status;
    const base = { status };
    if (status === undefined) {
      // An `error` event inside the stream (the SDK gives it no status).
      if (error.type === "overloaded_error") return { ...base, status: 529, code: "provider:overloaded", message: `${name} is overloaded (529): wait a moment and run again.` };
      if (error.type === "rate_limit_error") return { ...base, status: 429, code: "provider:rate_limited", message: `${name} rate-limited the request (429): wait and run again.` };
      return { code: "provider:stream_error", message: `${name} ended the stream with an error${said ? `: ${said}` : ""}.` };
    }
    switch (status) {
      case 400:
        return { ...base, code: "provider:invalid_request", message: `${name} rejected the request (400)${said ? `: ${said}` : ""}.` };
      case 401:
        return { ...base, code: "provider:unauthorized", message: `${name} did not accept the credentials (401): ${CREDENTIAL_HINT[ctx.provider]}.` };
      case 403:
        return { ...base, code: "provider:forbidden", message: `${name} refused access (403): the credentials lack permission for model ${ctx.modelId}, or it is not enabled on the account.` };
      case 404:
        return { ...base, code: "provider:not_found", message: `${name} does not know model ${ctx.modelId} (404): pick another model or check that it is available in your region.` };
      case 408:
        return { ...base, code: "provider:timeout", message: `${name} timed out the request (408): try again.` };
      case 413:
        return { ...base, code: "provider:too_large", message: `${name} rejected the request as too large (413): shorten the prompt.` };
      case 429: {
        const retry = retryAfterSeconds(error);
        return {
          ...base,
          code: "provider:rate_limited",
          retryAfterSeconds: retry,
          message: `${name} rate-limited the request (429): ${retry !== undefined ? `retry in ${retry} s` : "wait and run again"}.`,
        };
      }
      case 529:
        return { ...base, code: "provider:overloaded", message: `${name} is overloaded (529): wait a moment and run again.` };
      default:
        if (status >= 500) return { ...base, code: "provider:server_error", message: `${name} had an internal error (${status}): run again later.` };
        return { ...base, code: "provider:error", message: `${name} answered ${status}${said ? `: ${said}` : ""}.` };
    }
  }
  if (ctx.midStream) return { code: "provider:stream_cut", message: `${name} cut the response stream before it finished; the run is incomplete, try again.` };
  const text = error instanceof Error ? redact(error.message) : "unknown error";
  return { code: "provider:unexpected", message: `The run failed unexpectedly: ${text}.` };
}
