// The Converse request Pydantic AI's BedrockConverseModel builds, per release. Expectations are upstream's
// own: tests/models/test_bedrock.py at v2.33.0 (named per test), the source at each tag
// (pydantic_ai_slim/pydantic_ai/models/bedrock.py, "B"), docs/reference/pydantic-ai-caching.md §8 and
// docs/reference/pydantic-ai-2.md §2.11, §2.13.
import { describe, expect, it } from "vitest";
import type { ExperimentInput } from "@/lib/cache/experiment-schema";
import type { Semantics } from "@/lib/cache/semantics";
import { assistant, cachePoint, experiment, text, tool, user } from "@/lib/cache/test-factories";
import { buildConverseRequest } from "./bedrock-converse";
import { CONVERSE_ADJACENT_ERROR, CONVERSE_FIRST_CONTENT_ERROR, CONVERSE_ONLY_DOCUMENT_ERROR } from "./bedrock-converse-rules";

const CLAUDE = "claude-sonnet-4-6";
const at = (semantics: Semantics, input: Omit<ExperimentInput, "semantics">) => experiment({ semantics, model: CLAUDE, ...input } as ExperimentInput);
const build = (semantics: Semantics, input: Omit<ExperimentInput, "semantics">) => {
  const built = buildConverseRequest(at(semantics, input));
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
};
const failure = (semantics: Semantics, input: Omit<ExperimentInput, "semantics">) => {
  const built = buildConverseRequest(at(semantics, input));
  if (built.ok) throw new Error("expected the build to fail");
  return built.error;
};

