// The `semantics` switch: each rule that differs between Pydantic AI v1.74.0, v1.107.5 and v2.33.0,
// one test each, citing docs/reference/pydantic-ai-2.md (§n) and the upstream file:line at the tag
// ("A" = pydantic_ai_slim/pydantic_ai/models/anthropic.py). v1.107.5 was checked by reading the tag's
// source (git show v1.107.5:…); v2.33.0 also by the recorded cases in test/cases-pydantic-ai-2.33.
import { describe, expect, it } from "vitest";
import { AUTOMATIC_BREAKPOINT_REASON } from "./analysis";
import { PYDANTIC_AI_ERRORS } from "./rules";
import { ALL_TOOLS_DEFERRED_ERROR } from "./build-tools";
import { buildRequest } from "./build-request";
import { checkCachePoints } from "./experiment-checks";
import { type ExperimentInput, parseExperiment } from "./experiment-schema";
import { type Semantics, rulesOf } from "./semantics";
import { assistant, cachePoint, experiment, text, tool, user } from "./test-factories";
import type { AnthropicBody, ProviderId, VersionedBody } from "./wire-types";

const CC5 = { type: "ephemeral", ttl: "5m" };
const CC1H = { type: "ephemeral", ttl: "1h" };
const V174 = "pydantic-ai@1.74" as const;
const V1107 = "pydantic-ai@1.107" as const;
const V233 = "pydantic-ai@2.33" as const;
const LATER = [V1107, V233] as const;

type Input = Omit<ExperimentInput, "semantics">;
const thinking = { type: "thinking" as const, thinking: "hmm", signature: "sig" };

function build(semantics: Semantics, input: Input, provider?: ProviderId) {
  return buildRequest(experiment({ ...input, semantics }), provider ? { provider } : {});
}
function body(semantics: Semantics, input: Input, provider?: ProviderId) {
  const built = build(semantics, input, provider);
  if (!built.ok) throw new Error(built.error.message);
  return built.value.body as AnthropicBody & VersionedBody;
}
function analysis(semantics: Semantics, input: Input, provider?: ProviderId) {
  const built = build(semantics, input, provider);
  if (!built.ok) throw new Error(built.error.message);
  return built.value.analysis;
}
function failure(semantics: Semantics, input: Input, provider?: ProviderId) {
  const built = build(semantics, input, provider);
  if (built.ok) throw new Error("expected Pydantic AI to refuse this experiment");
  return built.error;
}

describe("the switch in the document", () => {
  it("is pydantic-ai@1.74 when absent, so every older document keeps its meaning", () => {
    const parsed = parseExperiment({ messages: [] });
    expect(parsed.ok && parsed.value.semantics).toBeUndefined();
    expect(parsed.ok && rulesOf(parsed.value).release).toBe("1.74.0");
    expect(parsed.ok && parsed.value.provider_options.bedrock_ttl).toBe("omit");
  });
  it("rejects a release CacheLab does not reproduce, with the ones it does", () => {
    const parsed = parseExperiment({ semantics: "pydantic-ai@2.0", messages: [] });
    expect(!parsed.ok && parsed.error.issues?.[0]).toMatchObject({ path: "semantics", message: expect.stringContaining("pydantic-ai@2.33") });
  });
  it("refuses under pydantic-ai@1.74 what v1.74.0 has no setting for, with the path (docs/reference/pydantic-ai-2.md §1 #2, #3, #6)", () => {
    const parsed = parseExperiment({
      settings: { cache: true },
      instructions: [{ text: "a", dynamic: true }],
      tools: [{ ...tool("t"), defer_loading: true }],
      messages: [],
    });
    expect(parsed.ok).toBe(false);
    const issues = parsed.ok ? [] : (parsed.error.issues ?? []);
    expect(issues.map((i) => i.path)).toEqual(["settings.cache", "instructions", "tools[0].defer_loading"]);
    expect(issues[0]!.message).toContain("automatic caching (`anthropic_cache`) exists from Pydantic AI 1.83 on");
    expect(issues[0]!.message).toContain('"pydantic-ai@2.33"');
  });
  it("accepts them under the later releases, and never a deferred output tool", () => {
    for (const semantics of LATER) {
      expect(parseExperiment({ semantics, settings: { cache: "1h" }, instructions: [{ text: "a" }], tools: [{ ...tool("t"), defer_loading: true }], messages: [] }).ok).toBe(true);
      const out = parseExperiment({ semantics, output_tools: [{ ...tool("o"), defer_loading: true }], messages: [] });
      expect(!out.ok && out.error.issues?.[0]?.path).toBe("output_tools[0].defer_loading");
    }
  });
});

