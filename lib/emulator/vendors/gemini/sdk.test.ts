// The Gemini cachedContents lifecycle driven through the official SDK (@google/genai) against the emulator in
// process (its fetch, on the virtual clock). Every expectation is a rule lib/vendors/catalog.ts GEMINI cites:
//   CACHING = https://ai.google.dev/gemini-api/docs/caching (the cache object, ttl default 1 h, PATCH, cached
//             requests may not set system instruction or tools, cachedContentTokenCount inside promptTokenCount).
import { ApiError, GoogleGenAI } from "@google/genai";
import { describe, expect, it } from "vitest";
import { experiment, text, tool, user } from "@/lib/cache/test-factories";
import { createEmulator } from "@/lib/emulator";
import { buildTargetRequest } from "@/lib/vendors/build-target";
import { GEMINI } from "@/lib/vendors/catalog";
import type { GeminiBody } from "@/lib/vendors/gemini-wire";

const DOC = "Support policy. Refunds are issued within 30 days of purchase with a receipt. ".repeat(200);

function setup(key = "test-key") {
  const emulator = createEmulator({ latencyScale: 0 });
  const ai = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: "http://emulator.invalid", fetch: emulator.fetch, retryOptions: { attempts: 1 } } });
  return { emulator, ai };
}

/** The Gemini target's two calls for an experiment, as the preview shows them. */
function target(settings: Record<string, unknown> = { cache_instructions: true }) {
  const built = buildTargetRequest(
    experiment({ semantics: "pydantic-ai@2.33", model: "gemini-2.5-flash", system: [DOC], tools: [tool("lookup")], settings, messages: [user(text("Can I return shoes?"))] }),
    "gemini",
  );
  if (!built.ok) throw new Error(built.error.message);
  return { body: built.value.body as GeminiBody, request: built.value };
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error("expected the API to refuse");
}

