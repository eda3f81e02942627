import { describe, expect, it } from "vitest";
import { findModel, tokenModelFor } from "@/lib/cache/catalog";
import { flattenPrefix } from "@/lib/cache/prefix";
import { DEFAULT_ENGINE_OPTIONS } from "./engine";
import { readCacheTrace } from "./trace";
import { EngineHarness, MIN, T0, blocksBody, paragraph } from "./test-factories";
import type { MessageResponse } from "./types";

const cumulative = (body: Record<string, unknown>, block: number) =>
  flattenPrefix(body as never)[block - 1]!.cumulativeTokens as number;
const total = (body: Record<string, unknown>) => {
  const p = flattenPrefix(body as never);
  return p[p.length - 1]!.cumulativeTokens as number;
};
const inputSum = (m: MessageResponse) => m.usage.input_tokens + m.usage.cache_creation_input_tokens + m.usage.cache_read_input_tokens;

describe("the docs' lookback example (docs/reference/anthropic-caching.md §1.4)", () => {
  it("turn 2 reads the entry at block 10 although block 10 no longer carries the marker; turn 3 misses by one position", () => {
    const h = new EngineHarness();
    const turn1 = blocksBody(10, { marks: { 10: true } });
    const first = h.message(turn1, T0);
    expect(first.message.usage.cache_read_input_tokens).toBe(0);
    expect(first.message.usage.cache_creation_input_tokens).toBe(cumulative(turn1, 10));
    expect(first.trace.writes.map((w) => w.position)).toEqual([9]);

    const turn2 = blocksBody(15, { marks: { 15: true } });
    const second = h.message(turn2, T0 + MIN);
    expect(second.trace.read?.position).toBe(9);
    expect(second.message.usage.cache_read_input_tokens).toBe(cumulative(turn2, 10));
    expect(second.message.usage.cache_creation_input_tokens).toBe(cumulative(turn2, 15) - cumulative(turn2, 10));
    expect(second.message.usage.input_tokens).toBe(0);

    const turn3 = blocksBody(35, { marks: { 35: true } });
    const third = h.message(turn3, T0 + 2 * MIN);
    expect(third.message.usage.cache_read_input_tokens).toBe(0);
    expect(third.trace.breakpoints[0]!.lookback).toEqual({ from: 15, to: 34 });
    expect(third.trace.breakpoints[0]!.missReason).toBe("outside_lookback");
    expect(third.trace.breakpoints[0]!.missedEntryPosition).toBe(14);
    expect(third.message.usage.cache_creation_input_tokens).toBe(total(turn3));
  });

  it("a second breakpoint at block 15 would have found the entry", () => {
    const h = new EngineHarness();
    h.message(blocksBody(10, { marks: { 10: true } }), T0);
    h.message(blocksBody(15, { marks: { 15: true } }), T0 + MIN);
    const turn3 = blocksBody(35, { marks: { 15: true, 35: true } });
    const third = h.message(turn3, T0 + 2 * MIN);
    expect(third.trace.read?.position).toBe(14);
    expect(third.message.usage.cache_read_input_tokens).toBe(cumulative(turn3, 15));
    expect(third.message.usage.cache_creation_input_tokens).toBe(total(turn3) - cumulative(turn3, 15));
  });

  it("the window is exactly 20 positions, the breakpoint counting as the first", () => {
    const h = new EngineHarness();
    h.message(blocksBody(10, { marks: { 10: true } }), T0);
    // Breakpoint at 29: checks 29…10, so position 10 (index 9) is the 20th and is found.
    expect(h.message(blocksBody(29, { marks: { 29: true } }), T0 + MIN).trace.read?.position).toBe(9);
    const h2 = new EngineHarness();
    h2.message(blocksBody(10, { marks: { 10: true } }), T0);
    expect(h2.message(blocksBody(30, { marks: { 30: true } }), T0 + MIN).trace.read).toBeNull();
  });
});