describe("ttl on Bedrock (docs/reference/pydantic-ai-2.md §2.2: #4915, v1.75.0; `_build_cache_control` A 2335-2344 at v2.33.0, A 1697-1706 at v1.107.5)", () => {
  const input: Input = { messages: [user(text("ctx"), cachePoint("1h"), text("q"))] };
  it("is kept by default from v1.75.0 on", () => {
    for (const semantics of LATER) expect(body(semantics, input, "bedrock").messages[0]!.content).toEqual([{ text: "ctx", type: "text", cache_control: CC1H }, { text: "q", type: "text" }]);
  });
  it('can still be left out with bedrock_ttl: "omit", for gateways that reject it', () => {
    for (const semantics of LATER) expect(JSON.stringify(body(semantics, { ...input, provider_options: { bedrock_ttl: "omit" } }, "bedrock"))).not.toContain('"ttl"');
  });
  it("stays stripped by default under pydantic-ai@1.74 (docs/reference/pydantic-ai-caching.md §8)", () => {
    expect(JSON.stringify(body(V174, input, "bedrock"))).not.toContain('"ttl"');
  });
});

describe("automatic caching, settings.cache (docs/reference/pydantic-ai-2.md §2.3; `_build_automatic_cache_control` A 2346-2374 at v2.33.0, A 1708-1736 at v1.107.5)", () => {
  const input: Input = { settings: { cache: true }, system: ["Sys."], messages: [user(text("Question"))] };
  it("sends a top-level cache_control and marks no block, on the API and Foundry", () => {
    for (const semantics of LATER) {
      for (const provider of ["anthropic", "foundry"] as const) {
        const b = body(semantics, input, provider);
        expect(b.cache_control).toEqual(CC5);
        expect(JSON.stringify(b.messages)).not.toContain("cache_control");
        expect(b.system).toBe("Sys.");
      }
      expect(body(semantics, { ...input, settings: { cache: "1h" } }).cache_control).toEqual(CC1H);
    }
  });
  it("cuts the explicit budget to 3: the oldest of 4 markers is dropped (A 2295 at v2.33.0, A 1657 at v1.107.5)", () => {
    const four: Input = { settings: { cache: true }, messages: [user(text("c1"), cachePoint(), text("c2"), cachePoint(), text("c3"), cachePoint(), text("c4"), cachePoint(), text("q"))] };
    for (const semantics of LATER) {
      const b = body(semantics, four);
      expect(b.messages[0]!.content).toEqual([
        { text: "c1", type: "text" },
        { text: "c2", type: "text", cache_control: CC5 },
        { text: "c3", type: "text", cache_control: CC5 },
        { text: "c4", type: "text", cache_control: CC5 },
        { text: "q", type: "text" },
      ]);
      const dropped = analysis(semantics, four).breakpoints.find((x) => x.status === "dropped");
      expect(dropped?.reason).toContain("3 explicit slots: automatic caching takes 1 of 4");
    }
  });
  it("falls back to the last block on Bedrock and Vertex, with no top-level field and the budget still 4 (A 2376-2393; A 1738-1755)", () => {
    const three: Input = { settings: { cache: true }, messages: [user(text("c1"), cachePoint(), text("c2"), cachePoint(), text("c3"), cachePoint(), text("q"))] };
    for (const semantics of LATER) {
      for (const provider of ["bedrock", "vertex"] as const) {
        const b = body(semantics, three, provider);
        expect(b.cache_control).toBeUndefined();
        expect((b.messages[0]!.content as { cache_control?: unknown }[]).filter((x) => x.cache_control).length).toBe(4);
        expect(b.messages[0]!.content.at(-1)).toEqual({ text: "q", type: "text", cache_control: CC5 });
      }
    }
  });
  it("together with cache_messages is Pydantic AI's error, word for word, before any CachePoint error (A 2361 at v2.33.0; A 1723 at v1.107.5)", () => {
    for (const semantics of LATER) {
      const error = failure(semantics, { settings: { cache: true, cache_messages: true }, messages: [user(cachePoint(), text("x"))] });
      expect(error.message).toBe(PYDANTIC_AI_ERRORS.cacheConflict);
      expect(error.message).toBe("`anthropic_cache` and `anthropic_cache_messages` cannot both be enabled.");
    }
  });
  it("is shown as the automatic breakpoint on the last cacheable block, 1 of 4 slots (docs/reference/anthropic-caching.md §1.1)", () => {
    for (const semantics of LATER) {
      const a = analysis(semantics, { settings: { cache: true }, messages: [user(text("q")), assistant(text("a"), thinking)] });
      const auto = a.breakpoints.find((x) => x.automatic)!;
      expect(auto).toMatchObject({ status: "kept", reason: AUTOMATIC_BREAKPOINT_REASON, landedAt: { path: "messages[1].content[0]" } });
      expect(a.keptCount).toBe(1);
    }
  });
  it("adds nothing where the last block already has the same TTL, and a different TTL there is an error finding", () => {
    const same = analysis(V233, { settings: { cache: true }, messages: [user(text("ctx"), cachePoint())] });
    expect(same.breakpoints.find((x) => x.automatic)?.status).toBe("no_effect");
    expect(same.findings.some((f) => f.code === "automatic_ttl_conflict")).toBe(false);
    // Executed at v2.33.0 (docs/reference/pydantic-ai-2.md §2.3 "Not validated"); the API rejects it (docs/reference/anthropic-caching.md §1.1).
    const built = build(V233, { settings: { cache: true }, messages: [user(text("Long context"), cachePoint("1h"))] });
    expect(built.ok && built.value.body).toMatchObject({ messages: [{ content: [{ text: "Long context", cache_control: CC1H }] }], cache_control: CC5 });
    const conflict = built.ok ? built.value.analysis.findings.find((f) => f.code === "automatic_ttl_conflict") : undefined;
    expect(conflict).toMatchObject({ severity: "error", path: "settings.cache" });
  });
});

