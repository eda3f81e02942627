// Live runs in the production bundle against a hostile loopback provider (issue 8 items 6–9): every
// provider's failure gets its code and status (Vertex's errors come from the SDK copy the external
// Vertex package loads); Foundry works with ANTHROPIC_FOUNDRY_RESOURCE set; a 200 that is not JSON or
// not a stream is an invalid response; and a provider that quotes every credential it receives in
// seven forms leaves 0 hits in what the actions return and in the server's log.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { type EchoProvider, canaryHits, canarySecrets, serviceAccountJson, startEchoProvider } from "../lib/providers/testing/echo-provider";
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

/** The secret parts of what the provider received: a bearer token, a SigV4 key id and signature, or the whole value. */
function sentSecrets(received: Iterable<string>): string[] {
  return [...received].flatMap((v) => {
    const bearer = /^Bearer\s+(\S+)/.exec(v);
    if (bearer) return [bearer[1]!];
    if (v.startsWith("AWS4-HMAC-SHA256")) return [/Credential=([^/]+)/.exec(v)![1]!, /Signature=([0-9a-f]+)/.exec(v)![1]!];
    return [v];
  });
}

for (const [label, bedrock] of [
  ["a Bedrock API key", (s: ReturnType<typeof canarySecrets>) => ({ AWS_BEARER_TOKEN_BEDROCK: s.AWS_BEARER_TOKEN_BEDROCK })],
  ["SigV4 keys and a session token", (s: ReturnType<typeof canarySecrets>) => ({ AWS_ACCESS_KEY_ID: s.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: s.AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: s.AWS_SESSION_TOKEN })],
] as const) {
  test(`credentials echoed in 7 forms, Bedrock with ${label}: classified on every provider, 0 hits in answers and log`, async () => {
    const secrets = canarySecrets();
    const env = liveEnv(secrets, bedrock(secrets));
    const s = await serve(env);
    provider.mode = "echo";
    provider.received.clear();
    const before = provider.echoes;
    const answers = [];
    for (const p of PROVIDERS) {
      const a = await live(s, p);
      expect(a.result, `${p}: ${a.text}`).toMatchObject({ ok: false, error: { code: "provider:invalid_request", status: 400 } });
      expect(a.result!.error!.message).toMatch(/rejected the request \(400\): invalid credential: .*\[redacted\]/);
      answers.push(JSON.stringify(a.result));
    }
    expect(provider.echoes - before).toBe(4);
    const configured = Object.entries(env).filter(([name]) => /KEY|TOKEN|SECRET/.test(name)).map(([, v]) => v);
    await s.stop();
    const hits = canaryHits([...answers, s.output()].join("\n"), [...configured, ...sentSecrets(provider.received)]);
    console.log(`provider-live: ${provider.received.size} credentials echoed in 7 forms by 4 providers; ${hits.length} hits in ${answers.join("").length} B of answers and ${s.output().length} B of server log`);
    expect(hits).toEqual([]);
  });
}

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
