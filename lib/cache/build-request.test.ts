// Pydantic AI v1.74.0 behaviour beyond the recorded cases, one rule of docs/reference/pydantic-ai-caching.md
// per test.
import { describe, expect, it } from "vitest";
import { buildRequest } from "./build-request";
import { PYDANTIC_AI_ERRORS } from "./rules";
import { assistant, cachePoint, experiment, text, tool, user } from "./test-factories";
import type { AnthropicBody, VersionedBody } from "./wire-types";

const CC5 = { type: "ephemeral", ttl: "5m" };
const CC1H = { type: "ephemeral", ttl: "1h" };

function body(input: Parameters<typeof experiment>[0], provider?: "anthropic" | "bedrock" | "vertex" | "foundry") {
  const built = buildRequest(experiment(input), provider ? { provider } : {});
  if (!built.ok) throw new Error(built.error.message);
  return built.value.body as AnthropicBody & VersionedBody;
}

function failure(input: Parameters<typeof experiment>[0]) {
  const built = buildRequest(experiment(input));
  if (built.ok) throw new Error("expected an error");
  return built.error;
}

describe("system prompt (§1.2, §3)", () => {
  it("joins system parts and instructions into one cached block", () => {
    const b = body({ settings: { cache_instructions: true }, system: ["Sys one.", "Sys two."], instructions: "Inst.", messages: [user(text("q"))] });
    expect(b.system).toEqual([{ type: "text", text: "Sys one.\n\nSys two.\n\nInst.", cache_control: CC5 }]);
  });
  it("sends a plain string when caching is off and omits an empty system", () => {
    expect(body({ system: ["a", "b"], messages: [user(text("q"))] }).system).toBe("a\n\nb");
    expect("system" in body({ settings: { cache_instructions: "1h" }, messages: [user(text("q"))] })).toBe(false);
  });
});

describe("tools (§1.3, §4)", () => {
  it("caches the last output tool and appends builtins after", () => {
    const b = body({ settings: { cache_tool_definitions: "1h" }, tools: [tool("a")], output_tools: [tool("final_result")], builtin_tools: ["web_search"], messages: [user(text("q"))] });
    expect(b.tools!.map((t) => t.name)).toEqual(["a", "final_result", "web_search"]);
    expect(b.tools![1]!.cache_control).toEqual(CC1H);
    expect(b.tools![2]).toEqual({ name: "web_search", type: "web_search_20250305", max_uses: null, allowed_domains: null, blocked_domains: null, user_location: null });
  });
  it("removes title and $schema at every schema level but keeps a property named title", () => {
    const b = body({
      tools: [tool("a", { $schema: "x", title: "A", type: "object", properties: { title: { type: "string", title: "T" }, n: { anyOf: [{ title: "N", type: "integer" }] } }, $defs: { D: { title: "D", type: "object" } } })],
      messages: [user(text("q"))],
    });
    expect(b.tools![0]!.input_schema).toEqual({ type: "object", properties: { title: { type: "string" }, n: { anyOf: [{ type: "integer" }] } }, $defs: { D: { type: "object" } } });
    expect(b.tools![0]!.description).toBe("The a tool.");
  });
  it("deduplicates tools by name like a dict: first position, last definition", () => {
    const b = body({ tools: [tool("a"), tool("b")], output_tools: [{ name: "a", description: "new", input_schema: { type: "object" } }], messages: [user(text("q"))] });
    expect(b.tools!.map((t) => [t.name, t.description])).toEqual([["a", "new"], ["b", "The b tool."]]);
  });
  it("the memory builtin replaces the memory function tool, and its cache_control with it", () => {
    const built = buildRequest(experiment({ settings: { cache_tool_definitions: true }, tools: [tool("memory")], builtin_tools: ["memory"], messages: [user(text("q"))] }));
    expect(built.ok && built.value.body.tools).toEqual([{ name: "memory", type: "memory_20250818" }]);
    expect(built.ok && built.value.analysis.breakpoints[0]!.status).toBe("no_effect");
    expect(failure({ builtin_tools: ["memory"], messages: [user(text("q"))] }).message).toBe("Built-in `MemoryTool` requires a 'memory' tool to be defined.");
  });
  it("description defaults to the empty string and tools are omitted when there are none", () => {
    const b = body({ tools: [{ name: "x", input_schema: {} }], messages: [user(text("q"))] });
    expect(b.tools).toEqual([{ name: "x", description: "", input_schema: {} }]);
    expect("tools" in body({ messages: [user(text("q"))] })).toBe(false);
  });
});