describe("instructions (docs/reference/pydantic-ai-2.md §2.5: #4865, v1.77.0; A 2211-2260 at v2.33.0, A 1574-1621 at v1.107.5)", () => {
  it("are their own block after the system prompt, and make system a list even without caching", () => {
    for (const semantics of LATER) {
      expect(body(semantics, { system: ["a", "b"], instructions: "Inst.", messages: [user(text("q"))] }).system).toEqual([
        { type: "text", text: "a\n\nb" },
        { type: "text", text: "Inst." },
      ]);
      expect(body(semantics, { system: ["a", "b"], messages: [user(text("q"))] }).system).toBe("a\n\nb");
    }
    expect(body(V174, { system: ["a"], instructions: "Inst.", messages: [user(text("q"))] }).system).toBe("a\n\nInst.");
  });
  it("go static first, in order, and the cache sits on the last static part", () => {
    const parts = [{ text: "d1", dynamic: true }, { text: "s1" }, { text: "d2", dynamic: true }, { text: "s2", dynamic: false }];
    for (const semantics of LATER) {
      const built = build(semantics, { settings: { cache_instructions: "1h" }, system: ["Sys"], instructions: parts, messages: [user(text("q"))] });
      expect(built.ok && built.value.body.system).toEqual([
        { type: "text", text: "Sys" },
        { type: "text", text: "s1" },
        { type: "text", text: "s2", cache_control: CC1H },
        { type: "text", text: "d1" },
        { type: "text", text: "d2" },
      ]);
      expect(built.ok && Object.fromEntries(built.value.paths.entries())).toMatchObject({ "system[0]": "system[0]", "system[1]": "instructions[1]", "system[2]": "instructions[3]", "system[3]": "instructions[0]" });
    }
  });
  it("all static: the last block; all dynamic: the system prompt block, or nowhere with a finding", () => {
    expect(body(V233, { settings: { cache_instructions: true }, instructions: [{ text: "s1" }, { text: "s2" }], messages: [user(text("q"))] }).system).toEqual([
      { type: "text", text: "s1" },
      { type: "text", text: "s2", cache_control: CC5 },
    ]);
    expect(body(V233, { settings: { cache_instructions: true }, system: ["Sys"], instructions: [{ text: "d", dynamic: true }], messages: [user(text("q"))] }).system).toEqual([
      { type: "text", text: "Sys", cache_control: CC5 },
      { type: "text", text: "d" },
    ]);
    const a = analysis(V1107, { settings: { cache_instructions: true }, instructions: [{ text: "d", dynamic: true }], messages: [user(text("q"))] });
    expect(a.breakpoints[0]!.status).toBe("no_effect");
    expect(a.findings.find((f) => f.code === "instructions_all_dynamic")).toMatchObject({ severity: "warning", path: "settings.cache_instructions" });
  });
  it("drop a part with empty text, as the Agent does (`if text`, agent/__init__.py 1640-1646 at v2.33.0)", () => {
    expect(body(V233, { instructions: [{ text: "" }, { text: "x", dynamic: true }], messages: [user(text("q"))] }).system).toEqual([{ type: "text", text: "x" }]);
  });
});