describe("writes and prefixes", () => {
  it("writes only at breakpoints: an earlier position has no entry of its own", () => {
    const h = new EngineHarness();
    h.message(blocksBody(10, { marks: { 10: true } }), T0);
    const shorter = h.message(blocksBody(5, { marks: { 5: true } }), T0 + MIN);
    expect(shorter.message.usage.cache_read_input_tokens).toBe(0);
    expect(shorter.trace.breakpoints[0]!.missReason).toBe("no_entry");
  });

  it("a change in an early block invalidates every breakpoint after it", () => {
    const h = new EngineHarness();
    const body = blocksBody(10, { marks: { 5: true, 10: true } });
    h.message(body, T0);
    const changed = structuredClone(body) as { messages: { content: { text: string }[] }[] };
    changed.messages[0]!.content[2]!.text += " changed";
    const again = h.message(changed, T0 + MIN);
    expect(again.message.usage.cache_read_input_tokens).toBe(0);
    expect(again.trace.writes).toHaveLength(2);
  });

  it("a breakpoint inside the prefix that was read still gets its entry, free of charge", () => {
    const h = new EngineHarness();
    h.message(blocksBody(10, { marks: { 10: true } }), T0);
    const second = h.message(blocksBody(10, { marks: { 5: true, 10: true } }), T0 + MIN);
    expect(second.trace.read?.position).toBe(9);
    expect(second.message.usage.cache_creation_input_tokens).toBe(0);
    expect(second.trace.writes).toMatchObject([{ position: 4, tokens: 0 }]);
    const changed = blocksBody(10, { marks: { 5: true, 10: true } }) as { messages: { content: { text: string }[] }[] };
    changed.messages[0]!.content[6]!.text = paragraph("changed");
    expect(h.message(changed, T0 + 2 * MIN).trace.read?.position).toBe(4);
  });

  it("moving a marker does not change the prefix hash", () => {
    const h = new EngineHarness();
    h.message(blocksBody(12, { marks: { 12: true } }), T0);
    const moved = h.message(blocksBody(12, { marks: { 6: true, 12: true } }), T0 + MIN);
    expect(moved.trace.read?.position).toBe(11);
    expect(moved.message.usage.cache_creation_input_tokens).toBe(0);
  });

  it("tools → system → messages: a tool change invalidates everything, a message change only the messages", () => {
    const h = new EngineHarness();
    const body = (tool: string, sys: string, msg: string) => ({
      model: "claude-sonnet-4-6",
      max_tokens: 10,
      tools: [{ name: tool, description: paragraph("tool"), input_schema: { type: "object" }, cache_control: { type: "ephemeral" } }],
      system: [{ type: "text", text: paragraph(sys), cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: [{ type: "text", text: paragraph(msg), cache_control: { type: "ephemeral" } }] }],
    });
    h.message(body("t", "s", "m"), T0);
    expect(h.message(body("t", "s", "m2"), T0 + MIN).trace.read?.position).toBe(1);
    expect(h.message(body("t", "s2", "m"), T0 + 2 * MIN).trace.read?.position).toBe(0);
    expect(h.message(body("t2", "s", "m"), T0 + 3 * MIN).trace.read).toBeNull();
  });

  it("tool_choice changes the messages-level cache only (docs/reference/anthropic-caching.md §1.7)", () => {
    const h = new EngineHarness();
    const body = {
      model: "claude-sonnet-4-6",
      max_tokens: 10,
      system: [{ type: "text", text: paragraph("sys"), cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: [{ type: "text", text: paragraph("m"), cache_control: { type: "ephemeral" } }] }],
    };
    h.message(body, T0);
    const withChoice = h.message({ ...body, tool_choice: { type: "auto" } }, T0 + MIN);
    expect(withChoice.trace.read?.position).toBe(0);
  });
});

