// Live runs in the production bundle against a hostile loopback provider (issue 8 items 6–8): a 200
// that is not JSON or not a stream is an invalid response on every provider, Vertex included (its
// errors come from the SDK copy the external Vertex package loads); Foundry works with
// ANTHROPIC_FOUNDRY_RESOURCE set, live and emulated.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { type EchoProvider, canarySecrets, serviceAccountJson, startEchoProvider } from "../lib/providers/testing/echo-provider";
import { actionIds, actionRequest, callAction } from "./support/actions";
import { type Served, startEntry } from "./support/server";

const ids = actionIds();
const PROVIDERS = ["anthropic", "bedrock", "vertex", "foundry"] as const;
const experiment = {
  model: "claude-sonnet-4-6",
  max_tokens: 32,
  system: ["CacheLab keeps a stable prefix so later requests can read it from the cache. ".repeat(20)],
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
};

test.describe.configure({ mode: "serial" });
let provider: EchoProvider;
let dir: string;
const servers: Served[] = [];
test.beforeAll(async () => {
  provider = await startEchoProvider();
  dir = mkdtempSync(join(tmpdir(), "cachelab-live-e2e-"));
  writeFileSync(join(dir, "sa.json"), serviceAccountJson(`${provider.url}/token`));
});
test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await provider?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function liveEnv(secrets: ReturnType<typeof canarySecrets>, bedrock: Record<string, string>) {
  return {
    ANTHROPIC_API_KEY: secrets.ANTHROPIC_API_KEY,
    ANTHROPIC_BASE_URL: provider.url,
    AWS_REGION: "us-east-1",
    ...bedrock,
    ANTHROPIC_BEDROCK_BASE_URL: provider.url,
    ANTHROPIC_VERTEX_PROJECT_ID: "cachelab-canary",
    CLOUD_ML_REGION: "us-east5",
    GOOGLE_APPLICATION_CREDENTIALS: join(dir, "sa.json"),
    ANTHROPIC_VERTEX_BASE_URL: `${provider.url}/v1`,
    // The documented live setup is the resource; the base URL (here the echo provider) wins beside it.
    ANTHROPIC_FOUNDRY_RESOURCE: "cachelab-canary-resource",
    ANTHROPIC_FOUNDRY_BASE_URL: `${provider.url}/anthropic/`,
    ANTHROPIC_FOUNDRY_API_KEY: secrets.ANTHROPIC_FOUNDRY_API_KEY,
  };
}

async function serve(env: Record<string, string>) {
  const s = await startEntry("127.0.0.1", env);
  servers.push(s);
  return s;
}

const live = (s: Served, p: (typeof PROVIDERS)[number]) =>
  callAction(actionRequest(s.url, ids.runExperimentAction, [{ experiment: { ...experiment, provider: p }, transport: "live" }]));

test("a 200 that is not JSON, or not a valid stream, is an invalid response on every provider, not a cut stream", async () => {
  const secrets = canarySecrets();
  const s = await serve(liveEnv(secrets, { AWS_BEARER_TOKEN_BEDROCK: secrets.AWS_BEARER_TOKEN_BEDROCK }));
  for (const mode of ["invalid_json", "invalid_stream"] as const) {
    provider.mode = mode;
    for (const p of PROVIDERS) {
      const a = await live(s, p);
      expect(a.result, `${mode} on ${p}: ${JSON.stringify(a.result)}`).toMatchObject({ ok: false, error: { code: "provider:invalid_response" } });
      expect(a.result!.error!.message).toContain("could not read");
    }
  }
  provider.mode = "echo";
});

test("Foundry runs emulated while ANTHROPIC_FOUNDRY_RESOURCE is set", async () => {
  const s = await serve({ ANTHROPIC_FOUNDRY_RESOURCE: "cachelab-canary-resource", ANTHROPIC_FOUNDRY_API_KEY: "foundry-emulated-check" });
  const a = await callAction(actionRequest(s.url, ids.runExperimentAction, [{ experiment: { ...experiment, provider: "foundry" }, transport: "emulated" }]));
  expect(a.result, JSON.stringify(a.result)).toMatchObject({ ok: true });
  const env = await callAction(actionRequest(s.url, ids.getRunEnvironmentAction, []));
  expect(env.result).toMatchObject({ ok: true, value: { live: { foundry: { configured: true } } } });
});
