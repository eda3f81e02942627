// Each live adapter, through its real SDK, against `cachelab emulate` on loopback via its base-URL
// variable — the path a real credential takes, with the emulator standing in for the provider.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderId } from "@/lib/cache/wire-types";
import { type SpawnedEmulator, spawnEmulator } from "@/lib/emulator/testing/spawn";
import { createEmulator } from "@/lib/emulator/transport";
import { experiment } from "@/lib/runs/testing/factories";
import { liveAvailability } from "./config";
import { runExperiment } from "./run-experiment";

let server: SpawnedEmulator | undefined;
let base = "";

beforeAll(async () => {
  server = await spawnEmulator(["--latency-scale", "0"]);
  base = server.url;
}, 20_000);

afterAll(async () => {
  await server?.stop();
});

// Key-shaped test values are assembled at run time so no committed line looks like a real key.
const SECRET = `${"sk-ant-"}test-SECRETVALUE-0123456789`;

function env(): Record<string, string> {
  return {
    ANTHROPIC_API_KEY: SECRET,
    ANTHROPIC_BASE_URL: base,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: `${"AKIA"}EXAMPLEEXAMPLE12`,
    AWS_SECRET_ACCESS_KEY: "aws-secret-value-for-tests",
    ANTHROPIC_BEDROCK_BASE_URL: base,
    // Claude in Amazon Bedrock's base URL on the standalone emulator (lib/emulator/wire/routes.ts).
    ANTHROPIC_BEDROCK_MANTLE_BASE_URL: `${base}/bedrock-mantle/anthropic`,
    ANTHROPIC_VERTEX_PROJECT_ID: "cachelab-test",
    CLOUD_ML_REGION: "us-east5",
    GOOGLE_APPLICATION_CREDENTIALS: "/dev/null",
    ANTHROPIC_VERTEX_BASE_URL: `${base}/v1`,
    ANTHROPIC_FOUNDRY_BASE_URL: `${base}/anthropic/`,
    ANTHROPIC_FOUNDRY_API_KEY: "foundry-secret-value",
  };
}

const vertexAuthClient = { getRequestHeaders: async () => new Headers({ authorization: "Bearer vertex-test-token" }), projectId: "cachelab-test" };
// The in-process emulator is only a placeholder here: live runs never touch it.
const deps = () => ({ emulator: createEmulator(), env: env(), vertexAuthClient });

