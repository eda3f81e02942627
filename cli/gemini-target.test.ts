// `cachelab request|lint --provider gemini` as a user runs them (the installed command). Rules: lib/vendors/catalog.ts
// GEMINI (https://ai.google.dev/gemini-api/docs/caching: one cache object with a ttl, storage per token-hour,
// a request naming a cache sends neither system instruction nor tools; implicit caching is not promised).
import { describe, expect, it } from "vitest";
import { cachelabAsync, tempJson } from "./cli-test-helpers";

const LONG = "Refund policy, the whole chapter. ".repeat(400);
const experiment = {
  semantics: "pydantic-ai@2.33",
  model: "gemini-2.5-flash",
  system: [LONG],
  settings: { cache_instructions: "1h" },
  messages: [{ role: "user", content: [{ type: "text", text: "Hello" }] }],
};

describe("cachelab request --provider gemini", () => {
  it("prints the cache object and the request that names it, and lists what the target cannot express on stderr", async () => {
    const run = await cachelabAsync(["request", tempJson({ ...experiment, settings: { cache_instructions: "1h", cache_messages: true } }), "--provider", "gemini"]);
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body.createCache).toEqual({ model: "gemini-2.5-flash", config: { systemInstruction: { parts: [{ text: LONG }] }, ttl: "300s" } });
    expect(body.generateContent).toEqual({
      model: "gemini-2.5-flash",
      contents: [{ role: "user", parts: [{ text: "Hello" }] }],
      config: { cachedContent: "cachedContents/{name returned by caches.create}", maxOutputTokens: 4096 },
    });
    expect(run.stderr).toContain("warning: settings.cache_instructions has no cache point of its own");
    expect(run.stderr).toContain("its 1h ttl is not sent");
    expect(run.stderr).toContain("possible, not promised");
  });
});

describe("cachelab lint --provider gemini", () => {
  it("passes with a cache object above the minimum and prints its creation and storage", async () => {
    const run = await cachelabAsync(["lint", tempJson(experiment), "--provider", "gemini"]);
    expect(run.stdout).toContain("target gemini (Gemini explicit caching), model gemini-2.5-flash, minimum 2,048 tokens");
    expect(run.stdout).toContain("lifetime 1h");
    expect(run.stdout).toMatch(/cache object: ≈[\d,]+ tokens, ttl 3600s \(not extended by reads\): creation \$[\d.]+, storage \$[\d.]+ for the ttl/);
    expect(run.code).toBe(0);
  });

  it("fails when caches.create would refuse the object as too small", async () => {
    const run = await cachelabAsync(["lint", tempJson({ ...experiment, system: ["Short."] }), "--provider", "gemini"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Cached content is too small.");
    expect(run.stdout).toContain("FAIL: 1 breakpoint cache nothing");
  });

  it("--json carries the cost with the cache object", async () => {
    const run = await cachelabAsync(["lint", tempJson(experiment), "--provider", "gemini", "--json"]);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    expect(report.cacheObject.ttlSeconds).toBe(3600);
    expect(report.cost.cachedRepeat).toBeLessThan(report.cost.uncached);
  });
});
