// Runs follow the semantics switch end to end: the body buildRequest makes for pydantic-ai@2.33, top-level
// cache_control included, goes through each provider's SDK to the emulator, which caches what the API
// would (docs/reference/anthropic-caching.md §1.1; docs/reference/pydantic-ai-2.md §2.3).
import { describe, expect, it } from "vitest";
import type { ProviderId } from "@/lib/cache/wire-types";
import { createEmulator } from "@/lib/emulator/transport";
import { LONG_TEXT, experiment } from "@/lib/runs/testing/factories";
import { runExperiment } from "./run-experiment";

const PROVIDERS: ProviderId[] = ["anthropic", "bedrock", "vertex", "foundry"];

describe.each(PROVIDERS)("automatic caching (settings.cache) in an emulated run on %s", (provider) => {
  it("writes a 1h entry at the last block, then reads it", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    // Top-level on the API and Foundry; Pydantic AI falls back to the last block on Bedrock and Vertex.
    const exp = experiment({ semantics: "pydantic-ai@2.33", provider, settings: { cache: "1h" }, system: [], messages: [{ role: "user", content: [{ type: "text", text: LONG_TEXT }] }] });
    const first = await runExperiment(exp, { transport: "emulated" }, { emulator });
    const second = await runExperiment(exp, { transport: "emulated" }, { emulator });
    if (!first.ok || !second.ok) throw new Error(`run failed: ${JSON.stringify(first.ok ? second : first)}`);
    expect(first.value.usage!.cacheWrite1h).toBeGreaterThan(1024);
    expect(second.value.usage!.cacheRead).toBe(first.value.usage!.cacheWrite1h);
  });
});

describe("what the analysis calls an error, the emulator answers with 400", () => {
  it("automatic caching plus a different TTL on the last block (finding automatic_ttl_conflict)", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const exp = experiment({
      semantics: "pydantic-ai@2.33",
      settings: { cache: "5m" },
      system: [],
      messages: [{ role: "user", content: [{ type: "text", text: LONG_TEXT }, { type: "cache_point", ttl: "1h" }] }],
    });
    const run = await runExperiment(exp, { transport: "emulated" }, { emulator });
    const failed = run.ok ? run.value.error : run.error;
    expect(failed).toBeDefined();
    expect(failed).toMatchObject({ status: 400, code: "provider:invalid_request" });
    expect(failed?.message).toContain("top-level cache_control");
  });
});
