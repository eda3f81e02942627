import { describe, expect, it } from "vitest";
import type { RequestBody } from "@/lib/cache/wire-types";
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

  it("writes Python literals", () => {
    expect(toPython({ a: true, b: null, c: [false, 1.5, "x"] })).toBe(
      '{\n    "a": True,\n    "b": None,\n    "c": [\n        False,\n        1.5,\n        "x",\n    ],\n}',
    );
  });
});