describe("cache_messages (docs/reference/pydantic-ai-2.md §2.4)", () => {
  const markerThenSetting: Input = { settings: { cache_messages: true }, messages: [user(text("ctx"), cachePoint("1h"))] };
  it("keeps an existing marker's TTL from v1.88.0 on (`_apply_message_cache_control` A 1770-1795 at v1.107.5; A 2434-2444 at v2.33.0)", () => {
    for (const semantics of LATER) {
      expect(body(semantics, markerThenSetting).messages[0]!.content).toEqual([{ text: "ctx", type: "text", cache_control: CC1H }]);
      const setting = analysis(semantics, markerThenSetting).breakpoints.find((b) => b.id === "setting:cache_messages")!;
      expect(setting.status).toBe("no_effect");
      expect(setting.reason).toContain("the cache_point at messages[0].content[1]");
    }
    expect(body(V174, markerThenSetting).messages[0]!.content).toEqual([{ text: "ctx", type: "text", cache_control: CC5 }]);
  });
  it("walks back past a block that cannot carry a marker at v2.33.0, and fails at v1.107.5 (#4338, v2.6.0)", () => {
    const input: Input = { settings: { cache_messages: true }, messages: [user(text("q")), assistant(text("answer"), thinking)] };
    expect(body(V233, input).messages[1]!.content).toEqual([{ text: "answer", type: "text", cache_control: CC5 }, { thinking: "hmm", signature: "sig", type: "thinking" }]);
    expect(failure(V1107, input).message).toBe("Cache control not supported for param type: thinking");
    expect(checkCachePoints(experiment({ ...input, semantics: V1107 }))).toHaveLength(1);
    expect(checkCachePoints(experiment({ ...input, semantics: V233 }))).toEqual([]);
    const none = analysis(V233, { settings: { cache_messages: true }, messages: [user(text("q")), assistant(thinking)] }).breakpoints[0]!;
    expect(none.status).toBe("no_effect");
  });
  it("raises IndexError on an experiment with no message from v1.88.0 on (A 2420 at v2.33.0, A 1782 at v1.107.5)", () => {
    for (const semantics of LATER) {
      expect(failure(semantics, { settings: { cache_messages: true }, messages: [] }).message).toBe(PYDANTIC_AI_ERRORS.messageCacheIndex);
      expect(failure(semantics, { settings: { cache: true }, messages: [] }, "bedrock").issues?.[0]?.path).toBe("settings.cache");
    }
    expect(analysis(V174, { settings: { cache_messages: true }, messages: [] }).breakpoints[0]!.status).toBe("no_effect");
  });
});

describe("a CachePoint with nothing before it (docs/reference/pydantic-ai-2.md §2.6: #6765, v2.22.0; A 1763-1766, 3390-3402 at v2.33.0)", () => {
  const later: Input = { messages: [user(text("Turn one")), assistant(text("Answer one")), user(cachePoint(), text("Turn two"))] };
  it("attaches to the previous message's last block at v2.33.0, whatever its role", () => {
    expect(body(V233, later).messages[1]!.content).toEqual([{ text: "Answer one", type: "text", cache_control: CC5 }]);
    const consecutive = body(V233, { messages: [user(text("a")), user(cachePoint("1h"))] });
    expect(consecutive.messages).toEqual([{ role: "user", content: [{ text: "a", type: "text", cache_control: CC1H }] }]);
    expect(checkCachePoints(experiment({ ...later, semantics: V233 }))).toEqual([]);
    expect(analysis(V233, later).breakpoints[0]!.reason).toContain("it sits on messages[1].content[0], the last block of the previous message");
  });
  it("still fails with no previous message, or on a previous block that cannot carry one", () => {
    expect(failure(V233, { messages: [user(cachePoint(), text("x"))] }).message).toBe(PYDANTIC_AI_ERRORS.cachePointFirst);
    expect(failure(V233, { messages: [user(text("q")), assistant(thinking), user(cachePoint(), text("x"))] }).message).toBe("Cache control not supported for param type: thinking");
  });
  it("fails at v1.107.5 and v1.74.0 as before (`_add_cache_control_to_last_param(user_content_params)` A 1235 at v1.107.5)", () => {
    expect(failure(V1107, later).message).toBe(PYDANTIC_AI_ERRORS.cachePointFirst);
    expect(failure(V174, later).message).toBe(PYDANTIC_AI_ERRORS.cachePointFirst);
  });
});

