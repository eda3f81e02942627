// The Gemini explicit-caching lane (issue 13.1) through the one entry point, buildTargetRequest, and its
// lifecycle model. Rules, as the catalog cites them (lib/vendors/catalog.ts GEMINI):
//   CACHING = https://ai.google.dev/gemini-api/docs/caching: the cache object holds system instruction, tools and
//             contents with a ttl (default 1 h); storage "billed based on the TTL duration of cached token count";
//             a request naming cached content may not set system instruction or tools (400); implicit caching has
//             "no cost saving guarantee".
//   VERTEX  = the Vertex overview: creation "at the standard input token price"; cached tokens 90% off.
import { describe, expect, it } from "vitest";
import { assistant, cachePoint, experiment, text, tool, user } from "@/lib/cache/test-factories";
import { tokens, usdPerMTok } from "@/lib/cache/units";
import { buildTargetRequest } from "./build-target";
import { GEMINI, findGeminiModel } from "./catalog";
import { geminiLifecycle } from "./gemini-lifecycle";
import { type GeminiBody, GEMINI_CACHE_NAME_PLACEHOLDER } from "./gemini-wire";
import { estimateTargetCost, estimateTargetUsage, targetProblems } from "./target-analysis";
import type { TargetRequest } from "./targets";
import { normalizedCost } from "./usage";

const DOC = "Every clause of the handbook below is needed to answer. ".repeat(400);

function build(input: Parameters<typeof experiment>[0], model?: string): TargetRequest {
  const built = buildTargetRequest(experiment({ semantics: "pydantic-ai@2.33", model: "gemini-2.5-flash", ...input }), "gemini", model ? { model } : {});
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}
const codes = (t: TargetRequest) => t.notes.map((n) => n.code);