describe("usage (docs/reference/anthropic-caching.md §1.6, §3)", () => {
  it("input + creation + read equals count_tokens for the same request, on a write and on a read", () => {
    const h = new EngineHarness();
    const body = blocksBody(8, { marks: { 4: "1h", 6: true } });
    const count = h.count(body);
    const write = h.message(body, T0);
    const read = h.message(body, T0 + MIN);
    expect(inputSum(write.message)).toBe(count);
    expect(inputSum(read.message)).toBe(count);
    expect(read.message.usage.input_tokens).toBe(count - cumulative(body, 6));
    expect(write.message.usage.cache_creation.ephemeral_1h_input_tokens).toBe(cumulative(body, 4));
    expect(write.message.usage.cache_creation.ephemeral_5m_input_tokens).toBe(cumulative(body, 6) - cumulative(body, 4));
  });

  it("the mixed-TTL rule: 1h pays B−A, 5m pays C−B, the hit A is read", () => {
    const h = new EngineHarness();
    const turn1 = blocksBody(6, { marks: { 2: "1h", 4: "1h", 6: "5m" } });
    h.message(turn1, T0);
    // Block 3 changes: the 1h entry at 2 is the hit (A), 4 is rewritten at 1h (B), 6 at 5m (C).
    const turn2 = blocksBody(6, { marks: { 2: "1h", 4: "1h", 6: "5m" } }) as { messages: { content: { text: string }[] }[] };
    turn2.messages[0]!.content[2]!.text = paragraph("other");
    const m = h.message(turn2, T0 + MIN).message;
    const [a, b, c] = [cumulative(turn2 as never, 2), cumulative(turn2 as never, 4), cumulative(turn2 as never, 6)];
    expect(m.usage.cache_read_input_tokens).toBe(a);
    expect(m.usage.cache_creation.ephemeral_1h_input_tokens).toBe(b - a);
    expect(m.usage.cache_creation.ephemeral_5m_input_tokens).toBe(c - b);
    expect(m.usage.cache_creation_input_tokens).toBe(c - a);
  });

  it("the docs' 1h example shape: every field present, cache_creation sums to cache_creation_input_tokens", () => {
    const h = new EngineHarness();
    const m = h.message(blocksBody(3, { marks: { 1: "1h", 3: "5m" } }), T0).message;
    expect(Object.keys(m.usage)).toEqual([
      "input_tokens",
      "cache_creation_input_tokens",
      "cache_read_input_tokens",
      "cache_creation",
      "output_tokens",
      "service_tier",
    ]);
    expect(m.usage.cache_creation.ephemeral_1h_input_tokens + m.usage.cache_creation.ephemeral_5m_input_tokens).toBe(
      m.usage.cache_creation_input_tokens,
    );
  });

  it("no breakpoints: everything is input_tokens and both counters are 0", () => {
    const h = new EngineHarness();
    const body = blocksBody(3);
    const m = h.message(body, T0);
    expect(m.message.usage).toMatchObject({ input_tokens: total(body), cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    expect(m.trace.notCachedReason).toBe("no_breakpoints");
  });
});

describe("minimum cacheable length (docs/reference/anthropic-caching.md §1.5)", () => {
  const catalogMinimum = new EngineHarness(DEFAULT_ENGINE_OPTIONS);

  it("below the model's minimum: 200, both cache counters 0, all input in input_tokens", () => {
    const body = blocksBody(2, { marks: { 2: true } }); // ≈130 tokens, Sonnet 4.6 needs 1,024
    const m = catalogMinimum.message(body, T0);
    expect(m.message.usage.cache_creation_input_tokens).toBe(0);
    expect(m.message.usage.cache_read_input_tokens).toBe(0);
    expect(m.message.usage.input_tokens).toBe(total(body));
    expect(m.trace.notCachedReason).toBe("below_minimum");
    expect(m.trace.minimumTokens).toBe(1024);
  });

  it("the minimum is checked on the cumulative prefix at each breakpoint: a short first breakpoint is skipped, the later one caches it all", () => {
    const h = new EngineHarness(DEFAULT_ENGINE_OPTIONS);
    const body = blocksBody(20, { marks: { 2: true, 20: true } });
    expect(cumulative(body, 2)).toBeLessThan(1024);
    expect(cumulative(body, 20)).toBeGreaterThanOrEqual(1024);
    const m = h.message(body, T0);
    expect(m.trace.breakpoints.map((b) => b.eligible)).toEqual([false, true]);
    expect(m.message.usage.cache_creation_input_tokens).toBe(cumulative(body, 20));
    expect(m.trace.writes.map((w) => w.position)).toEqual([19]);
  });

  it("minimums are per model: Opus 5 caches at 512", () => {
    const h = new EngineHarness(DEFAULT_ENGINE_OPTIONS);
    const body = { ...blocksBody(10, { marks: { 10: true } }), model: "claude-opus-5" };
    // Opus 5 counts on the newer tokenizer (~30% more tokens than Sonnet 4.6's, the estimate's base).
    const opusTokens = flattenPrefix(body as never, "", { tokens: tokenModelFor(findModel("claude-opus-5")) })[9]!.cumulativeTokens as number;
    expect(opusTokens).toBeGreaterThan(512);
    expect(cumulative(body, 10)).toBeLessThan(1024);
    expect(opusTokens).toBeLessThan(1024);
    expect(h.message(body, T0).message.usage.cache_creation_input_tokens).toBe(opusTokens);
    expect(h.message({ ...body, model: "claude-sonnet-4-6" }, T0).message.usage.cache_creation_input_tokens).toBe(0);
  });
});

describe("TTL (docs/reference/anthropic-caching.md §1.6)", () => {
  it("5m from the start of the request, refreshed by each hit", () => {
    const h = new EngineHarness();
    const body = blocksBody(4, { marks: { 4: true } });
    h.message(body, T0);
    expect(h.message(body, T0 + 4 * MIN).message.usage.cache_read_input_tokens).toBeGreaterThan(0);
    // Refreshed at T0+4m: still live at T0+8m59s.
    expect(h.message(body, T0 + 8 * MIN + 59_000).message.usage.cache_read_input_tokens).toBeGreaterThan(0);
    const late = h.message(body, T0 + 8 * MIN + 59_000 + 5 * MIN);
    expect(late.message.usage.cache_read_input_tokens).toBe(0);
    expect(late.trace.breakpoints[0]!.missReason).toBe("expired");
  });

  it("1h entries outlive 5m ones", () => {
    const h = new EngineHarness();
    h.message(blocksBody(4, { marks: { 2: "1h", 4: "5m" } }), T0);
    const later = h.message(blocksBody(4, { marks: { 2: "1h", 4: "5m" } }), T0 + 30 * MIN);
    expect(later.trace.read?.position).toBe(1);
    expect(h.cache.live(T0 + 30 * MIN).map((e) => e.ttl).sort()).toEqual(["1h", "5m"]);
  });

  it("entries expose what the inspector shows", () => {
    const h = new EngineHarness();
    h.message(blocksBody(4, { marks: { 4: true } }), T0);
    h.message(blocksBody(4, { marks: { 4: true } }), T0 + MIN);
    const [entry] = h.cache.live(T0 + MIN);
    expect(entry).toMatchObject({ scope: "scope-a", model: "claude-sonnet-4-6", position: 3, path: "messages.0.content.3", ttl: "5m", hits: 1, createdAt: T0 });
    expect(entry!.expiresAt).toBe(T0 + 6 * MIN);
  });
});

describe("isolation (docs/reference/anthropic-caching.md §1.2, §1.8)", () => {
  it("by scope", () => {
    const h = new EngineHarness();
    const body = blocksBody(4, { marks: { 4: true } });
    h.message(body, T0);
    const other = h.message(body, T0 + MIN, { scope: "scope-b" });
    expect(other.message.usage.cache_read_input_tokens).toBe(0);
    expect(other.trace.breakpoints[0]!.missReason).toBe("other_scope");
    expect(h.message(body, T0 + MIN).message.usage.cache_read_input_tokens).toBeGreaterThan(0);
  });

  it("by model, while a dated snapshot shares its alias's cache", () => {
    const h = new EngineHarness();
    const body = { ...blocksBody(4, { marks: { 4: true } }), model: "claude-sonnet-4-5" };
    h.message(body, T0);
    const opus = h.message({ ...body, model: "claude-opus-4-5" }, T0 + MIN);
    expect(opus.message.usage.cache_read_input_tokens).toBe(0);
    expect(opus.trace.breakpoints[0]!.missReason).toBe("other_model");
    expect(h.message({ ...body, model: "claude-sonnet-4-5-20250929" }, T0 + MIN).message.usage.cache_read_input_tokens).toBeGreaterThan(0);
  });
});

describe("concurrency (docs/reference/anthropic-caching.md §1.9)", () => {
  it("a request that starts before the writer's response begins cannot read; both write", () => {
    const h = new EngineHarness();
    const body = blocksBody(4, { marks: { 4: true } });
    const a = h.message(body, T0);
    expect(a.trace.latency.ttftMs).toBeGreaterThan(100);
    const b = h.message(body, T0 + 100);
    expect(b.message.usage.cache_read_input_tokens).toBe(0);
    expect(b.message.usage.cache_creation_input_tokens).toBe(a.message.usage.cache_creation_input_tokens);
    expect(b.trace.breakpoints[0]!.missReason).toBe("not_yet_visible");
    const c = h.message(body, T0 + a.trace.latency.ttftMs);
    expect(c.message.usage.cache_read_input_tokens).toBeGreaterThan(0);
  });

  it("a response that begins makes the entry visible from that moment", () => {
    const h = new EngineHarness();
    const body = blocksBody(4, { marks: { 4: true } });
    const a = h.message(body, T0);
    h.cache.markBegun(a.requestId, T0 + 5);
    expect(h.message(body, T0 + 4).message.usage.cache_read_input_tokens).toBe(0);
    expect(h.message(body, T0 + 6).message.usage.cache_read_input_tokens).toBeGreaterThan(0);
  });
});

describe("the reply", () => {
  it("acknowledges the last user text with output_tokens from the estimator, deterministically", () => {
    const h = new EngineHarness();
    const body = { model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content: "What is a prompt cache?" }] };
    const a = h.message(body, T0).message;
    const b = new EngineHarness().message(body, T0).message;
    expect(a.content[0]).toMatchObject({ type: "text", text: expect.stringContaining("What is a prompt cache?") });
    expect(a).toEqual(b);
    expect(a.stop_reason).toBe("end_turn");
    expect(a.id).toMatch(/^msg_01/);
    expect(a.usage.output_tokens).toBeGreaterThan(0);
  });

  it("a forced tool_choice answers with a tool_use block whose input fills the required fields", () => {
    const tools = [
      { name: "search", description: "Search", input_schema: { type: "object", properties: { q: { type: "string" }, n: { type: "integer" } }, required: ["q", "n"] } },
      { name: "final_result", description: "Answer", input_schema: { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] } },
    ];
    const h = new EngineHarness();
    const body = { model: "claude-sonnet-4-6", max_tokens: 100, tools, messages: [{ role: "user", content: "go" }] };
    const forced = h.message({ ...body, tool_choice: { type: "tool", name: "final_result" } }, T0).message;
    expect(forced.stop_reason).toBe("tool_use");
    expect(forced.content).toEqual([{ type: "tool_use", id: expect.stringMatching(/^toolu_01/), name: "final_result", input: { ok: false } }]);
    const any = h.message({ ...body, tool_choice: { type: "any" } }, T0).message;
    expect(any.content[0]).toMatchObject({ type: "tool_use", name: "search", input: { q: "", n: 0 } });
    expect(h.message({ ...body, tool_choice: { type: "auto" } }, T0).message.content[0]!.type).toBe("text");
    expect(h.error({ ...body, tool_choice: { type: "tool", name: "nope" } }).status).toBe(400);
  });

  it("stops at max_tokens", () => {
    const m = new EngineHarness().message({ model: "claude-sonnet-4-6", max_tokens: 3, messages: [{ role: "user", content: "Hello there, friend" }] }, T0).message;
    expect(m.stop_reason).toBe("max_tokens");
    expect(m.usage.output_tokens).toBeLessThanOrEqual(3);
  });

  it("max_tokens: 0 pre-warms the cache: no content, stop_reason max_tokens, full usage (docs/reference/anthropic-caching.md §1.11)", () => {
    const h = new EngineHarness();
    const body = { ...blocksBody(4, { marks: { 4: true } }), max_tokens: 0 };
    const warm = h.message(body, T0).message;
    expect(warm.content).toEqual([]);
    expect(warm.stop_reason).toBe("max_tokens");
    expect(warm.usage.output_tokens).toBe(0);
    expect(warm.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(h.message({ ...body, max_tokens: 50 }, T0 + MIN).message.usage.cache_read_input_tokens).toBe(warm.usage.cache_creation_input_tokens);
  });

  it("ids per provider", () => {
    const h = new EngineHarness();
    const body = blocksBody(1);
    const bedrock = { ...body, anthropic_version: "bedrock-2023-05-31" };
    expect(h.message(bedrock, T0, { provider: "bedrock", modelFromPath: "global.anthropic.claude-sonnet-4-6" }).message.id).toMatch(/^msg_bdrk_/);
    const vertex = { ...body, anthropic_version: "vertex-2023-10-16" };
    expect(h.message(vertex, T0, { provider: "vertex", modelFromPath: "claude-sonnet-4-6" }).message.id).toMatch(/^msg_vrtx_/);
    expect(h.message(body, T0).requestId).toMatch(/^req_emu_/);
  });
});

