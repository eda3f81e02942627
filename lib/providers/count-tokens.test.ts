// Exact prefix counts (issue 10 item 14) from each live provider's count-tokens endpoint, through its
// real SDK, against `cachelab emulate` as the live endpoint via the base-URL variables (docs/providers.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderId } from "@/lib/cache/wire-types";
import { type SpawnedEmulator, spawnEmulator } from "@/lib/emulator/testing/spawn";
import { createEmulator } from "@/lib/emulator/transport";
import { LONG_TEXT, experiment } from "@/lib/runs/testing/factories";
import { countPrefixes } from "./count-tokens";
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

const env = () => ({
  ANTHROPIC_API_KEY: `${"sk-ant-"}test-count-0123456789`,
  ANTHROPIC_BASE_URL: base,
  ANTHROPIC_VERTEX_PROJECT_ID: "cachelab-count",
  CLOUD_ML_REGION: "us-east5",
  GOOGLE_APPLICATION_CREDENTIALS: "/dev/null",
  ANTHROPIC_VERTEX_BASE_URL: `${base}/v1`,
  ANTHROPIC_FOUNDRY_BASE_URL: `${base}/anthropic/`,
  ANTHROPIC_FOUNDRY_API_KEY: "foundry-count-value",
  AWS_REGION: "us-east-1",
  AWS_BEARER_TOKEN_BEDROCK: "bedrock-count-value",
  ANTHROPIC_BEDROCK_BASE_URL: base,
});
const vertexAuthClient = { getRequestHeaders: async () => new Headers({ authorization: "Bearer vertex-count-token" }), projectId: "cachelab-count" };
const deps = () => ({ env: env(), vertexAuthClient });

async function control(path: string, body?: unknown) {
  const r = await fetch(`${base}/_emulator/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(r.ok).toBe(true);
  return r.json() as Promise<unknown>;
}

/** A system breakpoint (1h) and one on the last message block. */
const twoBreakpoints = (question = "Summarise the document in one line.") =>
  experiment({
    settings: { cache_instructions: "1h", cache_messages: true },
    system: [LONG_TEXT],
    messages: [{ role: "user", content: [{ type: "text", text: question }] }],
  });

describe.each<ProviderId>(["anthropic", "bedrock", "vertex", "foundry"])("exact prefix counts on live %s (cachelab emulate)", (provider) => {
  it("counts each kept breakpoint's prefix, and the count of the last one is what a run of it caches", async () => {
    await control("reset", {});
    const exp = { ...twoBreakpoints(), provider };
    const counted = await countPrefixes(exp, {}, deps());
    if (!counted.ok) throw new Error(counted.error.message);
    expect(counted.value.map((c) => [c.path, c.withPlaceholderTurn])).toEqual([
      ["system[0]", true],
      ["messages[0].content[0]", false],
    ]);
    const [system, last] = counted.value;
    expect(last!.tokens).toBeGreaterThan(system!.tokens - 10);
    // The emulator's count_tokens agrees with its own usage: a run that caches everything up to the
    // last block writes exactly the last prefix's count (docs/reference/anthropic-caching.md §1.4, §4).
    const run = await runExperiment(exp, { transport: "live" }, { emulator: createEmulator(), ...deps() });
    if (!run.ok) throw new Error(run.error.message);
    const u = run.value.usage!;
    expect(u.uncachedInput + u.cacheWrite5m + u.cacheWrite1h + u.cacheRead).toBe(last!.tokens);
    expect(u.uncachedInput).toBe(0);
  });
});

describe("exact counts are cached by prefix", () => {
  it("an edit after a breakpoint recounts only the prefixes it changed", async () => {
    await control("reset", {});
    await fetch(`${base}/_emulator/faults`, { method: "DELETE" });
    const first = await countPrefixes(twoBreakpoints("First question?"), {}, deps());
    expect(first.ok).toBe(true);
    // Any count request that reaches the provider now fails.
    await control("faults", { kind: "server_error", path: "/v1/messages/count_tokens", count: 5, should_retry: false });
    const again = await countPrefixes(twoBreakpoints("First question?"), {}, deps());
    expect(again).toEqual(first);
    // A new last message changes only the last prefix: the system one still comes from the cache.
    const edited = await countPrefixes(twoBreakpoints("Another question?"), {}, deps());
    expect(edited.ok).toBe(false);
    const queued = (await control("faults")) as { faults?: unknown[] } | unknown[];
    const left = Array.isArray(queued) ? queued.length : (queued.faults?.length ?? 0);
    expect(left).toBe(4);
    await fetch(`${base}/_emulator/faults`, { method: "DELETE" });
  });

  it("refuses a provider that is not configured, with the variables to set", async () => {
    const r = await countPrefixes(twoBreakpoints(), {}, { env: {} });
    expect(r.ok ? null : r.error).toMatchObject({ code: "provider:not_configured", message: expect.stringContaining("ANTHROPIC_API_KEY") });
  });
});
