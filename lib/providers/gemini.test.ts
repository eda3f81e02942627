// The Gemini explicit-caching target run through @google/genai against the emulator, as a comparison runs it.
// The expectations are Gemini's documented rules (https://ai.google.dev/gemini-api/docs/caching;
// docs/reference/vendors.md §1, §4): a cache object lives its ttl from creation and a read does not extend it;
// its creation is billed at the input price and its storage per token-hour for the whole ttl;
// cachedContentTokenCount is inside promptTokenCount. Gemini 2.5 Pro bills $1.25 input, $0.125 a cached read,
// $4.50 per million tokens per hour of storage and $10 output (lib/vendors/catalog.ts GEMINI, storage from
// docs/reference/vendors.md §1, the rest marked unverified there).
import { beforeEach, describe, expect, it } from "vitest";
import { parseExperiment } from "@/lib/cache/experiment-schema";
import { findExample } from "@/lib/cache/examples";
import { createEmulator } from "@/lib/emulator/transport";
import { vendorEntriesJson } from "@/lib/emulator/vendors/entries";
import { runGeminiTarget } from "./gemini";
import { runTarget } from "./run-target";

const parsed = parseExperiment(findExample("docs-qa")!.experiment);
if (!parsed.ok) throw new Error(parsed.error.message);
const EXAMPLE = parsed.value;

let emulator = createEmulator({ latencyScale: 0 });
beforeEach(() => {
  emulator = createEmulator({ latencyScale: 0 });
});

const run = async (scope = "t0") => {
  const sent = await runGeminiTarget(EXAMPLE, { transport: "emulated", scope }, { emulator });
  if (!sent.ok) throw new Error(sent.error.message);
  return sent.value;
};

describe("the Gemini target, emulated", () => {
  it("creates the cache object on the first run, reads it after, and creates it again once its ttl from creation has passed", async () => {
    const first = await run();
    expect(first.created).toBe(true);
    expect(first.cacheName).toMatch(/^cachedContents\//);
    const C = first.usage.cacheWrite["5m"]!;
    expect(C).toBeGreaterThan(4000);
    expect(first.usage.cacheRead).toBe(C);
    expect(first.usage.storageTokenHours).toBeCloseTo((C * 300) / 3600, 9);

    emulator.advanceClock(200);
    const second = await run();
    expect(second).toMatchObject({ created: false, cacheName: first.cacheName });
    expect(second.usage.cacheRead).toBe(C);
    expect(second.usage.cacheWrite).toEqual({});

    // 301 s after creation: the read at 200 s did not extend it.
    emulator.advanceClock(101);
    const third = await run();
    expect(third.created).toBe(true);
    expect(third.cacheName).not.toBe(first.cacheName);
  });

  it("bills creation at the input price and storage for the whole ttl, and sets the request against no cache", async () => {
    const first = await run();
    const u = first.usage;
    const C = u.cacheWrite["5m"]!;
    const expected = (u.uncached * 1.25 + C * 0.125 + C * 1.25 + ((C * 300) / 3600) * 4.5 + u.output * 10) / 1e6;
    expect(first.cost.total).toBeCloseTo(expected, 12);
    expect(first.costWithoutCache).toBeCloseTo(((u.uncached + C) * 1.25 + u.output * 10) / 1e6, 12);
    const second = await run();
    expect(second.cost.total).toBeCloseTo((second.usage.uncached * 1.25 + C * 0.125 + second.usage.output * 10) / 1e6, 12);
  });

  it("keeps each scope's cache object its own, and the emulator lists them with their ttl", async () => {
    const a = await run("compare-s1-t0");
    const b = await run("compare-s1-t1");
    expect(a.created && b.created).toBe(true);
    expect(a.cacheName).not.toBe(b.cacheName);
    const listed = vendorEntriesJson(emulator.vendors, emulator.now()).filter((e) => e.provider === "gemini");
    expect(listed.map((e) => e.ttl)).toEqual(["300s", "300s"]);
    expect(new Set(listed.map((e) => e.scope)).size).toBe(2);
  });

  it("runs in a comparison through runTarget, and live only with the server's key, saying which to set", async () => {
    const sent = await runTarget(EXAMPLE, { target: "gemini", transport: "emulated", scope: "x" }, { emulator });
    expect(sent).toMatchObject({ ok: true, value: { target: "gemini", modelId: "gemini-2.5-pro" } });
    const live = await runTarget(EXAMPLE, { target: "gemini", transport: "live" }, { emulator, env: {} });
    expect(live).toMatchObject({ ok: false, error: { code: "provider:not_configured", message: "Set GEMINI_API_KEY in .env.local on the server to run on Gemini." } });
  });
});