describe("messages (§1.4)", () => {
  it("maps every user content type in order", () => {
    const b = body({
      messages: [
        user(text("a"), { type: "image", url: "https://x/i.png" }, { type: "document", url: "https://x/d.pdf" }),
        assistant(text("ok"), { type: "tool_use", id: "t1", name: "f", input: { x: 1 } }),
        user({ type: "tool_result", tool_use_id: "t1", tool_name: "f", content: "r" }, { type: "tool_retry", tool_use_id: "t1", tool_name: "f", content: "bad" }, { type: "tool_retry", content: "no" }),
      ],
    });
    expect(b.messages).toEqual([
      { role: "user", content: [{ text: "a", type: "text" }, { source: { type: "url", url: "https://x/i.png" }, type: "image" }, { source: { url: "https://x/d.pdf", type: "url" }, type: "document" }] },
      { role: "assistant", content: [{ text: "ok", type: "text" }, { id: "t1", type: "tool_use", name: "f", input: { x: 1 } }] },
      {
        role: "user",
        content: [
          { tool_use_id: "t1", type: "tool_result", content: [{ text: "r", type: "text" }], is_error: false },
          { tool_use_id: "t1", type: "tool_result", content: "bad\n\nFix the errors and try again.", is_error: true },
          { type: "text", text: "Validation feedback:\nno\n\nFix the errors and try again." },
        ],
      },
    ]);
  });
  it("sends a non-string tool return as its compact JSON, like content_items(mode='str')", () => {
    const b = body({ messages: [user({ type: "tool_result", tool_use_id: "a", tool_name: "f", content: { temp: 22, sky: "clear" } }, { type: "tool_result", tool_use_id: "b", tool_name: "f", content: "" })] });
    expect((b.messages[0]!.content as { content: unknown }[]).map((r) => r.content)).toEqual([[{ text: '{"temp":22,"sky":"clear"}', type: "text" }], [{ text: "", type: "text" }]]);
  });
  it("never merges consecutive same-role messages and drops messages with no blocks", () => {
    const b = body({ messages: [user(text("a")), user(text("b")), assistant(text("")), user(text("c"))] });
    expect(b.messages.map((m) => m.role)).toEqual(["user", "user", "user"]);
  });
});

describe("cache points (§6)", () => {
  it("attach to the block before, the last marker's TTL wins, and an empty text is skipped", () => {
    const b = body({ messages: [user(text("a"), cachePoint("1h"), text(""), cachePoint())] });
    expect(b.messages[0]!.content).toEqual([{ text: "a", type: "text", cache_control: CC5 }]);
  });
  it("attach to a tool_result in the same message", () => {
    const b = body({ messages: [user({ type: "tool_result", tool_use_id: "t", tool_name: "f", content: "r" }, cachePoint("1h"))] });
    expect((b.messages[0]!.content as { cache_control?: unknown }[])[0]!.cache_control).toEqual(CC1H);
  });
  it("fail first in a later user message even when earlier messages exist (REF, not HEAD)", () => {
    const error = failure({ messages: [user(text("a")), assistant(text("b")), user(cachePoint(), text("c"))] });
    expect(error.code).toBe("cache_point_error");
    expect(error.message).toBe(PYDANTIC_AI_ERRORS.cachePointFirst);
    expect(error.issues?.[0]?.path).toBe("messages[2].content[0]");
  });
  it("fail after only empty text", () => {
    expect(failure({ messages: [user(text(""), cachePoint())] }).message).toBe(PYDANTIC_AI_ERRORS.cachePointFirst);
  });
});

