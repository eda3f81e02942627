import { APIError } from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
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