describe("automatic caching (docs/reference/anthropic-caching.md §1.1)", () => {
  it("the top-level cache_control marks the last block and counts toward the four", () => {
    const h = new EngineHarness();
    const body = { ...blocksBody(6), cache_control: { type: "ephemeral" } };
    const first = h.message(body, T0);
    expect(first.trace.breakpoints).toMatchObject([{ position: 5, automatic: true }]);
    const grown = { ...blocksBody(8), cache_control: { type: "ephemeral" } };
    expect(h.message(grown, T0 + MIN).trace.read?.position).toBe(5);
    const err = h.error({ ...blocksBody(6, { marks: { 1: true, 2: true, 3: true, 4: true } }), cache_control: { type: "ephemeral" } });
    expect(err.message).toBe("A maximum of 4 blocks with cache_control may be provided. Found 5.");
  });
});

describe("latency", () => {
  it("a hit has a shorter modelled time to first token than the write", () => {
    const h = new EngineHarness();
    const body = blocksBody(40, { marks: { 40: true }, words: 200 });
    const write = h.message(body, T0);
    const read = h.message(body, T0 + MIN);
    expect(read.trace.latency.ttftMs).toBeLessThan(write.trace.latency.ttftMs);
    expect(write.trace.latency.durationMs).toBeGreaterThan(write.trace.latency.ttftMs);
  });
});

