// The OpenAI target's action as a public endpoint: the same gate as runs (access first), malformed and
// invalid input refused with a sentence and nothing run, a good run returned as a record without a key.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { LONG_TEXT } from "@/lib/runs/testing/factories";
import { resetGuardState } from "@/lib/providers/guard";
import { type RequestContext, requestStorage } from "@/lib/providers/request-context";

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "127.0.0.1:3000" }),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));

let socket: Partial<RequestContext> = {};
const inRequest = <T>(fn: () => Promise<T>): Promise<T> =>
  requestStorage().run({ client: "127.0.0.1", loopback: true, secure: false, accessCookie: null, viaEntry: true, memo: {}, ...socket }, fn);

const { createEmulator } = await import("@/lib/emulator/transport");
const emulator = createEmulator({ latencyScale: 0 });
(globalThis as Record<symbol, unknown>)[Symbol.for("cachelab.emulator")] = emulator;
const actions = await import("./targets");
const run = (raw: unknown) => inRequest(() => actions.runOpenAITargetAction(raw));

const experiment = { settings: { cache_instructions: true }, system: [LONG_TEXT], messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }] };

beforeEach(() => {
  socket = {};
  resetGuardState();
  emulator.reset();
  delete process.env.CACHELAB_ACCESS_TOKEN;
  delete process.env.OPENAI_API_KEY;
});

describe("runOpenAITargetAction", () => {
  it("runs emulated and reads on the repeat", async () => {
    const first = await run({ experiment, transport: "emulated" });
    const second = await run({ experiment, transport: "emulated" });
    expect(first.ok && first.value.usage.cacheWrite["30m"]).toBeGreaterThan(0);
    expect(second.ok && second.value.usage.cacheRead).toBe(first.ok ? first.value.usage.cacheWrite["30m"] : -1);
  });

  it("checks access before anything else, as the run actions do", async () => {
    socket = { client: "192.0.2.10", loopback: false };
    expect(await run({ experiment, transport: "emulated" })).toMatchObject({ ok: false, error: { code: "access:denied" } });
    expect(emulator.vendors.openai.entries()).toEqual([]);
  });

  it("refuses malformed and invalid input with a sentence, running nothing", async () => {
    expect(await run({ experiment, transport: "teleport" })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await run({ experiment: { messages: "no" }, transport: "emulated" })).toMatchObject({ ok: false, error: { code: "invalid_experiment", message: expect.stringContaining("messages") } });
    expect(emulator.vendors.openai.entries()).toEqual([]);
  });

  it("says which variable to set for live, and never returns a key", async () => {
    const refused = await run({ experiment, transport: "live" });
    expect(refused).toMatchObject({ ok: false, error: { code: "provider:not_configured", message: expect.stringContaining("OPENAI_API_KEY") } });
    process.env.OPENAI_API_KEY = "sk-proj-thisisnotarealkeybutlooksalot1234";
    const availability = await inRequest(() => actions.getOpenAIAvailabilityAction());
    expect(availability).toEqual({ ok: true, value: { configured: true, reason: null } });
    expect(JSON.stringify(availability)).not.toContain("sk-proj");
  });
});

