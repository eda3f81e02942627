// The analysis agrees with the body and says why, in the terms of docs/reference/anthropic-caching.md §1.
import { describe, expect, it } from "vitest";
import { buildRequest } from "./build-request";
import { isBlockingFinding } from "./lint-rules";
import { costOf } from "./pricing";
import { assistant, cachePoint, experiment, text, tool, user } from "./test-factories";
import { tokens } from "./units";
import { findModel } from "./catalog";

const long = (words: number, seed = "alpha") => Array.from({ length: words }, (_, i) => `${seed}${i % 7 === 0 ? "." : ""}`).join(" ");

function analyze(input: Parameters<typeof experiment>[0], provider?: "anthropic" | "bedrock") {
  const built = buildRequest(experiment(input), provider ? { provider } : {});
  if (!built.ok) throw new Error(built.error.message);
  return built.value.analysis;
}

describe("breakpoint analysis", () => {
  it("reports a TTL-order violation with the API's message (docs/reference/anthropic-caching.md §1.6)", () => {
    const a = analyze({ settings: { cache_tool_definitions: "5m", cache_instructions: "1h" }, tools: [tool("a")], system: ["s"], messages: [user(text("q"))] });
    const finding = a.findings.find((f) => f.code === "ttl_order");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toBe(
      "system.0.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`.",
    );
  });
  it("does not report TTL order on Bedrock when ttl is omitted (everything is 5m)", () => {
    const a = analyze({ settings: { cache_tool_definitions: "5m", cache_instructions: "1h" }, tools: [tool("a")], system: ["s"], messages: [user(text("q"))] }, "bedrock");
    expect(a.findings.some((f) => f.code === "ttl_order")).toBe(false);
    expect(a.breakpoints.every((b) => b.ttl === "5m")).toBe(true);
  });
  it("compares prefix tokens with the model's minimum and honours an override", () => {
    const short = analyze({ settings: { cache_messages: true }, messages: [user(text("hello"))] });
    expect(short.breakpoints[0]).toMatchObject({ status: "kept", canCache: false, minTokens: 1024 });
    expect(short.findings.find((f) => f.code === "below_minimum")).toBeDefined();
    const overridden = analyze({ settings: { cache_messages: true }, overrides: { min_cacheable_tokens: 1 }, messages: [user(text("hello"))] });
    expect(overridden.breakpoints[0]!.canCache).toBe(true);
    const big = analyze({ settings: { cache_messages: true }, messages: [user(text(long(2000)))] });
    expect(big.breakpoints[0]!.canCache).toBe(true);
    expect(big.breakpoints[0]!.prefixTokens).toBe(big.totalTokens);
  });
  it("warns when more than 20 blocks separate a breakpoint from the previous one", () => {
    const many = Array.from({ length: 24 }, (_, i) => user(text(`turn ${i}`)));
    const a = analyze({ settings: { cache_messages: true }, messages: many });
    expect(a.breakpoints[0]!.blocksSincePrevious).toBe(24);
    expect(a.findings.find((f) => f.code === "lookback_window")?.severity).toBe("warning");
  });
  it("finds dynamic content before a breakpoint, with the matching text and its path", () => {
    const a = analyze({ settings: { cache_messages: true }, system: ["Request id 3f2b8c1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b."], messages: [user(text("q"))] });
    const finding = a.findings.find((f) => f.code === "dynamic_content");
    expect(finding).toMatchObject({ path: "system[0]", severity: "warning" });
    expect(finding?.message).toContain("3f2b8c1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
    const after = analyze({ settings: { cache_instructions: true }, system: ["static"], messages: [user(text("Today is Monday"))] });
    expect(after.findings.some((f) => f.code === "dynamic_content")).toBe(false);
  });
  it("says when a cache_point lands on an earlier block because empty text makes none", () => {
    const a = analyze({ messages: [user(text("a"), text(""), cachePoint(), text("b"))] });
    expect(a.breakpoints[0]!.landedAt!.path).toBe("messages[0].content[0]");
    expect(a.breakpoints[0]!.reason).toContain("it sits on experiment messages[0].content[0], the last block before it");
  });
  it("flags unknown and retired models", () => {
    expect(analyze({ model: "claude-x", messages: [] }).findings.some((f) => f.code === "model_unknown")).toBe(true);
    expect(analyze({ model: "claude-opus-4-1", messages: [] }).findings.some((f) => f.code === "model_retired")).toBe(true);
  });
  it("counts kept breakpoints exactly where the body has cache_control", () => {
    const built = buildRequest(experiment({ settings: { cache_messages: true }, messages: [user(text("a"), cachePoint(), text("b"), cachePoint(), text("b2"), cachePoint()), assistant(text("c")), user(text("d"), cachePoint(), text("e"), cachePoint())] }));
    if (!built.ok) throw new Error();
    const marked = built.value.analysis.positions.filter((p) => p.cacheControl).map((p) => p.path);
    const kept = built.value.analysis.breakpoints.filter((b) => b.status === "kept").map((b) => b.landedAt!.path);
    expect(kept).toEqual(marked);
    expect(built.value.analysis.findings.filter(isBlockingFinding).map((f) => f.code)).toContain("dropped_breakpoint");
  });
});

describe("cost", () => {
  it("prices usage per part", () => {
    const sonnet = findModel("claude-sonnet-4-6")!;
    const cost = costOf({ input: tokens(1_000_000), write5m: tokens(1_000_000), write1h: tokens(0), read: tokens(1_000_000), output: tokens(0) }, sonnet.prices);
    expect(cost).toBeCloseTo(3 + 3.75 + 0.3, 10);
  });
  it("makes a cached repeat cheaper than the first call once the prefix can cache", () => {
    const a = analyze({ settings: { cache_instructions: true }, system: [long(3000)], messages: [user(text("q"))] });
    expect(a.cost.cachedRepeat).toBeLessThan(a.cost.uncached);
    expect(a.cost.firstCall).toBeGreaterThan(a.cost.uncached);
  });
  it("uses price overrides", () => {
    const a = analyze({ overrides: { prices: { input: 0 } }, messages: [user(text("q"))] });
    expect(a.cost.uncached).toBe(0);
  });
});
