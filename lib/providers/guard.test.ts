import { describe, expect, it } from "vitest";
import { toAppError } from "./errors";
import { accessState, guard, isLoopbackHost, takeAccessAttempt } from "./guard";
import { createRateLimiter } from "./rate-limit";
import { redact } from "./redact";
import { APIError } from "@anthropic-ai/sdk";

const info = (host: string | null, accessCookie: string | null = null, forwardedFor: string | null = null) => ({ host, accessCookie, forwardedFor });

describe("access", () => {
  it("needs no token on loopback", () => {
    expect(isLoopbackHost("127.0.0.1:3000")).toBe(true);
    expect(isLoopbackHost("localhost:3000")).toBe(true);
    expect(isLoopbackHost("[::1]:3000")).toBe(true);
    expect(accessState(info("127.0.0.1:3000"), {})).toEqual({ required: false, granted: true });
  });

  it("refuses a non-loopback host when no token is configured, with what to set", () => {
    expect(accessState(info("lab.example.com"), {})).toEqual({ required: true, granted: false });
    const r = guard(info("10.0.0.5:3000"), "emulated", 1, {});
    expect(r.ok ? null : r.error).toMatchObject({ code: "access:denied", status: 401 });
    expect(r.ok ? "" : r.error.message).toContain("CACHELAB_ACCESS_TOKEN");
  });

  it("requires the token everywhere once it is set, and accepts only the right one", () => {
    const env = { CACHELAB_ACCESS_TOKEN: "open-sesame" };
    expect(accessState(info("127.0.0.1"), env)).toEqual({ required: true, granted: false });
    expect(accessState(info("lab.example.com", "wrong"), env).granted).toBe(false);
    expect(accessState(info("lab.example.com", "open-sesame"), env).granted).toBe(true);
  });
});

describe("rate limit", () => {
  it("allows ten access-token attempts a minute per client", () => {
    const results = Array.from({ length: 11 }, () => takeAccessAttempt(info("lab.example.com", null, "198.51.100.7"), {}, 1_000));
    expect(results.slice(0, 10).every((r) => r.ok)).toBe(true);
    expect(results[10]!.ok ? null : results[10]!.error.code).toBe("rate_limit:access");
  });

  it("allows a budget per client per minute, then says when to retry", () => {
    const limiter = createRateLimiter(3);
    expect(limiter.take("a", 2, 0).ok).toBe(true);
    expect(limiter.take("a", 1, 1_000).ok).toBe(true);
    expect(limiter.take("a", 1, 2_000)).toEqual({ ok: false, retryAfterSeconds: 58 });
    expect(limiter.take("b", 1, 2_000).ok).toBe(true);
    expect(limiter.take("a", 1, 60_000).ok).toBe(true);
  });

  it("turns an exhausted budget into a rate_limit error", () => {
    const env = { CACHELAB_RATE_LIMIT_LIVE: "60" };
    let last;
    for (let i = 0; i < 61; i++) last = guard(info("127.0.0.1", null, "203.0.113.9"), "live", 1, env, 5_000);
    expect(last && !last.ok ? last.error.code : null).toBe("rate_limit:actions");
  });
});

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