describe("runConverseTargetAction", () => {
  const runConverse = (raw: unknown) => inRequest(() => actions.runConverseTargetAction(raw));

  it("runs emulated through @aws-sdk/client-bedrock-runtime and reads on the repeat", async () => {
    const first = await runConverse({ experiment, transport: "emulated" });
    const second = await runConverse({ experiment, transport: "emulated" });
    expect(first.ok && first.value.usage.cacheWrite["5m"]).toBeGreaterThan(0);
    expect(second.ok && second.value.usage.cacheRead).toBe(first.ok ? first.value.usage.cacheWrite["5m"] : -1);
  });

  it("checks access first and refuses malformed input, running nothing", async () => {
    socket = { client: "192.0.2.10", loopback: false };
    expect(await runConverse({ experiment, transport: "emulated" })).toMatchObject({ ok: false, error: { code: "access:denied" } });
    socket = {};
    expect(await runConverse({ experiment, transport: "emulated", extra: 1 })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(emulator.entries()).toEqual([]);
  });

  it("says which settings to set for live, and never returns a credential", async () => {
    for (const name of ["AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_BEARER_TOKEN_BEDROCK"]) delete process.env[name];
    const refused = await runConverse({ experiment, transport: "live" });
    expect(refused).toMatchObject({ ok: false, error: { code: "provider:not_configured", message: expect.stringContaining("AWS_REGION") } });
    process.env.AWS_REGION = "us-east-1";
    process.env.AWS_BEARER_TOKEN_BEDROCK = "bedrock-api-key-notreal-1234567890";
    const availability = await inRequest(() => actions.getConverseAvailabilityAction());
    expect(availability).toEqual({ ok: true, value: { configured: true, reason: null } });
    expect(JSON.stringify(availability)).not.toContain("bedrock-api-key");
    delete process.env.AWS_REGION;
    delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  });
});

describe("runTargetAction (compare across vendors)", () => {
  const runOn = (raw: unknown) => inRequest(() => actions.runTargetAction(raw));

  it("runs the experiment on the target it names, in the scope it is given, in one shape", async () => {
    for (const target of ["anthropic", "openai", "bedrock-converse"]) {
      const first = await runOn({ experiment, transport: "emulated", target, scope: `cmp-${target}` });
      const second = await runOn({ experiment, transport: "emulated", target, scope: `cmp-${target}` });
      if (!first.ok || !second.ok) throw new Error("refused");
      const [a] = first.value;
      const [b] = second.value;
      if (!a?.ok || !b?.ok) throw new Error(`${target} failed`);
      expect(a.value.target).toBe(target);
      expect(b.value.usage.cacheRead).toBeGreaterThan(1000);
      expect(b.value.cost).toBeLessThan(b.value.costWithoutCache);
    }
  });

  it("sends a fan-out step's runs together, spending one unit of the budget each", async () => {
    const fan = await runOn({ experiment, transport: "emulated", target: "openai", scope: "fan", count: 3 });
    expect(fan.ok && fan.value.map((r) => r.ok)).toEqual([true, true, true]);
  });

  it("checks access first and refuses a target it cannot run, or a malformed count, running nothing", async () => {
    socket = { client: "192.0.2.10", loopback: false };
    expect(await runOn({ experiment, transport: "emulated", target: "openai" })).toMatchObject({ ok: false, error: { code: "access:denied" } });
    socket = {};
    expect(await runOn({ experiment, transport: "emulated", target: "nova" })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await runOn({ experiment, transport: "emulated", target: "openai", count: 99 })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await runOn({ experiment, transport: "emulated" })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(emulator.vendors.openai.entries()).toEqual([]);
    expect(emulator.entries()).toEqual([]);
  });
});

describe("runCompareStepAction", () => {
  const step = (raw: unknown) => inRequest(() => actions.runCompareStepAction(raw));

  it("moves the clock first, then runs every target in its own scope, in order", async () => {
    const runs = [
      { experiment, target: "anthropic", scope: "cmp-s-t0" },
      { experiment, target: "openai", scope: "cmp-s-t1" },
    ];
    const first = await step({ runs });
    const before = emulator.now();
    const second = await step({ runs, advanceSeconds: 120 });
    if (!first.ok || !second.ok) throw new Error("step failed");
    expect(first.value.map((r) => r.ok && r.value.target)).toEqual(["anthropic", "openai"]);
    const [claude, openai] = second.value;
    expect(claude!.ok && claude!.value.startedAt - before).toBeGreaterThanOrEqual(120_000);
    // Each read what its own first run wrote: two scopes, two caches.
    expect(claude!.ok && claude!.value.usage.cacheRead).toBe(first.value[0]!.ok ? first.value[0]!.value.usage.cacheWrite["5m"] : -1);
    expect(openai!.ok && openai!.value.usage.cacheRead).toBe(first.value[1]!.ok ? first.value[1]!.value.usage.cacheWrite["30m"] : -1);
  });

  it("checks every experiment before the clock moves or anything runs, and says which target's is wrong", async () => {
    const before = emulator.now();
    const bad = await step({ advanceSeconds: 3600, runs: [{ experiment, target: "anthropic", scope: "a" }, { experiment: { messages: "no" }, target: "openai", scope: "b" }] });
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid_experiment", message: expect.stringMatching(/^Target 2: .*messages/) } });
    expect(emulator.now() - before).toBeLessThan(3_600_000);
    expect(emulator.entries()).toEqual([]);
    expect(emulator.vendors.openai.entries()).toEqual([]);
    expect(await step({ runs: [] })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await step({ runs: [{ experiment, target: "openai", scope: "x" }], transport: "live" })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    socket = { client: "192.0.2.10", loopback: false };
    expect(await step({ runs: [{ experiment, target: "openai", scope: "x" }] })).toMatchObject({ ok: false, error: { code: "access:denied" } });
    expect(emulator.vendors.openai.entries()).toEqual([]);
  });
});
