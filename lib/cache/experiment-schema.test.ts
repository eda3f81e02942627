// The experiment document: defaults, strictness, and errors a person can act on (docs/design.md §3).
import { describe, expect, it } from "vitest";
import { checkCachePoints } from "./experiment-checks";
import { MAX_BLOCKS, MAX_MESSAGES, MAX_TOOLS } from "./experiment-limits";
import { parseExperiment, parseExperimentJson, stripCaseFields } from "./experiment-schema";
import { buildRequest } from "./build-request";
import { cachePoint, experiment, text, user } from "./test-factories";

function issues(input: unknown) {
  const parsed = parseExperiment(input);
  if (parsed.ok) throw new Error("expected the experiment to be rejected");
  expect(parsed.error.code).toBe("invalid_experiment");
  return parsed.error.issues ?? [];
}

describe("parseExperiment", () => {
  it("fills in every default", () => {
    const parsed = parseExperiment({ messages: [] });
    expect(parsed.ok && parsed.value).toEqual({
      provider: "anthropic",
      model: "claude-sonnet-4-6",
      max_tokens: 4096,
      provider_options: { bedrock_ttl: "omit", bedrock_profile: "global", bedrock_endpoint: "invoke" },
      settings: { cache_instructions: false, cache_tool_definitions: false, cache_messages: false },
      system: [],
      tools: [],
      output_tools: [],
      builtin_tools: [],
      messages: [],
    });
  });
  it("rejects unknown fields with their path", () => {
    expect(issues({ messages: [], colour: "red" })).toContainEqual({ path: "colour", message: expect.stringContaining("unknown field") });
    expect(issues({ messages: [user(text("a"))], settings: { cache_message: true } })[0]!.path).toBe("settings.cache_message");
    expect(issues({ messages: [{ role: "user", content: [{ type: "text", text: "a", cache_control: {} }] }] })[0]!.path).toBe("messages[0].content[0].cache_control");
  });
  it("rejects wrong types with a sentence", () => {
    const [issue] = issues({ messages: [{ role: "user", content: [{ type: "text", text: 42 }] }] });
    expect(issue).toEqual({ path: "messages[0].content[0].text", message: "must be a string, not the number 42" });
    expect(issues({})[0]).toEqual({ path: "messages", message: "is required (an array)" });
    expect(issues({ messages: [], settings: { cache_messages: "2h" } })[0]!.message).toContain('"5m" or "1h"');
    expect(issues({ messages: [{ role: "system", content: [] }] })[0]!.message).toContain('"user" or "assistant"');
    expect(issues({ messages: [{ role: "user", content: [{ type: "video" }] }] })[0]!.message).toContain("unknown block type");
  });
  it("rejects a tool schema that is not a JSON object", () => {
    for (const schema of ["object", [], 3, null]) {
      const [issue] = issues({ tools: [{ name: "t", input_schema: schema }], messages: [] });
      expect(issue).toEqual({ path: "tools[0].input_schema", message: expect.stringContaining("must be a JSON object") });
    }
  });
  it("stores a JSON tool return as its compact JSON and refuses a list", () => {
    const parsed = parseExperiment({ messages: [{ role: "user", content: [{ type: "tool_result", tool_use_id: "t", content: { a: [1, 2] } }] }] });
    expect(parsed.ok && parsed.value.messages[0]!.content[0]).toEqual({ type: "tool_result", tool_use_id: "t", content: '{"a":[1,2]}' });
    expect(issues({ messages: [{ role: "user", content: [{ type: "tool_result", tool_use_id: "t", content: ["a"] }] }] })[0]).toEqual({
      path: "messages[0].content[0].content",
      message: expect.stringContaining("a list as a tool return is not supported"),
    });
  });
  it("explains a cache_point in an assistant message", () => {
    expect(issues({ messages: [{ role: "assistant", content: [{ type: "cache_point" }] }] })[0]!.message).toContain("only be placed in a user message");
  });
  it("refuses 10 MB of text with one clear sentence", () => {
    const parsed = parseExperiment({ messages: [user(text("x".repeat(10_000_000)))] });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.message).toMatch(/10\.0 MB of text; the limit is 5\.0 MB/);
  });
  it("refuses an oversized list by its length, before looking at its items (issue 8: 800,000 invalid tools cost seconds of CPU)", () => {
    const tooMany = (n: number) => Array.from({ length: n }, () => 0);
    const cases: [string, unknown, string, number][] = [
      ["tools", { tools: tooMany(800_000), messages: [] }, "tools", MAX_TOOLS],
      ["output tools", { output_tools: tooMany(MAX_TOOLS + 1), messages: [] }, "output_tools", MAX_TOOLS],
      ["messages", { messages: tooMany(MAX_MESSAGES + 1) }, "messages", MAX_MESSAGES],
      ["blocks of one message", { messages: [{ role: "user", content: tooMany(MAX_BLOCKS + 1) }] }, "messages[0].content", MAX_BLOCKS],
      ["system parts", { system: tooMany(MAX_BLOCKS + 1), messages: [] }, "system", MAX_BLOCKS],
      ["instruction parts", { semantics: "pydantic-ai@2.33", instructions: tooMany(MAX_BLOCKS + 1), messages: [] }, "instructions", MAX_BLOCKS],
    ];
    for (const [what, input, path, max] of cases) {
      const parsed = parseExperiment(input);
      if (parsed.ok) throw new Error(`${what}: expected a refusal`);
      // One issue, about the length: the invalid items were never validated one by one.
      expect(parsed.error.issues, what).toEqual([{ path, message: expect.stringMatching(new RegExp(`^holds [\\d,]+ items; at most ${max.toLocaleString("en-US")} are accepted`)) }]);
    }
    // At the limit, the items are checked as usual.
    expect(issues({ tools: tooMany(3), messages: [] })).toHaveLength(3);
  });
  it("refuses pathological nesting instead of overflowing the stack", () => {
    let deep: unknown = { type: "object" };
    for (let i = 0; i < 10_000; i++) deep = { items: deep };
    const parsed = parseExperiment({ tools: [{ name: "t", input_schema: deep }], messages: [] });
    expect(!parsed.ok && parsed.error.message).toContain("nested more than 64 levels");
  });
});

describe("parseExperimentJson", () => {
  it("reports a syntax error with line and column", () => {
    const parsed = parseExperimentJson('{\n  "messages": [\n    }\n}');
    expect(!parsed.ok && parsed.error).toMatchObject({ code: "invalid_json", message: 'The experiment is not valid JSON at line 3, column 5: unexpected "}".' });
  });
  it("parses valid text", () => {
    expect(parseExperimentJson('{"messages": []}').ok).toBe(true);
  });
});

describe("cache_point placement", () => {
  it("points at a cache_point with nothing before it in its message, while buildRequest keeps Pydantic AI's words", () => {
    const e = experiment({ messages: [user(text("a")), user(text(""), cachePoint())] });
    expect(checkCachePoints(e)).toEqual([{ path: "messages[1].content[1]", message: expect.stringContaining("a cache_point must follow a block in the same message") }]);
    const built = buildRequest(e);
    expect(!built.ok && built.error.message).toMatch(/^CachePoint cannot be the first content in a user message/);
  });
});

describe("stripCaseFields", () => {
  it("removes expected and source only", () => {
    expect(stripCaseFields({ name: "n", expected: {}, source: "s", messages: [] })).toEqual({ value: { name: "n", messages: [] }, stripped: ["expected", "source"] });
  });
});
