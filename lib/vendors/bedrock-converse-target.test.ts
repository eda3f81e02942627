// Bedrock Converse through the one entry point, buildTargetRequest (issue 13 item 1).
import { describe, expect, it } from "vitest";
import { cachePoint, experiment, text, user } from "@/lib/cache/test-factories";
import { buildTargetRequest } from "./build-target";
import { BEDROCK_CONVERSE } from "./catalog";

const DOC = "Every clause of the handbook below is needed to answer. ".repeat(200);

describe("the bedrock-converse target", () => {
  it("sends the SDK's params (modelId and the body) and measures each cachePoint against the model's minimum", () => {
    const e = experiment({ semantics: "pydantic-ai@2.33", system: [DOC], settings: { cache_instructions: true, cache_messages: true }, messages: [user(text("Short question?"))] });
    const built = buildTargetRequest(e, "bedrock-converse");
    if (!built.ok) throw new Error(built.error.message);
    const t = built.value;
    expect(t.body).toMatchObject({ modelId: "global.anthropic.claude-sonnet-4-6", system: [{ text: DOC }, { cachePoint: { type: "default" } }] });
    expect(t.breakpoints.map((b) => [b.path, b.experimentPath, b.lifetime])).toEqual([
      ["system[1]", "settings.cache_instructions", "5m"],
      ["messages[0].content[1]", "settings.cache_messages", "5m"],
    ]);
    expect(t.breakpoints[0]!.prefixTokens).toBeGreaterThan(1024);
    expect(t.breakpoints[1]!.prefixTokens).toBeGreaterThan(t.breakpoints[0]!.prefixTokens);
    expect(t.breakpoints.every((b) => b.reachesMinimum)).toBe(true);
    expect(t.minCacheableTokens).toBe(1024);
    expect(t.totalTokens).toBe(t.breakpoints[1]!.prefixTokens);
    expect(t.prices.cacheWrite).toEqual({ "5m": 3.75, "1h": 6 });
  });

  it("warns before a run that Claude refuses a 1h cachePoint after a 5m one (docs/reference/anthropic-caching.md §1.6)", () => {
    const e = experiment({ semantics: "pydantic-ai@2.33", system: [DOC], settings: { cache_instructions: "5m" }, messages: [user(text("Q"), cachePoint("1h"), text("R"))] });
    const built = buildTargetRequest(e, "bedrock-converse");
    expect(built.ok && built.value.notes).toContainEqual(expect.objectContaining({ code: "converse_ttl_order", severity: "error", path: "messages[0].content[1]" }));
  });

  it("lists every cachePoint the 4-point limit drops, with Pydantic AI's reason", () => {
    const e = experiment({
      semantics: "pydantic-ai@2.33",
      messages: [user(text("a"), cachePoint(), text("b"), cachePoint(), text("c"), cachePoint(), text("d"), cachePoint(), text("e"), cachePoint())],
    });
    const built = buildTargetRequest(e, "bedrock-converse");
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.breakpoints.filter((b) => b.written)).toHaveLength(4);
    expect(built.value.breakpoints.filter((b) => !b.written)).toEqual([expect.objectContaining({ path: null, experimentPath: "messages[0].content[1]" })]);
    expect(built.value.notes.filter((n) => n.code === "breakpoint_dropped").map((n) => n.path)).toEqual(["messages[0].content[1]"]);
  });

  it("prices Nova from the dated catalog, and an experiment's override still wins", () => {
    const e = experiment({ semantics: "pydantic-ai@2.33", model: "nova-lite", system: [DOC], settings: { cache_instructions: true }, messages: [user(text("Q"))], overrides: { prices: { output: 1 } } });
    const built = buildTargetRequest(e, "bedrock-converse");
    if (!built.ok) throw new Error(built.error.message);
    const lite = BEDROCK_CONVERSE.novaModels.find((m) => m.id === "nova-lite")!.prices.value;
    expect(built.value.prices).toMatchObject({ input: lite.input, cacheRead: lite.read, output: 1 });
    expect(built.value.minCacheableTokens).toBe(1000);
    expect(built.value.modelId).toBe("us.amazon.nova-lite-v1:0");
  });

  it("fails, as Pydantic AI does, where it raises", () => {
    const built = buildTargetRequest(experiment({ semantics: "pydantic-ai@1.74", messages: [user(cachePoint(), text("Q"))] }), "bedrock-converse");
    expect(!built.ok && built.error.code).toBe("cache_point_error");
  });
});
