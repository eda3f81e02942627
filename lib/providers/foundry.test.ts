// Foundry works with ANTHROPIC_FOUNDRY_RESOURCE set, the documented live setup (issue 8 item 7). The
// Foundry SDK reads that variable from process.env by itself and refuses a baseURL beside it
// ("baseURL and resource are mutually exclusive"), so the variable is set in process.env here, as a
// real server's .env.local would.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmulator } from "@/lib/emulator/transport";
import { type SpawnedEmulator, spawnEmulator } from "@/lib/emulator/testing/spawn";
import { experiment } from "@/lib/runs/testing/factories";
import { createLiveClient } from "./clients";
import { runExperiment } from "./run-experiment";

const saved = { ...process.env };
beforeEach(() => {
  process.env.ANTHROPIC_FOUNDRY_RESOURCE = "cachelab-test-resource";
});
afterEach(() => {
  for (const name of ["ANTHROPIC_FOUNDRY_RESOURCE", "ANTHROPIC_FOUNDRY_BASE_URL", "ANTHROPIC_FOUNDRY_API_KEY"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

let emulator: SpawnedEmulator;
beforeAll(async () => {
  emulator = await spawnEmulator(["--latency-scale", "0"]);
}, 20_000);
afterAll(async () => {
  await emulator?.stop();
});

describe("Foundry with ANTHROPIC_FOUNDRY_RESOURCE in the environment", () => {
  it("runs emulated (the emulated transport is always available)", async () => {
    const r = await runExperiment(experiment({ provider: "foundry" }), { transport: "emulated" }, { emulator: createEmulator({ latencyScale: 0 }) });
    expect(r.ok ? r.value.usage!.cacheWrite5m : r.error.message).toBeGreaterThan(1024);
  });

  it("runs live with a base URL beside the resource (the base URL wins, as docs/providers.md says)", async () => {
    const env = { ANTHROPIC_FOUNDRY_RESOURCE: "cachelab-test-resource", ANTHROPIC_FOUNDRY_BASE_URL: `${emulator.url}/anthropic/`, ANTHROPIC_FOUNDRY_API_KEY: "foundry-test-key" };
    Object.assign(process.env, env);
    const r = await runExperiment(experiment({ provider: "foundry" }), { transport: "live" }, { emulator: createEmulator(), env });
    expect(r.ok ? r.value.usage!.cacheWrite5m : r.error.message).toBeGreaterThan(1024);
  });

  it("builds the resource's endpoint when only the resource is set, whatever else process.env holds", () => {
    process.env.ANTHROPIC_FOUNDRY_BASE_URL = "http://127.0.0.1:9/ignored/";
    const client = createLiveClient("foundry", { timeoutMs: 1_000, env: { ANTHROPIC_FOUNDRY_RESOURCE: "my-resource", ANTHROPIC_FOUNDRY_API_KEY: "k" } });
    expect(client.baseURL).toBe("https://my-resource.services.ai.azure.com/anthropic/");
  });
});
