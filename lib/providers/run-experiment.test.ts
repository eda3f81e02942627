import { describe, expect, it } from "vitest";
import type { ProviderId } from "@/lib/cache/wire-types";
import { createEmulator } from "@/lib/emulator/transport";
import { experiment } from "@/lib/runs/testing/factories";
import { runExperiment } from "./run-experiment";

const PROVIDERS: ProviderId[] = ["anthropic", "bedrock", "vertex", "foundry"];

describe.each(PROVIDERS)("an emulated run on %s through its SDK", (provider) => {
  it("writes the prefix once, then reads it", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const exp = experiment({ provider });
    const first = await runExperiment(exp, { transport: "emulated" }, { emulator });
    const second = await runExperiment(exp, { transport: "emulated" }, { emulator });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.value.usage!.cacheWrite5m).toBeGreaterThan(1024);
    expect(first.value.usage!.cacheRead).toBe(0);
    expect(second.value.usage!.cacheRead).toBe(first.value.usage!.cacheWrite5m);
    expect(second.value.usage!.cacheWrite5m).toBe(0);
    expect(second.value.cost!).toBeLessThan(second.value.costWithoutCache!);
    expect(first.value.latency!.modelled).toBe(true);
    expect(first.value.requestId).toBeTruthy();
    expect(first.value.trace).toBeDefined();
    expect(first.value.provider).toBe(provider);
    expect(first.value.responseText.length).toBeGreaterThan(0);
  });
});

describe("emulated cache scopes", () => {
  it("keeps one browser's entries from another's, on every provider", async () => {
    for (const provider of PROVIDERS) {
      const emulator = createEmulator({ latencyScale: 0 });
      const exp = experiment({ provider });
      await runExperiment(exp, { transport: "emulated", scope: "browser-a" }, { emulator });
      const other = await runExperiment(exp, { transport: "emulated", scope: "browser-b" }, { emulator });
      const same = await runExperiment(exp, { transport: "emulated", scope: "browser-a" }, { emulator });
      expect(other.ok && other.value.usage!.cacheRead).toBe(0);
      expect(same.ok && same.value.usage!.cacheRead).toBeGreaterThan(1024);
    }
  });
});

// Pre-warming (docs/reference/anthropic-caching.md §1.11): max_tokens 0 writes the cache and returns
// no content; the API refuses it with stream: true, so the run must not stream it.
describe("a pre-warming run (max_tokens 0)", () => {
  it.each(PROVIDERS)("on %s writes the prefix with no output, and the next run reads it", async (provider) => {
    const emulator = createEmulator({ latencyScale: 0 });
    const warm = await runExperiment(experiment({ provider, max_tokens: 0 }), { transport: "emulated" }, { emulator });
    expect(warm.ok ? null : warm.error.message).toBeNull();
    if (!warm.ok) return;
    expect(warm.value.usage!.cacheWrite5m).toBeGreaterThan(1024);
    expect(warm.value.usage!.output).toBe(0);
    expect(warm.value.responseText).toBe("");
    const next = await runExperiment(experiment({ provider }), { transport: "emulated" }, { emulator });
    expect(next.ok && next.value.usage!.cacheRead).toBe(warm.value.usage!.cacheWrite5m);
  });
});

// Claude in Amazon Bedrock (docs/reference/anthropic-caching.md §6.2), selectable as a Bedrock endpoint:
// the run goes through AnthropicBedrockMantle to the emulator's Mantle surface.
describe("an emulated run on Claude in Amazon Bedrock (Mantle) through AnthropicBedrockMantle", () => {
  const mantle = (model: string) => experiment({ provider: "bedrock", model, provider_options: { bedrock_endpoint: "mantle" } });

  it("writes, then reads, on Mantle's own cache and ids", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const first = await runExperiment(mantle("claude-opus-4-7"), { transport: "emulated" }, { emulator });
    const second = await runExperiment(mantle("claude-opus-4-7"), { transport: "emulated" }, { emulator });
    if (!first.ok || !second.ok) throw new Error(first.ok ? (second.ok ? "" : second.error.message) : first.error.message);
    expect(first.value.modelId).toBe("anthropic.claude-opus-4-7");
    expect(first.value.usage!.cacheWrite5m).toBeGreaterThan(2048);
    expect(second.value.usage!.cacheRead).toBe(first.value.usage!.cacheWrite5m);
    expect(emulator.trace(first.value.requestId!)?.provider).toBe("bedrock-mantle");
    // InvokeModel is another surface: its cache does not hold Mantle's entry.
    const invoke = await runExperiment(experiment({ provider: "bedrock", model: "claude-opus-4-7" }), { transport: "emulated" }, { emulator });
    expect(invoke.ok && invoke.value.usage!.cacheRead).toBe(0);
  });

  it("a model Mantle does not serve is refused there, as the analysis warned", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const r = await runExperiment(mantle("claude-sonnet-4-6"), { transport: "emulated" }, { emulator });
    expect(r.ok ? null : r.error).toMatchObject({ status: 404 });
  });
});
