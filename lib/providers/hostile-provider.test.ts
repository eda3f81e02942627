// A hostile provider on loopback, through each of the four real SDKs. Labels (issue 8 item 8): a 200
// that is not JSON or not a valid stream is an invalid response, not a cut stream.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ProviderId } from "@/lib/cache/wire-types";
import { createEmulator } from "@/lib/emulator/transport";
import { experiment } from "@/lib/runs/testing/factories";
import { runExperiment } from "./run-experiment";
import { type EchoProvider, canarySecrets, serviceAccountJson, startEchoProvider } from "./testing/echo-provider";

let provider: EchoProvider;
let dir: string;
const saved = { ...process.env };
beforeAll(async () => {
  provider = await startEchoProvider();
  dir = mkdtempSync(join(tmpdir(), "cachelab-canary-"));
  writeFileSync(join(dir, "sa.json"), serviceAccountJson(`${provider.url}/token`));
  // Google's auth library reads this from process.env itself.
  process.env.GOOGLE_APPLICATION_CREDENTIALS = join(dir, "sa.json");
});
afterAll(async () => {
  await provider?.close();
  rmSync(dir, { recursive: true, force: true });
  process.env = saved;
});

const PROVIDERS: ProviderId[] = ["anthropic", "bedrock", "vertex", "foundry"];

describe("a 200 that is not what it should be", () => {
  it.each(["invalid_json", "invalid_stream"] as const)("%s is an invalid response on every provider, not a cut stream", async (mode) => {
    const secrets = canarySecrets();
    const env = {
      ANTHROPIC_API_KEY: secrets.ANTHROPIC_API_KEY,
      ANTHROPIC_BASE_URL: provider.url,
      AWS_REGION: "us-east-1",
      AWS_BEARER_TOKEN_BEDROCK: secrets.AWS_BEARER_TOKEN_BEDROCK,
      ANTHROPIC_BEDROCK_BASE_URL: provider.url,
      ANTHROPIC_VERTEX_PROJECT_ID: "cachelab-canary",
      CLOUD_ML_REGION: "us-east5",
      GOOGLE_APPLICATION_CREDENTIALS: process.env.GOOGLE_APPLICATION_CREDENTIALS!,
      ANTHROPIC_VERTEX_BASE_URL: `${provider.url}/v1`,
      ANTHROPIC_FOUNDRY_API_KEY: secrets.ANTHROPIC_FOUNDRY_API_KEY,
      ANTHROPIC_FOUNDRY_BASE_URL: `${provider.url}/anthropic/`,
    };
    provider.mode = mode;
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const p of PROVIDERS) {
        const r = await runExperiment(experiment({ provider: p }), { transport: "live" }, { emulator: createEmulator(), env });
        expect(r.ok ? null : r.error, p).toMatchObject({ code: "provider:invalid_response" });
      }
    } finally {
      spy.mockRestore();
      provider.mode = "echo";
    }
  });
});