describe("settings → bedrock_cache_* (docs/reference/pydantic-ai-caching.md §8)", () => {
  it("cache_instructions appends a bare cachePoint to the system blocks (test_bedrock_cache_instructions)", () => {
    const b = build("pydantic-ai@2.33", { system: ["System instructions to cache."], settings: { cache_instructions: true }, messages: [user(text("Hi!"))] });
    expect(b.body.system).toEqual([{ text: "System instructions to cache." }, { cachePoint: { type: "default" } }]);
  });

  it("each system prompt part is its own block, not joined as on AnthropicModel (B 756-758 at v1.74.0)", () => {
    const b = build("pydantic-ai@1.74", { system: ["One.", "", "Two."], messages: [user(text("Hi"))] });
    expect(b.body.system).toEqual([{ text: "One." }, { text: "Two." }]);
  });

  it("cache_messages marks the last user message (test_bedrock_cache_messages)", () => {
    const b = build("pydantic-ai@2.33", { settings: { cache_messages: true }, messages: [user(text("User message to cache."))] });
    expect(b.body.messages).toEqual([{ role: "user", content: [{ text: "User message to cache." }, { cachePoint: { type: "default" } }] }]);
  });

  it("cache_messages skips an assistant turn at the end and says so", () => {
    const b = build("pydantic-ai@2.33", { settings: { cache_messages: true }, messages: [user(text("Q")), assistant(text("A"))] });
    expect(b.body.messages[0]!.content).toEqual([{ text: "Q" }, { cachePoint: { type: "default" } }]);
    expect(b.notes.map((n) => n.code)).toContain("converse_messages_last_user");
  });

  it("a TTL setting sends ttl from v1.83.0 on (#4581; docs/reference/pydantic-ai-2.md §2.11)", () => {
    const b = build("pydantic-ai@2.33", { system: ["S"], settings: { cache_instructions: "1h", cache_messages: "5m" }, messages: [user(text("Q"))] });
    expect(b.body.system[1]).toEqual({ cachePoint: { type: "default", ttl: "1h" } });
    expect(b.body.messages[0]!.content[1]).toEqual({ cachePoint: { type: "default", ttl: "5m" } });
  });

  it("v1.74.0's settings are booleans: a TTL is sent as a cachePoint without ttl, and the preview says so", () => {
    const b = build("pydantic-ai@1.74", { system: ["S"], settings: { cache_instructions: "1h" }, messages: [user(text("Q"))] });
    expect(b.body.system[1]).toEqual({ cachePoint: { type: "default" } });
    expect(b.notes).toContainEqual(expect.objectContaining({ code: "converse_ttl_dropped", path: "settings.cache_instructions" }));
  });

  it("a dynamic instruction part gets the cachePoint after the last static one (test_bedrock_cache_instructions_mixed_static_dynamic)", () => {
    const b = build("pydantic-ai@2.33", {
      instructions: [
        { text: "Static instructions.", dynamic: false },
        { text: "Dynamic context.", dynamic: true },
      ],
      settings: { cache_instructions: true },
      messages: [user(text("Hi!"))],
    });
    expect(b.body.system).toEqual([{ text: "Static instructions." }, { cachePoint: { type: "default" } }, { text: "Dynamic context." }]);
  });

  it("all-dynamic instructions and no system prompt: no cachePoint (test_bedrock_cache_instructions_all_dynamic_no_system_prompt)", () => {
    const b = build("pydantic-ai@2.33", { instructions: [{ text: "Dynamic only.", dynamic: true }], settings: { cache_instructions: true }, messages: [user(text("Hi!"))] });
    expect(b.body.system).toEqual([{ text: "Dynamic only." }]);
    expect(b.breakpoints[0]).toMatchObject({ id: "setting:cache_instructions", at: null });
    expect(b.breakpoints[0]!.dropped).toMatch(/dynamic/);
  });

  it("v1.74.0 sends the instructions as one block after the system prompt parts (B 928-932 at v1.74.0)", () => {
    const b = build("pydantic-ai@1.74", { system: ["S"], instructions: "Be brief.", settings: { cache_instructions: true }, messages: [user(text("Q"))] });
    expect(b.body.system).toEqual([{ text: "S" }, { text: "Be brief." }, { cachePoint: { type: "default" } }]);
  });

  it("cache_tool_definitions appends a cachePoint to the tools (test_bedrock_cache_tool_definitions)", () => {
    const b = build("pydantic-ai@2.33", { tools: [tool("tool_one"), tool("tool_two")], settings: { cache_tool_definitions: true }, messages: [user(text("Q"))] });
    expect(b.body.toolConfig?.tools).toHaveLength(3);
    expect(b.body.toolConfig?.tools.at(-1)).toEqual({ cachePoint: { type: "default" } });
    expect(b.body.toolConfig?.toolChoice).toEqual({ auto: {} });
  });

  it("Claude's tool schemas lose title and $schema from v1.107 on, not at v1.74.0 (BedrockJsonSchemaTransformer)", () => {
    const schema = { title: "Args", type: "object", properties: { q: { title: "Q", type: "string" } } };
    const later = build("pydantic-ai@2.33", { tools: [tool("search", schema)], messages: [user(text("Q"))] });
    const first = build("pydantic-ai@1.74", { tools: [tool("search", schema)], messages: [user(text("Q"))] });
    expect(later.body.toolConfig?.tools[0]).toEqual({ toolSpec: { name: "search", inputSchema: { json: { type: "object", properties: { q: { type: "string" } } } }, description: "The search tool." } });
    expect(first.body.toolConfig?.tools[0]).toEqual({ toolSpec: { name: "search", inputSchema: { json: schema }, description: "The search tool." } });
  });

  it("settings.cache has no Converse counterpart and is listed, not dropped silently", () => {
    const b = build("pydantic-ai@2.33", { settings: { cache: true }, messages: [user(text("Q"))] });
    expect(b.notes).toContainEqual(expect.objectContaining({ code: "converse_no_automatic", path: "settings.cache" }));
    expect(JSON.stringify(b.body)).not.toContain("cachePoint");
  });
});

