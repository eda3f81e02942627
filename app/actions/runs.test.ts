// The run actions as public endpoints: malformed, oversized and invalid input is refused with a
// sentence; access and test-mode rules hold; a good run comes back as a record. Each call runs inside
// the request record the server entry makes from the socket (lib/providers/request-context.ts).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_TOOLS } from "@/lib/cache/experiment-limits";
import { LONG_TEXT } from "@/lib/runs/testing/factories";
import { resetGuardState } from "@/lib/providers/guard";
import { type RequestContext, requestStorage } from "@/lib/providers/request-context";

const request = { cookie: undefined as string | undefined, set: [] as unknown[] };
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "127.0.0.1:3000" }),
  cookies: async () => ({ get: () => (request.cookie ? { value: request.cookie } : undefined), set: (...args: unknown[]) => void request.set.push(args) }),
}));

/** The socket the entry saw: loopback by default. */
let socket: Partial<RequestContext> = {};
const inRequest = <T>(fn: () => Promise<T>): Promise<T> =>
  requestStorage().run({ client: "127.0.0.1", loopback: true, secure: false, accessCookie: request.cookie ?? null, viaEntry: true, memo: {}, ...socket }, fn);

// The shared emulator, held long enough per response (20% of its modelled TTFT) that a fan-out surely overlaps.
const { createEmulator } = await import("@/lib/emulator/transport");
(globalThis as Record<symbol, unknown>)[Symbol.for("cachelab.emulator")] = createEmulator({ latencyScale: 0.2 });

const actions = await import("./runs");
type Actions = typeof actions;
const wrap = <K extends keyof Actions>(name: K) => ((...args: unknown[]) => inRequest(() => (actions[name] as (...a: unknown[]) => Promise<unknown>)(...args))) as Actions[K];
const advanceEmulatorClockAction = wrap("advanceEmulatorClockAction");
const getRunEnvironmentAction = wrap("getRunEnvironmentAction");
const injectEmulatorFaultAction = wrap("injectEmulatorFaultAction");
const listEmulatorEntriesAction = wrap("listEmulatorEntriesAction");
const resetEmulatorCacheAction = wrap("resetEmulatorCacheAction");
const runExperimentAction = wrap("runExperimentAction");
const runParallelAction = wrap("runParallelAction");
const runSeriesBatchAction = wrap("runSeriesBatchAction");
const setAccessTokenAction = wrap("setAccessTokenAction");

const experiment = {
  model: "claude-sonnet-4-6",
  max_tokens: 32,
  settings: { cache_instructions: true },
  system: [LONG_TEXT],
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
};

beforeEach(async () => {
  socket = {};
  request.cookie = undefined;
  request.set = [];
  resetGuardState();
  delete process.env.CACHELAB_ACCESS_TOKEN;
  delete process.env.CACHELAB_TEST_MODE;
  await resetEmulatorCacheAction();
});

describe("runExperimentAction", () => {
  it("runs the experiment on the shared emulator and returns the record", async () => {
    const first = await runExperimentAction({ experiment, transport: "emulated" });
    const second = await runExperimentAction({ experiment, transport: "emulated" });
    expect(first.ok && first.value.usage!.cacheWrite5m).toBeGreaterThan(1024);
    expect(second.ok && second.value.usage!.cacheRead).toBeGreaterThan(1024);
    const entries = await listEmulatorEntriesAction();
    expect(entries.ok && entries.value.length).toBe(1);
  });

  it("refuses malformed input, unknown fields and invalid experiments with a sentence", async () => {
    expect(await runExperimentAction("nope")).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await runExperimentAction({ experiment, transport: "emulated", apiKey: "x" })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    const bad = await runExperimentAction({ experiment: { ...experiment, messages: "x" }, transport: "emulated" });
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid_experiment" } });
  });

  it("answers an invalid experiment with a short error: the first issues, never the whole list", async () => {
    // As many invalid tools as the schema lets through to item-by-item validation (experiment-limits.ts).
    const r = await runExperimentAction({ experiment: { ...experiment, tools: Array.from({ length: MAX_TOOLS }, () => 0) }, transport: "emulated" });
    expect(r).toMatchObject({ ok: false, error: { code: "invalid_experiment" } });
    expect(r.ok ? [] : r.error.issues).toHaveLength(10);
    expect(r.ok ? "" : r.error.message).toContain(`(and ${MAX_TOOLS - 1} more)`);
    expect(JSON.stringify(r).length).toBeLessThan(4_000);
  });

  it("refuses an experiment over the size cap before parsing it", async () => {
    const huge = { ...experiment, system: ["x".repeat(3_600_000)] };
    const r = await runExperimentAction({ experiment: huge, transport: "emulated" });
    expect(r).toMatchObject({ ok: false, error: { code: "invalid_input", status: 413 } });
  });

  it("refuses a live run on a provider without credentials", async () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    const r = await runExperimentAction({ experiment, transport: "live" });
    expect(r).toMatchObject({ ok: false, error: { code: "provider:not_configured" } });
    if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
  });
});

