// GET /_emulator/cache lists every vendor's live cache: Claude's entries, OpenAI's, and Gemini's cache objects
// with their ttl and expiry, each created through its official SDK (openai, @google/genai) against the
// emulator in process. The rules are the vendors':
// - Gemini: a cache object lives its ttl from creation (or from its last PATCH); a read does not extend it
//   (https://ai.google.dev/gemini-api/docs/caching, docs/reference/vendors.md §4).
// - OpenAI: an entry lives "30 minutes after its most recent write or reuse"
//   (https://developers.openai.com/api/docs/guides/prompt-caching#cache-lifetime).
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { createEmulator } from "@/lib/emulator";
import type { CacheEntryJson } from "./entries";

const DOC = "Support policy. Refunds are issued within 30 days of purchase with a receipt. ".repeat(200);

async function listing(emulator: ReturnType<typeof createEmulator>) {
  return (await (await emulator.fetch("http://emulator.invalid/_emulator/cache")).json()) as { count: number; entries: CacheEntryJson[] };
}

describe("the emulator's cache listing across vendors", () => {
  it("lists a Gemini cache object with its ttl, expiry and reads, and drops it once it expires", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const realStart = Date.now();
    const ai = new GoogleGenAI({ apiKey: "test-key", httpOptions: { baseUrl: "http://emulator.invalid", fetch: emulator.fetch, retryOptions: { attempts: 1 } } });
    const cache = await ai.caches.create({ model: "gemini-2.5-flash", config: { systemInstruction: DOC, ttl: "600s", displayName: "handbook" } });
    await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "Can I return shoes?", config: { cachedContent: cache.name! } });
    emulator.advanceClock(100);

    const { count, entries } = await listing(emulator);
    expect(count).toBe(1);
    expect(entries[0]).toMatchObject({
      provider: "gemini",
      model: "models/gemini-2.5-flash",
      path: cache.name,
      tokens: cache.usageMetadata!.totalTokenCount,
      ttl: "600s",
      created_at: cache.createTime,
      expires_at: cache.expireTime,
      hits: 1,
      visible: true,
    });
    // The emulator's clock also runs with real time: 100 s advanced, plus whatever the test took.
    expect(entries[0]!.expires_in_seconds).toBeGreaterThanOrEqual(500 - Math.ceil((Date.now() - realStart) / 1000) - 1);
    expect(entries[0]!.expires_in_seconds).toBeLessThanOrEqual(500);
    expect(entries[0]!.scope).toMatch(/^gemini:/);
    expect(JSON.stringify(entries)).not.toContain("test-key");

    emulator.advanceClock(501);
    expect(await listing(emulator)).toMatchObject({ count: 0, entries: [] });
  });

  it("lists OpenAI's entries beside Claude's, each with its own lifetime", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const realStart = Date.now();
    const client = new OpenAI({ apiKey: "sk-test", baseURL: "http://emulator.invalid/v1", fetch: emulator.fetch, maxRetries: 0 });
    await client.responses.create({ model: "gpt-5.6-sol", input: [{ role: "developer", content: [{ type: "input_text", text: DOC, prompt_cache_breakpoint: { mode: "explicit" } }] }, { role: "user", content: "Can I return shoes?" }], max_output_tokens: 16 });
    const anthropic = await emulator.fetch("http://emulator.invalid/v1/messages", {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "sk-ant-test", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 16, system: [{ type: "text", text: DOC, cache_control: { type: "ephemeral" } }], messages: [{ role: "user", content: "Hi" }] }),
    });
    expect(anthropic.status).toBe(200);
    const { entries } = await listing(emulator);
    expect(entries.map((e) => [e.provider, e.ttl])).toEqual(expect.arrayContaining([["anthropic", "5m"], ["openai", "30m"]]));
    const openai = entries.find((e) => e.provider === "openai")!;
    expect(openai.expires_in_seconds).toBeGreaterThanOrEqual(30 * 60 - Math.ceil((Date.now() - realStart) / 1000) - 1);
    expect(openai.expires_in_seconds).toBeLessThanOrEqual(30 * 60);
    expect(openai.scope).not.toContain("sk-test");
  });
});