describe("cachedContents through @google/genai", () => {
  it("creates the target's cache object and reads it: cachedContentTokenCount is its size, inside promptTokenCount (CACHING)", async () => {
    const { ai } = setup();
    const { body, request } = target();
    const cache = await ai.caches.create(body.createCache!);
    expect(cache.name).toMatch(/^cachedContents\//);
    expect(cache.model).toBe("models/gemini-2.5-flash");
    // The emulator sizes the object with the target's own estimate: the preview and the run agree.
    expect(cache.usageMetadata?.totalTokenCount).toBe(request.cacheObject!.tokens);
    const response = await ai.models.generateContent({ ...body.generateContent, config: { ...body.generateContent.config, cachedContent: cache.name } });
    const usage = response.usageMetadata!;
    expect(usage.cachedContentTokenCount).toBe(cache.usageMetadata?.totalTokenCount);
    expect(usage.promptTokenCount).toBe(request.totalTokens);
    expect(usage.promptTokenCount!).toBeGreaterThan(usage.cachedContentTokenCount!);
    expect(response.text).toContain("from the cached content");
  });

  it("without a cache object reports no cached tokens: implicit caching is possible, not promised, and never granted here", async () => {
    const { ai } = setup();
    const { body } = target({});
    expect(body.createCache).toBeNull();
    const first = await ai.models.generateContent(body.generateContent);
    const again = await ai.models.generateContent(body.generateContent);
    expect(first.usageMetadata?.cachedContentTokenCount).toBeUndefined();
    expect(again.usageMetadata?.cachedContentTokenCount).toBeUndefined();
  });

  it("refuses system instruction or tools beside cachedContent with Gemini's 400 (CACHING)", async () => {
    const { ai } = setup();
    const { body } = target();
    const cache = await ai.caches.create(body.createCache!);
    const r = await refusal(ai.models.generateContent({ model: "gemini-2.5-flash", contents: "Q", config: { cachedContent: cache.name, systemInstruction: "Be brief." } }));
    expect(r.status).toBe(400);
    expect(r.message).toContain(GEMINI.cachedRequestRefusesSystemAndTools.value);
  });

  it("refuses a cache below the model's minimum in Gemini's words", async () => {
    const { ai } = setup();
    const r = await refusal(ai.caches.create({ model: "gemini-2.5-flash", config: { systemInstruction: "Short.", ttl: "300s" } }));
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/Cached content is too small\. total_token_count=\d+, min_total_token_count=2048/);
  });

  it("expires the object its ttl after creation even when read in between; PATCH extends it; delete ends it", async () => {
    const { ai, emulator } = setup();
    const { body } = target();
    const cache = await ai.caches.create(body.createCache!);
    expect(body.createCache!.config.ttl).toBe("300s");
    expect(Date.parse(cache.expireTime!) - Date.parse(cache.createTime!)).toBe(300_000);
    const use = () => ai.models.generateContent({ ...body.generateContent, config: { ...body.generateContent.config, cachedContent: cache.name } });
    emulator.advanceClock(200);
    expect((await use()).usageMetadata?.cachedContentTokenCount).toBeGreaterThan(0);
    emulator.advanceClock(101); // 301 s after creation: the read at 200 s did not extend it
    const gone = await refusal(use());
    expect(gone.status).toBe(403);
    expect((await refusal(ai.caches.get({ name: cache.name! }))).status).toBe(403);

    const second = await ai.caches.create(body.createCache!);
    emulator.advanceClock(250);
    // The emulator's clock runs in real time between advances: the update happened between these two readings.
    const before = emulator.now();
    const patched = await ai.caches.update({ name: second.name!, config: { ttl: "600s" } });
    const after = emulator.now();
    expect(Date.parse(patched.expireTime!) - before).toBeGreaterThanOrEqual(600_000);
    expect(Date.parse(patched.expireTime!) - after).toBeLessThanOrEqual(600_000);
    emulator.advanceClock(500); // 750 s after creation, within the patched ttl
    expect((await ai.caches.get({ name: second.name! })).name).toBe(second.name);
    const listed = [];
    for await (const c of await ai.caches.list()) listed.push(c.name);
    expect(listed).toEqual([second.name]);
    await ai.caches.delete({ name: second.name! });
    expect((await refusal(ai.caches.get({ name: second.name! }))).status).toBe(403);
  });

  it("defaults the ttl to one hour (CACHING) and keeps caches per key", async () => {
    const { ai, emulator } = setup();
    const { body } = target();
    const { ttl: _ttl, ...config } = body.createCache!.config;
    const cache = await ai.caches.create({ model: body.createCache!.model, config });
    expect(Date.parse(cache.expireTime!) - Date.parse(cache.createTime!)).toBe(GEMINI.defaultTtlSeconds.value * 1000);
    const other = new GoogleGenAI({ apiKey: "another-key", httpOptions: { baseUrl: "http://emulator.invalid", fetch: emulator.fetch } });
    expect((await refusal(other.caches.get({ name: cache.name! }))).status).toBe(403);
  });

  it("streams with the usage on the last chunk, and refuses a cache made for another model", async () => {
    const { ai } = setup();
    const { body } = target();
    const cache = await ai.caches.create(body.createCache!);
    let last: { cachedContentTokenCount?: number } | undefined;
    let textOut = "";
    for await (const chunk of await ai.models.generateContentStream({ ...body.generateContent, config: { ...body.generateContent.config, cachedContent: cache.name } })) {
      textOut += chunk.text ?? "";
      last = chunk.usageMetadata;
    }
    expect(last?.cachedContentTokenCount).toBe(cache.usageMetadata?.totalTokenCount);
    expect(textOut).toContain("from the cached content");
    const r = await refusal(ai.models.generateContent({ model: "gemini-2.5-pro", contents: "Q", config: { cachedContent: cache.name } }));
    expect(r.status).toBe(400);
    expect(r.message).toContain("has to be the same");
  });
});