describe("cache_messages (§5)", () => {
  it("overwrites a trailing marker, so the setting's TTL wins and it counts once", () => {
    const built = buildRequest(experiment({ settings: { cache_messages: true }, messages: [user(text("a"), cachePoint("1h"))] }));
    expect(built.ok && built.value.body.messages[0]!.content).toEqual([{ text: "a", type: "text", cache_control: CC5 }]);
    expect(built.ok && built.value.analysis.keptCount).toBe(1);
  });
  it("goes on an assistant prefill and fails on a trailing thinking block", () => {
    expect(body({ settings: { cache_messages: "1h" }, messages: [user(text("a")), assistant(text("b"))] }).messages[1]!.content).toEqual([{ text: "b", type: "text", cache_control: CC1H }]);
    const error = failure({ settings: { cache_messages: true }, messages: [user(text("a")), assistant({ type: "thinking", thinking: "t", signature: "s" })] });
    expect(error.message).toBe("Cache control not supported for param type: thinking");
  });
  it("does nothing with no messages", () => {
    expect(body({ settings: { cache_messages: true }, messages: [] }).messages).toEqual([]);
  });
});

describe("the 4-breakpoint limit (§7)", () => {
  it("keeps system and tool breakpoints and drops the oldest message markers", () => {
    const built = buildRequest(
      experiment({ settings: { cache_instructions: true, cache_tool_definitions: true }, system: ["s"], tools: [tool("a")], messages: [user(text("1"), cachePoint(), text("2"), cachePoint()), user(text("3"), cachePoint())] }),
    );
    if (!built.ok) throw new Error(built.error.message);
    const marked = built.value.body.messages.flatMap((m) => (m.content as { text?: string; cache_control?: unknown }[]).filter((b) => b.cache_control).map((b) => b.text));
    expect(marked).toEqual(["2", "3"]);
    expect(built.value.analysis.breakpoints.find((b) => b.id === "marker:m0:c1")!.status).toBe("dropped");
  });
  it("ignores TTL: a 1h marker is dropped while newer 5m ones stay", () => {
    const b = body({ messages: [user(text("1"), cachePoint("1h"), text("2"), cachePoint(), text("3"), cachePoint(), text("4"), cachePoint(), text("5"), cachePoint())] });
    expect((b.messages[0]!.content as { cache_control?: unknown }[]).map((x) => x.cache_control ?? null)).toEqual([null, CC5, CC5, CC5, CC5]);
  });
});

