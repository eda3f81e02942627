// The OpenAI Responses target: each rule cites the page it comes from.
import { describe, expect, it } from "vitest";
import { buildRequest } from "@/lib/cache/build-request";
import { assistant, cachePoint, experiment, text, tool, user } from "@/lib/cache/test-factories";
import type { ExperimentInput } from "@/lib/cache/experiment-schema";
import { buildTargetRequest } from "../build-target";
import type { ResponsesBody } from "./wire";

const LONG = "The handbook says many things about caching. ".repeat(200);
const GUIDE = "https://developers.openai.com/api/docs/guides/prompt-caching";
const REFERENCE = "https://developers.openai.com/api/reference/resources/responses/methods/create";

function openai(input: ExperimentInput) {
  const built = buildTargetRequest(experiment(input), "openai");
  if (!built.ok) throw new Error(built.error.message);
  return { ...built.value, body: built.value.body as ResponsesBody, codes: built.value.notes.map((n) => n.code) };
}

describe("OpenAI Responses target", () => {
  it("moves cached instructions to a developer message: top-level instructions cannot carry a breakpoint (" + GUIDE + "#how-caching-works)", () => {
    const r = openai({ settings: { cache_instructions: true }, system: [LONG], messages: [user(text("Question?"))] });
    expect(r.body.instructions).toBeUndefined();
    expect(r.body.input[0]).toEqual({ role: "developer", content: [{ type: "input_text", text: LONG, prompt_cache_breakpoint: { mode: "explicit" } }] });
    expect(r.body.input[1]).toEqual({ role: "user", content: [{ type: "input_text", text: "Question?" }] });
    expect(r.codes).toContain("instructions_moved");
    expect(r.body.prompt_cache_options).toEqual({ mode: "implicit" });
  });

  it("sends uncached instructions as top-level instructions", () => {
    const r = openai({ system: ["Be brief.", "Be kind."], messages: [user(text("Hi"))] });
    expect(r.body.instructions).toBe("Be brief.\n\nBe kind.");
    expect(r.codes).not.toContain("instructions_moved");
  });

  it("places the implicit breakpoint at the end of the latest user message, and it takes one of the four write slots (" + REFERENCE + ")", () => {
    const r = openai({ system: [LONG], messages: [user(text("One"), cachePoint(), text("Two"), cachePoint(), text("Three"), cachePoint(), text("Four"), cachePoint(), text("Five"))] });
    const sent = r.body.input[0]!;
    expect("content" in sent && Array.isArray(sent.content) && sent.content.filter((b) => "prompt_cache_breakpoint" in b).length).toBe(4);
    const implicit = r.breakpoints.find((b) => b.origin === "implicit");
    expect(implicit?.path).toBe("input[0].content[4]");
    // Implicit mode writes the latest three explicit breakpoints; the earliest is only a lookup boundary.
    expect(r.breakpoints.filter((b) => b.origin !== "implicit").map((b) => b.written)).toEqual([false, true, true, true]);
    expect(r.codes.filter((c) => c === "breakpoint_not_written")).toHaveLength(1);
  });

  it("keeps a fifth marker the Anthropic limit drops: OpenAI accepts it and writes the latest four in explicit mode (" + REFERENCE + ")", () => {
    const r = openai({
      provider_options: { openai_cache_mode: "explicit" },
      messages: [user(text(LONG), cachePoint(), text("b"), cachePoint(), text("c"), cachePoint(), text("d"), cachePoint(), text("e"), cachePoint(), text("f"))],
    });
    expect(r.body.prompt_cache_options).toEqual({ mode: "explicit" });
    expect(r.breakpoints).toHaveLength(5);
    expect(r.breakpoints.every((b) => b.origin !== "implicit")).toBe(true);
    expect(r.breakpoints.map((b) => b.written)).toEqual([false, true, true, true, true]);
  });

  it("says that explicit mode with no breakpoint caches nothing (" + REFERENCE + ")", () => {
    const r = openai({ provider_options: { openai_cache_mode: "explicit" }, messages: [user(text(LONG))] });
    expect(r.breakpoints).toEqual([]);
    expect(r.codes).toContain("explicit_without_breakpoints");
  });

  it("maps tools to function tools and lists the tool breakpoint it cannot send", () => {
    const r = openai({ settings: { cache_tool_definitions: true }, tools: [tool("get_weather")], messages: [user(text("Hi"))] });
    expect(r.body.tools).toEqual([{ type: "function", name: "get_weather", description: "The get_weather tool.", parameters: { type: "object", properties: {} }, strict: false }]);
    const note = r.notes.find((n) => n.code === "tool_breakpoint_unsupported");
    expect(note?.path).toBe("tools[0]");
  });

  it("puts a tool result's breakpoint on its function_call_output, as the guide's multi-turn agent does (" + GUIDE + "#multi-turn-agent)", () => {
    const r = openai({
      tools: [tool("lookup")],
      messages: [
        user(text(LONG)),
        assistant({ type: "tool_use", id: "call_1", name: "lookup", input: { q: "x" } }),
        user({ type: "tool_result", tool_use_id: "call_1", tool_name: "lookup", content: "found" }, cachePoint()),
      ],
    });
    expect(r.body.input[1]).toEqual({ type: "function_call", call_id: "call_1", name: "lookup", arguments: '{"q":"x"}' });
    expect(r.body.input[2]).toEqual({ type: "function_call_output", call_id: "call_1", output: [{ type: "input_text", text: "found", prompt_cache_breakpoint: { mode: "explicit" } }] });
    expect(r.breakpoints.find((b) => b.origin !== "implicit")?.experimentPath).toBe("messages[2].content[0]");
  });

  it("lists a cache_messages breakpoint that lands on assistant output: OpenAI takes breakpoints only on input blocks", () => {
    const r = openai({ settings: { cache_messages: true }, messages: [user(text(LONG)), assistant(text("Answer"))] });
    expect(r.notes.find((n) => n.code === "assistant_breakpoint_unsupported")?.path).toBe("messages[1].content[0]");
    expect(r.body.input[1]).toEqual({ role: "assistant", content: "Answer" });
  });

  it("says that every breakpoint lives 30m, whatever TTL was asked (" + GUIDE + "#cache-lifetime)", () => {
    const r = openai({ messages: [user(text(LONG), cachePoint("1h"), text("q"))] });
    expect(r.notes.find((n) => n.code === "lifetime_30m")?.message).toContain("1h");
    expect(r.breakpoints.every((b) => b.lifetime === "30m")).toBe(true);
  });

  it("uses an OpenAI model: the experiment's Claude model is replaced and the note says so", () => {
    expect(openai({ messages: [user(text("Hi"))] }).modelId).toBe("gpt-5.6-sol");
    expect(openai({ messages: [user(text("Hi"))] }).codes).toContain("model_substituted");
    expect(openai({ model: "gpt-5.6-luna", messages: [user(text("Hi"))] }).body.model).toBe("gpt-5.6-luna");
  });

  it("prices writes at 1.25× and reads at 0.1× of the uncached input rate (" + GUIDE + "#how-caching-works)", () => {
    const { prices } = openai({ model: "gpt-5.6-terra", messages: [user(text("Hi"))] });
    expect(prices.cacheWrite["30m"]).toBeCloseTo(prices.input * 1.25, 10);
    expect(prices.cacheRead).toBeCloseTo(prices.input * 0.1, 10);
  });

  it("judges the 1,024-token minimum on the prefix up to each breakpoint (" + GUIDE + "#how-caching-works)", () => {
    const r = openai({ messages: [user(text("short"), cachePoint(), text(LONG))] });
    const [explicit, implicit] = r.breakpoints;
    expect(r.minCacheableTokens).toBe(1024);
    expect(explicit?.reachesMinimum).toBe(false);
    expect(implicit?.reachesMinimum).toBe(true);
  });
});

describe("Claude surfaces as targets", () => {
  it("are buildRequest's body, unchanged", () => {
    const e = experiment({ settings: { cache_instructions: "1h" }, system: [LONG], messages: [user(text("Hi"))] });
    for (const provider of ["anthropic", "bedrock", "vertex", "foundry"] as const) {
      const target = buildTargetRequest(e, provider);
      const direct = buildRequest(e, { provider });
      expect(target.ok && direct.ok && target.value.body).toEqual(direct.ok ? direct.value.body : null);
    }
    const anthropic = buildTargetRequest(e, "anthropic");
    expect(anthropic.ok && anthropic.value.breakpoints).toEqual([
      expect.objectContaining({ path: "system[0]", origin: "settings.cache_instructions", lifetime: "1h", written: true }),
    ]);
  });
});