describe("deferred tools (docs/reference/pydantic-ai-2.md §2.8: #5143, v1.95.0; A 1640-1649, 937-941 at v2.33.0; A 1186-1196 at v1.107.5)", () => {
  const deferred = (name: string) => ({ ...tool(name), defer_loading: true });
  it("are sent with defer_loading, and the tool cache goes on the last tool without it", () => {
    for (const semantics of LATER) {
      const b = body(semantics, { settings: { cache_tool_definitions: true }, tools: [tool("a"), tool("b"), deferred("c")], messages: [user(text("q"))] });
      expect(b.tools).toEqual([
        { name: "a", description: "The a tool.", input_schema: { type: "object", properties: {} } },
        { name: "b", description: "The b tool.", input_schema: { type: "object", properties: {} }, cache_control: CC5 },
        { name: "c", description: "The c tool.", input_schema: { type: "object", properties: {} }, defer_loading: true },
      ]);
    }
  });
  it("all deferred: the tool setting does nothing (a warning), with a server tool beside them", () => {
    for (const semantics of LATER) {
      const a = analysis(semantics, { settings: { cache_tool_definitions: true }, tools: [deferred("a")], builtin_tools: ["web_search"], messages: [user(text("q"))] });
      expect(a.findings.find((f) => f.code === "tools_all_deferred")).toMatchObject({ severity: "warning", path: "settings.cache_tool_definitions" });
    }
  });
  it("every wire tool deferred is a UserError at v2.33.0, word for word, and sent as is at v1.107.5", () => {
    const input: Input = { tools: [deferred("a")], messages: [user(text("q"))] };
    expect(failure(V233, input).message).toBe(ALL_TOOLS_DEFERRED_ERROR);
    expect(ALL_TOOLS_DEFERRED_ERROR).toBe(
      "Anthropic rejects a request whose wire tools all have `defer_loading=True`. Make at least one tool visible, or add a tool-search surface or capability catalog.",
    );
    expect(body(V1107, input).tools).toEqual([{ name: "a", description: "The a tool.", input_schema: { type: "object", properties: {} }, defer_loading: true }]);
  });
});

describe("server tools by release (docs/reference/pydantic-ai-2.md §2.8)", () => {
  const types = (semantics: Semantics, model: string, provider: ProviderId = "anthropic") =>
    body(semantics, { model, builtin_tools: ["web_search", "code_execution"], messages: [user(text("q"))] }, provider).tools!.map((t) => t.type);
  it("v2.33.0: _20260209 web tools on dynamic-filtering models, not on Vertex (A 1442-1493, 686-688; profiles/anthropic.py 247-259)", () => {
    expect(types(V233, "claude-sonnet-4-6")).toEqual(["web_search_20260209", "code_execution_20260120"]);
    expect(types(V233, "claude-sonnet-4-6", "vertex")).toEqual(["web_search_20250305", "code_execution_20260120"]);
    expect(types(V233, "claude-haiku-4-5")).toEqual(["web_search_20250305", "code_execution_20250825"]);
  });
  it("v1.107.5: web search 20250305, code execution by model (profiles/anthropic.py 25-34, 256-263 at v1.107.5)", () => {
    expect(types(V1107, "claude-sonnet-4-6", "bedrock")).toEqual(["web_search_20250305", "code_execution_20260120"]);
    expect(types(V1107, "claude-haiku-4-5")).toEqual(["web_search_20250305", "code_execution_20250825"]);
    expect(types(V174, "claude-sonnet-4-6")).toEqual(["web_search_20250305", "code_execution_20250522"]);
  });
  it("v2.33.0 refuses web search on Bedrock (A 296-302, 678-683; models/__init__.py 1859-1869)", () => {
    expect(failure(V233, { builtin_tools: ["web_search"], messages: [user(text("q"))] }, "bedrock").message).toMatch(/^Native tool\(s\) \['WebSearchTool'\] not supported by this model\./);
  });
  it("names the memory tool Native after v1.74.0 (A 1078 at v1.107.5, A 1522 at v2.33.0)", () => {
    for (const semantics of LATER) expect(failure(semantics, { builtin_tools: ["memory"], messages: [user(text("q"))] }).message).toBe("Native `MemoryTool` requires a 'memory' tool to be defined.");
  });
});

describe("a parsed document", () => {
  it("re-parses to the same JSON, key order included, with or without bedrock_ttl written", () => {
    for (const input of [{ messages: [] }, { provider_options: { bedrock_profile: "eu" }, messages: [] }, { semantics: V233, provider_options: { bedrock_ttl: "omit" }, messages: [] }]) {
      const once = parseExperiment(input);
      const twice = once.ok ? parseExperiment(JSON.parse(JSON.stringify(once.value))) : once;
      expect(once.ok && twice.ok && JSON.stringify(twice.value)).toBe(once.ok && JSON.stringify(once.value));
    }
  });
});