describe("the gemini target: the stable prefix as one cache object", () => {
  it("puts system instruction, tools and the contents up to the furthest breakpoint in caches.create, and names it in generateContent (CACHING)", () => {
    const t = build({
      system: [DOC],
      tools: [tool("lookup")],
      settings: { cache_instructions: true },
      messages: [user(text("Where is O-1?"), cachePoint(), text("And O-2?"))],
    });
    const body = t.body as GeminiBody;
    expect(body.createCache).toEqual({
      model: "gemini-2.5-flash",
      config: {
        systemInstruction: { parts: [{ text: DOC }] },
        tools: [{ functionDeclarations: [{ name: "lookup", description: "The lookup tool.", parametersJsonSchema: { type: "object", properties: {} } }] }],
        contents: [{ role: "user", parts: [{ text: "Where is O-1?" }] }],
        ttl: "300s",
      },
    });
    // The request names the cache and sends neither system instruction nor tools: Gemini answers 400 otherwise.
    expect(body.generateContent).toEqual({
      model: "gemini-2.5-flash",
      contents: [{ role: "user", parts: [{ text: "And O-2?" }] }],
      config: { cachedContent: GEMINI_CACHE_NAME_PLACEHOLDER, maxOutputTokens: 4096 },
    });
    expect(codes(t)).toContain("gemini_message_split");
    expect(t.breakpoints).toHaveLength(1);
    expect(t.breakpoints[0]).toMatchObject({ path: "createCache.config.contents[0]", origin: "the cache_point at messages[0].content[1]", lifetime: "5m", written: true, reachesMinimum: true });
    expect(t.cacheObject).toEqual({ tokens: t.breakpoints[0]!.prefixTokens, ttlSeconds: 300 });
    expect(t.totalTokens).toBeGreaterThan(t.cacheObject!.tokens);
  });

  it("maps a 1h TTL to ttl 3600s and keeps the last turn in the request when cache_messages ends the prompt", () => {
    const t = build({
      system: [DOC],
      settings: { cache_messages: "1h" },
      messages: [user(text("Where is O-1?")), assistant(text("Shipped.")), user(text("And O-2?"))],
    });
    const body = t.body as GeminiBody;
    expect(body.createCache!.config.ttl).toBe("3600s");
    expect(body.createCache!.config.contents).toEqual([
      { role: "user", parts: [{ text: "Where is O-1?" }] },
      { role: "model", parts: [{ text: "Shipped." }] },
    ]);
    expect(body.generateContent.contents).toEqual([{ role: "user", parts: [{ text: "And O-2?" }] }]);
    expect(t.notes).toContainEqual(expect.objectContaining({ code: "gemini_last_turn_in_request", path: "messages[2].content[0]" }));
    expect(t.cacheObject!.ttlSeconds).toBe(3600);
  });

  it("lists every earlier breakpoint as covered by the one object, with the TTL it loses, never silently (one cache per request)", () => {
    const t = build({ system: [DOC], settings: { cache_instructions: "1h" }, messages: [user(text("Q"), cachePoint(), text("R"))] });
    const one = t.notes.filter((n) => n.code === "gemini_one_cache_object");
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ severity: "warning", path: "system[0]" });
    expect(one[0]!.message).toContain("its 1h ttl is not sent");
  });

  it("says a cache below the model's minimum is refused by caches.create, in Gemini's words, and lint fails on it", () => {
    const t = build({ system: ["Short."], settings: { cache_instructions: true }, messages: [user(text("Q"))] });
    const note = t.notes.find((n) => n.code === "gemini_cache_too_small");
    expect(note?.message).toMatch(/Cached content is too small\. total_token_count=\d+, min_total_token_count=2048/);
    expect(t.minCacheableTokens).toBe(findGeminiModel("gemini-2.5-flash")!.minCacheableTokens.value);
    expect(targetProblems(t).map((p) => p.message)).toEqual([expect.stringContaining("below the 2048-token minimum")]);
    // Nothing can be created, so the estimate bills everything as uncached.
    const cost = estimateTargetCost(t);
    expect(cost.firstCall).toBe(cost.uncached);
  });

  it("without a breakpoint sends system instruction and tools inline and shows implicit caching as possible, not promised", () => {
    const t = build({ system: [DOC], tools: [tool("lookup")], messages: [user(text("Q"))] });
    const body = t.body as GeminiBody;
    expect(body.createCache).toBeNull();
    expect(body.generateContent.config).toMatchObject({ systemInstruction: { parts: [{ text: DOC }] }, tools: [{ functionDeclarations: [{ name: "lookup" }] }] });
    expect(body.generateContent.config.cachedContent).toBeUndefined();
    const implicit = t.notes.find((n) => n.code === "gemini_implicit_possible");
    expect(implicit?.message).toContain("possible, not promised");
    expect(t.breakpoints).toEqual([]);
    expect(t.cacheObject).toBeUndefined();
    expect(estimateTargetCost(t).cachedRepeat).toBe(estimateTargetCost(t).uncached);
  });

  it("turns automatic caching into a note about implicit caching, and tool calls into functionCall / functionResponse", () => {
    const t = build({
      semantics: "pydantic-ai@2.33",
      tools: [tool("lookup")],
      settings: { cache: true },
      messages: [
        user(text("Where is O-1?")),
        assistant({ type: "tool_use", id: "t1", name: "lookup", input: { id: "O-1" } }),
        user({ type: "tool_result", tool_use_id: "t1", content: "shipped" }),
      ],
    });
    expect(codes(t)).toContain("automatic_is_implicit");
    const body = t.body as GeminiBody;
    expect(body.createCache).toBeNull();
    expect(body.generateContent.contents).toEqual([
      { role: "user", parts: [{ text: "Where is O-1?" }] },
      { role: "model", parts: [{ functionCall: { id: "t1", name: "lookup", args: { id: "O-1" } } }] },
      { role: "user", parts: [{ functionResponse: { id: "t1", name: "lookup", response: { result: "shipped" } } }] },
    ]);
  });

  it("lists what Gemini cannot express: the memory builtin, a thinking block, a Claude model name", () => {
    const t = build({
      model: "claude-sonnet-4-6",
      tools: [tool("memory")],
      builtin_tools: ["web_search", "memory"],
      messages: [user(text("Q")), assistant({ type: "thinking", thinking: "hmm", signature: "sig" }, text("A")), user(text("R"))],
    });
    expect(t.notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "model_substituted", path: "model" }),
        expect.objectContaining({ code: "builtin_unsupported", path: "builtin_tools" }),
        expect.objectContaining({ code: "block_unsupported", path: "messages[1].content[0]" }),
      ]),
    );
    expect((t.body as GeminiBody).generateContent.config.tools).toEqual([{ googleSearch: {} }]);
    expect(t.modelId).toBe(GEMINI.defaultModel);
  });
});

