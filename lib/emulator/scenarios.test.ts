// Regressions found by driving `cachelab emulate` the way a held-out scenario would (raw HTTP and the
// official SDKs): each test here failed before its fix.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { resolveModel } from "./engine/models";
import { EngineHarness, T0, blocksBody } from "./engine/test-factories";
import { parseFaultSpec } from "./faults";
import { type EmulatorServer, startEmulatorServer } from "./server";
import { createEmulator } from "./transport";

const JSON_TYPE = { "content-type": "application/json" };
const HEADERS = { "content-type": "application/json", "x-api-key": "sk-test", "anthropic-version": "2023-06-01" };
const good = { model: "claude-sonnet-4-6", max_tokens: 20, messages: [{ role: "user", content: "hi" }] };
const BEDROCK_HEADERS = { "content-type": "application/json", authorization: "Bearer bedrock-key" };

describe("ids stay unique across /_emulator/reset", () => {
  it("a request after a reset never reuses an earlier request or message id", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const send = () => emulator.fetch("http://emulator.invalid/v1/messages", { method: "POST", headers: HEADERS, body: JSON.stringify(good) });
    const before = await send();
    const beforeBody = (await before.json()) as { id: string };
    const reset = await emulator.fetch("http://emulator.invalid/_emulator/reset", { method: "POST" });
    expect(reset.status).toBe(200);
    const after = await send();
    const afterBody = (await after.json()) as { id: string };
    expect(after.headers.get("request-id")).not.toBe(before.headers.get("request-id"));
    expect(afterBody.id).not.toBe(beforeBody.id);
  });
});

describe("an unknown path answers in Anthropic's error shape", () => {
  it("404 not_found_error with a request-id header equal to the body's request_id", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const res = await emulator.fetch("http://emulator.invalid/v1/nowhere", { method: "POST", headers: HEADERS, body: "{}" });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { type: string; error: { type: string }; request_id: string };
    expect(body).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    expect(body.request_id).toMatch(/^req_/);
    expect(res.headers.get("request-id")).toBe(body.request_id);
  });
});

describe("fault and clock payloads a test author writes", () => {
  it("delay_seconds is a delay in seconds; after_events names the frames before a cut; slow_response is a delay", () => {
    expect(parseFaultSpec({ kind: "delay", delay_seconds: 1.5 })).toEqual({ ok: true, value: { fault: { kind: "delay", delayMs: 1500 }, count: 1 } });
    expect(parseFaultSpec({ type: "slow_response", delay_ms: 10 })).toEqual({ ok: true, value: { fault: { kind: "delay", delayMs: 10 }, count: 1 } });
    expect(parseFaultSpec({ type: "stream_cut", after_events: 2 })).toEqual({ ok: true, value: { fault: { kind: "stream_cut", afterFrames: 2 }, count: 1 } });
    const bad = parseFaultSpec({ kind: "delay", delay_seconds: "x" });
    expect(!bad.ok && bad.error).toMatch(/delay_seconds/);
  });

  it("POST /_emulator/clock takes {seconds: N} as well as {advance_seconds: N}", async () => {
    const emulator = createEmulator({ latencyScale: 0, startTime: Date.UTC(2026, 0, 1) });
    const res = await emulator.fetch("http://emulator.invalid/_emulator/clock", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seconds: 60 }),
    });
    expect(res.status).toBe(200);
    const { now } = (await res.json()) as { now: string };
    expect(Date.parse(now) - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(60_000);
  });
});

describe("Bedrock model ARNs", () => {
  it("resolve to the model they name (foundation model or system inference profile)", async () => {
    const idOf = (arn: string) => {
      const found = resolveModel(arn, "bedrock");
      return found.ok ? found.model.id : found.error.message;
    };
    expect(idOf("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6")).toBe("claude-sonnet-4-6");
    expect(idOf("arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0")).toBe("claude-3-5-haiku");
    // A model served only through an inference profile refuses its foundation-model ARN too (docs/reference/anthropic-caching.md §6.1).
    expect(idOf("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6")).toContain("with on-demand throughput isn’t supported");
    expect(idOf("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-unknown")).toBe("The provided model identifier is invalid.");
    const emulator = createEmulator({ latencyScale: 0 });
    const arn = encodeURIComponent("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6");
    const { model: _model, ...body } = good;
    const res = await emulator.fetch(`http://emulator.invalid/model/${arn}/invoke`, {
      method: "POST",
      headers: BEDROCK_HEADERS,
      body: JSON.stringify({ ...body, anthropic_version: "bedrock-2023-05-31" }),
    });
    expect(res.status).toBe(200);
  });
});