describe("string content", () => {
  it("a string message and the same text as one block are the same prefix (the API converts one into the other)", () => {
    const h = new EngineHarness();
    const sys = [{ type: "text", text: paragraph("sys"), cache_control: { type: "ephemeral" } }];
    const asString = { model: "claude-sonnet-4-6", max_tokens: 10, system: sys, messages: [{ role: "user", content: "Hello" }, { role: "assistant", content: "Hi" }, { role: "user", content: [{ type: "text", text: "More", cache_control: { type: "ephemeral" } }] }] };
    const asBlocks = { ...asString, messages: [{ role: "user", content: [{ type: "text", text: "Hello" }] }, { role: "assistant", content: [{ type: "text", text: "Hi" }] }, asString.messages[2]] };
    const first = h.message(asString, T0);
    const second = h.message(asBlocks, T0 + MIN);
    expect(second.message.usage.cache_read_input_tokens).toBe(first.message.usage.cache_creation_input_tokens);
    expect(second.message.usage.input_tokens).toBe(first.message.usage.input_tokens);
  });
});

describe("the trace is a typed JSON value", () => {
  it("survives a JSON round trip as a CacheTrace; anything else reads as undefined", () => {
    const h = new EngineHarness();
    const body = blocksBody(4, { marks: { 2: "1h", 4: true } });
    h.message(body, T0);
    const { trace } = h.message(blocksBody(6, { marks: { 2: "1h", 6: true } }), T0 + MIN);
    const stored: unknown = JSON.parse(JSON.stringify(trace));
    expect(readCacheTrace(stored)).toEqual(trace);
    expect(readCacheTrace({ ...trace, breakpoints: [{ ...trace.breakpoints[0], missReason: "gone" }] })).toBeUndefined();
    expect(readCacheTrace({ writes: [] })).toBeUndefined();
    expect(readCacheTrace(null)).toBeUndefined();
  });
});