describe("access", () => {
  it("needs the access token when the socket is another machine's, whatever the Host header says", async () => {
    socket = { client: "192.0.2.10", loopback: false };
    expect(await runExperimentAction({ experiment, transport: "emulated" })).toMatchObject({ ok: false, error: { code: "access:denied" } });
    process.env.CACHELAB_ACCESS_TOKEN = "s3cret-token";
    request.cookie = "s3cret-token";
    expect((await runExperimentAction({ experiment, transport: "emulated" })).ok).toBe(true);
    const env = await getRunEnvironmentAction();
    expect(env.ok && env.value.access).toEqual({ required: true, granted: true, message: null });
    expect(JSON.stringify(env)).not.toContain("s3cret-token");
  });

  it("refuses every action when the server runs without its entry (a bare `next start`), loopback Host or not", async () => {
    const bare = await actions.runExperimentAction({ experiment, transport: "emulated" });
    expect(bare).toMatchObject({ ok: false, error: { code: "access:denied" } });
    expect(bare.ok ? "" : bare.error.message).toContain("npm run start");
    const env = await actions.getRunEnvironmentAction();
    expect(env.ok && env.value.access.granted).toBe(false);
    expect(env.ok && env.value.live.anthropic.configured).toBe(false);
  });

  it("checks access before parsing: an unauthenticated malformed request gets access:denied, not a validation list", async () => {
    socket = { client: "192.0.2.10", loopback: false };
    const huge = { experiment: { ...experiment, tools: Array.from({ length: 50_000 }, () => 0) }, transport: "emulated" };
    const r = await runExperimentAction(huge);
    expect(r).toMatchObject({ ok: false, error: { code: "access:denied" } });
    expect(JSON.stringify(r).length).toBeLessThan(1_000);
  });

  it("sets the cookie only for the right token, Secure when served over HTTPS", async () => {
    process.env.CACHELAB_ACCESS_TOKEN = "s3cret-token";
    socket = { client: "192.0.2.10", loopback: false, secure: true };
    expect(await setAccessTokenAction("wrong")).toEqual({ ok: true, value: { granted: false } });
    expect(request.set).toEqual([]);
    expect(await setAccessTokenAction("s3cret-token")).toEqual({ ok: true, value: { granted: true } });
    expect(request.set).toEqual([["cachelab_access", "s3cret-token", { httpOnly: true, sameSite: "strict", path: "/", secure: true }]]);
  });
});

describe("emulator controls", () => {
  it("moves the virtual clock so the next run misses a 5m entry", async () => {
    await runExperimentAction({ experiment, transport: "emulated" });
    const moved = await advanceEmulatorClockAction({ seconds: 360 });
    expect(moved.ok).toBe(true);
    expect(await advanceEmulatorClockAction({ seconds: -1 })).toMatchObject({ ok: false });
    const after = await runExperimentAction({ experiment, transport: "emulated" });
    expect(after.ok && after.value.usage!.cacheRead).toBe(0);
  });

  it("fans out in parallel: every first request writes", async () => {
    const r = await runParallelAction({ experiment, transport: "emulated", count: 3 });
    expect(r.ok && r.value.every((x) => x.ok && x.value.usage!.cacheWrite5m > 0)).toBe(true);
    expect(await runParallelAction({ experiment, transport: "emulated", count: 1000 })).toMatchObject({ ok: false });
  });

  it("injects faults only in test mode", async () => {
    expect(await injectEmulatorFaultAction({ kind: "overloaded" })).toMatchObject({ ok: false, error: { code: "not_available" } });
    process.env.CACHELAB_TEST_MODE = "1";
    expect((await injectEmulatorFaultAction({ kind: "overloaded" })).ok).toBe(true);
    expect(await runExperimentAction({ experiment, transport: "emulated" })).toMatchObject({ ok: false, error: { code: "provider:overloaded" } });
  });
});