describe("the standalone server's status line", () => {
  let server: EmulatorServer;
  beforeAll(async () => {
    server = await startEmulatorServer({ port: 0, latencyScale: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it("529 says Overloaded, not Node's 'unknown'", async () => {
    await fetch(`${server.url}/_emulator/faults`, { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ kind: "overloaded" }) });
    const statusMessage = await new Promise<string | undefined>((resolve, reject) => {
      const req = httpRequest(`${server.url}/v1/messages`, { method: "POST", headers: HEADERS }, (res) => {
        res.resume();
        resolve(res.statusMessage);
      });
      req.on("error", reject);
      req.end(JSON.stringify(good));
    });
    expect(statusMessage).toBe("Overloaded");
  });
});

describe("a string system prompt is the text block the API turns it into", () => {
  it("same tokens as the one-block array, so a prefix read equals what the other form wrote", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const text = "The system prompt is long enough to cache once it is repeated often enough. ".repeat(120);
    const send = async (body: unknown, path = "/v1/messages") => {
      const res = await emulator.fetch(`http://emulator.invalid${path}`, { method: "POST", headers: HEADERS, body: JSON.stringify(body) });
      return (await res.json()) as { input_tokens: number; usage: Record<string, number> };
    };
    const asArray = [{ type: "text", text }];
    const countArray = await send({ model: good.model, system: asArray, messages: good.messages }, "/v1/messages/count_tokens");
    const countString = await send({ model: good.model, system: text, messages: good.messages }, "/v1/messages/count_tokens");
    expect(countString.input_tokens).toBe(countArray.input_tokens);

    const wrote = await send({ ...good, system: [{ type: "text", text, cache_control: { type: "ephemeral" } }] });
    const read = await send({ ...good, system: text, messages: [{ role: "user", content: [{ type: "text", text: "hi", cache_control: { type: "ephemeral" } }] }] });
    expect(wrote.usage.cache_creation_input_tokens).toBeGreaterThan(1024);
    expect(read.usage.cache_read_input_tokens).toBe(wrote.usage.cache_creation_input_tokens);
  });
});

describe("wrong types in the other structured fields", () => {
  it.each([
    ["tool_choice", "auto", "tool_choice: Input should be a valid dictionary or object to extract fields from"],
    ["thinking", true, "thinking: Input should be a valid dictionary or object to extract fields from"],
    ["metadata", "user-1", "metadata: Input should be a valid dictionary or object to extract fields from"],
    ["output_config", "high", "output_config: Input should be a valid dictionary or object to extract fields from"],
    ["stop_sequences", "STOP", "stop_sequences: Input should be a valid list"],
    ["stop_sequences", ["STOP", 3], "stop_sequences.1: Input should be a valid string"],
  ])("%s = %j → 400 with the field's path", async (key, value, message) => {
    const emulator = createEmulator({ latencyScale: 0 });
    const res = await emulator.fetch("http://emulator.invalid/v1/messages", { method: "POST", headers: HEADERS, body: JSON.stringify({ ...good, [key]: value }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error", message } });
    const ok = await emulator.fetch("http://emulator.invalid/v1/messages", {
      method: "POST",
      headers: HEADERS,
      body: JSON.stringify({ ...good, tool_choice: { type: "auto" }, thinking: { type: "disabled" }, metadata: { user_id: "u" }, stop_sequences: ["STOP"] }),
    });
    expect(ok.status).toBe(200);
  });
});

describe("parallel writers of one entry (docs/reference/anthropic-caching.md §1.9)", () => {
  it("the entry is readable once any of its writers' responses has begun, not only the first writer's", () => {
    const h = new EngineHarness();
    const a = h.message(blocksBody(12, { marks: { 10: true, 12: true } }), T0);
    const b = h.message(blocksBody(10, { marks: { 10: true } }), T0 + 1);
    expect(a.message.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(b.message.usage.cache_read_input_tokens).toBe(0);
    // B's response begins; A's is still held.
    h.cache.markBegun(b.requestId, T0 + 2);
    const c = h.message(blocksBody(10, { marks: { 10: true } }), T0 + 3);
    expect(c.message.usage.cache_read_input_tokens).toBe(b.message.usage.cache_creation_input_tokens);
  });
});

describe("held responses on a loaded machine", () => {
  const cached = {
    ...good,
    system: [{ type: "text", text: "A system prompt long enough to be cached, repeated to pass the minimum. ".repeat(120), cache_control: { type: "ephemeral" } }],
  };
  const send = (emulator: ReturnType<typeof createEmulator>) =>
    emulator.fetch("http://emulator.invalid/v1/messages", { method: "POST", headers: HEADERS, body: JSON.stringify(cached) });

  it("a request fired 60 ms after a writer (clients under load stagger a fan-out that much) still overlaps it and writes", async () => {
    const emulator = createEmulator();
    const first = send(emulator);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const second = await send(emulator);
    const usage = ((await second.json()) as { usage: { cache_read_input_tokens: number; cache_creation_input_tokens: number } }).usage;
    await first;
    expect(usage.cache_read_input_tokens).toBe(0);
    expect(usage.cache_creation_input_tokens).toBeGreaterThan(0);
  });

  it("a response that wrote nothing is not held for the floor", async () => {
    // A floor of an hour: a read held for it could never answer within this test. The writer is let go
    // at once (its client hangs up; its write still begins, as on the real API), so no wall-clock bound
    // is needed to tell "held" from "not held".
    const emulator = createEmulator({ minHoldMs: 3_600_000 });
    const hangUp = new AbortController();
    const writer = emulator.fetch("http://emulator.invalid/v1/messages", { method: "POST", headers: HEADERS, body: JSON.stringify(cached), signal: hangUp.signal });
    hangUp.abort();
    await writer.catch(() => undefined);
    const held = Symbol("held");
    const read = await Promise.race([send(emulator), new Promise<typeof held>((resolve) => setTimeout(() => resolve(held), 4_000).unref())]);
    expect(read).not.toBe(held);
    expect(((await (read as Response).json()) as { usage: { cache_read_input_tokens: number } }).usage.cache_read_input_tokens).toBeGreaterThan(0);
  });
});

describe("mid-conversation system messages (docs/reference/anthropic-caching.md §1.7, §5.3)", () => {
  const text = "A conversation long enough to be cached, repeated to pass the minimum length. ".repeat(120);
  const turn = (model: string, extra: unknown[] = []) => ({
    model,
    max_tokens: 20,
    messages: [{ role: "user", content: [{ type: "text", text, cache_control: { type: "ephemeral" } }] }, { role: "assistant", content: "ok" }, ...extra],
  });
  const post = async (emulator: ReturnType<typeof createEmulator>, body: unknown) => {
    const res = await emulator.fetch("http://emulator.invalid/v1/messages", { method: "POST", headers: HEADERS, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { usage: { cache_read_input_tokens: number }; error?: { message: string } } };
  };

  it("Opus 5 takes a system message appended to messages, and it does not invalidate the cache before it", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const first = await post(emulator, { ...turn("claude-opus-5"), messages: [...turn("claude-opus-5").messages, { role: "user", content: "next" }] });
    expect(first.status).toBe(200);
    const withSystem = await post(emulator, turn("claude-opus-5", [{ role: "system", content: "Answer briefly from now on." }, { role: "user", content: "next" }]));
    expect(withSystem.status).toBe(200);
    expect(withSystem.body.usage.cache_read_input_tokens).toBeGreaterThan(0);
  });

  it("a model without them answers 400 on the role", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const res = await post(emulator, turn("claude-sonnet-4-6", [{ role: "system", content: "Be brief." }, { role: "user", content: "next" }]));
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toBe("messages.2.role: Input should be 'user' or 'assistant'");
    const robot = await post(emulator, turn("claude-opus-5", [{ role: "robot", content: "x" }]));
    expect(robot.status).toBe(400);
  });
});

describe("each provider's payload limit (docs/reference/anthropic-caching.md §6.1, §6.3)", () => {
  it("Bedrock refuses a 21 MB body with 413; the Messages API takes it", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const big = "word ".repeat((21 * 1024 * 1024) / 5);
    const { model: _model, ...rest } = good;
    const bedrock = await emulator.fetch("http://emulator.invalid/model/anthropic.claude-sonnet-4-6/invoke", {
      method: "POST",
      headers: BEDROCK_HEADERS,
      body: JSON.stringify({ ...rest, anthropic_version: "bedrock-2023-05-31", messages: [{ role: "user", content: big }] }),
    });
    expect(bedrock.status).toBe(413);
    const anthropic = await emulator.fetch("http://emulator.invalid/v1/messages/count_tokens", {
      method: "POST",
      headers: HEADERS,
      body: JSON.stringify({ model: good.model, messages: [{ role: "user", content: big }] }),
    });
    expect(anthropic.status).toBe(200);
  });
});