describe("CachePoint markers (docs/reference/pydantic-ai-2.md §2.11, §2.13)", () => {
  it("v1.74.0 sends a bare cachePoint; later releases send the marker's ttl, 5m by default (_get_cache_point)", () => {
    const messages = [user(text("Doc"), cachePoint(), text("Q"))];
    expect(build("pydantic-ai@1.74", { messages }).body.messages[0]!.content[1]).toEqual({ cachePoint: { type: "default" } });
    expect(build("pydantic-ai@1.107", { messages }).body.messages[0]!.content[1]).toEqual({ cachePoint: { type: "default", ttl: "5m" } });
    expect(build("pydantic-ai@2.33", { messages: [user(text("Doc"), cachePoint("1h"))] }).body.messages[0]!.content[1]).toEqual({ cachePoint: { type: "default", ttl: "1h" } });
  });

  it("a leading CachePoint raises at v1.74.0 and v1.107.5, word for word", () => {
    for (const semantics of ["pydantic-ai@1.74", "pydantic-ai@1.107"] as const) {
      const error = failure(semantics, { messages: [user(text("First question")), assistant(text("First answer")), user(cachePoint(), text("Ephemeral reminder"))] });
      expect(error.message).toBe(CONVERSE_FIRST_CONTENT_ERROR);
      expect(error.issues?.[0]?.path).toBe("messages[2].content[0]");
    }
  });

  it("v2.33.0 attaches a leading CachePoint to the previous user message (test_bedrock_leading_cache_point_attaches_to_previous_user_message)", () => {
    const b = build("pydantic-ai@2.33", { messages: [user(text("First question")), assistant(text("First answer")), user(cachePoint(), text("Ephemeral reminder"))] });
    expect(b.body.messages).toEqual([
      { role: "user", content: [{ text: "First question" }, { cachePoint: { type: "default", ttl: "5m" } }] },
      { role: "assistant", content: [{ text: "First answer" }] },
      { role: "user", content: [{ text: "Ephemeral reminder" }] },
    ]);
  });

  it("a leading CachePoint after a tool return shares the turn (test_bedrock_leading_cache_point_after_tool_return_shares_the_turn)", () => {
    const b = build("pydantic-ai@2.33", {
      messages: [
        user(text("Make a plan")),
        assistant({ type: "tool_use", id: "tc1", name: "write_plan", input: { plan: "the plan" } }),
        user({ type: "tool_result", tool_use_id: "tc1", tool_name: "write_plan", content: "Plan saved" }, cachePoint(), text("Current plan: the plan")),
      ],
    });
    expect(b.body.messages[2]).toEqual({
      role: "user",
      content: [
        { toolResult: { toolUseId: "tc1", content: [{ text: "Plan saved" }], status: "success" } },
        { cachePoint: { type: "default", ttl: "5m" } },
        { text: "Current plan: the plan" },
      ],
    });
  });

  it("with no earlier user message a leading CachePoint still raises at v2.33.0 (test_bedrock_cache_point_with_no_prior_user_content_raises_error)", () => {
    expect(failure("pydantic-ai@2.33", { messages: [user(cachePoint(), text("This should fail"))] }).message).toBe(CONVERSE_FIRST_CONTENT_ERROR);
  });

  it("two adjacent markers: the first-content text until v2.28.0, its own text after (test_bedrock_consecutive_cache_points_raise_error)", () => {
    const messages = [user(text("Context"), cachePoint(), cachePoint())];
    expect(failure("pydantic-ai@1.107", { messages }).message).toBe(CONVERSE_FIRST_CONTENT_ERROR);
    expect(failure("pydantic-ai@2.33", { messages }).message).toBe(CONVERSE_ADJACENT_ERROR);
  });

  it("a marker after a message of documents only raises (test_bedrock_cache_point_with_only_document_raises_error)", () => {
    const error = failure("pydantic-ai@2.33", { messages: [user({ type: "document", url: "s3://bucket/report.pdf" }, cachePoint())] });
    expect(error.message).toBe(CONVERSE_ONLY_DOCUMENT_ERROR);
  });

  it("a marker after trailing documents goes before them, and a document needs a text block (B 209-258, 1068-1073 at v1.74.0)", () => {
    const b = build("pydantic-ai@2.33", { messages: [user(text("Read this"), { type: "document", url: "s3://bucket/a.pdf?bucketOwner=123" }, cachePoint())] });
    expect(b.body.messages[0]!.content).toEqual([
      { text: "Read this" },
      { cachePoint: { type: "default", ttl: "5m" } },
      { document: { name: "Document 1", format: "pdf", source: { s3Location: { uri: "s3://bucket/a.pdf", bucketOwner: "123" } } } },
    ]);
    const only = build("pydantic-ai@2.33", { messages: [user({ type: "document", url: "s3://bucket/notes.txt" })] });
    expect(only.body.messages[0]!.content[0]).toEqual({ text: "See attached document(s)." });
  });

  it("an https image is downloaded by Pydantic AI: CacheLab sends stand-in bytes and lists it", () => {
    const b = build("pydantic-ai@2.33", { messages: [user({ type: "image", url: "https://example.com/chart.png" }, text("What is this?"))] });
    expect(b.body.messages[0]!.content[0]).toEqual({ image: { format: "png", source: { bytes: btoa("https://example.com/chart.png") } } });
    expect(b.notes).toContainEqual(expect.objectContaining({ code: "converse_media_bytes", path: "messages[0].content[0]" }));
  });

  it("an image URL whose type cannot be inferred fails with Pydantic AI's words", () => {
    expect(failure("pydantic-ai@2.33", { messages: [user({ type: "image", url: "https://example.com/chart" })] }).message).toBe(
      "Could not infer media type from image URL: https://example.com/chart. Explicitly provide a `media_type` instead.",
    );
    expect(failure("pydantic-ai@2.33", { messages: [user({ type: "image", url: "s3://b/x.bmp" })] }).message).toBe("Unsupported image format: bmp");
  });
});