async function control(path: string, body: unknown) {
  const r = await fetch(`${base}/_emulator/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(r.ok).toBe(true);
}

const PROVIDERS: ProviderId[] = ["anthropic", "bedrock", "vertex", "foundry"];

describe.each(PROVIDERS)("live %s against cachelab emulate", (provider) => {
  it("is configured by its variables and writes, then reads", async () => {
    expect(liveAvailability(provider, env()).configured).toBe(true);
    await control("reset", {});
    const exp = experiment({ provider });
    const first = await runExperiment(exp, { transport: "live" }, deps());
    const second = await runExperiment(exp, { transport: "live" }, deps());
    if (!first.ok) throw new Error(first.error.message);
    if (!second.ok) throw new Error(second.error.message);
    expect(first.value.transport).toBe("live");
    expect(first.value.usage!.cacheWrite5m).toBeGreaterThan(1024);
    expect(second.value.usage!.cacheRead).toBe(first.value.usage!.cacheWrite5m);
    expect(first.value.trace).toBeUndefined();
    // Live latency is measured on the wire, not taken from the emulator's modelled headers.
    expect(first.value.latency!.modelled).toBe(false);
    expect(first.value.latency!.ttftMs).toBeLessThanOrEqual(first.value.latency!.totalMs);
  });

  it("ends injected faults as failed runs with the right message and no secret", async () => {
    const exp = experiment({ provider });
    const cases: [unknown, string][] = [
      [{ kind: "rate_limit", retry_after_seconds: 9, should_retry: false }, "provider:rate_limited"],
      [{ kind: "overloaded", should_retry: false }, "provider:overloaded"],
      [{ kind: "stream_cut", after_frames: 2, cut: "end" }, "provider:stream_cut"],
    ];
    for (const [fault, code] of cases) {
      await control("faults", fault);
      const r = await runExperiment(exp, { transport: "live" }, deps());
      expect(r.ok ? null : r.error.code).toBe(code);
      const text = JSON.stringify(r);
      for (const secret of Object.values(env()).filter((v) => v.includes("secret") || v.includes("SECRET"))) expect(text).not.toContain(secret);
    }
    await control("faults", { kind: "delay", delay_ms: 3_000 });
    const slow = await runExperiment(exp, { transport: "live", timeoutMs: 300 }, deps());
    expect(slow.ok ? null : slow.error.code).toBe("provider:timeout");
  });

  it("misses after the emulator's clock moves past the TTL", async () => {
    await control("reset", {});
    const exp = experiment({ provider });
    await runExperiment(exp, { transport: "live" }, deps());
    await control("clock", { advance_seconds: 360 });
    const after = await runExperiment(exp, { transport: "live" }, deps());
    expect(after.ok && after.value.usage!.cacheRead).toBe(0);
  });
});

// Bedrock InvokeModel takes an inference profile for models served only through one, and API version
// 2026-10-21 (the 1.x SDK's default) only for Claude 4.7 and later (docs/reference/anthropic-caching.md §5.3, §6.1): the live
// adapter sends the profile id and the version each model takes, whatever the SDK's default.
describe("live Bedrock: the profile id and the anthropic_version each model takes", () => {
  it.each([
    ["claude-sonnet-4-6", "global.anthropic.claude-sonnet-4-6"],
    ["claude-haiku-4-5", "global.anthropic.claude-haiku-4-5-20251001-v1:0"],
    ["claude-opus-4-1", "us.anthropic.claude-opus-4-1-20250805-v1:0"],
    ["claude-opus-4-7", "global.anthropic.claude-opus-4-7"],
    ["claude-3-5-haiku", "anthropic.claude-3-5-haiku-20241022-v1:0"],
  ])("%s runs as %s", async (model, modelId) => {
    const r = await runExperiment(experiment({ provider: "bedrock", model }), { transport: "live" }, deps());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.modelId).toBe(modelId);
  });

  it("the geography is the experiment's setting", async () => {
    const r = await runExperiment(experiment({ provider: "bedrock", model: "claude-sonnet-4-6", provider_options: { bedrock_ttl: "omit", bedrock_profile: "eu" } }), { transport: "live" }, deps());
    expect(r.ok && r.value.modelId).toBe("eu.anthropic.claude-sonnet-4-6");
  });
});

// Claude in Amazon Bedrock (docs/reference/anthropic-caching.md §6.2) as a Bedrock endpoint: the live
// adapter is AnthropicBedrockMantle, signed with the same AWS credentials, at its own base URL.
describe("live Bedrock through Claude in Amazon Bedrock (Mantle)", () => {
  it("writes, then reads, with the Mantle id", async () => {
    await control("reset", {});
    const exp = experiment({ provider: "bedrock", model: "claude-opus-4-7", provider_options: { bedrock_endpoint: "mantle" } });
    const first = await runExperiment(exp, { transport: "live" }, deps());
    const second = await runExperiment(exp, { transport: "live" }, deps());
    if (!first.ok || !second.ok) throw new Error(first.ok ? (second.ok ? "" : second.error.message) : first.error.message);
    expect(first.value.modelId).toBe("anthropic.claude-opus-4-7");
    expect(first.value.usage!.cacheWrite5m).toBeGreaterThan(2048);
    expect(second.value.usage!.cacheRead).toBe(first.value.usage!.cacheWrite5m);
  });
});

describe("live availability", () => {
  it("is off without credentials, with a sentence that names what to set and no value", () => {
    const a = liveAvailability("anthropic", {});
    expect(a.configured).toBe(false);
    expect(a.reason).toContain("ANTHROPIC_API_KEY");
    expect(liveAvailability("foundry", { ANTHROPIC_FOUNDRY_API_KEY: "x" }).configured).toBe(false);
    expect(liveAvailability("bedrock", { AWS_REGION: "eu-west-1", AWS_BEARER_TOKEN_BEDROCK: "t" }).configured).toBe(true);
    expect(liveAvailability("vertex", { ANTHROPIC_VERTEX_PROJECT_ID: "p", CLOUD_ML_REGION: "global", HOME: "/nonexistent" }).configured).toBe(false);
  });

  it("refuses a live run when the provider is not configured", async () => {
    const r = await runExperiment(experiment(), { transport: "live" }, { emulator: createEmulator(), env: {} });
    expect(r.ok ? null : r.error.code).toBe("provider:not_configured");
  });
});

// Cache diagnostics on a live run (issue 10 item 9; docs/reference/anthropic-caching.md §1.12): the live
// Claude API adapter sends `diagnostics.previous_message_id` and records the documented reason.
describe("live Claude API: cache diagnostics", () => {
  it("the second run names the first's response and records system_changed", async () => {
    await control("reset", {});
    const first = await runExperiment(experiment(), { transport: "live", previousMessageId: null }, deps());
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.messageId).toMatch(/^msg_/);
    const second = await runExperiment(experiment({ system: ["Another system prompt. ".repeat(200)] }), { transport: "live", previousMessageId: first.value.messageId! }, deps());
    expect(second.ok && second.value.diagnosis).toMatchObject({ previousMessageId: first.value.messageId, reason: "system_changed" });
  });
});