describe("runSeriesBatchAction", () => {
  const traffic = { ratePerHour: 12, durationHours: 1, gaps: "fixed", seed: 1, sessionTurns: 2, turnGapSeconds: 60 };
  const series = (o: Record<string, unknown> = {}) => ({
    transport: "emulated",
    options: { mode: "traffic", runs: 0, gapSeconds: 0, warmUp: false, continueOnError: true, traffic },
    variants: [{ variant: "A", experiment }, { variant: "B", experiment: { ...experiment, settings: { cache_instructions: "1h" } } }],
    scope: "browser-1",
    fresh: "sim1",
    ...o,
  });

  it("runs a simulation batch after batch on the shared emulator until it is done", async () => {
    let cursor: unknown;
    const runs: { variant: string; traffic?: unknown }[] = [];
    for (let calls = 0; ; calls++) {
      const batch = await runSeriesBatchAction(series(cursor ? { cursor } : {}));
      if (!batch.ok) throw new Error(batch.error.message);
      runs.push(...batch.value.runs);
      expect(batch.value.total).toBe(48);
      if (batch.value.stoppedBy !== "paused") break;
      cursor = batch.value.cursor;
    }
    expect(runs).toHaveLength(48);
    expect(runs.filter((r) => r.variant === "B")).toHaveLength(24);
    expect(runs[0]!.traffic).toEqual({ atMs: 0, session: 1, turn: 1, windowMs: 3_600_000 });
  });

  it("keeps a comparison's cache sharing: shared, A reads what B wrote; own, it does not", async () => {
    // The same experiment as A and B, one run each: B runs second and reads A's entry only in one cache.
    const readsOfB = async (cacheSharing: "own" | "shared", scope: string) => {
      const batch = await runSeriesBatchAction(
        series({ options: { mode: "repeat", runs: 1, gapSeconds: 0, warmUp: false, continueOnError: true }, variants: ["A", "B"].map((variant) => ({ variant, experiment, cacheSharing })), scope, fresh: undefined }),
      );
      if (!batch.ok) throw new Error(batch.error.message);
      return batch.value.runs.find((r) => r.variant === "B")!.usage!.cacheRead;
    };
    expect(await readsOfB("shared", "sharing-1")).toBeGreaterThan(1024);
    expect(await readsOfB("own", "sharing-2")).toBe(0);
  });

  it("refuses what it cannot run, with a sentence", async () => {
    const refused = async (o: Record<string, unknown>) => {
      const r = await runSeriesBatchAction(series(o));
      expect(r.ok).toBe(false);
      return r.ok ? "" : r.error.message;
    };
    expect(await refused({ transport: "live" })).toMatch(/malformed/);
    expect(await refused({ variants: [{ variant: "A", experiment }, { variant: "A", experiment }] })).toMatch(/each variant at most once/);
    expect(await refused({ variants: ["A", "B", "C", "A"].map((variant) => ({ variant, experiment })) })).toMatch(/malformed/);
    expect(await refused({ variants: [{ variant: "A", experiment }, { variant: "B", experiment: { ...experiment, messages: "x" } }] })).toMatch(/^Variant B: /);
    expect(await refused({ options: { mode: "traffic", runs: 0, gapSeconds: 0, warmUp: false, continueOnError: true, traffic: { ...traffic, ratePerHour: 36_000, durationHours: 168 } } })).toMatch(/more than 10,000 runs \(2 variants\)/);
    expect(await refused({ cursor: { step: 3, grown: { "C:1": [] } } })).toMatch(/names variant C/);
    expect(await refused({ cursor: { step: 3, grown: { "A:1": [{ role: "user", content: [{ type: "cache_point", ttl: "2h" }] }] } } })).toMatch(/not valid/);
    expect(await refused({ variants: [{ variant: "A", experiment: { ...experiment, system: ["x".repeat(3_600_000)] } }] })).toMatch(/at most 3.5 MB/);
  });

  it("passes the same access gate as a single run, before it parses anything", async () => {
    socket = { client: "192.0.2.10", loopback: false };
    expect(await runSeriesBatchAction(series())).toMatchObject({ ok: false, error: { code: "access:denied" } });
    expect(await runSeriesBatchAction({ variants: Array.from({ length: 50_000 }, () => 0) })).toMatchObject({ ok: false, error: { code: "access:denied" } });
  });
});
