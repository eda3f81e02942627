// A hostile provider on loopback, through each of the four real SDKs. Redaction by construction
// (issue 8 item 9, docs/security.md §7): a provider that quotes back every credential it receives, in
// seven forms, leaves no run of 8 characters of any secret (as is, base64 or URL-encoded) in what a
// run returns or what is logged. Labels (item 8): a 200 that is not JSON or not a valid stream is an
// invalid response, not a cut stream.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ProviderId } from "@/lib/cache/wire-types";
import { createEmulator } from "@/lib/emulator/transport";
import { experiment } from "@/lib/runs/testing/factories";
import { runExperiment } from "./run-experiment";
import { type EchoProvider, canaryHits, canarySecrets, serviceAccountJson, startEchoProvider } from "./testing/echo-provider";

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

/** The secret parts of what was sent: a bearer token, a SigV4 key id and signature, or the whole value. */
function sentSecrets(received: Iterable<string>): string[] {
  return [...received].flatMap((v) => {
    const bearer = /^Bearer\s+(\S+)/.exec(v);
    if (bearer) return [bearer[1]!];
    if (v.startsWith("AWS4-HMAC-SHA256")) return [/Credential=([^/]+)/.exec(v)![1]!, /Signature=([0-9a-f]+)/.exec(v)![1]!];
    return [v];
  });
}

const PROVIDERS: ProviderId[] = ["anthropic", "bedrock", "vertex", "foundry"];

describe.each([
  ["a Bedrock API key", (s: ReturnType<typeof canarySecrets>) => ({ AWS_BEARER_TOKEN_BEDROCK: s.AWS_BEARER_TOKEN_BEDROCK })],
  ["SigV4 keys with a session token", (s: ReturnType<typeof canarySecrets>) => ({ AWS_ACCESS_KEY_ID: s.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: s.AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: s.AWS_SESSION_TOKEN })],
])("a provider echoing credentials in 7 forms, Bedrock with %s", (_, bedrock) => {
  it("leaves 0 hits in what the runs return and what is logged", async () => {
    const secrets = canarySecrets();
    const env = {
      ANTHROPIC_API_KEY: secrets.ANTHROPIC_API_KEY,
      ANTHROPIC_BASE_URL: provider.url,
      AWS_REGION: "us-east-1",
      ...bedrock(secrets),
      ANTHROPIC_BEDROCK_BASE_URL: provider.url,
      ANTHROPIC_VERTEX_PROJECT_ID: "cachelab-canary",
      CLOUD_ML_REGION: "us-east5",
      GOOGLE_APPLICATION_CREDENTIALS: process.env.GOOGLE_APPLICATION_CREDENTIALS!,
      ANTHROPIC_VERTEX_BASE_URL: `${provider.url}/v1`,
      ANTHROPIC_FOUNDRY_API_KEY: secrets.ANTHROPIC_FOUNDRY_API_KEY,
      ANTHROPIC_FOUNDRY_BASE_URL: `${provider.url}/anthropic/`,
    };
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    provider.received.clear();
    const echoesBefore = provider.echoes;
    const returned: string[] = [];
    try {
      for (const p of PROVIDERS) {
        const r = await runExperiment(experiment({ provider: p }), { transport: "live" }, { emulator: createEmulator(), env });
        expect(r.ok ? "ok" : r.error.code, `${p}: ${JSON.stringify(r)}`).toBe("provider:invalid_request");
        returned.push(JSON.stringify(r));
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    // The provider did quote the credentials, one answer per provider…
    expect(provider.echoes - echoesBefore).toBe(4);
    expect(provider.received.size).toBeGreaterThanOrEqual(4);
    // …and none of it, nor any configured secret, is left.
    const everything = [...returned, ...logged].join("\n");
    const configured = Object.entries(env).filter(([name]) => /KEY|TOKEN|SECRET/.test(name) && name !== "GOOGLE_APPLICATION_CREDENTIALS").map(([, v]) => v);
    expect(canaryHits(everything, [...configured, ...sentSecrets(provider.received)])).toEqual([]);
    // The provider's own words around the quotes survive, so the message still says something.
    expect(returned.join("\n")).toContain("invalid credential: [redacted]");
  });
});

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
    provider.received.clear();
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    const returned: string[] = [];
    try {
      for (const p of PROVIDERS) {
        const r = await runExperiment(experiment({ provider: p }), { transport: "live" }, { emulator: createEmulator(), env });
        expect(r.ok ? null : r.error, p).toMatchObject({ code: "provider:invalid_response" });
        returned.push(JSON.stringify(r));
      }
    } finally {
      spy.mockRestore();
      provider.mode = "echo";
    }
    // The SDKs log the chunk they could not parse (it quotes the credentials): through the scrubbing logger.
    if (mode === "invalid_stream") expect(logged.join("\n")).toContain("Could not parse message into JSON");
    const configured = Object.entries(env).filter(([name]) => /KEY|TOKEN|SECRET/.test(name)).map(([, v]) => v);
    expect(canaryHits([...returned, ...logged].join("\n"), [...configured, ...sentSecrets(provider.received)])).toEqual([]);
  });
});
