// Injected faults end as failed runs with the right sentence, through each provider's real SDK.
import { describe, expect, it } from "vitest";
import type { ProviderId } from "@/lib/cache/wire-types";
import { createEmulator } from "@/lib/emulator/transport";
import { experiment } from "@/lib/runs/testing/factories";
import { runExperiment } from "./run-experiment";

const PROVIDERS: ProviderId[] = ["anthropic", "bedrock", "vertex", "foundry"];

async function failWith(provider: ProviderId, fault: Parameters<ReturnType<typeof createEmulator>["queueFault"]>[0], timeoutMs?: number) {
  const emulator = createEmulator({ latencyScale: 0 });
  emulator.queueFault({ shouldRetry: false, ...fault });
  const result = await runExperiment(experiment({ provider }), { transport: "emulated", ...(timeoutMs ? { timeoutMs } : {}) }, { emulator });
  if (result.ok) throw new Error("expected a failed run");
  // The emulator is still usable afterwards: the next run succeeds.
  const next = await runExperiment(experiment({ provider }), { transport: "emulated" }, { emulator });
  expect(next.ok).toBe(true);
  return result.error;
}

describe.each(PROVIDERS)("faults on %s", (provider) => {
  it("429 becomes rate_limited with the retry time", async () => {
    const e = await failWith(provider, { kind: "rate_limit", retryAfterSeconds: 17 });
    expect(e).toMatchObject({ code: "provider:rate_limited", status: 429, retryAfterSeconds: 17 });
    expect(e.message).toContain("retry in 17 s");
  });

  it("529 becomes overloaded", async () => {
    const e = await failWith(provider, { kind: "overloaded" });
    // Bedrock reports overload as ServiceUnavailableException; the status still says 529.
    expect(e).toMatchObject({ code: "provider:overloaded", status: 529 });
  });

  it("500 becomes a server error", async () => {
    expect(await failWith(provider, { kind: "server_error" })).toMatchObject({ code: "provider:server_error", status: 500 });
  });

  it("a stream cut mid-way is a failed run, not a short reply", async () => {
    const e = await failWith(provider, { kind: "stream_cut", afterFrames: 2, cut: "end" });
    expect(e.code).toBe("provider:stream_cut");
    expect(e.message).toContain("cut the response stream");
  });

  it("a slow response ends in a timeout", async () => {
    const e = await failWith(provider, { kind: "delay", delayMs: 2_000 }, 200);
    expect(e.code).toBe("provider:timeout");
    expect(e.message).toContain("timed out");
  });

  it("a 504 is a timeout, not an internal error (docs/reference/anthropic-caching.md §5.5)", async () => {
    const e = await failWith(provider, { kind: "timeout" });
    expect(e).toMatchObject({ code: "provider:timeout", status: 504 });
    expect(e.message).toContain("timed out the request (504)");
  });

  it("a connection failure is a network failure", async () => {
    expect((await failWith(provider, { kind: "connection_error" })).code).toBe("provider:network");
  });
});

describe("provider errors", () => {
  it("passes the provider's own message on for an invalid request", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const exp = experiment({ settings: { cache_instructions: "5m", cache_messages: "1h" } });
    const result = await runExperiment(exp, { transport: "emulated" }, { emulator });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("provider:invalid_request");
    expect(result.error.message).toMatch(/rejected the request \(400\): .*ttl/);
  });

  it("says 404 names the model it does not know", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const result = await runExperiment(experiment({ model: "claude-nonexistent-9" }), { transport: "emulated" }, { emulator });
    expect(result.ok ? null : result.error).toMatchObject({ code: "provider:not_found", status: 404 });
  });

  it("stream error events (overloaded mid-stream) keep their meaning", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    emulator.queueFault({ kind: "stream_cut", afterFrames: 2, cut: "event" });
    const result = await runExperiment(experiment(), { transport: "emulated" }, { emulator });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(["provider:overloaded", "provider:stream_error", "provider:stream_cut"]).toContain(result.error.code);
  });
});