describe("the gemini cost lane: creation, storage per token-hour, discounted reads", () => {
  it("bills the first call for creation at the input price, a read, and storage for the whole ttl; a repeat only reads (CACHING, VERTEX)", () => {
    const t = build({ system: [DOC], settings: { cache_instructions: "1h" }, messages: [user(text("Q"))] });
    const n = t.cacheObject!.tokens;
    const usage = estimateTargetUsage(t);
    expect(usage.firstCall).toMatchObject({ cacheRead: n, cacheWrite: { "1h": n }, storageTokenHours: n });
    expect(usage.cachedRepeat).toMatchObject({ cacheRead: n, cacheWrite: {} });
    expect(usage.cachedRepeat.storageTokenHours).toBeUndefined();
    const flash = findGeminiModel("gemini-2.5-flash")!.prices.value;
    expect(t.prices).toEqual({ input: flash.input, cacheRead: flash.cached, cacheWrite: { "5m": flash.input, "1h": flash.input }, storagePerHour: flash.storagePerHour, output: flash.output });
    const lines = normalizedCost(usage.firstCall, t.prices).lines.map((l) => l.label);
    expect(lines).toEqual(["uncached input", "cache read", "cache write (1h)", "storage", "output"]);
    // Reads are 90% off (GEMINI.readDiscount), so a repeat costs less than no caching.
    expect(flash.cached).toBeCloseTo(flash.input * (1 - GEMINI.readDiscount.value), 10);
    const cost = estimateTargetCost(t);
    expect(cost.cachedRepeat).toBeLessThan(cost.uncached);
    expect(cost.firstCall).toBeGreaterThan(cost.uncached);
  });

  it("re-creates the object after its ttl (a read does not extend it) and bills storage per object held", () => {
    const prices = { input: usdPerMTok(1), cacheRead: usdPerMTok(0.1), cacheWrite: { "5m": usdPerMTok(1), "1h": usdPerMTok(1) }, storagePerHour: usdPerMTok(4), output: usdPerMTok(0) };
    const life = geminiLifecycle({ cacheTokens: tokens(1_000_000), restTokens: tokens(0), minimum: tokens(2048), ttlSeconds: 300, runTimes: [0, 120, 240, 360], prices });
    // Runs at 0, 2, 4 min share one object; at 6 min it has expired (created 0 + 300 s), though read at 4 min.
    expect(life.runs.map((r) => r.created)).toEqual([true, false, false, true]);
    expect(life.objects).toEqual([
      { createdAt: 0, endsAt: 300 },
      { createdAt: 360, endsAt: 660 },
    ]);
    // 1M tokens × 2 objects × 5 min = 1M × 10/60 token-hours, at $4 per 1M per hour.
    expect(life.storageCost).toBeCloseTo((4 * 10) / 60, 10);
    // A creating run: $1 creation + $0.10 read; a reading run: $0.10.
    expect(life.runs.map((r) => r.cost)).toEqual([1.1, 0.1, 0.1, 1.1]);
    expect(life.total).toBeCloseTo(2.4 + (4 * 10) / 60, 10);
    expect(life.uncachedTotal).toBe(4);
    const deleted = geminiLifecycle({ cacheTokens: tokens(1_000_000), restTokens: tokens(0), minimum: tokens(2048), ttlSeconds: 300, runTimes: [0, 120, 240, 360], prices, deleteAfterLastRun: true });
    expect(deleted.objects.at(-1)).toEqual({ createdAt: 360, endsAt: 360 });
    expect(deleted.storageCost).toBeCloseTo((4 * 5) / 60, 10);
  });

  it("creates nothing below the minimum: every run is uncached and no storage is billed", () => {
    const prices = { input: usdPerMTok(1), cacheRead: usdPerMTok(0.1), cacheWrite: { "5m": usdPerMTok(1) }, storagePerHour: usdPerMTok(4), output: usdPerMTok(0) };
    const life = geminiLifecycle({ cacheTokens: tokens(1000), restTokens: tokens(500), minimum: tokens(2048), ttlSeconds: 300, runTimes: [0, 60], prices });
    expect(life.objects).toEqual([]);
    expect(life.storageCost).toBe(0);
    expect(life.total).toBe(life.uncachedTotal);
  });
});