describe("dialects (§1.1, §8)", () => {
  const input = { settings: { cache_instructions: "1h" as const }, system: ["s"], messages: [user(text("a"), cachePoint("1h"))] };
  it("Bedrock: no model, its anthropic_version, ttl omitted everywhere unless asked to send it", () => {
    const b = body(input, "bedrock");
    expect(Object.keys(b)).toEqual(["anthropic_version", "max_tokens", "system", "messages"]);
    expect(b.anthropic_version).toBe("bedrock-2023-05-31");
    expect(JSON.stringify(b)).not.toContain("ttl");
    expect(JSON.stringify(body({ ...input, provider_options: { bedrock_ttl: "send" } }, "bedrock"))).toContain('"ttl":"1h"');
  });
  it("Vertex: vertex-2023-10-16 and no model; Foundry: the Anthropic body with ttl", () => {
    const v = body(input, "vertex");
    expect(v.anthropic_version).toBe("vertex-2023-10-16");
    expect("model" in v).toBe(false);
    const f = body(input, "foundry");
    expect(Object.keys(f)).toEqual(["model", "max_tokens", "system", "messages"]);
    expect(JSON.stringify(f)).toContain('"ttl":"1h"');
  });
  it("maps the model id per provider and passes unknown ids through", () => {
    const built = buildRequest(experiment({ model: "claude-haiku-4-5", messages: [] }), { provider: "vertex" });
    expect(built.ok && built.value.modelId).toBe("claude-haiku-4-5@20251001");
    expect(body({ model: "my-custom-model", messages: [] }).model).toBe("my-custom-model");
  });
  // InvokeModel answers 400 to the base id of a model it serves only through an inference profile
  // (docs/reference/anthropic-caching.md §6.1): such models get a profile id, global where the model offers one.
  it("Bedrock: an inference-profile id for models that need one, the geography a setting", () => {
    const modelId = (model: string, bedrock_profile?: "us" | "eu" | "apac") => {
      const built = buildRequest(experiment({ model, messages: [], provider_options: bedrock_profile ? { bedrock_profile } : {} }), { provider: "bedrock" });
      return built.ok ? built.value.modelId : built.error.message;
    };
    expect(modelId("claude-haiku-4-5")).toBe("global.anthropic.claude-haiku-4-5-20251001-v1:0");
    expect(modelId("claude-sonnet-4-6", "eu")).toBe("eu.anthropic.claude-sonnet-4-6");
    // Opus 4.1 has a us profile only; Sonnet 4.6 no apac one: the default order is global, then the first offered.
    expect(modelId("claude-opus-4-1")).toBe("us.anthropic.claude-opus-4-1-20250805-v1:0");
    expect(modelId("claude-sonnet-4-6", "apac")).toBe("global.anthropic.claude-sonnet-4-6");
    // Haiku 3.5 is served on demand: its base id is sent.
    expect(modelId("claude-3-5-haiku")).toBe("anthropic.claude-3-5-haiku-20241022-v1:0");
  });
  // Claude in Amazon Bedrock ("Mantle", docs/reference/anthropic-caching.md §6.2): the first-party body and SSE,
  // model in the body, its own ids; reached through AnthropicBedrockMantle, which Pydantic AI treats as
  // the Messages API (nothing stripped, automatic caching sent).
  it("Bedrock through Claude in Amazon Bedrock (Mantle): the first-party body with the Mantle id, ttl kept", () => {
    const built = buildRequest(experiment({ model: "claude-opus-4-7", ...input, provider_options: { bedrock_endpoint: "mantle" } }), { provider: "bedrock" });
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.modelId).toBe("anthropic.claude-opus-4-7");
    const b = built.value.body as AnthropicBody;
    expect(b.model).toBe("anthropic.claude-opus-4-7");
    expect("anthropic_version" in b).toBe(false);
    expect(JSON.stringify(b)).toContain('"ttl":"1h"');
    const notServed = buildRequest(experiment({ model: "claude-sonnet-4-6", ...input, provider_options: { bedrock_endpoint: "mantle" } }), { provider: "bedrock" });
    expect(notServed.ok && notServed.value.analysis.findings.map((f) => f.code)).toContain("model_not_on_mantle");
  });
  it("Bedrock: anthropic_version 2026-10-21 only for the models that take it, bedrock-2023-05-31 otherwise (docs/reference/anthropic-caching.md §5.3)", () => {
    expect(body({ model: "claude-sonnet-4-6", messages: [] }, "bedrock").anthropic_version).toBe("bedrock-2023-05-31");
    expect(body({ model: "claude-opus-4-7", messages: [] }, "bedrock").anthropic_version).toBe("2026-10-21");
    expect(body({ model: "my-custom-model", messages: [] }, "bedrock").anthropic_version).toBe("bedrock-2023-05-31");
  });
});

describe("paths", () => {
  it("maps every block as sent back to the experiment item that made it", () => {
    const built = buildRequest(
      experiment({ system: ["", "s"], tools: [tool("a"), tool("b")], output_tools: [tool("a")], builtin_tools: ["web_search"], messages: [user(text("")), user(text("x"), text(""), cachePoint(), text("y"))] }),
    );
    expect(built.ok && Object.fromEntries(built.value.paths.entries())).toEqual({
      "tools[0]": "output_tools[0]",
      "tools[1]": "tools[1]",
      "tools[2]": "builtin_tools[0]",
      system: "system[1]",
      "messages[0].content[0]": "messages[1].content[0]",
      "messages[0].content[1]": "messages[1].content[3]",
    });
  });
});

describe("determinism", () => {
  it("gives byte-identical output for the same input and leaves the experiment untouched", () => {
    const e = experiment({ settings: { cache_messages: true, cache_tool_definitions: true }, tools: [tool("a", { title: "x", type: "object" })], messages: [user(text("a"), cachePoint())] });
    const before = JSON.stringify(e);
    const a = buildRequest(e);
    const b = buildRequest(e);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(e)).toBe(before);
  });
});