describe("the 4-point limit (`_limit_cache_points`)", () => {
  it("keeps the newest 4 message cachePoints (test_limit_cache_points_with_cache_messages)", () => {
    const b = build("pydantic-ai@2.33", {
      settings: { cache_messages: true },
      messages: [user(text("Context 1"), cachePoint(), text("Context 2"), cachePoint(), text("Context 3"), cachePoint(), text("Context 4"), cachePoint(), text("Question"))],
    });
    expect(b.body.messages[0]!.content.filter((x) => "cachePoint" in x)).toHaveLength(4);
    expect(b.body.messages[0]!.content[1]).toEqual({ text: "Context 2" });
    const dropped = b.breakpoints.filter((p) => p.dropped);
    expect(dropped.map((p) => p.id)).toEqual(["marker:m0:c1"]);
  });

  it("system and tool cachePoints always stay and shrink the budget (test_limit_cache_points_all_settings)", () => {
    const b = build("pydantic-ai@2.33", {
      system: ["System instructions."],
      tools: [tool("tool_one")],
      settings: { cache_instructions: true, cache_tool_definitions: true },
      messages: [user(text("Context 1"), cachePoint(), text("Context 2"), cachePoint(), text("Context 3"), cachePoint(), text("Question"))],
    });
    expect(b.body.messages[0]!.content.filter((x) => "cachePoint" in x)).toHaveLength(2);
    expect(b.breakpoints.filter((p) => p.at !== null)).toHaveLength(4);
  });
});

