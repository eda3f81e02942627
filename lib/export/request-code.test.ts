import { AnthropicBedrock } from "@anthropic-ai/bedrock-sdk";
import { describe, expect, it } from "vitest";
import { buildRequest } from "@/lib/cache/build-request";
import { experiment } from "@/lib/cache/test-factories";
import type { RequestBody } from "@/lib/cache/wire-types";
import { createEmulator } from "@/lib/emulator";
import { curlCommand, pythonSdkCode, toPython, typescriptSdkCode } from "./request-code";

const body: RequestBody = {
  model: "claude-sonnet-4-6",
  max_tokens: 4096,
  system: [{ type: "text", text: "It's JSON here: 'quoted' $HOME `x`", cache_control: { type: "ephemeral", ttl: "1h" } }],
  messages: [{ role: "user", content: [{ type: "text", text: "Hi\nJSON" }] }],
};

function heredocBody(command: string): unknown {
  const match = /<<'([A-Z_]+)'\n([\s\S]*)\n\1$/.exec(command);
  if (!match) throw new Error("no heredoc");
  return JSON.parse(match[2]!);
}

describe("curlCommand", () => {
  it("carries the exact body through a quoted heredoc, whatever the text holds", () => {
    for (const provider of ["anthropic", "bedrock", "vertex", "foundry"] as const) {
      const command = curlCommand(body, { provider, modelId: "claude-sonnet-4-6" });
      expect(heredocBody(command)).toEqual(body);
    }
  });

  it("names credentials as environment variables only", () => {
    expect(curlCommand(body, { provider: "anthropic", modelId: "m" })).toContain('x-api-key: $ANTHROPIC_API_KEY"');
    expect(curlCommand(body, { provider: "bedrock", modelId: "anthropic.claude-sonnet-4-6" })).toContain(
      "/model/anthropic.claude-sonnet-4-6/invoke",
    );
    expect(curlCommand(body, { provider: "vertex", modelId: "claude-haiku-4-5@20251001" })).toContain(
      "/models/claude-haiku-4-5@20251001:rawPredict",
    );
  });
});

describe("SDK code", () => {
  it("passes the model and body to messages.create, without anthropic_version", () => {
    const bedrockBody = { anthropic_version: "bedrock-2023-05-31", max_tokens: 10, messages: [] } as RequestBody;
    const ts = typescriptSdkCode(bedrockBody, { provider: "bedrock", modelId: "anthropic.claude-sonnet-4-6" });
    expect(ts).toContain("AnthropicBedrock");
    expect(ts).toContain('"model": "anthropic.claude-sonnet-4-6"');
    expect(ts).not.toContain("anthropic_version");
    const py = pythonSdkCode(body, { provider: "anthropic", modelId: "claude-sonnet-4-6" });
    expect(py).toContain('model="claude-sonnet-4-6"');
    expect(py).toContain('"ttl": "1h"');
  });

  // Bedrock takes anthropic_version 2026-10-21 (the 1.x SDKs' default) only for Claude 4.7 and later
  // (docs/reference/anthropic-caching.md §5.3): for older models the exported code names the body's version.
  it("Bedrock: the code pins the body's anthropic_version where the SDK's default would be refused", () => {
    const legacy = { anthropic_version: "bedrock-2023-05-31", max_tokens: 10, messages: [] } as RequestBody;
    const target = { provider: "bedrock" as const, modelId: "global.anthropic.claude-sonnet-4-6" };
    expect(typescriptSdkCode(legacy, target)).toContain('new AnthropicBedrock({ defaultHeaders: { "anthropic-version": "bedrock-2023-05-31" } })');
    expect(pythonSdkCode(legacy, target)).toContain('extra_body={\n        "anthropic_version": "bedrock-2023-05-31",\n    }');
    const newer = { anthropic_version: "2026-10-21", max_tokens: 10, messages: [] } as RequestBody;
    const opus = { provider: "bedrock" as const, modelId: "global.anthropic.claude-opus-4-7" };
    expect(typescriptSdkCode(newer, opus)).toContain("const client = new AnthropicBedrock();");
    expect(pythonSdkCode(newer, opus)).not.toContain("extra_body");
  });

  it("Bedrock: the client the TypeScript export builds sends that version (the official SDK against the emulator)", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const client = (defaultHeaders?: Record<string, string>) =>
      new AnthropicBedrock({ apiKey: "k", awsRegion: "us-east-1", baseURL: "http://emulator.invalid", fetch: emulator.fetch, maxRetries: 0, ...(defaultHeaders ? { defaultHeaders } : {}) });
    const params = { model: "global.anthropic.claude-sonnet-4-6", max_tokens: 10, messages: [{ role: "user" as const, content: "hi" }] };
    await expect(client().messages.create(params)).rejects.toMatchObject({ status: 400, error: { message: "Invalid API version: 2026-10-21" } });
    expect((await client({ "anthropic-version": "bedrock-2023-05-31" }).messages.create(params)).type).toBe("message");
  });

  // Claude in Amazon Bedrock (docs/reference/anthropic-caching.md §6.2): first-party path and body, AnthropicBedrockMantle.
  it("Bedrock through Mantle: the Messages API path, the model in the body, the Mantle clients", () => {
    const mantleBody = { model: "anthropic.claude-opus-4-7", max_tokens: 10, messages: [] } as RequestBody;
    const target = { provider: "bedrock" as const, modelId: "anthropic.claude-opus-4-7", bedrockEndpoint: "mantle" as const };
    const curl = curlCommand(mantleBody, target);
    expect(curl).toContain('curl "https://bedrock-mantle.$AWS_REGION.api.aws/anthropic/v1/messages"');
    expect(curl).toContain('--aws-sigv4 "aws:amz:$AWS_REGION:bedrock-mantle"');
    expect(heredocBody(curl)).toEqual(mantleBody);
    expect(typescriptSdkCode(mantleBody, target)).toContain('import { AnthropicBedrockMantle } from "@anthropic-ai/bedrock-sdk";');
    expect(pythonSdkCode(mantleBody, target)).toContain("from anthropic import AnthropicBedrockMantle");
  });

  it("writes Python literals", () => {
    expect(toPython({ a: true, b: null, c: [false, 1.5, "x"] })).toBe(
      '{\n    "a": True,\n    "b": None,\n    "c": [\n        False,\n        1.5,\n        "x",\n    ],\n}',
    );
  });
});

// Automatic caching (settings.cache under pydantic-ai@1.107 and @2.33) is part of the body, so every export carries it.
describe("a top-level cache_control", () => {
  it("is in the curl body, the TypeScript params and the Python kwargs", () => {
    const built = buildRequest(experiment({ semantics: "pydantic-ai@2.33", settings: { cache: "1h" }, messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }] }));
    if (!built.ok) throw new Error(built.error.message);
    const target = { provider: "anthropic" as const, modelId: built.value.modelId };
    expect(heredocBody(curlCommand(built.value.body, target))).toMatchObject({ cache_control: { type: "ephemeral", ttl: "1h" } });
    expect(typescriptSdkCode(built.value.body, target)).toMatch(/\n {2}"cache_control": \{\n {4}"type": "ephemeral",\n {4}"ttl": "1h"\n {2}\}/);
    expect(pythonSdkCode(built.value.body, target)).toContain('    cache_control={\n        "type": "ephemeral",\n        "ttl": "1h",\n    },');
  });
});
