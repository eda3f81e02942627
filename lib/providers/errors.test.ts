import { APIError } from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { ERROR_SENTENCES, isErrorCode } from "@/lib/cache/error-codes";
import { PROVIDER_LABELS } from "@/lib/display/format";
import { PROVIDERS } from "@/lib/cache/wire-types";
import { toAppError } from "./errors";
import { redact } from "./redact";

describe("no secret in error text", () => {
  it("redacts configured secrets and anything shaped like a key", () => {
    // Key-shaped test values are assembled at run time so no committed line looks like a real key.
    const text = redact(`bad key ${"sk-ant-"}api03-abcdef and ${"AKIA"}ABCDEFGHIJKLMNOP and my-own-secret-value`, ["my-own-secret-value"]);
    expect(text).not.toMatch(/sk-ant-api03|AKIAABCD|my-own-secret/);
  });

  it("keeps the provider's message for a 400 but strips a key quoted in it", () => {
    const error = new APIError(400, { type: "error", error: { type: "invalid_request_error", message: "x-api-key: sk-ant-leak123456 is malformed" } }, undefined, new Headers());
    const app = toAppError(error, { provider: "anthropic", modelId: "m" });
    expect(app.code).toBe("provider:invalid_request");
    expect(app.message).not.toContain("sk-ant-leak");
  });

  it("names the variable to check on 401, never its value", () => {
    const app = toAppError(new APIError(401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } }, undefined, new Headers()), { provider: "anthropic", modelId: "m" });
    expect(app).toMatchObject({ code: "provider:unauthorized", status: 401 });
    expect(app.message).toContain("ANTHROPIC_API_KEY");
  });

  it("explains 403 and 413", () => {
    expect(toAppError(new APIError(403, {}, undefined, new Headers()), { provider: "bedrock", modelId: "m" }).code).toBe("provider:forbidden");
    expect(toAppError(new APIError(413, {}, undefined, new Headers()), { provider: "vertex", modelId: "m" }).code).toBe("provider:too_large");
  });
});

describe("classified by shape, whichever copy of the SDK threw", () => {
  // What another copy of @anthropic-ai/sdk (the one the server-external Vertex SDK loads) throws:
  // same names and fields, different classes, so `instanceof` against this copy is false.
  class ForeignApiError extends Error {
    constructor(
      readonly status: number | undefined,
      readonly error: unknown,
      readonly headers: Headers | undefined,
      name: string,
      readonly apiMessage: string | null = null,
      readonly type: string | null = null,
    ) {
      super(`${status} ${JSON.stringify(error)}`);
      Object.defineProperty(this, "name", { value: name });
    }
  }
  const ctx = { provider: "vertex" as const, modelId: "claude-sonnet-4-6" };

  it("keeps the status and the retry time of a 429", () => {
    const e = new ForeignApiError(429, { type: "error", error: { type: "rate_limit_error", message: "slow down" } }, new Headers({ "retry-after": "7" }), "RateLimitError", "slow down", "rate_limit_error");
    expect(e instanceof APIError).toBe(false);
    expect(toAppError(e, ctx)).toMatchObject({ code: "provider:rate_limited", status: 429, retryAfterSeconds: 7 });
  });

  it("tells connection failures, timeouts and aborts apart by name", () => {
    const conn = new ForeignApiError(undefined, undefined, undefined, "APIConnectionError");
    expect(toAppError(conn, ctx).code).toBe("provider:network");
    expect(toAppError(conn, { ...ctx, midStream: true }).code).toBe("provider:stream_cut");
    expect(toAppError(new ForeignApiError(undefined, undefined, undefined, "APIConnectionTimeoutError"), { ...ctx, timeoutMs: 5_000 }).code).toBe("provider:timeout");
    expect(toAppError(new ForeignApiError(undefined, undefined, undefined, "APIUserAbortError"), ctx).code).toBe("provider:cancelled");
  });

  it("passes on the provider's own message for a 400, redacted", () => {
    const e = new ForeignApiError(400, { error: { message: "messages.0: bad" } }, new Headers(), "BadRequestError", "messages.0: bad", "invalid_request_error");
    expect(toAppError(e, ctx)).toMatchObject({ code: "provider:invalid_request", status: 400, message: "Google Vertex AI rejected the request (400): messages.0: bad." });
  });
});

describe("labels", () => {
  const ctx = { provider: "anthropic" as const, modelId: "m" };

  it("calls a 504 a timeout, as Anthropic's timeout_error is (docs/reference/anthropic-caching.md §5.5)", () => {
    const e = new APIError(504, { type: "error", error: { type: "timeout_error", message: "Request timed out" } }, undefined, new Headers());
    expect(toAppError(e, ctx)).toMatchObject({ code: "provider:timeout", status: 504 });
  });

  it("calls a body that is not JSON an invalid response, even mid-stream", () => {
    let syntax: unknown;
    try {
      JSON.parse("{not json");
    } catch (e) {
      syntax = e;
    }
    expect(toAppError(syntax, { ...ctx, midStream: true })).toMatchObject({ code: "provider:invalid_response" });
    expect(toAppError(syntax, ctx).message).toContain("could not read");
  });
});

describe("one list of codes, one sentence each (issue 9 item 9)", () => {
  const failures: unknown[] = [
    ...[400, 401, 403, 404, 408, 413, 418, 429, 500, 503, 504, 529].map((status) => new APIError(status, {}, undefined, new Headers())),
    new APIError(undefined, { type: "overloaded_error" }, undefined, undefined),
    Object.assign(new Error("aborted"), { name: "AbortError" }),
    Object.assign(new Error("no answer"), { name: "APIConnectionTimeoutError" }),
    Object.assign(new Error("refused"), { name: "APIConnectionError" }),
    new SyntaxError("Unexpected token"),
    new Error("boom"),
  ];

  it("every code a provider failure maps to is in the one list, with its sentence", () => {
    for (const provider of PROVIDERS) {
      for (const error of failures) {
        for (const ctx of [{ provider, modelId: "m" }, { provider, modelId: "m", timedOut: true, midStream: true }]) {
          const { code } = toAppError(error, ctx);
          expect(isErrorCode(code), code).toBe(true);
          expect(ERROR_SENTENCES[code]).toMatch(/^[A-Z].*\.$/);
        }
      }
    }
  });

  it("names each provider with the display module's label", () => {
    for (const provider of PROVIDERS) {
      const app = toAppError(new APIError(529, {}, undefined, new Headers()), { provider, modelId: "m" });
      expect(app.message.startsWith(`${PROVIDER_LABELS[provider]} is overloaded`), app.message).toBe(true);
    }
  });
});