describe("conversation shape", () => {
  it("consecutive user turns merge into one (B 909-925 at v1.74.0)", () => {
    const b = build("pydantic-ai@1.74", {
      messages: [
        user(text("Q")),
        assistant({ type: "tool_use", id: "t1", name: "get", input: {} }),
        user({ type: "tool_result", tool_use_id: "t1", content: "42" }),
        user(text("And now?")),
      ],
    });
    expect(b.body.messages).toHaveLength(3);
    expect(b.body.messages[2]!.content).toEqual([{ toolResult: { toolUseId: "t1", content: [{ text: "42" }], status: "success" } }, { text: "And now?" }]);
  });

  it("v2.33.0 keeps a Claude tool result apart from a document with a '.' assistant turn (bedrock_tool_result_colocatable_content)", () => {
    const messages = [
      user(text("Q")),
      assistant({ type: "tool_use", id: "t1", name: "get", input: {} }),
      user({ type: "tool_result", tool_use_id: "t1", content: "42" }, text("See"), { type: "document", url: "s3://b/a.pdf" }),
    ];
    expect(build("pydantic-ai@2.33", { messages }).body.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user"]);
    expect(build("pydantic-ai@1.107", { messages }).body.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  });

  it("a leading assistant turn gets a '.' user turn, except for Claude at v2.33.0 (test_bedrock_cache_messages_no_user_messages)", () => {
    const messages = [assistant(text("Assistant response"))];
    expect(build("pydantic-ai@2.33", { settings: { cache_messages: true }, messages }).body.messages).toEqual([{ role: "assistant", content: [{ text: "Assistant response" }] }]);
    expect(build("pydantic-ai@1.107", { messages }).body.messages[0]).toEqual({ role: "user", content: [{ text: "." }] });
    const nova = buildConverseRequest(experiment({ semantics: "pydantic-ai@2.33", model: "nova-pro", messages }));
    expect(nova.ok && nova.value.body.messages[0]).toEqual({ role: "user", content: [{ text: "." }] });
  });

  it("thinking from Anthropic goes back as tagged text and is listed", () => {
    const b = build("pydantic-ai@2.33", { messages: [user(text("Q")), assistant({ type: "thinking", thinking: "hmm", signature: "sig" }, text("A")), user(text("Next"))] });
    expect(b.body.messages[1]!.content[0]).toEqual({ text: "<thinking>\nhmm\n</thinking>" });
    expect(b.notes.map((n) => n.code)).toContain("converse_thinking_as_text");
  });

  it("max_tokens becomes inferenceConfig.maxTokens and the body keeps Pydantic AI's key order", () => {
    const b = build("pydantic-ai@2.33", { max_tokens: 321, messages: [user(text("Q"))] });
    expect(Object.keys(b.body)).toEqual(["messages", "system", "inferenceConfig"]);
    expect(b.body.inferenceConfig).toEqual({ maxTokens: 321 });
    expect(b.modelId).toBe("global.anthropic.claude-sonnet-4-6");
  });
});

describe("Nova (docs/reference/vendors.md §3)", () => {
  const nova = (input: Omit<ExperimentInput, "semantics" | "model">) => {
    const built = buildConverseRequest(experiment({ semantics: "pydantic-ai@2.33", model: "amazon.nova-pro-v1:0", ...input } as ExperimentInput));
    if (!built.ok) throw new Error(built.error.message);
    return built.value;
  };

  it("skips the tools cachePoint and says why (test_bedrock_cache_tool_definitions_skipped_for_nova)", () => {
    const b = nova({ tools: [tool("tool_one"), tool("tool_two")], settings: { cache_tool_definitions: true }, messages: [user(text("Q"))] });
    expect(b.body.toolConfig?.tools).toHaveLength(2);
    expect(JSON.stringify(b.body.toolConfig)).not.toContain("cachePoint");
    expect(b.notes).toContainEqual(expect.objectContaining({ code: "converse_nova_tools" }));
    expect(b.breakpoints[0]?.dropped).toMatch(/cannot cache tool definitions/);
  });

  it("goes through the us. profile, caches from 1,000 tokens and lists a 1h TTL as undocumented", () => {
    const b = nova({ messages: [user(text("Doc"), cachePoint("1h"), text("Q"))] });
    expect(b.modelId).toBe("us.amazon.nova-pro-v1:0");
    expect(b.model.minimum).toBe(1000);
    expect(b.notes).toContainEqual(expect.objectContaining({ code: "converse_nova_1h" }));
  });

  it("refuses builtin tools Converse cannot send, in Pydantic AI's words", () => {
    const built = buildConverseRequest(experiment({ semantics: "pydantic-ai@2.33", model: CLAUDE, builtin_tools: ["web_search"], messages: [user(text("Q"))] }));
    expect(!built.ok && built.error.message).toBe("Native tool(s) ['WebSearchTool'] not supported by this model.");
  });

  it("refuses a model that is neither Claude nor Nova", () => {
    const built = buildConverseRequest(experiment({ model: "meta.llama3-70b-instruct-v1:0", messages: [user(text("Q"))] }));
    expect(!built.ok && built.error.code).toBe("converse_model");
  });
});
