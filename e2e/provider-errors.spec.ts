// Provider failures are classified the same way on every provider in the production bundle (issue 8
// items 6 and 8). The Vertex SDK is a server-external package that loads its own copy of
// @anthropic-ai/sdk, so an `instanceof` check against the bundled copy fails for its errors; Vitest
// does not bundle and cannot see this. Here the built server runs emulated runs (the same SDK
// clients, pointed at the in-process emulator) after a queued fault (CACHELAB_TEST_MODE=1).
import { expect, test } from "@playwright/test";
import { actionIds, actionRequest, callAction } from "./support/actions";

const ids = actionIds();
const PROVIDERS = ["anthropic", "bedrock", "vertex", "foundry"] as const;
const experiment = {
  model: "claude-sonnet-4-6",
  max_tokens: 32,
  system: ["CacheLab keeps a stable prefix so later requests can read it from the cache. ".repeat(20)],
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
};

const FAULTS = [
  { fault: { kind: "rate_limit", retryAfterSeconds: 7 }, expected: { code: "provider:rate_limited", status: 429, retryAfterSeconds: 7 }, says: "retry in 7 s" },
  { fault: { kind: "server_error" }, expected: { code: "provider:server_error", status: 500 }, says: "internal error (500)" },
  { fault: { kind: "overloaded" }, expected: { code: "provider:overloaded", status: 529 }, says: "overloaded (529)" },
  // A 504 is `timeout_error` (docs/reference/anthropic-caching.md §5.5), not an internal error.
  { fault: { kind: "timeout" }, expected: { code: "provider:timeout", status: 504 }, says: "timed out" },
  { fault: { kind: "connection_error" }, expected: { code: "provider:network" }, says: "Could not reach" },
  { fault: { kind: "stream_cut", afterFrames: 2, cut: "end" }, expected: { code: "provider:stream_cut" }, says: "cut the response stream" },
] as const;

for (const provider of PROVIDERS) {
  test(`${provider}: each injected fault gets its own code, status and retry time in the production bundle`, async ({ baseURL }) => {
    const call = (name: keyof typeof ids, args: unknown[]) => callAction(actionRequest(baseURL!, ids[name], args));
    for (const { fault, expected, says } of FAULTS) {
      const queued = await call("injectEmulatorFaultAction", [{ ...fault, provider }]);
      expect(queued.result, JSON.stringify(queued)).toEqual({ ok: true, value: null });
      const run = await call("runExperimentAction", [{ experiment: { ...experiment, provider }, transport: "emulated", scope: `errors-${provider}` }]);
      expect(run.result, `${provider} ${fault.kind}`).toMatchObject({ ok: false, error: expected });
      expect(run.result!.error!.message).toContain(says);
      expect(run.result!.error!.code).not.toBe("provider:unexpected");
    }
    // A status the emulator answers itself (no fault): a model the provider does not know (404, or
    // 400 ValidationException on Bedrock) keeps its status and a code of its own.
    const unknown = await call("runExperimentAction", [{ experiment: { ...experiment, provider, model: "claude-nonexistent-9" }, transport: "emulated", scope: `errors-${provider}` }]);
    expect(unknown.result!.error!.code).toMatch(/^provider:(not_found|invalid_request)$/);
    expect([400, 404]).toContain(unknown.result!.error!.status);
  });
}
