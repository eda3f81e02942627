// The OpenAI target's runs, through the official SDK: emulated in process, and "live" against `cachelab
// emulate` on loopback (OPENAI_BASE_URL), the same path a real key takes. Never a mock, never the network.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachePoint, experiment, text, user } from "@/lib/cache/test-factories";
import { createEmulator } from "@/lib/emulator";
import { type SpawnedEmulator, spawnEmulator } from "@/lib/emulator/testing/spawn";
import { openaiLiveAvailability, runOpenAITarget } from "./openai";

const LONG = "The handbook chapter on returns and refunds, in full. ".repeat(150);
const doc = experiment({ settings: { cache_instructions: true }, system: [LONG], messages: [user(text("Question"), cachePoint(), text("tail"))] });
const KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";

describe("runOpenAITarget, emulated", () => {
  it("writes on the first run and reads on the second, priced from the catalog", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const first = await runOpenAITarget(doc, { transport: "emulated" }, { emulator });
    const second = await runOpenAITarget(doc, { transport: "emulated" }, { emulator });
    if (!first.ok || !second.ok) throw new Error("run failed");
    expect(first.value.usage.cacheWrite["30m"]).toBeGreaterThan(1024);
    expect(second.value.usage.cacheRead).toBe(first.value.usage.cacheWrite["30m"]);
    expect(second.value.cost.total).toBeLessThan(first.value.cost.total);
    expect(first.value.notes.map((n) => n.code)).toContain("instructions_moved");
    expect(first.value.text).toContain("tail");
  });

  it("keeps each browser's scope apart", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    await runOpenAITarget(doc, { transport: "emulated", scope: "a" }, { emulator });
    const other = await runOpenAITarget(doc, { transport: "emulated", scope: "b" }, { emulator });
    expect(other.ok && other.value.usage.cacheRead).toBe(0);
  });
});

describe("runOpenAITarget, live", () => {
  let spawned: SpawnedEmulator | undefined;
  beforeAll(async () => {
    spawned = await spawnEmulator(["--latency-scale", "0"]);
  }, 20_000);
  afterAll(async () => {
    await spawned?.stop();
  });

  it("is refused without OPENAI_API_KEY, with the variable to set and nothing sent", async () => {
    expect(openaiLiveAvailability({}).configured).toBe(false);
    const r = await runOpenAITarget(doc, { transport: "live" }, { emulator: createEmulator(), env: {} });
    expect(!r.ok && r.error).toMatchObject({ code: "provider:not_configured", message: expect.stringContaining("OPENAI_API_KEY") });
  });

  it("runs with the server's key and never returns it, in a record or an error", async () => {
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${spawned!.url}/v1` };
    const cold = await runOpenAITarget(doc, { transport: "live" }, { emulator: createEmulator(), env });
    const warm = await runOpenAITarget(doc, { transport: "live" }, { emulator: createEmulator(), env });
    if (!cold.ok || !warm.ok) throw new Error(!cold.ok ? cold.error.message : "warm failed");
    expect(warm.value.usage.cacheRead).toBe(cold.value.usage.cacheWrite["30m"]);
    expect(warm.value.requestId).toMatch(/^req_/);
    expect(JSON.stringify([cold.value, warm.value])).not.toContain(KEY);
    const refused = await runOpenAITarget(doc, { transport: "live", model: "gpt-0" }, { emulator: createEmulator(), env });
    expect(!refused.ok && refused.error).toMatchObject({ code: "provider:not_found", status: 404 });
    expect(JSON.stringify(refused)).not.toContain(KEY);
  });
});
